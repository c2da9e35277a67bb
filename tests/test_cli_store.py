"""The store commands as a user runs them: ingest, events, export, control, import-acled,
compare (stores filled with hand-built events; ingest runs the pipeline as it is)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import make_article, make_event, store_url_for

from conflictmap.cli import main
from conflictmap.storage import open_store
from conflictmap.dedup import add_article

SYR_ARMY = ("syr-mil", "Military Forces of Syria", "SYR", "military")
ISIS = ("isis", "Islamic State", None, "rebel")
ALEPPO = ("Aleppo", 170063, 36.2021, 37.1343)


def run(url: str, *args: str) -> Any:
    return CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)


@pytest.fixture(params=["sqlite", "postgres"])
def filled(request: Any, tmp_path: Path) -> Iterator[str]:
    """A store URL holding a government recapture, an IS capture and a clash in Aleppo."""
    with store_url_for(request.param, tmp_path) as url:
        _fill(url)
        yield url


def _fill(store_url: str) -> None:
    st = open_store(store_url)
    add_article(st, make_article("march", [make_event(
        "march", sub="Government regains territory", actor=SYR_ARMY, target=ISIS,
        date="2016-03", precision="month", event_id="gov",
        text="The Syrian army recaptured Palmyra in March.")], url="http://news/march"))
    add_article(st, make_article("dec", [make_event(
        "dec", sub="Non-state actor overtakes territory", actor=ISIS, target=SYR_ARMY,
        date="2016-12-11", event_id="is", text="IS retook Palmyra on Dec. 11.")]))
    add_article(st, make_article("alp", [make_event(
        "alp", actor=SYR_ARMY, target=("reb", "Rebels", "SYR", "rebel"), place=ALEPPO,
        date="2016-12-05", event_id="alp", text="Army and rebels clashed in Aleppo.")]))
    st.close()


def test_cli_store_events_table_shows_readable_columns(filled: str) -> None:
    res = run(filled, "events", "--place", "Palmyra")
    lines = res.stdout.splitlines()
    assert res.exit_code == 0
    assert lines[0].split() == ["date", "type", "actor", "target", "place", "status",
                                "evidence"]
    assert "2016-12-11" in lines[1] and "IS retook Palmyra" in lines[1]
    assert "Non-state actor overtakes" in lines[1]
    assert lines[2].startswith("2016-03")
    assert len(lines) == 3


@pytest.mark.parametrize("args,ids", [
    (["--actor", "Islamic"], {"gov", "is"}),
    (["--sub-type", "Armed clash"], {"alp"}),
    (["--start", "2016-12-01", "--end", "2016-12-31"], {"is", "alp"}),
    (["--bbox", "37,36,38,37"], {"alp"}),
    (["--text", "retook"], {"is"}),
    (["--type", "battles", "--limit", "1"], {"is"}),
])
def test_cli_store_events_filters_jsonl(filled: str, args: list[str], ids: set[str]) -> None:
    res = run(filled, "events", *args, "--format", "jsonl")
    assert res.exit_code == 0
    assert {json.loads(line)["id"] for line in res.stdout.splitlines()} == ids


def test_cli_store_events_bad_option_is_usage_error(filled: str) -> None:
    res = run(filled, "events", "--bbox", "1,2,3")
    assert res.exit_code == 2 and "MIN_LON" in res.output
    res = run(filled, "events", "--start", "2016-02-30")
    assert res.exit_code == 2 and "not a valid date" in res.output


@pytest.mark.parametrize("fmt", ["csv", "acled-csv", "jsonl", "geojson", "plover-json"])
def test_cli_store_export_formats(filled: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    res = run(filled, "export", "--format", fmt, "-o", str(out))
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    if fmt in ("csv", "acled-csv"):
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 3
        if fmt == "acled-csv":
            assert {r["sub_event_type"] for r in rows} >= {"Government regains territory"}
            assert {r["country"] for r in rows} == {"Syria"}
    elif fmt == "jsonl":
        assert len(text.splitlines()) == 3
    elif fmt == "geojson":
        feats = json.loads(text)["features"]
        assert len(feats) == 3 and feats[0]["geometry"]["type"] == "Point"
    else:
        assert len(json.loads(text)) == 3


def test_cli_store_export_parquet_partitioned_by_month(filled: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "pq"
    res = run(filled, "export", "--format", "parquet", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["month=2016-03", "month=2016-12"]
    table = pq.read_table(str(out))
    assert table.num_rows == 3
    res = run(filled, "export", "--format", "parquet", "-o", str(out))  # re-export replaces
    assert res.exit_code == 0 and pq.read_table(str(out)).num_rows == 3
    assert run(filled, "export", "--format", "parquet").exit_code == 2


def test_cli_store_control_prints_history_with_evidence(filled: str) -> None:
    res = run(filled, "control", "Palmyra")
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0].startswith("2016-03 → 2016-12-11  controlled")
    assert "Military Forces of Syria" in lines[0]
    assert "recaptured Palmyra in March" in lines[1] and "http://news/march" in lines[1]
    assert any(line.startswith("2016-12-11 → ") and "Islamic State" in line for line in lines)
    at = run(filled, "control", "palmyra", "--at", "2016-06-01")
    assert at.output.count("→") == 1 and "Military Forces of Syria" in at.output


def test_cli_store_control_snapshot_geojson(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "snap.geojson"
    res = run(filled, "export", "--format", "control-geojson", "--at", "2016-12-12",
              "-o", str(out))
    assert res.exit_code == 0
    feats = json.loads(out.read_text())["features"]
    assert [f["properties"]["controller_name"] for f in feats] == ["Islamic State"]
    assert feats[0]["geometry"]["coordinates"] == [38.2672, 34.5604]


def test_cli_store_control_unknown_place(filled: str) -> None:
    res = run(filled, "control", "Atlantis")
    assert res.exit_code == 0 and "no control information" in res.output


ACLED_HEADER = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,"
                "actor2,inter1,inter2,iso,country,location,latitude,longitude,geo_precision,"
                "notes,fatalities\n")


def _acled_file(tmp_path: Path, rows: list[str]) -> str:
    path = tmp_path / "mine.csv"
    path.write_text(ACLED_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_cli_store_import_acled_and_compare(filled: str, tmp_path: Path) -> None:
    path = _acled_file(tmp_path, [
        "SYR1,2016-12-11,1,Battles,Non-state actor overtakes territory,Islamic State,"
        "Military Forces of Syria (2000-),2,1,760,Syria,Palmyra,34.5604,38.2672,1,"
        "IS took Tadmur.,12",
        "SYR2,05 December 2016,1,Battles,Government regains territory,Military Forces of "
        "Syria (2000-),Rebels,1,2,760,Syria,Aleppo,36.2021,37.1343,1,Army advanced.,0",
        "SYR3,2016-12-20,1,Protests,Peaceful protest,Protesters (Syria),,6,,760,Syria,"
        "Idlib,35.93,36.63,1,A protest.,0",
    ])
    res = run(filled, "compare", path, "--all")
    assert res.exit_code == 0, res.output
    assert "agree 1, differ 1, only conflictmap 0, only theirs 1" in res.output
    assert "sub_event_type: Armed clash vs Government regains territory" in res.output
    res = run(filled, "import-acled", path)
    assert res.exit_code == 0 and "3 new" in res.output
    assert "3 unchanged" in run(filled, "import-acled", path).output
    found = run(filled, "events", "--place", "Idlib", "--format", "jsonl").stdout
    assert json.loads(found)["acled"]["sub_event_type"] == "Peaceful protest"
    again = run(filled, "compare", path)  # imported rows are not compared with themselves
    assert "agree 1, differ 1, only conflictmap 0, only theirs 1" in again.output


def test_cli_store_import_acled_bad_rows_are_skipped(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    path = _acled_file(tmp_path, [
        "A1,2016-12-11,1,Battles,Armed clash,X,Y,2,2,760,Syria,Homs,34.7,36.7,1,ok,0",
        "A2,someday,1,Battles,Armed clash,X,Y,2,2,760,Syria,Homs,34.7,36.7,1,bad,0",
        "A3,2016-12-11,1,Battles,Armed clash,X,Y,2,2,760,Syria,Homs,134.7,36.7,1,bad,0",
    ])
    res = run(url, "import-acled", path)
    assert res.exit_code == 1
    assert "mine.csv:3: event_date 'someday' is not a date" in res.output
    assert "mine.csv:4: coordinates out of range" in res.output
    assert "1 new" in res.output
    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n")
    res = run(url, "import-acled", str(bad))
    assert res.exit_code == 1 and "missing column(s) event_date" in res.output


@pytest.mark.slow  # stores through the real pipeline (loads the spaCy model)
def test_cli_store_ingest_is_idempotent_and_reports_skips(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'i.db'}"
    good = tmp_path / "a.txt"
    good.write_text("Government forces shelled the town of Homs on Monday, officials said.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = run(url, "ingest", str(good), "--published", "2016-12-14")
    assert res.exit_code == 0 and "1 new" in res.output
    first = run(url, "events", "--format", "jsonl").stdout
    res = run(url, "ingest", str(good), str(empty), "--published", "2016-12-14")
    assert res.exit_code == 1
    assert "1 unchanged" in res.output and "empty.txt" in res.output
    assert run(url, "events", "--format", "jsonl").stdout == first


@pytest.mark.slow
def test_cli_store_palmyra_control_end_to_end(tmp_path: Path) -> None:
    from conftest import shared_file

    sample = shared_file("samples/palmyra.txt")
    url = f"sqlite:///{tmp_path / 'p.db'}"
    res = run(url, "ingest", str(sample), "--published", "2016-12-14")
    assert res.exit_code == 0, res.output
    out = run(url, "control", "Palmyra").stdout
    if "controlled" not in out:
        pytest.skip("the pipeline does not yet produce territory events at Palmyra")
    heads = [line for line in out.splitlines() if "controlled" in line]
    assert heads[0].startswith("2016-03 → 2016-12-11  controlled")
    assert "Syria" in heads[0]
    assert heads[1].startswith("2016-12-11 → ") and "Islamic State" in heads[1]
    assert "evidence: On Dec. 11" in out


def test_cli_store_merges_shows_reason_and_undoes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    st = open_store(url)
    for name in ("r1", "r2"):
        add_article(st, make_article(name, [make_event(name, event_id=f"{name}-e")]))
    st.close()
    out = run(url, "merges", "r1-e").stdout
    assert out.startswith("r2-e → r1-e  [active]  same family Battles")
    assert "same place Palmyra" in out
    assert "split back out" in run(url, "merges", "r2-e", "--undo").stdout
    assert "[undone " in run(url, "merges", "r1-e").stdout
    assert len(run(url, "events", "--format", "jsonl").stdout.splitlines()) == 2


def test_cli_store_control_of_an_unknown_place_suggests_stored_names(filled: str) -> None:
    res = run(filled, "control", "Aleppoo")
    assert res.exit_code == 1
    assert "unknown place 'Aleppoo'" in res.stderr and "did you mean Aleppo?" in res.stderr
    nothing_like = run(filled, "control", "Qwxzvbk")
    assert nothing_like.exit_code == 1
    assert "unknown place 'Qwxzvbk'" in nothing_like.stderr
    assert "did you mean" not in nothing_like.stderr


def test_cli_store_control_of_a_known_place_without_data_says_so(filled: str) -> None:
    stored_no_control = run(filled, "control", "Aleppo")  # a clash there, no territory events
    assert stored_no_control.exit_code == 0
    assert "no control information for 'Aleppo'" in stored_no_control.stderr
    gazetteer_only = run(filled, "control", "Damascus")
    assert gazetteer_only.exit_code == 0
    assert "no control information for 'Damascus'" in gazetteer_only.stderr


def test_cli_store_events_at_an_unknown_place(filled: str) -> None:
    res = run(filled, "events", "--place", "Palmyraa")
    assert res.exit_code == 1
    assert "unknown place 'Palmyraa'" in res.stderr and "did you mean Palmyra?" in res.stderr
    known = run(filled, "events", "--place", "Damascus")
    assert known.exit_code == 0 and "0 of 0 events" in known.stderr
