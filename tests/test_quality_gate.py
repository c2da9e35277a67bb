"""The quality gate: a change that lowers accuracy on the project's own cases fails CI."""

from __future__ import annotations

from typing import Any

import pytest

from eval.gate import REPO, file_hash, load_baseline, measure, pipeline_for

pytestmark = pytest.mark.slow
ENTRIES = load_baseline()


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['kind']}:{e['cases']}" for e in ENTRIES])
def test_quality_gate_floors_hold(entry: dict[str, Any], pipeline: Any,
                                  rules_pipeline: Any) -> None:
    assert file_hash(REPO / entry["cases"]) == entry["sha256"], (
        f"{entry['cases']} changed: re-measure with `python tests/eval/gate.py`")
    measured = measure(entry, pipeline_for(entry, pipeline, rules_pipeline))
    below = {name: (measured.get(name), floor) for name, floor in entry["metrics"].items()
             if measured.get(name, -1.0) < floor}
    assert not below, f"accuracy fell below the floor (measured, floor): {below}"
