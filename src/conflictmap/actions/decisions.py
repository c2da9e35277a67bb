"""Decision tables: coding choices written as rows of data, read by one small interpreter.

A table is a tab-separated file in `data/rules/` (`#` starts a comment line).  Its header
names the facts a row tests and, after `->`, the column of the answer.  Rows are tried in
order and the first row whose every cell matches gives the answer.  A cell matches a fact
when it is `*` (anything), the fact itself, one of `a|b` (alternatives), or a prefix
ending in `*` (`19*` matches `190` and `195`).  A fact that is unknown (None) is written
`-`; a yes/no fact is `yes` or `no`; a number as written.  An answer `-` means none.  docs/rules.md shows how to add a row and test it.

    >>> violence = load_table("acled_violence")
    >>> violence.decide(target="civilian", actor="state", cameo="190")
    'attack'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

from ..errors import ConfigError

Fact = str | int | bool | None
Cell = tuple[str, ...]  # the alternatives of a cell; () matches anything
ARROW = "->"


@dataclass(frozen=True)
class DecisionTable:
    name: str
    facts: tuple[str, ...]
    rows: tuple[tuple[tuple[Cell, ...], str], ...]

    def decide(self, **facts: Fact) -> str:
        """The answer of the first row that matches `facts`; ConfigError when none does."""
        if set(facts) != set(self.facts):
            raise ConfigError(f"decision table {self.name!r} tests {', '.join(self.facts)}; "
                              f"got {', '.join(sorted(facts))}")
        values = [_text(facts[name]) for name in self.facts]
        for cells, answer in self.rows:
            if all(_matches(cell, value) for cell, value in zip(cells, values)):
                return answer
        raise ConfigError(f"decision table {self.name!r}: no row matches {facts}")


def _text(fact: Fact) -> str:
    if fact is None:
        return "-"
    if isinstance(fact, bool):
        return "yes" if fact else "no"
    return str(fact)


def _cell(text: str) -> Cell:
    return () if text == "*" else tuple(text.split("|"))


def _matches(cell: Cell, value: str) -> bool:
    return not cell or any(value.startswith(alt[:-1]) if alt.endswith("*") else value == alt
                           for alt in cell)


def parse_table(text: str, *, name: str) -> DecisionTable:
    """A table from its file text; ConfigError naming the table and line when malformed."""
    lines = [(n, line.split("\t")) for n, line in enumerate(text.split("\n"), 1)
             if line.strip() and not line.startswith("#")]
    if not lines or ARROW not in lines[0][1]:
        raise ConfigError(f"decision table {name!r}: the header needs `{ARROW}` before the "
                          "answer column")
    header = lines[0][1]
    facts = tuple(header[:header.index(ARROW)])
    rows = []
    for number, cells in lines[1:]:
        if len(cells) != len(header):
            raise ConfigError(f"decision table {name!r} line {number}: {len(cells)} cells, "
                              f"the header has {len(header)}")
        rows.append((tuple(_cell(c) for c in cells[:len(facts)]), cells[-1]))
    return DecisionTable(name, facts, tuple(rows))


@functools.lru_cache(maxsize=None)
def load_table(name: str) -> DecisionTable:
    """The shipped table `data/rules/<name>.tsv`, parsed once."""
    path = files("conflictmap").joinpath(f"data/rules/{name}.tsv")
    return parse_table(path.read_text(encoding="utf-8"), name=name)
