"""Views of native event records: JSON Lines, ACLED-style CSV, GeoJSON, PLOVER JSON, CSV,
Parquet (partitioned by month); a control snapshot as GeoJSON; ACLED CSV import.

All text writers take `Event` objects (or native dicts) and a text stream.

Every output format is registered once, in `REGISTRY` (`register`): its name, media type,
file extension, what it reads (events or a control snapshot), its writer (to a text
stream or a directory) and the views that offer it (`extract` and `events` output,
`export`, the API's `GET /events?format=`).  The CLI's `--format` choices and the API's
`format` parameter read it, so a format registered here appears everywhere it is offered.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .errors import InputError
from .model import ControlInterval, Event

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
    "geo_precision", "fatalities", "confidence", "evidence", "sources", "reported_as",
    "mentions",
]
Record = Event | ControlInterval | dict[str, Any]
TextWriter = Callable[[Iterable[dict[str, Any]], TextIO], int]  # records -> count written
DirWriter = Callable[[Iterable[Record], str], int]  # events, directory -> count written
VIEWS = frozenset({"extract", "events", "export", "api"})
# What a format can render, and what the count of what it wrote counts: the events
# matching the filters, or the places of a control snapshot (`export --at DAY`).
READS = {"events": "events", "control": "places"}

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments",
}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "article": 2}


def as_record(item: Record) -> dict[str, Any]:
    return item if isinstance(item, dict) else item.as_dict()


@dataclass(frozen=True)
class Renderer:
    """One output format: its name, media type, file extension and the views that offer it,
    what it renders (`reads`: the matching events, or a control snapshot of places) and
    how: `write` renders records to a text stream, `write_dir` fills a directory (its
    files laid out as `layout` says).  A format with neither is written by its view (json:
    the API's page object)."""

    name: str
    media_type: str
    extension: str
    views: frozenset[str]  # where it is offered, a subset of VIEWS
    write: TextWriter | None = None
    write_dir: DirWriter | None = None
    reads: str = "events"  # one of READS
    layout: str = ""  # a directory format's layout, for messages ("partitioned by month")

    @property
    def writes_directory(self) -> bool:
        return self.write_dir is not None

    @property
    def unit(self) -> str:
        """What the count a writer returns counts."""
        return READS[self.reads]

    def render(self, items: Iterable[Record], out: TextIO) -> int:
        """Write events (or control intervals) to a text stream; how many were written."""
        if self.write is None:
            raise ValueError(f"format {self.name!r} is not written to a text stream")
        return self.write((as_record(i) for i in items), out)

    def render_dir(self, items: Iterable[Record], path: str) -> int:
        """Write events into the directory `path`; how many were written."""
        if self.write_dir is None:
            raise ValueError(f"format {self.name!r} is not written to a directory")
        return self.write_dir(items, path)


REGISTRY: dict[str, Renderer] = {}


def register(renderer: Renderer) -> Renderer:
    """Offer a format in its views (a second registration of a name replaces the first)."""
    unknown = renderer.views - VIEWS
    if unknown:
        raise ValueError(f"format {renderer.name!r}: unknown views {sorted(unknown)}; "
                         f"expected some of {sorted(VIEWS)}")
    if renderer.reads not in READS:
        raise ValueError(f"format {renderer.name!r}: unknown reads {renderer.reads!r}; "
                         f"expected one of {sorted(READS)}")
    REGISTRY[renderer.name] = renderer
    return renderer


def names(view: str) -> list[str]:
    """The formats a view offers, in registration order."""
    return [r.name for r in REGISTRY.values() if view in r.views]


def renderer(name: str) -> Renderer:
    """The registered format `name`; ValueError names the choices."""
    found = REGISTRY.get(name)
    if found is None:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(REGISTRY)}")
    return found


