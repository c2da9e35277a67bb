"""One bad input never costs the good ones: `extract` and `ingest` run as a user runs them
(a subprocess), with sloppy and hostile inputs beside good ones."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "conflictmap"]
TEXT = ("Rebel fighters attacked an army checkpoint near Ariha on Monday, and the army said "
        "two soldiers were killed in the clashes that followed.")
RELATIVE = ("Rebel fighters attacked an army checkpoint near Ariha last week, and the army "
            "said two soldiers were killed in the clashes that followed.")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True,
                          timeout=300)


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def records(proc: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in proc.stdout.splitlines()]


def skipped_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("skipped ")]


GOOD = [{"id": "good-1", "text": TEXT, "published": "2020-03-02"},
        {"id": "good-2", "text": TEXT + " Residents fled.", "published": "2020-03-02"}]
WRONG_TYPES = [
    ({"id": "title-number", "text": TEXT, "title": 5}, "'title' must be a string, not a number"),
    ({"id": "url-object", "text": TEXT, "url": {"href": "x"}},
     "'url' must be a string, not an object"),
    ({"id": "text-number", "text": 12345}, "'text' must be a string, not a number"),
    ({"id": "text-bool", "text": True}, "'text' must be a string, not a boolean"),
    ({"id": "text-object", "text": {"body": TEXT}}, "'text' must be a string, not an object"),
    ({"id": "date-number", "text": TEXT, "published": 20200302},
     "published must be a YYYY-MM-DD string, not a number"),
]


def test_wrong_json_types_are_skipped_by_line_and_id_and_the_good_rows_extracted(
        tmp_path: Path) -> None:
    rows = [GOOD[0], *[row for row, _ in WRONG_TYPES], GOOD[1]]
    path = write_jsonl(tmp_path / "mixed.jsonl", rows)
    proc = run("extract", str(path))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = skipped_lines(proc)
    assert len(lines) == len(WRONG_TYPES)
    for n, (line, (row, problem)) in enumerate(zip(lines, WRONG_TYPES), start=2):
        assert line == f"skipped {path}:{n} (id {row['id']}): {problem}"
    assert {r["article_id"] for r in records(proc)} == {"good-1", "good-2"}
    assert f"{len(WRONG_TYPES)} inputs skipped" in proc.stderr


def test_ingest_stores_every_good_row_beside_bad_ones_and_exits_1(tmp_path: Path) -> None:
    rows = [GOOD[0], WRONG_TYPES[1][0], WRONG_TYPES[0][0], GOOD[1]]  # url object, title number
    path = write_jsonl(tmp_path / "mixed.jsonl", rows)
    db = tmp_path / "events.db"
    proc = run("--db", str(db), "ingest", str(path))
    assert proc.returncode == 1, proc.stderr
    assert len(skipped_lines(proc)) == 2 and "2 inputs skipped" in proc.stderr
    with sqlite3.connect(db) as con:
        stored = {r[0] for r in con.execute("SELECT DISTINCT article_id FROM events")}
    assert stored == {"good-1", "good-2"}


def test_ingest_into_an_unreachable_store_is_a_run_failure_exit_3(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "good.jsonl", GOOD)
    proc = run("--db", "postgresql://nobody@127.0.0.1:1/none", "ingest", str(path))
    assert proc.returncode == 3, proc.stderr
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr


def test_utf16_file_of_odd_length_is_a_clear_error_and_the_other_file_is_read(
        tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"\xff\xfe" + TEXT.encode("utf-16-le") + b"x")
    good = tmp_path / "good.txt"
    good.write_bytes(b"\xff\xfe" + TEXT.encode("utf-16-le"))  # an even, valid UTF-16 file
    proc = run("extract", str(odd), str(good), "--published", "2020-03-02")
    assert proc.returncode == 1, proc.stderr
    assert skipped_lines(proc) == [
        f"skipped {odd}: has a UTF-16 byte-order mark but is not valid UTF-16 (odd number "
        f"of bytes, so the file is cut short); convert the file to UTF-8"]
    assert records(proc) and all(r["evidence"]["text"] in TEXT for r in records(proc))


@pytest.mark.parametrize("published", ["0001-03-01", "0900-03-01", "0999-12-31"])
def test_any_year_from_0001_works_with_a_relative_date(tmp_path: Path, published: str) -> None:
    path = write_jsonl(tmp_path / "old.jsonl", [{"id": "old", "text": RELATIVE,
                                                  "published": published}])
    proc = run("extract", str(path))
    assert proc.returncode == 0, proc.stderr
    dates = [r["date"] for r in records(proc)]
    assert dates and all(d.startswith(published[:4]) for d in dates), dates


def test_publication_date_after_tomorrow_is_rejected_and_tomorrow_accepted(
        tmp_path: Path) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    path = write_jsonl(tmp_path / "dates.jsonl", [
        {"id": "far", "text": TEXT, "published": "3000-01-01"},
        {"id": "tomorrow", "text": TEXT, "published": tomorrow}])
    proc = run("extract", str(path))
    assert proc.returncode == 1, proc.stderr
    assert skipped_lines(proc) == [
        f"skipped {path}:1 (id far): published 3000-01-01 lies in the future "
        f"(latest accepted: {tomorrow})"]
    assert {r["article_id"] for r in records(proc)} == {"tomorrow"}
    assert all(r["date"] <= tomorrow for r in records(proc))


def long_text(paragraphs: int) -> str:
    """One attack per paragraph, each on a day of its own (one act per place, day and type
    is one event, however often it is told)."""
    places = ["Ariha", "Saraqib", "Idlib", "Jisr al-Shughur", "Maarat al-Numan"]
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(paragraphs)]
    return "\n\n".join(f"Rebel fighters attacked an army checkpoint near {places[i % 5]} on "
                       f"{d.day} {d:%B} {d.year}, and the army said {i + 2} soldiers were "
                       f"killed in the clashes that followed." for i, d in enumerate(days))


def test_text_longer_than_the_maximum_is_split_and_read_as_if_whole(tmp_path: Path) -> None:
    config = tmp_path / "small.toml"
    config.write_text("[stages.nlp]\nmax_chars = 1000\n", encoding="utf-8")
    text = long_text(60)  # about 8,500 characters: nine pieces or more
    path = write_jsonl(tmp_path / "long.jsonl", [{"id": "long", "text": text,
                                                   "published": "2020-03-02"}])
    split = run("--config", str(config), "extract", str(path))
    whole = run("extract", str(path))
    assert split.returncode == 0 and whole.returncode == 0, split.stderr + whole.stderr
    evidence = [r["evidence"] for r in records(split)]
    assert [text[e["start"]:e["end"]] for e in evidence] == [e["text"] for e in evidence]
    assert len(evidence) == 60, "one attack per paragraph, in every piece"

    def coded(proc: subprocess.CompletedProcess[str]) -> list[tuple[Any, ...]]:
        return [(r["evidence"]["start"], r["plover"], r["date"], r["location"]["name"])
                for r in records(proc)]

    assert coded(split) == coded(whole)


def test_text_over_the_hard_limit_is_skipped_and_its_batch_mates_extracted(
        tmp_path: Path) -> None:
    config = tmp_path / "hard.toml"
    config.write_text("[stages.nlp]\nhard_limit_chars = 2000\n", encoding="utf-8")
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        GOOD[0], {"id": "huge", "text": long_text(30), "published": "2020-03-02"}, GOOD[1]])
    proc = run("--config", str(config), "extract", str(path))
    assert proc.returncode == 1, proc.stderr
    assert skipped_lines(proc) == [
        f"skipped {path}:2 (id huge): text has {len(long_text(30)):,} characters, more than "
        f"the hard limit of 2,000 (stages.nlp.hard_limit_chars)"]
    assert {r["article_id"] for r in records(proc)} == {"good-1", "good-2"}


def test_post_articles_reaches_the_same_date_checks(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from conflictmap.api import create_app
    from conflictmap.config import load_config
    from conflictmap.storage import open_store

    store = open_store(str(tmp_path / "api.db"))
    app = create_app(store, config=load_config(overrides={"api.write_token": "t0ken"}))
    auth = {"Authorization": "Bearer t0ken"}
    with TestClient(app) as client:
        future = client.post("/articles", json={"text": TEXT, "published": "3000-01-01"},
                             headers=auth)
        old = client.post("/articles", json={"text": RELATIVE, "published": "0900-03-01"},
                          headers=auth)
    assert future.status_code == 400, future.text
    assert "lies in the future" in str(future.json()["detail"])
    assert old.status_code == 201, old.text
    assert all(e["date"].startswith("0900") for e in old.json()["events"])
    store.close()
