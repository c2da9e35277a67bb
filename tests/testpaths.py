"""Paths to the project's test data and to the gold data beside the repository.

Import in tests as `from testpaths import DATA, shared_file` (tests/ is on pytest's path).
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SHARED = REPO.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file under ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"gold/sample file {path} is absent (expected a copy of shared/ beside the repo)")
    return path
