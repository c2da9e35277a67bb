"""Export formats (ACLED CSV, PLOVER JSON, GeoJSON, Parquet by month, control snapshot) and
the ACLED CSV import, on hand-built events."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import make_event

from conflictmap import formats
from conflictmap.control import history
from conflictmap.errors import InputError
from conflictmap.model import Event, Evidence

ISIS = ("isis", "Islamic State", None, "rebel")
SYR_ARMY = ("syr-mil", "Military Forces of Syria", "SYR", "military")


def _events() -> list[Event]:
    a = make_event("a", sub="Non-state actor overtakes territory", actor=ISIS, target=SYR_ARMY,
                   event_id="e1", text="IS retook Palmyra.")
    a.sources = [a.evidence, Evidence("IS seized Tadmur.", 0, 17, 0, article_id="b")]
    b = make_event("c", date="2016-03", precision="month", event_id="e2")
    return [a, b]


def test_formats_acled_csv_uses_acled_column_names() -> None:
    out = io.StringIO()
    formats.write_events(_events(), "acled-csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0])[:8] == ["event_id_cnty", "event_date", "year", "time_precision",
                                 "disorder_type", "event_type", "sub_event_type", "actor1"]
    assert rows[0]["country"] == "Syria" and rows[0]["iso"] == "760"
    assert rows[1]["time_precision"] == "3"


def test_formats_csv_counts_sources() -> None:
    out = io.StringIO()
    formats.write_events(_events(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["sources"] for r in rows] == ["2", "1"]


def test_formats_plover_json() -> None:
    out = io.StringIO()
    formats.write_events(_events(), "plover-json", out)
    first = json.loads(out.getvalue())[0]
    assert first["event"] == "ASSAULT" and first["source"][0]["actorText"] == "Islamic State"
    assert first["event_loc"]["geonames_id"] == 170183


def test_formats_geojson_points_lon_lat() -> None:
    out = io.StringIO()
    formats.write_events(_events(), "geojson", out)
    feat = json.loads(out.getvalue())["features"][0]
    assert feat["geometry"] == {"type": "Point", "coordinates": [38.2672, 34.5604]}
    assert len(feat["properties"]["sources"]) == 2


def test_formats_parquet_by_month_roundtrips_records(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    n = formats.write_parquet(_events(), str(tmp_path / "pq"))
    assert n == 2
    parts = sorted(p.name for p in (tmp_path / "pq").iterdir())
    assert parts == ["month=2016-03", "month=2016-12"]
    table = pq.read_table(str(tmp_path / "pq" / "month=2016-12"))
    record = json.loads(table.column("record")[0].as_py())
    assert Event.from_dict(record).acled.sub_event_type == "Non-state actor overtakes territory"


def test_formats_parquet_refuses_a_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="not an earlier parquet export"):
        formats.write_parquet(_events(), str(tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_formats_control_snapshot_geojson() -> None:
    intervals = history([make_event("a", sub="Non-state actor overtakes territory",
                                    actor=ISIS)], fade_days=100_000)
    out = io.StringIO()
    assert formats.write_control_geojson(intervals, out) == 1
    props = json.loads(out.getvalue())["features"][0]["properties"]
    assert (props["controller_name"], props["status"], props["valid_from"]) == (
        "Islamic State", "controlled", "2016-12-11")
    assert props["evidence"][0]["text"]


def test_formats_read_acled_csv(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,"
        "inter1,inter2,iso,country,admin1,location,latitude,longitude,geo_precision,notes,"
        "fatalities\n"
        "SYR9,11 December 2016,1,Battles,Non-state actor overtakes territory,Islamic State,"
        "Military Forces of Syria (2000-),2,1,760,Syria,Homs,Tadmur,34.5604,38.2672,1,"
        "IS took Tadmur.,3\n", encoding="utf-8")
    (event,) = list(formats.read_acled_csv(str(path)))
    assert isinstance(event, Event)
    assert (event.date, event.date_precision, event.fatalities) == ("2016-12-11", "day", 3)
    assert event.location.country == "SYR" and event.location.admin1 == "Homs"
    assert event.actor.acled_name == "Islamic State" and event.acled.inter2 == 1
    assert event.article_id == "acled:SYR9"


def test_formats_read_acled_csv_missing_file(tmp_path: Path) -> None:
    (err,) = list(formats.read_acled_csv(str(tmp_path / "none.csv")))
    assert isinstance(err, InputError) and "cannot read" in str(err)


def _line_writer(line: Any) -> Any:
    """A record writer that writes `line(record)` per record and counts them."""
    def write(records: Any, out: Any) -> int:
        n = 0
        for rec in records:
            out.write(line(rec) + "\n")
            n += 1
        return n
    return write


_write_tsv = _line_writer(lambda rec: f"{rec['id']}\t{rec['date']}")


@pytest.fixture
def tsv_registered() -> Any:
    """A format registered once, for every view; removed again afterwards."""
    fmt = formats.register(formats.Renderer(
        "tsv-test", "text/tab-separated-values", ".tsv", formats.VIEWS, _write_tsv))
    yield fmt
    del formats.REGISTRY[fmt.name]


def test_formats_registered_once_appear_in_the_cli_and_the_api(tsv_registered: Any,
                                                               tmp_path: Path) -> None:
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from conflictmap.api import create_app
    from conflictmap.cli import main
    from conflictmap.config import load_config
    from conflictmap.dedup import add_article
    from conflictmap.storage import open_store
    from conftest import make_article

    db = tmp_path / "f.db"
    store = open_store(str(db))
    add_article(store, make_article("a", _events()))
    runner = CliRunner()
    for command in (["extract", "x.txt"], ["events"], ["export"]):
        shown = runner.invoke(main, [*command, "--help"]).output
        assert "tsv-test" in shown, command
    exported = runner.invoke(main, ["--db", str(db), "export", "--format", "tsv-test"])
    assert exported.exit_code == 0, exported.output
    assert sorted(exported.stdout.split("\n")[:2]) == ["e1\t2016-12-11", "e2\t2016-03"]
    with TestClient(create_app(store, config=load_config())) as client:
        got = client.get("/events", params={"format": "tsv-test"})
        assert got.status_code == 200, got.text
        assert got.headers["content-type"].startswith("text/tab-separated-values")
        assert got.text.split("\n")[0] == "e1\t2016-12-11"
        schema = client.get("/openapi.json").json()
    param = next(p for p in schema["paths"]["/events"]["get"]["parameters"]
                 if p["name"] == "format")
    assert "tsv-test" in param["schema"]["enum"]
    store.close()


def test_formats_views_read_the_registry() -> None:
    assert formats.names("extract") == ["jsonl", "acled-csv", "geojson", "plover-json", "csv"]
    assert formats.names("api") == ["json", "geojson", "csv"]
    assert set(formats.names("export")) == {"jsonl", "acled-csv", "geojson", "plover-json",
                                            "csv", "parquet", "control-geojson"}
    with pytest.raises(ValueError, match="unknown views"):
        formats.register(formats.Renderer("x", "text/plain", ".txt", frozenset({"web"})))
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        formats.write_events([], "xml", io.StringIO())


def _write_one_file_each(records: Any, path: str) -> int:
    root = Path(path)
    root.mkdir(parents=True, exist_ok=True)
    n = 0
    for rec in map(formats.as_record, records):
        (root / f"{rec['id']}.txt").write_text(rec["date"], encoding="utf-8")
        n += 1
    return n


_write_controllers = _line_writer(
    lambda rec: f"{rec['place']['name']}\t{rec['controller']['name']}")


@pytest.fixture
def export_kinds_registered() -> Any:
    """A directory format and a control-snapshot format, registered for export only."""
    made = [formats.register(formats.Renderer(
                "files-test", "text/plain", "", frozenset({"export"}),
                write_dir=_write_one_file_each, layout="one file per event")),
            formats.register(formats.Renderer(
                "controllers-test", "text/plain", ".tsv", frozenset({"export"}),
                _write_controllers, reads="control"))]
    yield made
    for fmt in made:
        del formats.REGISTRY[fmt.name]


def test_formats_export_writes_what_a_registered_format_says(export_kinds_registered: Any,
                                                             tmp_path: Path) -> None:
    from click.testing import CliRunner

    from conflictmap.cli import main
    from conflictmap.dedup import add_article
    from conflictmap.storage import open_store
    from conftest import make_article

    db = str(tmp_path / "f.db")
    store = open_store(db)
    add_article(store, make_article("a", _events()))
    store.close()
    runner = CliRunner()
    out = tmp_path / "files"
    done = runner.invoke(main, ["--db", db, "export", "--format", "files-test", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in out.iterdir()) == ["e1.txt", "e2.txt"]
    assert "2 events exported" in done.stderr
    refused = runner.invoke(main, ["--db", db, "export", "--format", "files-test"])
    assert refused.exit_code == 2
    assert "--format files-test needs -o DIRECTORY (one file per event)" in refused.output
    snapshot = runner.invoke(main, ["--db", db, "export", "--format", "controllers-test",
                                    "--at", "2016-12-31"])
    assert snapshot.exit_code == 0, snapshot.output
    assert snapshot.stdout == "Palmyra\tIslamic State\n"
    assert "1 places exported" in snapshot.stderr


def test_formats_renderer_says_what_it_writes() -> None:
    parquet, control = formats.renderer("parquet"), formats.renderer("control-geojson")
    assert (parquet.writes_directory, parquet.reads, parquet.unit) == (True, "events", "events")
    assert (control.writes_directory, control.reads, control.unit) == (False, "control",
                                                                        "places")
    with pytest.raises(ValueError, match="not written to a text stream"):
        parquet.render(_events(), io.StringIO())
    with pytest.raises(ValueError, match="unknown reads 'people'"):
        formats.register(formats.Renderer("x", "text/plain", ".txt", frozenset({"export"}),
                                          reads="people"))
