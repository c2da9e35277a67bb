"""Mention-level source-country accuracy on the PLOVER gold records (issue 3 goal: >= 0.90).

Runs only the nlp and actors stages; a gold source actor counts as right when a mention
overlapping its actorText carries its ISO 3166 country. Non-ISO codes are skipped."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import shared_file

from conflictmap.evaluation.actors import plover_mentions

pytestmark = [pytest.mark.slow, pytest.mark.gold]


def test_actors_gold_source_country_accuracy(pipeline: Any) -> None:
    report = plover_mentions(shared_file("eval/plover_gsr.jsonl"), pipeline=pipeline)
    assert report.metrics["source_actors"] >= 250
    assert report.metrics["source_country_accuracy"] >= 0.90, report.notes[:20]
