"""Kind `event_place`: the first-level region and point of each text's event.

Gold rows: `text` (one report), `country` (ISO alpha-3), `admin1` (the accepted
spellings of the event's first-level region) and `lat`/`lon` (null when the text
names only a region).  The text's first located event is scored: its `admin1` against
the spellings (loosely: 'Rif-dimashq' = 'Rif Dimashq', 'Muhafazat Kirkuk' = 'Kirkuk'),
its point within 25 km of the gold one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..gazetteer.default import bare_region_name
from ..gazetteer.names import name_key
from ..gazetteer.resolve import haversine_km
from ..model import Article, Location
from . import EvalReport, read_jsonl

WITHIN_KM = 25.0


def region_keys(name: str) -> set[str]:
    """Loose keys of a region's name, with and without its level word."""
    return {name_key(n) for n in [name, *bare_region_name(name)]} - {""}


def _located(article: Article) -> Location | None:
    return next((e.location for e in article.events if e.location is not None), None)


def evaluate(path: str | Path, *, pipeline: Any, limit: int | None = None) -> EvalReport:
    rows = read_jsonl(path)[:limit] if limit else read_jsonl(path)
    articles = pipeline.pipe(Article.from_text(r["text"], id=str(i)) for i, r in enumerate(rows))
    n = located = admin_ok = with_point = near = 0
    for row, article in zip(rows, articles):
        n += 1
        loc = _located(article)
        with_point += row.get("lat") is not None
        if loc is None:
            continue
        located += 1
        gold = set().union(*(region_keys(a) for a in row.get("admin1") or []))
        admin_ok += bool(loc.admin1 and region_keys(loc.admin1) & gold)
        if row.get("lat") is not None:
            near += haversine_km(loc.lat, loc.lon, row["lat"], row["lon"]) <= WITHIN_KM
    return EvalReport(kind="event_place", source=str(path), metrics={
        "texts": n, "located": located / n if n else 0.0,
        "admin1_right_of_located": admin_ok / located if located else 0.0,
        "admin1_right": admin_ok / n if n else 0.0,
        "within_25km": near / with_point if with_point else 0.0,
    }, notes=["within_25km over the texts with a gold point (an unlocated event is a miss)"])
