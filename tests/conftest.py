"""Shared fixtures: the spaCy model and the default pipeline (loaded once per session),
paths to the project's own test data and to the gold data beside the repository."""

from __future__ import annotations

from typing import Any

import pytest

from testpaths import DATA, REPO, SHARED, shared_file  # noqa: F401  (re-exported for tests)


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
