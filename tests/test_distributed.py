"""Scale-out: the same records from a Dask cluster as from the local pipeline."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from testpaths import DATA

pytestmark = pytest.mark.slow


def _extract(*extra: str) -> list[dict[str, object]]:
    proc = subprocess.run([sys.executable, "-m", "conflictmap", "extract",
                           str(DATA / "inputs"), *extra], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_distributed_dask_engine_gives_the_same_records_as_local() -> None:
    local = _extract()
    assert len(local) >= 5, "the sample inputs hold several events"
    on_cluster = _extract("--engine", "dask", "--workers", "1")
    assert on_cluster == local
