"""Cross-article deduplication: which reports merge, why, and how a merge is undone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import make_article, make_event

from conflictmap.dedup import add_article, date_range, merge_reason, undo_merge
from conflictmap.storage import EventFilter

SYR_ARMY = ("syr-mil", "Military Forces of Syria", "SYR", "military")
ISIS = ("isis", "Islamic State", None, "rebel")
ALEPPO = ("Aleppo", 170063, 36.2021, 37.1343)
NEAR_PALMYRA = ("Palmyra airbase", None, 34.5574, 38.3166)  # about 4.5 km east
TIYAS = ("Tiyas", None, 34.5224, 37.6296)  # the T4 airbase, about 58 km west
OVERTAKE = "Non-state actor overtakes territory"


@pytest.mark.parametrize("value,precision,expected", [
    ("2016-12-11", "day", ("2016-12-11", "2016-12-11")),
    ("2016-03", "month", ("2016-03-01", "2016-03-31")),
    ("2016-02-01", "month", ("2016-02-01", "2016-02-29")),
    ("2016", "year", ("2016-01-01", "2016-12-31")),
    ("2016-12-05", "week", ("2016-12-05", "2016-12-11")),
    ("2016-W49", "week", ("2016-12-05", "2016-12-11")),
    ("2016-12-14", "article", ("2016-12-11", "2016-12-14")),
])
def test_dedup_date_range_follows_precision(value: str, precision: str,
                                            expected: tuple[str, str]) -> None:
    lo, hi = date_range(value, precision)  # type: ignore[misc]
    assert (lo.isoformat(), hi.isoformat()) == expected


SAME = dict(sub=OVERTAKE, actor=ISIS, target=SYR_ARMY)


@pytest.mark.parametrize("other,merges,why", [
    (dict(SAME), True, "same place Palmyra"),
    (dict(SAME, date="2016-12", precision="month"), True, "dates overlap"),
    (dict(SAME, date="2016-12-14", precision="article"), True, "dates overlap"),
    (dict(SAME, target=None), True, "actors same"),
    (dict(SAME, target=("country:SYR", "Syria", "SYR", "country")), True, "actors same"),
    (dict(SAME, place=NEAR_PALMYRA), True, "km apart"),
    (dict(SAME, status="claimed"), True, "same family territory"),
    (dict(SAME, sub="Government regains territory"), True, "same family territory"),
    (dict(SAME, date="2016-12-12"), False, "incompatible dates"),
    (dict(SAME, date="2016-03", precision="month"), False, "incompatible dates"),
    (dict(SAME, place=ALEPPO), False, "different places"),
    (dict(SAME, place=TIYAS), False, "58 km away"),
    (dict(SAME, actor=SYR_ARMY, target=ISIS), False, "actors swapped in a capture"),
    (dict(SAME, sub="Armed clash"), False, "another type family"),
    (dict(SAME, status="negated"), False, "a denial is not a report of the event"),
    (dict(SAME, status="future"), False, "speculation"),
])
def test_dedup_merge_rules(other: dict[str, Any], merges: bool, why: str) -> None:
    base = make_event("a", **SAME)
    reason = merge_reason(make_event("b", **other), base)
    assert (reason is not None) is merges, why
    if merges:
        assert why in reason  # type: ignore[operator]


def test_dedup_clash_sides_may_be_swapped() -> None:
    a = make_event("a", actor=ISIS, target=SYR_ARMY)
    b = make_event("b", actor=SYR_ARMY, target=ISIS)
    assert "actors swapped" in (merge_reason(b, a) or "")


def test_dedup_never_within_one_article() -> None:
    assert merge_reason(make_event("a", **SAME), make_event("a", **SAME)) is None


def _report(article_id: str, **kw: Any) -> Any:
    ev = make_event(article_id, **(SAME | kw), event_id=f"{article_id}-e",
                    text=f"Report {article_id}: IS took Palmyra.")
    return make_article(article_id, [ev], url=f"http://news/{article_id}")


def test_dedup_store_keeps_one_event_with_every_report(store: Any) -> None:
    assert add_article(store, _report("r1")).events_merged == 0
    assert add_article(store, _report("r2", date="2016-12", precision="month")).events_merged == 1
    add_article(store, _report("r3", place=ALEPPO))  # another place: stays apart
    found = store.query_events(EventFilter(sub_event_type=OVERTAKE))
    assert store.count_events(EventFilter()) == 2
    pal = next(e for e in found if e.location.name == "Palmyra")
    assert pal.id == "r1-e" and pal.date == "2016-12-11"
    assert [s.url for s in pal.sources] == ["http://news/r1", "http://news/r2"]
    assert [s.text for s in pal.sources][1] == "Report r2: IS took Palmyra."
    assert store.get_event("r2-e").id == "r1-e"  # a merged report resolves to its event
    log = store.merge_log("r1-e")
    assert len(log) == 1 and log[0]["merged_id"] == "r2-e"
    assert "same place Palmyra" in log[0]["reason"] and log[0]["undone_at"] is None


def test_dedup_undo_splits_and_never_remerges(store: Any) -> None:
    add_article(store, _report("r1"))
    add_article(store, _report("r2"))
    assert undo_merge(store, "r2-e") is True
    assert undo_merge(store, "r2-e") is False
    assert store.count_events(EventFilter()) == 2
    assert store.get_event("r1-e").sources == []
    assert store.merge_log("r2-e")[0]["undone_at"] is not None
    add_article(store, _report("r3"))  # a third report still merges, into the first
    assert store.count_events(EventFilter()) == 2
    assert len(store.get_event("r1-e").sources) == 2
    assert store.get_event("r2-e").sources == []


def test_dedup_replacing_the_first_report_hands_over(store: Any) -> None:
    for name in ("r1", "r2", "r3"):
        add_article(store, _report(name))
    changed = make_article("r1", [], text="Report r1, retracted.", url="http://news/r1")
    assert add_article(store, changed).status == "replaced"
    found = store.query_events(EventFilter())
    assert [e.id for e in found] == ["r2-e"]
    assert [s.url for s in found[0].sources] == ["http://news/r2", "http://news/r3"]


def test_dedup_hand_over_moves_the_other_merges_to_the_heir(store: Any) -> None:
    for name in ("r1", "r2", "r3", "r4"):
        add_article(store, _report(name))
    add_article(store, make_article("r1", [], text="Report r1, retracted.", url="http://news/r1"))
    log = store.merge_log("r2-e")
    undone = {m["merged_id"] for m in log if m["undone_at"] is not None}
    active = [(m["merged_id"], m["canonical_id"]) for m in log if m["undone_at"] is None]
    assert undone == {"r2-e"}  # the heir's own merge into the removed event ends
    assert active == [("r3-e", "r2-e"), ("r4-e", "r2-e")]  # the others now report the heir
    assert store.get_event("r4-e").id == "r2-e"
    assert store.count_events(EventFilter()) == 1


def test_dedup_replaced_report_leaves_its_merge(store: Any) -> None:
    add_article(store, _report("r1"))
    add_article(store, _report("r2"))
    add_article(store, make_article("r2", [], text="Report r2, retracted.", url="http://news/r2"))
    assert store.merge_log("r1-e")[0]["undone_at"] is not None
    assert store.get_event("r1-e").sources == []
    assert undo_merge(store, "r2-e") is False  # gone with its version
    assert undo_merge(store, "no-such-event") is False


def test_dedup_candidates_limited_to_nearby_dates(store: Any) -> None:
    add_article(store, _report("old", date="2015-05-20"))
    add_article(store, _report("new"))
    assert store.count_events(EventFilter(start=dt.date(2015, 1, 1))) == 2
