"""The learned coder's blind set is written once and never edited: its bytes are pinned."""

from __future__ import annotations

import hashlib
import json

import pytest
from testpaths import DATA

from conflictmap.coder.corpus import read_examples

BLIND = DATA / "blind"
PINNED = {
    "coder_blind_a.jsonl": "432f8d3310262e04e4e3110039872038dfed6062f36ae51531ca997ac22dcfcd",
    "coder_blind_b.jsonl": "2759023ba45e455f0c89bfc63cafe5e40556f98cc56de9b8ef460a102c2c492a",
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_blind_file_is_unchanged(name: str) -> None:
    assert hashlib.sha256((BLIND / name).read_bytes()).hexdigest() == PINNED[name]


def test_blind_set_is_large_valid_and_apart_from_training() -> None:
    from conflictmap.coder.corpus import corpus_files, load_corpus
    from conflictmap.coder.train import DEFAULT_TRAINING

    blind = [ex for name in PINNED for ex in read_examples(BLIND / name)]
    assert len(blind) >= 1500
    training = {ex.text for ex in load_corpus(corpus_files(DEFAULT_TRAINING))}
    assert not training & {ex.text for ex in blind}


def test_training_corpus_meets_the_issue_minimums() -> None:
    from collections import Counter

    from conflictmap.coder.corpus import ACLED_TYPES, corpus_files, load_corpus
    from conflictmap.coder.train import DEFAULT_TRAINING

    examples = load_corpus(corpus_files(DEFAULT_TRAINING))
    counts = Counter(ex.acled for ex in examples)
    assert len(examples) >= 8000
    assert counts[None] >= 1000
    assert {t: counts[t] for t in ACLED_TYPES if counts[t] < 150} == {}
    assert json.loads((DEFAULT_TRAINING.parent / "src/conflictmap/data/models/manifest.json")
                      .read_text())["examples"] >= 8000
