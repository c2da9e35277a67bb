"""Quality gate: accuracy floors on small fixed samples of the project's own cases.

`baseline.json` lists, per entry, a cases file, its kind, how many records to score, the
SHA-256 of the file (so the sample cannot change silently) and a floor per metric.
An entry with `"pipeline": "rules"` is measured without the learned coder: the project's
own event cases guard the trigger rules they were written for; the learned coder is
gated on its blind set.
`python tests/eval/gate.py` re-measures and raises floors; lowering one needs
`--allow-lower` and a reason in the commit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BASELINE = Path(__file__).with_name("baseline.json")


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_baseline() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return entries


def measure(entry: dict[str, Any], pipeline: Any) -> dict[str, float]:
    from conflictmap.evaluation import evaluate

    report = evaluate(REPO / entry["cases"], kind=entry["kind"], pipeline=pipeline,
                      limit=entry.get("limit"))
    return {k: float(v) for k, v in report.metrics.items()
            if isinstance(v, (int, float)) and not math.isnan(float(v))}


def pipeline_for(entry: dict[str, Any], default: Any, rules: Any) -> Any:
    return rules if entry.get("pipeline") == "rules" else default


def rules_config() -> dict[str, Any]:
    """The default configuration with the learned `coder` stage left out."""
    from conflictmap.config import load_config

    cfg = load_config()
    cfg["pipeline"]["stages"] = [s for s in cfg["pipeline"]["stages"] if s != "coder"]
    return cfg


def rules_pipeline() -> Any:
    from conflictmap import Pipeline

    return Pipeline.from_config(rules_config())


def update(allow_lower: bool) -> int:
    from conflictmap import Pipeline

    default, rules = Pipeline.from_config(), rules_pipeline()
    entries = load_baseline()
    status = 0
    for entry in entries:
        measured = measure(entry, pipeline_for(entry, default, rules))
        entry["sha256"] = file_hash(REPO / entry["cases"])
        for name in entry["metrics"]:
            new = math.floor(measured.get(name, 0.0) * 1000) / 1000
            old = entry["metrics"][name]
            if new < old and not allow_lower:
                print(f"{entry['cases']} {name}: {new} < floor {old} (use --allow-lower)")
                status = 1
                continue
            entry["metrics"][name] = new
            print(f"{entry['cases']} {name}: {old} -> {new}")
    BASELINE.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allow-lower", action="store_true")
    sys.exit(update(parser.parse_args().allow_lower))
