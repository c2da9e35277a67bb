"""The import rules of docs/architecture.md, checked on the import graph (read with `ast`,
so imports inside functions count too)."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from testpaths import REPO

SRC = REPO / "src" / "conflictmap"

# The packages and modules of conflictmap, by role (docs/architecture.md).
CORE = {"errors", "model", "config", "registry", "lang"}
RULES = {"nlp", "timex", "actors", "gazetteer", "actions", "discourse", "coder", "encoder"}
SERVICES = {"dedup", "control", "formats", "ingest"}
RUNNING = {"pipeline", "resources", "runner", "distributed", "stages"}
EDGES = {"api", "cli", "evaluation", "__main__", "__init__"}
ALL = CORE | RULES | SERVICES | RUNNING | EDGES | {"storage"}

# unit -> conflictmap units it must never import
FORBIDDEN: dict[str, set[str]] = {
    "errors": ALL - {"errors"},
    "model": ALL - {"model"},
    "config": ALL - {"config", "errors"},
    "lang": ALL - {"lang", "errors", "model"},
    **{rule: {"storage", "stages", "pipeline", "runner", "distributed", "registry",
              "resources", "api", "cli", "evaluation", *SERVICES}
       for rule in RULES},
    "stages": {"storage", "pipeline", "runner", "distributed", "api", "cli", "evaluation",
               "formats", "ingest", "control", "dedup"},
    "storage": RULES | RUNNING | SERVICES | {"api", "cli", "evaluation", "registry"},
    **{service: RULES | RUNNING | {"api", "cli", "evaluation", "registry"}
       for service in SERVICES},
    "pipeline": {"storage", "api", "cli", "evaluation", "runner", "distributed"},
    "resources": {"storage", "stages", "pipeline", "runner", "api", "cli", "evaluation"},
    "api": {"cli", "evaluation"},
    "evaluation": {"api", "cli"},
}
# Units only these may import (the edges are imported by no library code).
IMPORTERS: dict[str, set[str]] = {"cli": {"cli", "__main__"}, "api": {"api", "cli"}}
# Third-party packages only these units may import.
OWNERS: dict[str, set[str]] = {
    "click": {"cli"}, "uvicorn": {"cli"},
    "fastapi": {"api"}, "starlette": {"api"}, "pydantic": {"api"}, "anyio": {"api"},
    "sqlalchemy": {"storage"}, "psycopg": {"storage"},
    "spacy": {"nlp", "gazetteer", "stages"},
    "onnxruntime": {"encoder"}, "tokenizers": {"encoder"},
    "dask": {"distributed"}, "pyarrow": {"formats"},
    "trafilatura": {"ingest"}, "feedparser": {"ingest"}, "lxml": {"ingest"},
    "dateparser": {"timex"},
}
# Known exceptions: (importer, imported) -> why.
ALLOWED = {
    ("storage", "dedup"): "dedup.date_range, the one reading of an event's date range, "
                          "which the stored rows' date columns are written from",
    ("discourse", "dedup"): "one definition of 'the same act' (dates, places, sides, type "
                            "family) for merging within an article and across articles",
}


def _unit(path: Path) -> str:
    """The top-level package or module of conflictmap a source file belongs to."""
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 or rel.suffix else rel.stem


def _module(path: Path) -> list[str]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports(path: Path, *, at: Path | None = None) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in a file; relative imports are
    resolved as if the file lay at `at` (default: where it is)."""
    where = at or path
    package = _module(where) if where.name == "__init__.py" else _module(where)[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                yield node.lineno, node.module or ""
                continue
            base = package[:len(package) - node.level + 1]
            if node.module:
                yield node.lineno, ".".join(base + [node.module])
            else:
                for alias in node.names:
                    yield node.lineno, ".".join(base + [alias.name])


def _target(name: str) -> str | None:
    """The conflictmap unit an absolute module name lies in (None: not conflictmap)."""
    parts = name.split(".")
    if parts[0] != "conflictmap":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


@functools.cache
def edges() -> list[tuple[str, str, str]]:
    """(importer unit, imported module, where) for every import in the package."""
    return [(_unit(path), name, f"{path.relative_to(SRC)}:{line}")
            for path in sorted(SRC.rglob("*.py")) for line, name in imports(path)]


def test_architecture_every_unit_has_a_role() -> None:
    units = {_unit(p) for p in SRC.rglob("*.py")}
    assert units - ALL == set()


def test_architecture_no_forbidden_internal_import() -> None:
    found = []
    for unit, name, where in edges():
        target = _target(name)
        barred = target in FORBIDDEN.get(unit, set()) or \
            target in IMPORTERS and unit not in IMPORTERS[target]
        if barred and (unit, target) not in ALLOWED:
            found.append(f"{where}: {unit} imports {name}")
    assert found == []


def test_architecture_third_party_packages_stay_with_their_owners() -> None:
    found = []
    for unit, name, where in edges():
        owners = OWNERS.get(name.split(".")[0])
        if owners is not None and unit not in owners:
            found.append(f"{where}: {unit} imports {name}")
    assert found == []


def test_architecture_allowed_exceptions_are_still_needed() -> None:
    """An allow-list entry that no import uses any more is removed, not kept."""
    used = {(unit, _target(name)) for unit, name, _ in edges()}
    assert [pair for pair in ALLOWED if pair not in used] == []


@pytest.mark.parametrize(("code", "unit"), [
    ("from ..storage import open_store\n", "storage"),
    ("from conflictmap.cli import main\n", "cli"),
    ("def f():\n    from .. import api\n", "api"),
])
def test_architecture_the_check_sees_relative_absolute_and_local_imports(
        tmp_path: Path, code: str, unit: str) -> None:
    """A rules module that imported the store, the CLI or the API would be caught."""
    fake = SRC / "actions" / "fake.py"  # only its path is used: nothing is written there
    path = tmp_path / "fake.py"
    path.write_text(code)
    names = [name for _, name in imports(path, at=fake)]
    assert [_target(n) for n in names] == [unit]
    assert unit in FORBIDDEN["actions"]
