"""The whole-article blind set is written once, before any tuning, and never edited."""

from __future__ import annotations

import hashlib
import json

from testpaths import DATA

BLIND = DATA / "blind" / "articles_blind.jsonl"
PINNED = "010865df0ca1e5d6d3d7e80f6d10597392bac24fadef585fa02b7e19a1a3aef4"


def test_articles_blind_file_is_unchanged() -> None:
    assert hashlib.sha256(BLIND.read_bytes()).hexdigest() == PINNED


def test_articles_blind_evidence_is_in_the_text() -> None:
    rows = [json.loads(line) for line in BLIND.read_text().splitlines()]
    assert len(rows) >= 8
    for row in rows:
        spans = [s for e in row["events"] for s in e["evidence"]]
        spans += [n["text"] for n in row["not_events"]]
        assert all(s in row["text"] for s in spans), row["id"]
