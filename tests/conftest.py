"""Shared fixtures: the spaCy model and the default pipeline (loaded once per session),
paths to the project's own test data and to the gold data beside the repository."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def nlp() -> Any:
    from conflictmap.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def pipeline(nlp: Any) -> Any:
    from conflictmap import Pipeline, Resources
    from conflictmap.config import load_config

    cfg = load_config()
    return Pipeline.from_config(cfg, resources=Resources(config=cfg, nlp=nlp))
