"""The actor blind set (ACLED-style sentences written before any actor rule was tuned) is
written once and never edited: its bytes are pinned."""

from __future__ import annotations

import hashlib
import json

from testpaths import DATA

BLIND = DATA / "blind" / "actors_blind.jsonl"
PINNED = "8c1eabeb3b9d5c0380ca474f23d3a6640dc918c38b8429470f38892b95835d16"
FIELDS = {"sub_event_type", "status", "actor1", "actor2", "assoc_actor", "claimed_by",
          "country", "date"}


def test_actors_blind_file_is_unchanged() -> None:
    assert hashlib.sha256(BLIND.read_bytes()).hexdigest() == PINNED


def test_actors_blind_set_is_large_and_complete() -> None:
    rows = [json.loads(line) for line in BLIND.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 60
    assert all(set(r["expect"]) == FIELDS and r["expect"]["actor1"] for r in rows)
    assert len({r["expect"]["country"] for r in rows}) >= 25
