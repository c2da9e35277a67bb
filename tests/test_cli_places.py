"""`conflictmap geoparse`, `dates` and `gazetteer import`, in-process with CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictmap.cli import main
from testpaths import DATA

TEXT = ("On Dec. 11, militants retook Palmyra after three days of fighting. "
        "Two days later they attacked a checkpoint near Mayadin in Deir ez-Zor.\n")


@pytest.fixture
def index(tmp_path: Path) -> Path:
    """A gazetteer index holding the project's small GeoNames-format sample."""
    path = tmp_path / "gaz.sqlite"
    result = CliRunner().invoke(main, ["gazetteer", "import", "--path", str(path),
                                       str(DATA / "gazetteer" / "SY-sample.txt")])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_cli_gazetteer_import_reports_rows(tmp_path: Path) -> None:
    path = tmp_path / "gaz.sqlite"
    result = CliRunner().invoke(main, ["gazetteer", "import", "--path", str(path),
                                       str(DATA / "gazetteer" / "SY-sample.txt")])
    assert result.exit_code == 0
    assert "imported 10 rows" in result.output


@pytest.mark.parametrize("name, message", [
    ("broken.txt", "broken.txt:1: expected 19 tab-separated GeoNames columns"),
])
def test_cli_gazetteer_import_bad_dump_exits_3(tmp_path: Path, name: str, message: str) -> None:
    result = CliRunner().invoke(main, ["gazetteer", "import", "--path",
                                       str(tmp_path / "g.sqlite"),
                                       str(DATA / "gazetteer" / name)])
    assert result.exit_code == 3
    assert message in result.output


@pytest.mark.slow
def test_cli_geoparse_writes_one_line_per_article(index: Path, article: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_GAZETTEER", str(index))
    result = CliRunner().invoke(main, ["geoparse", str(article)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(lines) == 1 and set(lines[0]) == {"article_id", "toponyms"}
    toponyms = {t["text"]: t for t in lines[0]["toponyms"]}
    assert toponyms["Palmyra"]["name"] == "Tadmur"
    assert toponyms["Mayadin"]["geonames_id"] == 9000004
    for t in lines[0]["toponyms"]:
        assert TEXT[t["start"]:t["end"]] == t["text"]
        assert set(t) == {"start", "end", "text", "geonames_id", "name", "country", "admin1",
                          "lat", "lon", "score", "reason"}


@pytest.mark.slow
def test_cli_dates_resolves_against_published(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "dates.jsonl"
    result = CliRunner().invoke(main, ["dates", "--published", "2016-12-14", str(article),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert [(d["text"], d["value"], d["precision"]) for d in record["dates"]] == [
        ("Dec. 11", "2016-12-11", "day"), ("Two days later", "2016-12-13", "day")]
    assert set(record["dates"][0]) == {"start", "end", "text", "value", "precision"}


def test_cli_dates_rejects_an_impossible_date(article: Path) -> None:
    result = CliRunner().invoke(main, ["dates", "--published", "2016-13-01", str(article)])
    assert result.exit_code == 2
    assert "--published" in result.output


@pytest.mark.slow
def test_cli_gazetteer_build_makes_an_index_from_packaged_data(tmp_path: Path) -> None:
    from conflictmap.gazetteer import SqliteGazetteer

    path = tmp_path / "built.sqlite"
    result = CliRunner().invoke(main, ["gazetteer", "build", "--path", str(path)])
    assert result.exit_code == 0, result.output
    names = {(c.place.name, c.place.country) for c in SqliteGazetteer(path).candidates("Raqqa")}
    assert ("Ar Raqqah", "SYR") in names
