"""`conflictmap train` and `conflictmap eval` on sub-event gold, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictmap.coder.train import DEFAULT_TRAINING

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "conflictmap"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)


def test_train_writes_a_coder_that_the_pipeline_then_uses(tmp_path: Path) -> None:
    training = tmp_path / "training"
    training.mkdir()
    for path in sorted(DEFAULT_TRAINING.glob("*.jsonl")):
        (training / path.name).write_text("\n".join(path.read_text().splitlines()[:40]) + "\n")
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"text": "Militia fighters torched the granary of Ndele.",
                                 "acled": "Looting/property destruction", "plover": "ASSAULT",
                                 "status": "asserted", "style": "wire"}) + "\n")
    models = tmp_path / "models"
    proc = run("train", "--training", str(training), "--extra", str(extra), "--out", str(models))
    assert proc.returncode == 0, proc.stderr
    assert "trained on" in proc.stdout
    manifest = json.loads((models / "manifest.json").read_text())
    assert "mine.jsonl" in manifest["files"]
    config = tmp_path / "c.toml"
    config.write_text(f'[stages.coder]\nmodels = "{models}"\n')
    article = tmp_path / "a.txt"
    article.write_text("Rebels shelled the town of Ndele on Monday, killing two villagers.")
    proc = run("--config", str(config), "extract", str(article))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["acled"]["sub_event_type"]


def test_train_names_a_bad_extra_file_and_writes_nothing(tmp_path: Path) -> None:
    extra = tmp_path / "bad.jsonl"
    extra.write_text('{"text": "x", "acled": "Bombing", "plover": null, "status": "asserted"}\n')
    proc = run("train", "--extra", str(extra), "--out", str(tmp_path / "models"))
    assert proc.returncode != 0
    assert "bad.jsonl:1" in proc.stderr and "Bombing" in proc.stderr
    assert not (tmp_path / "models").exists()


def test_eval_scores_sub_event_types_of_short_texts(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "1", "text": "Soldiers and rebels exchanged gunfire for hours outside "
             "Beni on Tuesday, leaving four fighters dead.", "sub_event_type": "Armed clash"},
            {"id": "2", "text": "The national football team won the regional cup final "
             "on penalties.", "sub_event_type": None}]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    proc = run("eval", str(gold), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["kind"] == "subevent"
    assert report["metrics"]["texts"] == 2
    assert report["metrics"]["weighted_f1"] == pytest.approx(1.0)
    assert {row[0] for row in report["table"]} == {"Armed clash", "none"}
