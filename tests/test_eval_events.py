"""`conflictmap eval` on the project's own event cases and on the PLOVER gold records."""

from __future__ import annotations

import json
from typing import Any

import pytest
from testpaths import DATA, shared_file

from conflictmap.evaluation import detect_kind, evaluate
from conflictmap.evaluation.events import NONE, Outcome, score
from conflictmap.evaluation.plover import gold_type, iso3

CASES = DATA / "cases" / "events.jsonl"


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]


def test_eval_events_cases_cover_every_sub_event_type_and_status() -> None:
    from conflictmap.actions import SUB_EVENTS

    rows = _rows()
    assert len(rows) >= 250
    subs = [r["expect"]["sub_event_type"] for r in rows]
    for _, name in SUB_EVENTS.values():
        assert subs.count(name) >= 8, name
    statuses = [r["expect"].get("status") for r in rows]
    for status in ("asserted", "claimed", "future", "hypothetical", "negated"):
        assert statuses.count(status) >= 8, status
    assert detect_kind(CASES) == "events"


def test_eval_events_score_counts_precision_and_recall() -> None:
    rows = [{"expect": {"sub_event_type": "Attack", "status": "asserted", "fatalities": 2}},
            {"expect": {"sub_event_type": "Attack", "status": "claimed"}},
            {"expect": {"sub_event_type": None}}]
    outcomes = [Outcome("Attack", "asserted", 2, frozenset()),
                Outcome("Armed clash", "claimed", None, frozenset()),
                Outcome("Attack", "asserted", None, frozenset())]
    report = score(rows, outcomes, "inline")
    table = {(r[0], r[1]): r[2:] for r in report.table}
    assert table[("sub-event", "Attack")] == [2, 2, 1, 0.5, 0.5]
    assert table[("sub-event", NONE)] == [1, 0, 0, 0.0, 0.0]
    assert report.metrics["status_accuracy"] == 1.0
    assert report.metrics["fatalities_accuracy"] == 1.0


@pytest.mark.parametrize("label, current", [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"),
                                            ("FIGHT", "ASSAULT"), ("AGREE", "AGREE")])
def test_eval_plover_maps_old_labels(label: str, current: str) -> None:
    assert gold_type(label) == current


@pytest.mark.parametrize("code, ok", [("SYR", True), ("IGO", False), ("JAP", False), ("", False)])
def test_eval_plover_scores_only_iso_countries(code: str, ok: bool) -> None:
    assert iso3(code) is ok


@pytest.mark.slow
def test_eval_events_every_sub_event_recall_at_least_080(rules_pipeline: Any) -> None:
    report = evaluate(CASES, pipeline=rules_pipeline)
    recalls = {row[1]: row[6] for row in report.table if row[0] == "sub-event" and row[2]}
    low = {name: r for name, r in recalls.items() if r < 0.8}
    assert not low, f"sub-event types below 0.80 recall: {low}"
    assert report.metrics["status_accuracy"] >= 0.9
    assert report.metrics["fatalities_accuracy"] >= 0.9


@pytest.mark.slow
@pytest.mark.gold
def test_eval_plover_gold_type_accuracy_floor(pipeline: Any) -> None:
    report = evaluate(shared_file("eval/plover_gsr.jsonl"), pipeline=pipeline)
    assert report.metrics["records"] > 300
    assert report.metrics["event_type_accuracy"] >= 0.80
    assert report.metrics["source_country_accuracy"] >= 0.6
    assert report.table and report.table_header[0] == "type"


def test_eval_event_location_finds_the_event_a_merged_verb_belongs_to(
        tmp_path: Any, pipeline: Any) -> None:
    text = "Heavy clashes in Mosul on Monday killed five people."
    verb = text.index("killed")
    place = text.index("Mosul")
    gold = tmp_path / "loc.jsonl"
    gold.write_text(json.dumps({
        "text": text, "verb": {"start": verb, "end": verb + 6, "text": "killed"},
        "locations": [{"start": place, "end": place + 5, "text": "Mosul"}]}) + "\n")
    report = evaluate(gold, kind="event_location", pipeline=pipeline)
    # "killed" is folded into the clash it reports: that event and its place count
    assert report.metrics["event_found"] == 1.0
    assert report.metrics["location_recall"] == 1.0


def test_eval_event_location_leaves_out_gold_spans_that_name_no_place(
        tmp_path: Any, pipeline: Any) -> None:
    good = "Heavy clashes in Mosul on Monday killed five people."
    broken = "McCoy was captured in March in Las Vegas."
    rows = [
        {"text": good, "verb": {"start": good.index("killed"), "end": good.index("killed") + 6},
         "locations": [{"start": good.index("Mosul"), "end": good.index("Mosul") + 5}]},
        # the gold's place at offsets naming nothing: an empty span, and 'w' of 'was'
        {"text": broken, "verb": {"start": 10, "end": 18},
         "locations": [{"start": 0, "end": 0}, {"start": 6, "end": 7}]},
    ]
    gold = tmp_path / "loc.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = evaluate(gold, kind="event_location", pipeline=pipeline)
    assert report.metrics["left_out_unusable_gold"] == 1
    assert report.metrics["sentences"] == 1
    assert report.metrics["location_precision"] == 1.0
    assert report.metrics["location_recall"] == 1.0


@pytest.mark.parametrize("text, start, end, broken", [
    ("in Mosul today", 3, 8, False), ("in Mosul today", 2, 9, False),  # spaces around
    ("in Mosul today", 5, 5, True), ("in Mosul today", 4, 8, True),  # empty; 'osul'
    ("UK troops", 0, 2, False),
])
def test_eval_event_location_knows_a_span_that_names_nothing(
        text: str, start: int, end: int, broken: bool) -> None:
    from conflictmap.evaluation.event_location import unusable

    assert unusable(text, {"start": start, "end": end}) is broken