def write_events(events: Iterable[Event | dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write events in `fmt` to `out`; return how many were written."""
    return renderer(fmt).render(events, out)


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
               sources=len(rec.get("sources") or []) or 1,
               reported_as=rec.get("reported_as") or "new",
               mentions=len(rec.get("mentions") or []) or 1)
    return row


def _write_rows(records: Iterable[dict[str, Any]], out: TextIO, columns: list[str],
                row: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow(row(rec))
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    return _write_rows(records, out, FLAT_COLUMNS, flat_row)


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
    if c is None:
        return code or ""
    return str(getattr(c, "common_name", None) or c.name)


def _iso_numeric(code: str | None) -> str:
    c = _country(code)
    return str(int(c.numeric)) if c else ""


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    return _write_rows(records, out, ACLED_COLUMNS, acled_row)


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


# --- Parquet, partitioned by month ------------------------------------------------------

PARQUET_CHUNK = 50_000


def write_parquet(events: Iterable[Record], out_dir: str) -> int:
    """Write flat rows (+ the native record as JSON) under OUT/month=YYYY-MM/*.parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = _prepare_parquet_dir(out_dir)
    schema = pa.schema([(c, pa.string()) for c in FLAT_COLUMNS + ["record", "month"]])
    n, chunk, part = 0, [], 0
    for rec in (as_record(e) for e in events):
        row = {k: (None if v is None else str(v)) for k, v in flat_row(rec).items()}
        row["record"] = json.dumps(rec, ensure_ascii=False)
        row["month"] = (rec.get("date") or "")[:7] or "undated"
        chunk.append(row)
        if len(chunk) >= PARQUET_CHUNK:
            n, part = n + _flush(pq, pa, schema, chunk, root, part), part + 1
            chunk = []
    if chunk:
        n += _flush(pq, pa, schema, chunk, root, part)
    return n


def _flush(pq: Any, pa: Any, schema: Any, chunk: list[dict[str, Any]], root: str,
           part: int) -> int:
    table = pa.Table.from_pylist(chunk, schema=schema)
    pq.write_to_dataset(table, root_path=root, partition_cols=["month"],
                        basename_template=f"part-{part}-{{i}}.parquet")
    return len(chunk)


def _prepare_parquet_dir(out_dir: str) -> str:
    """OUT must be a new or empty directory, or an earlier export (which is replaced)."""
    import shutil

    root = Path(out_dir)
    if root.exists() and not root.is_dir():
        raise InputError(out_dir, "parquet output must be a directory, and this is a file")
    if root.exists():
        entries = list(root.iterdir())
        if any(not (p.is_dir() and p.name.startswith("month=")) for p in entries):
            raise InputError(out_dir, "directory is not empty and is not an earlier "
                                      "parquet export; choose a new directory")
        for p in entries:
            shutil.rmtree(p)
    root.mkdir(parents=True, exist_ok=True)
    return str(root)


# --- control snapshot -------------------------------------------------------------------

def write_control_geojson(intervals: Iterable[ControlInterval], out: TextIO) -> int:
    """Places as points with who controlled them (ControlInterval objects), RFC 7946."""
    return write_control_records((iv.as_dict() for iv in intervals), out)


def write_control_records(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """`write_control_geojson` of the intervals' records."""
    features = []
    for props in records:
        props = dict(props)
        place = props.pop("place")
        props["place_name"] = place.get("name")
        props["geonames_id"] = place.get("geonames_id")
        props["controller_name"] = (props.get("controller") or {}).get("name")
        features.append({"type": "Feature", "geometry": {
            "type": "Point", "coordinates": [place["lon"], place["lat"]]}, "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


# --- ACLED CSV import -------------------------------------------------------------------

_ACLED_REQUIRED = ("event_date", "event_type", "latitude", "longitude")
_ACLED_PRECISION = {"1": "day", "2": "week", "3": "month"}
_ACLED_PLOVER = {"Battles": "FIGHT", "Explosions/Remote violence": "FIGHT",
                 "Violence against civilians": "ASSAULT", "Protests": "PROTEST",
                 "Riots": "PROTEST", "Strategic developments": "OTHER"}


def read_acled_csv(path: str) -> Iterator[Event | InputError]:
    """Events from an ACLED-format CSV (ACLED's column names); bad rows become errors."""
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        yield InputError(path, f"cannot read ({exc.strerror})")
        return
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _ACLED_REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            yield InputError(path, f"not an ACLED CSV: missing column(s) {', '.join(missing)}")
            return
        for line, row in enumerate(reader, start=2):
            try:
                yield acled_event(row, fallback_id=f"{Path(path).stem}-{line}")
            except (ValueError, KeyError) as exc:
                yield InputError(f"{path}:{line}", str(exc))


def acled_event(row: dict[str, str], *, fallback_id: str) -> Event:
    """One ACLED row as an `Event` (article id "acled:<event_id_cnty>")."""
    from .model import AcledCoding, Evidence, Location

    event_id = (row.get("event_id_cnty") or "").strip() or fallback_id
    date = _acled_date(row["event_date"])
    lat, lon = float(row["latitude"]), float(row["longitude"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    notes = (row.get("notes") or "").strip() or f"ACLED event {event_id}"
    event_type = row["event_type"].strip()
    return Event(
        id=f"acled-{event_id}", article_id=f"acled:{event_id}",
        plover=_ACLED_PLOVER.get(event_type, "OTHER"), cameo="",
        acled=AcledCoding(event_type=event_type,
                          sub_event_type=(row.get("sub_event_type") or "").strip() or None,
                          actor1=_blank(row.get("actor1")), actor2=_blank(row.get("actor2")),
                          inter1=_int(row.get("inter1")), inter2=_int(row.get("inter2"))),
        evidence=Evidence(text=notes, start=0, end=len(notes), sentence_index=0),
        actor=_acled_actor(row.get("actor1"), row.get("inter1")),
        target=_acled_actor(row.get("actor2"), row.get("inter2")),
        location=Location(name=(row.get("location") or "").strip() or f"{lat},{lon}",
                          lat=lat, lon=lon, precision=_int(row.get("geo_precision")) or 1,
                          country=_alpha3(row), admin1=_blank(row.get("admin1")),
                          admin2=_blank(row.get("admin2"))),
        date=date, date_precision=_ACLED_PRECISION.get((row.get("time_precision") or "1")
                                                       .strip(), "day"),
        fatalities=_int(row.get("fatalities")), confidence=1.0, trigger="acled")


def _acled_date(value: str) -> str:
    import datetime as dt

    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"event_date {value!r} is not a date (YYYY-MM-DD or '11 December 2016')")


def _acled_actor(name: str | None, inter: str | None) -> Any:
    import re

    from .model import Actor

    name = _blank(name)
    if not name:
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Actor(id=f"acled:{slug}", name=name, acled_name=name, inter=_int(inter))


def _alpha3(row: dict[str, str]) -> str | None:
    import pycountry

    iso = (row.get("iso") or "").strip()
    if iso.isdigit():
        c = pycountry.countries.get(numeric=iso.zfill(3))
        if c:
            return str(c.alpha_3)
    name = (row.get("country") or "").strip()
    if name:
        try:
            return str(pycountry.countries.lookup(name).alpha_3)
        except LookupError:
            return None
    return None


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    return int(float(value))


def _register_builtin() -> None:
    text_views = frozenset({"extract", "events", "export"})
    file_views = frozenset({"extract", "export"})
    for r in (
        Renderer("json", "application/json", ".json", frozenset({"api"})),
        Renderer("jsonl", "application/x-ndjson", ".jsonl", text_views, write_jsonl),
        Renderer("acled-csv", "text/csv; charset=utf-8", ".csv", file_views, write_acled_csv),
        Renderer("geojson", "application/geo+json", ".geojson", text_views | {"api"},
                 write_geojson),
        Renderer("plover-json", "application/json", ".json", file_views, write_plover_json),
        Renderer("csv", "text/csv; charset=utf-8", ".csv", text_views | {"api"}, write_csv),
        Renderer("parquet", "application/vnd.apache.parquet", "", frozenset({"export"}),
                 write_dir=write_parquet, layout="partitioned by month"),
        Renderer("control-geojson", "application/geo+json", ".geojson",
                 frozenset({"export"}), write_control_records, reads="control"),
    ):
        register(r)


_register_builtin()
