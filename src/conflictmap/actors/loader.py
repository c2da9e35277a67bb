"""Reading the shipped actor data files and a user's own actor file.

Shipped files live in `conflictmap/data/actors/` (tab-separated tables and JSON Lines).
A user file is JSON Lines: one actor per line, validated field by field; errors name
the file, the line and the problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..lang import EN
from .entries import GENERICS, NON_STATE_TYPES, Country, Entry
from .normalize import key as norm_key

DATA = "data/actors"
ACTOR_TYPES = frozenset(NON_STATE_TYPES | {
    "military", "police", "government", "intelligence", "igo", "ngo", "civilians",
    "protesters", "rioters", "unidentified", "opposition", "media", "other"})
FIELDS = frozenset(Entry.__dataclass_fields__) - {"kind", "source", "extra"}
LIST_FIELDS = ("aliases", "acts_in", "affiliations")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def _lines(name: str) -> Iterator[tuple[int, str]]:
    text = files("conflictmap").joinpath(f"{DATA}/{name}").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield n, line


def _split(cell: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(sep) if p.strip())


def _cells(line: str, width: int) -> list[str]:
    cells = line.split("\t")
    return cells + [""] * (width - len(cells))


def read_countries() -> list[Country]:
    out = []
    for _, line in _lines("countries.tsv"):
        iso3, name, aliases, demonyms, metonyms, regimes, rebels = _cells(line, 7)[:7]
        mets = []
        for m in _split(metonyms):
            place, _, sector = m.partition(":")
            mets.append((place, sector or None))
        out.append(Country(iso3, name, _split(aliases), _split(demonyms), tuple(mets),
                           _regimes(iso3, _split(regimes, ";")), rebels.strip() or None))
    return out


def _regimes(iso3: str, starts: tuple[str, ...]) -> tuple[str, ...]:
    bad = [s for s in starts if not _DATE.match(s)]
    if bad:
        raise ConfigError(f"countries.tsv: {iso3}: regime start {bad[0]!r} is not a year "
                          "or an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return starts


def read_ethnic() -> list[tuple[str, tuple[str, ...], dict[str, str]]]:
    """(word, variants, {iso3 or "*": actor id}) for ethnic and religious group words."""
    out = []
    for _, line in _lines("ethnic.tsv"):
        word, variants, groups = _cells(line, 4)[:3]
        table = dict(p.split("=", 1) for p in _split(groups, ","))
        out.append((word, _split(variants), table))
    return out


def read_state_aliases() -> list[tuple[str, str, str, str | None, str | None]]:
    """(alias, iso3, sector, valid from, valid to) for state organs with names of their own."""
    out = []
    for _, line in _lines("state.tsv"):
        alias, iso3, sector, start, end = _cells(line, 5)[:5]
        out.append((alias, iso3, sector, start or None, end or None))
    return out


def read_cities() -> dict[str, str]:
    """City or region name -> ISO3, for the country focus."""
    out: dict[str, str] = {}
    for _, line in _lines("cities.tsv"):
        iso3, names = _cells(line, 2)[:2]
        for name in _split(names):
            out[name] = iso3
    return out


def read_leaders() -> list[Entry]:
    out = []
    for _, line in _lines("leaders.tsv"):
        name, aliases, iso3, sector, start, end = _cells(line, 6)[:6]
        slug = "-".join(norm_key(name).split())
        out.append(Entry(id=f"leader:{slug}", name=name, type="leader", kind="leader",
                         country=iso3, sector=sector, aliases=(name, *_split(aliases)),
                         valid_from=start or None, valid_to=end or None))
    return out


def read_entries(name: str, kind: str) -> list[Entry]:
    """Groups or organisations from a shipped JSON Lines file."""
    return [_entry(json.loads(line), kind=kind, source="shipped")
            for _, line in _lines(name)]


def _entry(data: dict[str, Any], *, kind: str, source: str) -> Entry:
    values = {k: v for k, v in data.items() if k in FIELDS}
    for key in LIST_FIELDS:
        values[key] = tuple(values.get(key) or ())
    return Entry(kind=kind, source=source, **values)


def read_user_file(path: str | Path, known_ids: set[str],
                   countries: set[str]) -> list[tuple[Entry, bool]]:
    """Entries of a user actor file, each with True when it only adds aliases to a known id.

    Raises ConfigError naming the file, line and problem for anything invalid."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"actors file {p}: not found (stages.actors.user_file)")
    out = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(_user_line(line, f"{p}:{n}", known_ids, countries))
    return out


def _user_line(line: str, where: str, known_ids: set[str],
               countries: set[str]) -> tuple[Entry, bool]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a JSON object, got {type(data).__name__}")
    problem = _problem(data, known_ids, countries)
    if problem:
        raise ConfigError(f"{where}: {problem}")
    if set(data) <= {"id", "aliases"} and data["id"] in known_ids:
        return Entry(id=data["id"], name="", type="", aliases=tuple(data.get("aliases") or ()),
                     source=where), True
    kind = "igo" if data.get("type") in ("igo", "ngo") else "group"
    return _entry(data, kind=kind, source=where), False


def _problem(data: dict[str, Any], known_ids: set[str], countries: set[str]) -> str | None:
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        return f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(FIELDS))}"
    if not isinstance(data.get("id"), str) or not data["id"].strip():
        return "missing or empty \"id\""
    adds_aliases = set(data) <= {"id", "aliases"} and data["id"] in known_ids
    for key in ("name", "type"):
        if not adds_aliases and not isinstance(data.get(key), str):
            return f"missing \"{key}\" (a string) for new actor {data['id']!r}"
    return (_list_problem(data) or _type_problem(data) or _country_problem(data, countries)
            or _date_problem(data))


def _list_problem(data: dict[str, Any]) -> str | None:
    for key in LIST_FIELDS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return f"\"{key}\" must be a list of non-empty strings"
    return None


def _type_problem(data: dict[str, Any]) -> str | None:
    if "type" in data and data["type"] not in ACTOR_TYPES:
        return f"unknown type {data['type']!r}; choose from {', '.join(sorted(ACTOR_TYPES))}"
    inter = data.get("inter")
    if inter is not None and (not isinstance(inter, int) or not 1 <= inter <= 8):
        return f"\"inter\" must be an ACLED inter code 1-8, got {inter!r}"
    return None


def _country_problem(data: dict[str, Any], countries: set[str]) -> str | None:
    codes = [data["country"]] if data.get("country") is not None else []
    codes += list(data.get("acts_in") or [])
    for code in codes:
        if not isinstance(code, str) or not _ISO3.match(code) or code not in countries:
            return f"unknown country code {code!r} (use ISO 3166 alpha-3, e.g. SYR)"
    return None


def _date_problem(data: dict[str, Any]) -> str | None:
    for key in ("valid_from", "valid_to", "becomes_state"):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or not _DATE.match(value)):
            return f"\"{key}\" must be a date YYYY[-MM[-DD]], got {value!r}"
    return None


GENERIC_KINDS = tuple(GENERICS)
