"""List the word tables and large regexes written as Python literals in the package.

A table is a set/frozenset/tuple/list literal of more than MIN_ENTRIES strings, a string
of more than MIN_ENTRIES words split into a list (`"a b c".split()`), or a dict literal
with more than MIN_ENTRIES string keys; a large regex is a string passed to
`re.compile` (or `re.search`, ...) longer than MIN_REGEX characters.  With `--words`, only
*word tables* count: tables whose entries are mostly lower-case words (not identifiers with
underscores, codes in capitals or spaCy labels) and, for dicts, whose values are all
constants (a dict built from variables is a record being serialised, not a table).
Prints one line per find and a total; `--summary` prints only the totals.  Used for
issue 15's before/after count and by tests/test_lang.py, which fails when a word table
or a large regex appears in the code outside `lang/`.

    python scripts/find_word_tables.py [--summary] [--words] [ROOT]
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MIN_ENTRIES = 5
MIN_REGEX = 60
REGEX_CALLS = frozenset({"compile", "search", "match", "fullmatch", "finditer", "findall",
                         "sub", "split"})


@dataclass(frozen=True)
class Find:
    path: str
    line: int
    kind: str
    size: int
    name: str  # the assignment or function the literal sits in


WORD = re.compile(r"[a-z][a-z' .-]*")


def _labels() -> frozenset[str]:
    from spacy.glossary import GLOSSARY

    return frozenset(GLOSSARY)


def _is_words(node: ast.AST) -> bool:
    """Mostly lower-case words, not all spaCy labels; a dict's values all constants."""
    split = _split_words(node)
    if split is not None:
        values = split
    elif isinstance(node, ast.Dict):
        if not all(isinstance(v, (ast.Constant, ast.Tuple, ast.UnaryOp)) for v in node.values):
            return False
        values = _constants(list(node.keys))
    else:
        values = _constants(list(node.elts))  # type: ignore[attr-defined]
    if all(v in _labels() for v in values):
        return False
    return sum(1 for v in values if WORD.fullmatch(v)) * 2 > len(values)


def _constants(nodes: list[ast.expr | None]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _strings(nodes: list[ast.expr | None]) -> int:
    return sum(1 for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str))


def _split_words(node: ast.AST) -> list[str] | None:
    """The words of `"a b c".split()`, a table written as one string."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split" and not node.args and not node.keywords
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)):
        return node.func.value.value.split()
    return None


def _table_size(node: ast.AST) -> int:
    split = _split_words(node)
    if split is not None:
        return len(split)
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return _strings(list(node.elts))
    if isinstance(node, ast.Dict):
        return _strings(list(node.keys))
    return 0


def _regex_size(node: ast.AST) -> int:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in REGEX_CALLS and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re" and node.args):
        return 0
    pattern = node.args[0]
    if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
        return len(pattern.value)
    return 0


def scan_file(path: Path, root: Path, *, words: bool = False) -> list[Find]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(root).as_posix()
    finds = []
    for owner, node in _walk(tree, "<module>"):
        size = _table_size(node)
        if size > MIN_ENTRIES and (not words or _is_words(node)):
            finds.append(Find(rel, node.lineno, "table", size, owner))
        size = _regex_size(node)
        if size > MIN_REGEX:
            finds.append(Find(rel, node.lineno, "regex", size, owner))
    return finds


def _walk(node: ast.AST, owner: str) -> Iterator[tuple[str, ast.AST]]:
    """Every node with the name of the innermost assignment or function around it."""
    for child in ast.iter_child_nodes(node):
        name = owner
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = child.name
        elif isinstance(child, (ast.Assign, ast.AnnAssign)):
            target = child.targets[0] if isinstance(child, ast.Assign) else child.target
            name = target.id if isinstance(target, ast.Name) else owner
        yield name, child
        yield from _walk(child, name)


def scan(root: Path, *, words: bool = False) -> list[Find]:
    return [f for p in sorted(root.rglob("*.py")) for f in scan_file(p, root, words=words)]


def main(argv: list[str]) -> int:
    summary = "--summary" in argv
    args = [a for a in argv if a not in ("--summary", "--words")]
    root = Path(args[0]) if args else Path(__file__).parent.parent / "src" / "conflictmap"
    finds = scan(root, words="--words" in argv)
    tables = [f for f in finds if f.kind == "table"]
    regexes = [f for f in finds if f.kind == "regex"]
    if not summary:
        for f in finds:
            print(f"{f.path}:{f.line}: {f.kind} of {f.size} in {f.name}")
    modules = len({f.path for f in finds})
    print(f"{len(tables)} word tables ({sum(f.size for f in tables)} entries), "
          f"{len(regexes)} large regexes, in {modules} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
