"""Issue 17: the store's indexed reads on every backend: text search (`q=`) and parts of
actor names through the text index (SQLite FTS5 trigram, PostgreSQL pg_trgm) with the
same results as the LIKE tests, pages of a box read from SQLite's R*Tree alone, and
migrating a store made before these indexes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import make_article, make_event, store_url_for

from conflictmap.dedup import add_article
from conflictmap.storage import EventFilter, open_store
from conflictmap.storage import sqlite as sqlite_store

REBELS = ("rebels", "Free Syrian Army", "SYR", "rebel")
ARMY = ("syr-mil", "Military Forces of Syria", "SYR", "military")
TEXTS = {  # event id: (evidence sentence, actor, target)
    "t1": ("Mortar fire hit Mosul overnight.", REBELS, ARMY),
    "t2": ("Rebels clashed with the army near Homs.", REBELS, ARMY),
    "t3": ("A drone strike killed 4 in Idlib.", ARMY, REBELS),
    "t4": ("Protesters gathered in Raqqa; 100% peaceful.", None, None),
    "t5": ("Clashes resumed at the Al-Bab front.", ARMY, None),
}


def _fill(store: Any) -> None:
    for day, (event_id, (text, actor, target)) in enumerate(TEXTS.items(), start=1):
        add_article(store, make_article(event_id, [make_event(
            event_id, text=text, actor=actor, target=target, date=f"2016-12-0{day}",
            place=(f"P{day}", day, 30.0 + day, 40.0), event_id=event_id)]))


@pytest.mark.parametrize("candidates", [sqlite_store.FTS_CANDIDATES, 1])
@pytest.mark.parametrize("flt,expected", [
    (EventFilter(text="ortar"), ["t1"]),  # any part of a word, as before
    (EventFilter(text="CLASH"), ["t5", "t2"]),  # case-insensitive, newest first
    (EventFilter(text="clash homs"), ["t2"]),  # every word
    (EventFilter(text="4 drone"), ["t3"]),  # a word too short for the index
    (EventFilter(text="100%"), ["t4"]),  # LIKE's wildcards are plain characters
    (EventFilter(text="zeppelin"), []),
    (EventFilter(actor="syria"), ["t5", "t3", "t2", "t1"]),  # part of a name, either role
    (EventFilter(actor="free syrian"), ["t3", "t2", "t1"]),
    (EventFilter(actor="Nobody Known"), []),
    (EventFilter(actor="syr-mil", text="clash"), ["t5", "t2"]),  # an id, with a word
])
def test_storage_search_text_and_names(store: Any, monkeypatch: Any, candidates: int,
                                       flt: EventFilter, expected: list[str]) -> None:
    """The same events with the text index as with the LIKE tests alone (candidates=1:
    every search counts as common on SQLite, and is scanned)."""
    monkeypatch.setattr(sqlite_store, "FTS_CANDIDATES", candidates)
    _fill(store)
    assert [e.id for e in store.query_events(flt)] == expected
    page, total = store.query_page(dataclasses.replace(flt, limit=2), at_most=10)
    assert [r["id"] for r in page] == expected[:2] and total == len(expected)


def test_storage_search_follows_replaced_articles(store: Any) -> None:
    """A corrected article's old sentence is no longer found, its new one is."""
    _fill(store)
    add_article(store, make_article("t1", [make_event(
        "t1", text="Shelling hit Mosul overnight.", event_id="t1b")], text="Corrected."))
    assert store.query_events(EventFilter(text="mortar")) == []
    assert [e.id for e in store.query_events(EventFilter(text="shelling"))] == ["t1b"]


def test_storage_search_common_words_are_remembered(tmp_path: Path, monkeypatch: Any) -> None:
    """SQLite: a search matching more than FTS_CANDIDATES events is scanned, and is not
    looked up in the index again; its results stay those of the LIKE tests."""
    monkeypatch.setattr(sqlite_store, "FTS_CANDIDATES", 1)
    store = open_store(str(tmp_path / "s.db"))
    _fill(store)
    assert [e.id for e in store.query_events(EventFilter(text="clash"))] == ["t5", "t2"]
    assert sqlite_store.fts_match(EventFilter(text="clash"), by_id=False) in store._common
    assert [e.id for e in store.query_events(EventFilter(text="clash"))] == ["t5", "t2"]
    store.close()


def _box_events(store: Any) -> None:
    """Events in one box: news, background, merged, undated, dated by their article."""
    place = ("Homs", 1, 34.73, 36.72)
    specs = [("n1", "2016-12-01", "day"), ("n2", "2016-12-03", "day"),
             ("bg", "2016-12-04", "day"), ("bg2", "2016-12-05", "day"),
             ("m1", "2016-12-02", "day"), ("art", "2016-12-14", "article"),
             ("mon", "2016-11", "month"), ("out", "2016-12-02", "day"),
             ("und", None, "day"), ("und2", None, "day")]
    for event_id, date, precision in specs:
        ev = make_event(event_id, date=date, precision=precision, event_id=event_id,
                        place=place if event_id != "out" else ("Far", 2, 10.0, 10.0),
                        text=f"Report {event_id}.")
        ev.reported_as = "background" if event_id.startswith("bg") else "new"
        add_article(store, make_article(event_id, [ev], published="2016-12-14"))
    store.write(lambda w: w.mark_merged("m1", "n1", "test"), what="merge")
    store.write(lambda w: w.mark_merged("n2", "bg2", "test"), what="merge")  # news of bg2


