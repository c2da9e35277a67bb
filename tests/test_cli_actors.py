"""`conflictmap actors`: search, show, user files, gold check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictmap.cli import main

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "eval" / "plover_gsr.jsonl"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


@pytest.mark.parametrize("query, expected_id", [("Daesh", "islamic-state"), ("QSD", "sdf"),
                                                ("Nusra", "nusra"), ("Kremlin", "RUS.GOV")])
def test_cli_actors_search(query: str, expected_id: str) -> None:
    result = run("actors", "search", query)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split("\t")[0] == expected_id


def test_cli_actors_search_json() -> None:
    result = run("actors", "search", "Hayat Tahrir", "--json", "--limit", "1")
    record = json.loads(result.output)
    assert (record["id"], record["acled_name"]) == ("hts", "HTS: Hayat Tahrir al Sham")


def test_cli_actors_search_nothing_found() -> None:
    result = run("actors", "search", "zzzqqq")
    assert result.exit_code == 1 and "no actor matches" in result.output


@pytest.mark.parametrize("actor_id, key, value", [
    ("hts", "predecessor", "jfs"), ("nusra", "successor", "jfs"),
    ("SYR.MIL", "actor", None), ("civilians:SYR", "actor", None)])
def test_cli_actors_show(actor_id: str, key: str, value: str | None) -> None:
    result = run("actors", "show", actor_id)
    info = json.loads(result.output)
    assert result.exit_code == 0 and info["actor"]["id"] == actor_id
    if value is not None:
        assert info[key] == value


def test_cli_actors_show_unknown_id() -> None:
    result = run("actors", "show", "no-such-group")
    assert result.exit_code == 3 and "unknown actor id" in result.output


@pytest.fixture()
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"id": "valley-guard", "name": "Valley Guard", "type": "militia",
                                "country": "SYR", "aliases": ["Guardians of the Valley"]}) + "\n",
                    encoding="utf-8")
    return path


def test_cli_actors_user_file_option(user_file: Path) -> None:
    result = run("actors", "search", "Guardians of the Valley", "--user-file", str(user_file))
    assert result.output.startswith("valley-guard\t")


def test_cli_actors_user_file_from_config(user_file: Path, tmp_path: Path) -> None:
    config = tmp_path / "conflictmap.toml"
    config.write_text(f'[stages.actors]\nuser_file = "{user_file}"\n', encoding="utf-8")
    result = run("--config", str(config), "actors", "show", "valley-guard")
    assert result.exit_code == 0 and json.loads(result.output)["actor"]["name"] == "Valley Guard"


def test_cli_actors_check_reports_file_line_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "name": "A", "type": "militia"}\n{"id": "b", "name": "B", '
                   '"type": "militia", "country": "Narnia"}\n', encoding="utf-8")
    result = run("actors", "check", str(bad))
    assert result.exit_code == 3
    assert f"{bad}:2:" in result.output and "unknown country code 'Narnia'" in result.output


def test_cli_actors_check_ok(user_file: Path) -> None:
    result = run("actors", "check", str(user_file))
    assert result.exit_code == 0 and "ok, 1 actor(s)" in result.output


@pytest.mark.slow
@pytest.mark.gold
def test_cli_actors_gold_reports_country_accuracy() -> None:
    if not GOLD.exists():
        pytest.skip(f"gold file {GOLD} is absent (expected ../shared/eval beside the repo)")
    result = run("actors", "gold", str(GOLD), "--limit", "30", "--json")
    metrics = json.loads(result.output)["metrics"]
    assert result.exit_code == 0 and metrics["source_actors"] > 20
    assert 0.0 <= metrics["source_country_accuracy"] <= 1.0


@pytest.mark.slow
def test_cli_eval_scores_the_actor_cases() -> None:
    cases = REPO / "tests" / "data" / "cases" / "actors.jsonl"
    result = run("eval", str(cases), "--limit", "40", "--json")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["kind"] == "actors"
    assert report["metrics"]["cases"] == 40 and report["metrics"]["accuracy"] >= 0.9
