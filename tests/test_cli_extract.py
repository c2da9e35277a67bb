"""`conflictmap extract` run as a user runs it: a subprocess with files and stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from testpaths import DATA

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "conflictmap"]
TEXT = ("Rebel fighters attacked an army checkpoint near Ariha on Monday, and the army said "
        "two soldiers were killed in the clashes that followed.")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True,
                          timeout=300)


def test_cli_extract_writes_native_records_for_every_article(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    proc = run("extract", str(DATA / "inputs" / "articles.jsonl"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["article_id"] for r in records} == {"a1", "a2"}, "both reports hold events"
    assert any(r["acled"]["sub_event_type"] == "Air/drone strike" for r in records)
    assert any(r["acled"]["sub_event_type"] == "Abduction/forced disappearance" for r in records)
    for rec in records:
        assert rec["article_id"] in {"a1", "a2"}
        assert rec["evidence"]["text"] in (DATA / "inputs" / "articles.jsonl").read_text()


def test_cli_extract_reads_stdin_and_writes_geojson() -> None:
    proc = run("extract", "-", "--published", "2020-03-02", "--format", "geojson", stdin=TEXT)
    assert proc.returncode == 0, proc.stderr
    collection = json.loads(proc.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_cli_extract_rejects_an_impossible_published_date() -> None:
    proc = run("extract", "-", "--published", "2016-02-30", stdin=TEXT)
    assert proc.returncode == 2
    assert "--published" in proc.stderr and "2016-02-30" in proc.stderr


def test_cli_extract_skips_bad_inputs_names_them_and_exits_1(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)))
    bad_jsonl = tmp_path / "bad.jsonl"
    bad_jsonl.write_text('{"id": 1, "text": \n', encoding="utf-8")
    proc = run("extract", str(empty), str(good), str(binary), str(bad_jsonl),
               "--published", "2020-03-02")
    assert proc.returncode == 1
    assert f"{empty}: empty input" in proc.stderr
    assert f"{binary}: binary data" in proc.stderr
    assert f"{bad_jsonl}:1: not JSON" in proc.stderr
    assert "3 inputs skipped" in proc.stderr
    for line in proc.stdout.splitlines():  # the good file was still processed
        assert json.loads(line)["evidence"]["text"] in TEXT