@pytest.mark.parametrize("flt", [
    EventFilter(bbox=(36.0, 34.0, 37.0, 35.0), limit=3),
    EventFilter(bbox=(36.0, 34.0, 37.0, 35.0), limit=2, offset=2),
    EventFilter(bbox=(36.0, 34.0, 37.0, 35.0), include_background=True, limit=10),
    EventFilter(bbox=(36.0, 34.0, 37.0, 35.0), start=dt.date(2016, 12, 2),
                end=dt.date(2016, 12, 10), limit=10),
    EventFilter(bbox=(36.0, 34.0, 37.0, 35.0), end=dt.date(2016, 11, 15), limit=10),
    EventFilter(bbox=(36.0, 34.0, 37.0, 35.0), limit=2, after=("2016-12-05", "bg2")),
    EventFilter(bbox=(36.0, 34.0, 37.0, 35.0), limit=2, offset=20),  # past the end
])
def test_storage_box_pages_are_those_of_the_general_query(store: Any,
                                                          flt: EventFilter) -> None:
    """A box page (SQLite: from the R*Tree's own columns) and its count are what the
    general query gives: merged reports and background-only events left out, a
    background event that a news report was merged into kept."""
    _box_events(store)
    page, total = store.query_page(flt, at_most=100)
    assert page == store.query_records(flt)
    assert total == store.count_events(dataclasses.replace(flt, after=None))
    everything = [r["id"] for r in store.query_records(
        dataclasses.replace(flt, limit=100, offset=0, after=None))]
    if not flt.include_background and flt.start is None and flt.end is None:
        assert everything == ["art", "bg2", "n1", "mon", "und", "und2"]


def test_storage_box_pages_follow_cursors_to_the_end(store: Any) -> None:
    """Following `after` from page to page lists every event of the box once."""
    from conflictmap.storage.base import page_key

    _box_events(store)
    flt, seen = EventFilter(bbox=(36.0, 34.0, 37.0, 35.0), include_background=True,
                            limit=2), []
    while True:
        page, total = store.query_page(flt, at_most=100)
        if not page:
            break
        seen += [r["id"] for r in page]
        flt = dataclasses.replace(flt, after=page_key(page[-1]))
    assert seen == ["art", "bg2", "bg", "n1", "mon", "und", "und2"] and total == 7


@pytest.mark.parametrize("flt", [EventFilter(limit=2), EventFilter(limit=3, actor="isis"),
                                 EventFilter(limit=2, include_background=True)])
def test_storage_cursor_pages_are_the_offset_pages(store: Any, flt: EventFilter) -> None:
    """Following `after` (dated events as a range of the index, then undated ones) lists
    what offsets list, across the last dated event to the undated ones."""
    from conflictmap.storage.base import page_key

    _box_events(store)
    expected = [r["id"] for r in store.query_records(dataclasses.replace(flt, limit=100))]
    seen: list[str] = []
    while page := store.query_records(flt):
        seen += [r["id"] for r in page]
        flt = dataclasses.replace(flt, after=page_key(page[-1]))
    assert seen == expected and expected[-2:] == ["und", "und2"]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_storage_migrating_a_store_made_before_the_indexes(kind: str, tmp_path: Path) -> None:
    """A store at schema version 9 with events is migrated (10: R*Tree columns, 11: text
    index) and its events are found by box and by text at once."""
    import sqlalchemy as sa

    from conflictmap.storage import migrations, rows, schema
    from conflictmap.storage.postgres import postgres_engine

    art = make_article("a1", [make_event("a1", event_id="e1", text="Mortar fire in Palmyra.")])
    now = dt.datetime(2026, 1, 1)
    with store_url_for(kind, tmp_path) as url:
        engine = postgres_engine(url) if kind == "postgres" else sa.create_engine(url)
        with engine.begin() as conn:
            schema.schema_version.create(conn)
            for version, description, func in migrations.MIGRATIONS[:9]:
                func(conn)
                conn.execute(schema.schema_version.insert().values(
                    version=version, description=description, applied_at=now))
            conn.execute(schema.articles.insert().values(rows.article_row(art, version=1,
                                                                          now=now)))
            conn.execute(schema.events.insert().values(
                rows.event_row(art.events[0], article_id="a1", now=now)))
        engine.dispose()
        store = open_store(url)
        with store.engine.connect() as conn:
            assert migrations.current_version(conn) == migrations.LATEST >= 11
        box = EventFilter(bbox=(38.0, 34.0, 39.0, 35.0), start=dt.date(2016, 12, 1))
        assert [r["id"] for r in store.query_page(box, at_most=10)[0]] == ["e1"]
        assert [e.id for e in store.query_events(EventFilter(text="ortar"))] == ["e1"]
        assert store.query_events(EventFilter(actor="Nobody Known")) == []
        store.close()
