"""The gazetteer interface and its in-memory implementation (the test double).

A gazetteer answers `candidates(name)`: every entry one of whose names shares the
loose key of `name` (see `names.name_key`), with the indexed spelling that matched.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..model import Place
from .names import is_latin, name_key, normalize

# GeoNames feature codes of entries that are areas rather than towns.
COUNTRY_CODES = frozenset({"PCLI", "PCLS", "PCLD", "PCLF", "PCL", "PCLIX", "TERR"})
REGION_CODES = frozenset({"ADM1", "ADM1H", "ADMD", "RGN", "ADM2", "ADM2H", "ADM3", "CONT"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry offered for a name, and the (normalised) spelling that matched."""

    place: Place
    matched: str


@runtime_checkable
class Gazetteer(Protocol):
    def candidates(self, name: str, *, limit: int = 100) -> list[Candidate]: ...

    def get(self, geonames_id: int) -> Place | None: ...

    def admin_at(self, lat: float, lon: float, country: str | None = None
                 ) -> Place | None: ...

    def __len__(self) -> int: ...


Entry = tuple[Place, Iterable[str]]


def index_names(place: Place, names: Iterable[str]) -> set[tuple[str, str]]:
    """(key, normalised spelling) pairs for a place's Latin-script names."""
    out = set()
    for name in [place.name, *names]:
        if name and is_latin(name):
            key = name_key(name)
            if key:
                out.add((key, normalize(name)))
    return out


def best_spellings(found: Iterable[Candidate], query: str) -> list[Candidate]:
    """One candidate per place, with the spelling closest to the query: the query itself,
    else the place's own name, else any."""
    wanted = normalize(query).replace(" ", "")
    best: dict[Any, tuple[int, Candidate]] = {}
    for cand in found:
        spelling = cand.matched.replace(" ", "")
        rank = 2 if spelling == wanted else 1 if spelling == \
            normalize(cand.place.name).replace(" ", "") else 0
        ident = cand.place.geonames_id if cand.place.geonames_id is not None else \
            (cand.place.name, cand.place.lat, cand.place.lon)
        if ident not in best or rank > best[ident][0]:
            best[ident] = (rank, cand)
    return [c for _, c in best.values()]


def nearest(lat: float, lon: float, places: Iterable[Place]) -> Place | None:
    """The place closest to a point (equirectangular distance: enough to rank neighbours)."""
    scale = math.cos(math.radians(lat)) ** 2
    return min(places, key=lambda p: (p.lat - lat) ** 2 + scale * (p.lon - lon) ** 2,
               default=None)


def rank_key(c: Candidate) -> tuple[int, int]:
    """Default order of candidates: countries and regions first, then by population."""
    code = c.place.feature_code or ""
    tier = 2 if code in COUNTRY_CODES else 1 if code.startswith("ADM1") else 0
    return (tier, c.place.population)


class MemoryGazetteer:
    """A gazetteer held in memory; built from (Place, alternate names) pairs."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._by_key: dict[str, list[Candidate]] = defaultdict(list)
        self._by_id: dict[int, Place] = {}
        self._places: list[Place] = []
        self._count = 0
        for place, names in entries:
            self.add(place, names)

    def add(self, place: Place, names: Iterable[str] = ()) -> None:
        self._count += 1
        self._places.append(place)
        if place.geonames_id is not None:
            self._by_id[place.geonames_id] = place
        for key, spelling in index_names(place, names):
            self._by_key[key].append(Candidate(place, spelling))

    def candidates(self, name: str, *, limit: int = 100) -> list[Candidate]:
        found = best_spellings(self._by_key.get(name_key(name), []), name)
        return sorted(found, key=rank_key, reverse=True)[:limit]

    def get(self, geonames_id: int) -> Place | None:
        return self._by_id.get(geonames_id)

    def admin_at(self, lat: float, lon: float, country: str | None = None) -> Place | None:
        towns = [p for p in self._places if p.feature_class == "P" and p.admin1 and
                 (country is None or p.country == country) and
                 abs(p.lat - lat) <= 1.5 and abs(p.lon - lon) <= 3.0]
        return nearest(lat, lon, towns)

    def __len__(self) -> int:
        return self._count
