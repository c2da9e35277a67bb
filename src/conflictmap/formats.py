"""Views of native event records: JSON Lines, ACLED-style CSV, GeoJSON, PLOVER JSON, CSV.

All writers take `Event` objects (or native dicts) and a text stream.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from .model import Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
FLAT_COLUMNS = [
    "id", "article_id", "date", "date_precision", "status", "claimed_by", "actor_id",
    "actor_name", "actor_country", "actor_type", "target_id", "target_name", "target_country",
    "target_type", "plover", "plover_mode", "cameo", "acled_event_type", "acled_sub_event_type",
    "location_name", "geonames_id", "country", "admin1", "admin2", "lat", "lon",
    "geo_precision", "fatalities", "confidence", "evidence", "sources",
]
FORMATS = ("jsonl", "csv", "acled-csv", "geojson", "plover-json")

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments",
}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "article": 2}


def as_record(event: Event | dict[str, Any]) -> dict[str, Any]:
    return event.as_dict() if isinstance(event, Event) else event


def write_events(events: Iterable[Event | dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write events in `fmt` to `out`; return how many were written."""
    writer = {"jsonl": write_jsonl, "csv": write_csv, "acled-csv": write_acled_csv,
              "geojson": write_geojson, "plover-json": write_plover_json}.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return writer((as_record(e) for e in events), out)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def _actor_field(rec: dict[str, Any], role: str, key: str) -> Any:
    actor = rec.get(role) or {}
    return actor.get(key)


def flat_row(rec: dict[str, Any]) -> dict[str, Any]:
    loc = rec.get("location") or {}
    acled = rec.get("acled") or {}
    row = {k: rec.get(k) for k in ("id", "article_id", "date", "date_precision", "status",
                                   "claimed_by", "plover", "plover_mode", "cameo",
                                   "fatalities", "confidence")}
    for role in ("actor", "target"):
        for key in ("id", "name", "country", "type"):
            row[f"{role}_{key}"] = _actor_field(rec, role, key)
    row.update(acled_event_type=acled.get("event_type"),
               acled_sub_event_type=acled.get("sub_event_type"),
               location_name=loc.get("name"), geonames_id=loc.get("geonames_id"),
               country=loc.get("country"), admin1=loc.get("admin1"), admin2=loc.get("admin2"),
               lat=loc.get("lat"), lon=loc.get("lon"), geo_precision=loc.get("precision"),
               evidence=(rec.get("evidence") or {}).get("text"),
               sources=rec.get("sources", 1))
    return row


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow(flat_row(rec))
        n += 1
    return n


def acled_row(rec: dict[str, Any]) -> dict[str, Any]:
    """One ACLED-style row. Country name and region come from pycountry when known."""
    loc = rec.get("location") or {}
    acled = rec.get("acled") or {}
    date = rec.get("date") or ""
    assoc = rec.get("assoc_actors") or []

    def assoc_names(side: str) -> str:
        return "; ".join(a.get("acled_name") or a.get("name") or "" for a in assoc
                         if a.get("side") == side)

    inter1, inter2 = acled.get("inter1"), acled.get("inter2")
    return {
        "event_id_cnty": rec.get("id"), "event_date": date,
        "year": date[:4] if date else "",
        "time_precision": _TIME_PRECISION.get(rec.get("date_precision") or "article", 2),
        "disorder_type": _DISORDER.get(acled.get("event_type") or "", ""),
        "event_type": acled.get("event_type"), "sub_event_type": acled.get("sub_event_type"),
        "actor1": acled.get("actor1"), "assoc_actor_1": assoc_names("actor"), "inter1": inter1,
        "actor2": acled.get("actor2"), "assoc_actor_2": assoc_names("target"), "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": _iso_numeric(loc.get("country")), "region": "",
        "country": _country_name(loc.get("country")), "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"), "admin3": "", "location": loc.get("name"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": loc.get("precision"), "source": rec.get("source") or "",
        "source_scale": "", "notes": (rec.get("evidence") or {}).get("text"),
        "fatalities": rec.get("fatalities") if rec.get("fatalities") is not None else 0,
        "tags": "" if rec.get("status") == "asserted" else f"status: {rec.get('status')}",
        "timestamp": "",
    }


def _interaction(inter1: int | None, inter2: int | None) -> str:
    if not inter1:
        return ""
    return f"{min(inter1, inter2 or inter1)}{max(inter1, inter2 or 0)}" if inter2 else f"{inter1}0"


def _country(code: str | None) -> Any:
    if not code:
        return None
    import pycountry

    return pycountry.countries.get(alpha_3=code)


def _country_name(code: str | None) -> str:
    c = _country(code)
    return getattr(c, "common_name", None) or getattr(c, "name", "") if c else (code or "")


def _iso_numeric(code: str | None) -> str:
    c = _country(code)
    return str(int(c.numeric)) if c else ""


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow(acled_row(rec))
        n += 1
    return n


def geojson_feature(rec: dict[str, Any]) -> dict[str, Any] | None:
    loc = rec.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    return {"type": "Feature", "id": rec.get("id"),
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": {k: v for k, v in rec.items() if k != "location"} | {
                "location_name": loc.get("name"), "geo_precision": loc.get("precision")}}


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """RFC 7946 FeatureCollection; events without coordinates are left out."""
    features = [f for f in (geojson_feature(r) for r in records) if f]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def plover_record(rec: dict[str, Any]) -> dict[str, Any]:
    """PLOVER-style event record (event, mode, actors with country/sector, location)."""
    def actor(a: dict[str, Any] | None) -> list[dict[str, Any]]:
        if not a:
            return []
        return [{"actorText": a.get("name"), "code": a.get("country"),
                 "sector": a.get("sector"), "id": a.get("id")}]

    loc = rec.get("location") or {}
    return {"id": rec.get("id"), "date": rec.get("date"), "event": rec.get("plover"),
            "mode": rec.get("plover_mode"), "source": actor(rec.get("actor")),
            "target": actor(rec.get("target")), "status": rec.get("status"),
            "event_loc": {"name": loc.get("name"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                          "geonames_id": loc.get("geonames_id")} if loc else None,
            "dead": rec.get("fatalities"), "text": (rec.get("evidence") or {}).get("text"),
            "cameo": rec.get("cameo")}


def write_plover_json(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    items = [plover_record(r) for r in records]
    json.dump(items, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)
