"""Kind `ucdp`: UCDP GED place names to coordinates (village-level geocoding).

For each row of one country (default Syria), the coded place name (`where_coordinates`,
e.g. "Rami village", "Idlib governorate") is looked up in the gazetteer within that
country; the error is the distance to UCDP's point.  Rows UCDP places only at country
level (where_prec 6) are left out.  A miss is a *coverage* miss when no entry of that
name exists in the country at all (import a GeoNames country file to close those).
"""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from ..gazetteer.resolve import haversine_km, lookup_place
from ..resources import Resources
from . import EvalReport, read_jsonl

COUNTRY = ("Syria", "SYR")
THRESHOLDS_KM = (5.0, 25.0, 161.0)


def _rows(path: str | Path, limit: int | None) -> list[dict[str, Any]]:
    rows = [r for r in read_jsonl(path) if r.get("country") == COUNTRY[0]
            and r.get("where_prec") != 6 and r.get("where_coordinates")
            and r.get("latitude") is not None]
    return rows[:limit] if limit else rows


def evaluate(path: str | Path, *, pipeline: Any = None, limit: int | None = None
             ) -> EvalReport:
    resources: Resources = pipeline.resources if pipeline is not None else Resources()
    gazetteer = resources.gazetteer
    counts: Counter[str] = Counter()
    errors: list[float] = []
    by_prec: dict[int, list[float]] = {}
    for row in _rows(path, limit):
        counts["rows"] += 1
        place = lookup_place(gazetteer, row["where_coordinates"].strip(), country=COUNTRY[1])
        if place is None:
            counts["coverage_miss"] += 1
            error = float("inf")
        else:
            error = haversine_km(place.lat, place.lon, row["latitude"], row["longitude"])
            errors.append(error)
        by_prec.setdefault(int(row.get("where_prec") or 0), []).append(error)
    return _report(path, counts, errors, by_prec)


def _share(values: list[float], km: float) -> float:
    return sum(1 for v in values if v <= km) / (len(values) or 1)


def _report(path: str | Path, counts: Counter[str], errors: list[float],
            by_prec: dict[int, list[float]]) -> EvalReport:
    every = [e for errs in by_prec.values() for e in errs]
    metrics = {"rows": float(counts["rows"]), "found": len(errors) / (counts["rows"] or 1)}
    for km in THRESHOLDS_KM:
        metrics[f"within_{int(km)}km"] = _share(every, km)
    metrics["median_error_km"] = statistics.median(errors) if errors else 0.0
    misses = sum(1 for e in every if e > THRESHOLDS_KM[1])
    metrics["coverage_share_of_misses"] = counts["coverage_miss"] / (misses or 1)
    report = EvalReport("ucdp", str(path), metrics)
    report.table_header = ["where_prec", "rows"] + [f"<= {int(k)} km" for k in THRESHOLDS_KM]
    for prec in sorted(by_prec):
        errs = by_prec[prec]
        report.table.append([prec, len(errs)] + [_share(errs, k) for k in THRESHOLDS_KM])
    report.notes.append(f"{COUNTRY[0]} rows; a miss is an error over 25 km; coverage = the "
                        "name has no entry in that country (import its GeoNames file)")
    return report
