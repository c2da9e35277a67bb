"""Kind `geoparse`: toponym recognition and resolution, end to end from raw text.

A gold toponym is *found* when a predicted toponym overlaps its span, and *resolved*
when the chosen entry lies within 161 km of the gold point or has the gold GeoNames
id (the same entry; the two sources may place a country's point differently).  Misses
are split into recognition misses, resolution errors, and gazetteer-coverage misses
(no entry of that name within 161 km of the gold point exists in the index at all).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..gazetteer.resolve import haversine_km
from ..model import Article, Toponym
from ..resources import Resources
from ..stages.places import geoparse, is_region
from . import EvalReport, read_jsonl

WITHIN_KM = 161.0


def _gold_id(gold: dict[str, Any]) -> int | None:
    value = gold.get("geonameid")
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _match(gold: dict[str, Any], predicted: list[Toponym]) -> Toponym | None:
    for t in predicted:
        if t.start < gold["end"] and gold["start"] < t.end:
            return t
    return None


def _covered(gazetteer: Any, gold: dict[str, Any], gid: int | None) -> bool:
    for cand in gazetteer.candidates(gold["name"]):
        p = cand.place
        if gid is not None and p.geonames_id == gid or \
                haversine_km(p.lat, p.lon, gold["lat"], gold["lon"]) <= WITHIN_KM:
            return True
    return False


def _miss_reason(gazetteer: Any, gold: dict[str, Any], gid: int | None,
                 pred: Toponym | None) -> str:
    """coverage_miss, area_point (a country or region placed elsewhere), not_recognised,
    or wrong_choice."""
    if not _covered(gazetteer, gold, gid):
        if pred is not None and pred.place is not None and is_region(pred.place):
            return "area_point"
        return "coverage_miss"
    return "not_recognised" if pred is None or pred.place is None else "wrong_choice"


class _Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.errors: list[float] = []

    def add(self, outcome: str, error: float | None, exact: bool | None) -> None:
        self.counts["gold"] += 1
        self.counts[outcome] += 1
        if error is not None:
            self.errors.append(error)
        if exact is not None:
            self.counts["with_id"] += 1
            self.counts["exact_id"] += int(exact)

    def metrics(self) -> dict[str, float]:
        n = self.counts["gold"] or 1
        found = n - self.counts["not_found"]
        return {"toponyms": float(self.counts["gold"]),
                "found": found / n,
                "within_161km": self.counts["resolved"] / n,
                "within_161km_of_found": self.counts["resolved"] / (found or 1),
                "exact_id": self.counts["exact_id"] / (self.counts["with_id"] or 1),
                "median_error_km": statistics.median(self.errors) if self.errors else 0.0,
                "coverage_misses": self.counts["coverage_miss"] / n}


def _score_doc(row: dict[str, Any], article: Article, gazetteer: Any,
               tallies: dict[str, _Tally]) -> None:
    for gold in row.get("toponyms") or []:
        if gold.get("lat") is None or gold.get("lon") is None:
            continue
        gid = _gold_id(gold)
        pred = _match(gold, article.toponyms)
        error = exact = None
        if pred is None or pred.place is None:
            outcome = "not_found"
        else:
            same = gid is not None and pred.place.geonames_id == gid
            error = 0.0 if same else haversine_km(pred.place.lat, pred.place.lon,
                                                  gold["lat"], gold["lon"])
            exact = same if gid is not None else None
            outcome = "resolved" if error <= WITHIN_KM else "wrong"
        if outcome != "resolved":
            why = _miss_reason(gazetteer, gold, gid, pred)
            tallies["all"].counts[why] += 1
            tallies[row.get("corpus", "?")].counts[why] += 1
        for key in ("all", row.get("corpus", "?")):
            tallies[key].add(outcome, error, exact)


def _miss_note(corpus: str, counts: Counter[str]) -> str:
    misses = counts["gold"] - counts["resolved"]
    cov, area = counts["coverage_miss"], counts["area_point"]
    return (f"{corpus}: {misses} misses: {cov / (misses or 1):.2f} gazetteer coverage (no "
            f"entry of that name within 161 km), {area / (misses or 1):.2f} a country or "
            f"region placed elsewhere than the gold point, "
            f"{counts['not_recognised'] / (misses or 1):.2f} not recognised, "
            f"{counts['wrong_choice'] / (misses or 1):.2f} a wrong choice among the candidates")


def evaluate(path: str | Path, *, pipeline: Any = None, limit: int | None = None
             ) -> EvalReport:
    rows = read_jsonl(path)[:limit] if limit else read_jsonl(path)
    resources: Resources = pipeline.resources if pipeline is not None else Resources()
    articles = (Article.from_text(r["text"], id=str(r.get("id", i))) for i, r in enumerate(rows))
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for row, article in zip(rows, geoparse(articles, resources)):
        _score_doc(row, article, resources.gazetteer, tallies)
    report = EvalReport("geoparse", str(path), tallies["all"].metrics())
    report.table_header = ["corpus", "toponyms", "found", "within_161km", "exact_id",
                           "median_km", "coverage_misses"]
    for corpus in sorted(k for k in tallies if k != "all"):
        m = tallies[corpus].metrics()
        report.table.append([corpus, int(m["toponyms"]), m["found"], m["within_161km"],
                             m["exact_id"], m["median_error_km"], m["coverage_misses"]])
    for corpus in sorted(tallies):
        report.notes.append(_miss_note(corpus, tallies[corpus].counts))
    report.notes.append("resolved = chosen entry within 161 km of the gold point or the "
                        "same GeoNames id; median error over found toponyms")
    return report
