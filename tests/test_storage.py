"""The store, on every backend (memory, SQLite file, PostgreSQL/PostGIS): adding articles,
idempotence, replacement with history, filters, transactions, migrations."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import make_article, make_event

from conflictmap.errors import StoreError
from conflictmap.storage import EventFilter, input_key, open_store
from conflictmap.dedup import add_article

ALEPPO = ("Aleppo", 170063, 36.2021, 37.1343)
MOSUL = ("Mosul", 99072, 36.335, 43.1189)
SYR_ARMY = ("syr-mil", "Military Forces of Syria", "SYR", "military")


def test_storage_add_and_get_roundtrip(store: Any) -> None:
    ev = make_event("a1", text="IS fighters clashed with the army in Palmyra.")
    result = add_article(store, make_article("a1", [ev], url="http://x/1"))
    assert (result.status, result.events_added) == ("new", 1)
    got = store.get_event(ev.id)
    assert got is not None
    assert got.location.name == "Palmyra" and got.actor.name == "Islamic State"
    assert got.evidence.text == "IS fighters clashed with the army in Palmyra."
    assert got.evidence.url == "http://x/1"
    assert got.as_dict()["date"] == "2016-12-11"
    assert store.get_event("nope") is None


def test_storage_same_article_twice_is_unchanged(store: Any) -> None:
    art = make_article("a1", [make_event("a1"), make_event("a1", date="2016-12-10")])
    assert add_article(store, art).status == "new"
    again = make_article("a1", [make_event("a1"), make_event("a1", date="2016-12-10")])
    assert add_article(store, again).status == "unchanged"
    assert store.count_events(EventFilter()) == 2


def test_storage_same_text_under_another_id_is_unchanged(store: Any) -> None:
    add_article(store, make_article("a1", [make_event("a1")], text="Same words."))
    result = add_article(store, make_article("copy", [make_event("copy")], text="Same words."))
    assert (result.status, result.article_id) == ("unchanged", "a1")
    assert store.count_events(EventFilter()) == 1


def test_storage_changed_article_replaces_events_and_keeps_history(store: Any) -> None:
    old = make_article("a1", [make_event("a1", sub="Armed clash")], text="First version.",
                       url="http://x/1")
    add_article(store, old)
    new_ev = make_event("a1b", sub="Air/drone strike",
                        event_type="Explosions/Remote violence")
    new = make_article("a1b", [new_ev], text="Corrected version.", url="http://x/1")
    result = add_article(store, new)
    assert (result.status, result.article_id) == ("replaced", "a1")
    found = store.query_events(EventFilter())
    assert [e.acled.sub_event_type for e in found] == ["Air/drone strike"]
    assert found[0].article_id == "a1"
    history = store.article_history("a1")
    assert [(h["version"], h["text"]) for h in history] == [(1, "First version.")]
    assert '"Armed clash"' in history[0]["events"]


@pytest.mark.parametrize("flt,expected", [
    (EventFilter(start=dt.date(2016, 12, 1), end=dt.date(2016, 12, 31)), {"pal", "alp"}),
    (EventFilter(end=dt.date(2016, 6, 30)), {"mos"}),
    (EventFilter(place="aleppo"), {"alp"}),
    (EventFilter(place="99072"), {"mos"}),
    (EventFilter(actor="syr-mil"), {"alp"}),
    (EventFilter(actor="islamic"), {"pal", "mos"}),
    (EventFilter(event_type="explosions/remote violence"), {"mos"}),
    (EventFilter(sub_event_type="Non-state actor overtakes territory"), {"pal"}),
    (EventFilter(status="claimed"), {"alp"}),
    (EventFilter(country="irq"), {"mos"}),
    (EventFilter(bbox=(36.0, 33.0, 39.0, 37.0)), {"pal", "alp"}),
    (EventFilter(bbox=(43.0, 36.0, 44.0, 37.0), start=dt.date(2016, 1, 1)), {"mos"}),
    (EventFilter(bbox=(43.0, 36.0, 44.0, 37.0), start=dt.date(2016, 5, 20),
                 end=dt.date(2016, 5, 21)), {"mos"}),
    (EventFilter(bbox=(43.0, 36.0, 44.0, 37.0), start=dt.date(2016, 6, 1)), set()),
    (EventFilter(text="MORTAR fire"), {"mos"}),
    (EventFilter(actor="islamic", bbox=(36.0, 33.0, 39.0, 37.0),
                 start=dt.date(2016, 12, 11), end=dt.date(2016, 12, 11)), {"pal"}),
])
def test_storage_filters(store: Any, flt: EventFilter, expected: set[str]) -> None:
    events = {
        "pal": make_event("pal", sub="Non-state actor overtakes territory", event_id="pal"),
        "alp": make_event("alp", actor=SYR_ARMY, place=ALEPPO, date="2016-12-05",
                          status="claimed", event_id="alp"),
        "mos": make_event("mos", sub="Shelling/artillery/missile attack",
                          event_type="Explosions/Remote violence", place=MOSUL, country="IRQ",
                          date="2016-05", precision="month", event_id="mos",
                          text="Mortar fire hit Mosul."),
    }
    for key, ev in events.items():
        add_article(store, make_article(key, [ev]))
    assert {e.id for e in store.query_events(flt)} == expected
    assert store.count_events(flt) == len(expected)


REBELS = ("rebels", "Rebels", "SYR", "rebel")


def test_storage_actor_pages_take_both_roles_newest_first(store: Any) -> None:
    """An actor id's pages merge its events as actor and as target (two indexes), in the
    "newest" order, by offset and by keyset, and count an event with it in both roles
    once."""
    from conflictmap.storage.base import page_key

    roles = [(REBELS, SYR_ARMY), (SYR_ARMY, REBELS), (REBELS, REBELS), (SYR_ARMY, None)]
    for day in range(1, 10):
        actor, target = roles[day % 4]
        add_article(store, make_article(f"r{day}", [make_event(
            f"r{day}", actor=actor, target=target, date=f"2016-11-0{day}",
            place=(f"P{day}", day, 10.0 + day, 10.0), event_id=f"r{day}")]))
    expected = [f"r{d}" for d in range(9, 0, -1) if d % 4 != 3]
    pages = [[e.id for e in store.query_events(EventFilter(actor="rebels", limit=2,
                                                           offset=o))] for o in (0, 2, 4, 6)]
    assert [i for page in pages for i in page] == expected
    followed: list[str] = []
    after = None
    while True:
        page = store.query_records(EventFilter(actor="rebels", limit=2, after=after))
        if not page:
            break
        followed += [r["id"] for r in page]
        after = page_key(page[-1])
    assert followed == expected
    assert store.count_events(EventFilter(actor="rebels")) == len(expected)
    assert store.count_events(EventFilter(actor="rebels"), at_most=3) == 3
    assert store.count_events(EventFilter(actor="rebels", start=dt.date(2016, 11, 6))) == 3


@pytest.mark.parametrize("flt", [
    EventFilter(bbox=(10.0, 5.0, 16.5, 15.0), limit=2),
    EventFilter(bbox=(10.0, 5.0, 16.5, 15.0), start=dt.date(2016, 12, 2), limit=2, offset=1),
    EventFilter(bbox=(10.0, 5.0, 16.5, 15.0), limit=2, offset=50),  # past the last page
    EventFilter(bbox=(50.0, 5.0, 60.0, 15.0), limit=2),  # an empty box
    EventFilter(limit=2, after=("2016-12-05", "d5")),
])
def test_storage_query_page_is_the_page_and_the_count(store: Any, flt: EventFilter) -> None:
    for day in range(1, 7):
        add_article(store, make_article(f"d{day}", [make_event(
            f"d{day}", date=f"2016-12-0{day}", place=(f"P{day}", day, 10.0, 10.0 + day),
            event_id=f"d{day}")]))
    page, total = store.query_page(flt, at_most=3)
    assert page == store.query_records(flt)
    assert total == store.count_events(dataclasses.replace(flt, after=None), at_most=3)
    assert total == (0 if flt.bbox and flt.bbox[0] == 50.0 else 3)


def test_storage_month_precision_overlaps_a_day_range(store: Any) -> None:
    add_article(store, make_article("m", [make_event("m", date="2016-03", precision="month")]))
    flt = EventFilter(start=dt.date(2016, 3, 20), end=dt.date(2016, 3, 25))
    assert store.count_events(flt) == 1


def test_storage_limit_offset_newest_first(store: Any) -> None:
    for day in range(1, 6):
        add_article(store, make_article(f"d{day}", [make_event(
            f"d{day}", date=f"2016-12-0{day}", place=(f"P{day}", day, 10.0 * day, 10.0))]))
    page = store.query_events(EventFilter(limit=2, offset=1))
    assert [e.date for e in page] == ["2016-12-04", "2016-12-03"]
    assert len(list(store.iter_events(batch_size=2))) == 5


def test_storage_bad_event_rolls_back_whole_article(store: Any) -> None:
    add_article(store, make_article("ok", [make_event("ok")]))
    bad = make_event("bad", date="2016-13-45")  # impossible date
    with pytest.raises(StoreError, match="article 'bad': invalid event"):
        add_article(store, make_article("bad", [make_event("bad", date="2016-12-01"), bad]))
    assert store.count_events(EventFilter()) == 1
    assert add_article(store, make_article("bad", [make_event("bad")])).status == "new"


def test_storage_write_is_one_transaction_with_the_merges(store: Any) -> None:
    """Storing and the merges deduplication decides commit together, or not at all."""
    add_article(store, make_article("first", [make_event("first", event_id="e1")]))

    def store_merge_then_fail(writer: Any) -> None:
        stored = writer.put_article(make_article("second", [make_event("second",
                                                                       event_id="e2")]))
        assert [e.id for e in stored.events] == ["e2"]
        writer.mark_merged("e2", "e1", "test")
        raise ValueError("boom after the merge")

    with pytest.raises(StoreError, match="batch 7: invalid event .*boom.*nothing was stored"):
        store.write(store_merge_then_fail, what="batch 7")
    assert store.get_event("e2") is None and store.merge_log("e1") == []
    assert store.done_inputs([input_key(make_article("second", [make_event("second")]))]) \
        == set()
    result = add_article(store, make_article("second", [make_event("second", event_id="e2")]))
    assert (result.status, result.events_merged) == ("new", 1)
    assert [m["merged_id"] for m in store.merge_log("e1")] == ["e2"]


def test_storage_sqlite_file_is_wal_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "cm.db"
    st = open_store(f"sqlite:///{path}")
    add_article(st, make_article("a1", [make_event("a1")]))
    assert st.journal_mode() == "wal"  # type: ignore[attr-defined]
    st.close()
    again = open_store(str(path))
    assert again.count_events(EventFilter()) == 1
    again.close()


def test_storage_migrations_recorded_once(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from conflictmap.storage.migrations import LATEST, describe

    path = tmp_path / "cm.db"
    open_store(str(path)).close()
    open_store(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        lines = describe(conn)
    engine.dispose()
    assert len(lines) == LATEST and lines[0].startswith("1: ")


@pytest.mark.parametrize("url,problem", [
    ("mysql://x/y", "unknown database URL"),
    ("", "no database URL"),
])
def test_storage_bad_url_names_the_problem(url: str, problem: str) -> None:
    with pytest.raises(StoreError, match=problem):
        open_store(url)


def test_storage_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "dir.db"))


def test_storage_postgres_has_geography_index(store: Any) -> None:
    if not store.url.startswith("postgres"):
        pytest.skip("PostGIS-specific")
    add_article(store, make_article("a1", [make_event("a1")]))
    with store.engine.connect() as conn:
        kind = conn.exec_driver_sql(
            "SELECT udt_name FROM information_schema.columns WHERE table_name='events' "
            "AND column_name='geog' AND table_schema = current_schema()").scalar_one()
        idx = conn.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname='ix_events_geog_days' "
            "AND schemaname = current_schema()").scalar_one()
        dist = conn.exec_driver_sql(
            "SELECT ST_Distance(geog, ST_MakePoint(38.27, 34.56)::geography) FROM events"
        ).scalar_one()
    assert kind == "geography" and "gist (geog, daterange" in idx.lower()
    assert dist < 2000


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_storage_concurrent_writers_store_an_article_once(kind: str, tmp_path: Path) -> None:
    import threading

    from conftest import store_url_for

    with store_url_for(kind, tmp_path) as url:
        stores = [open_store(url) for _ in range(4)]
        results: list[str] = []

        def add(st: Any) -> None:
            results.append(add_article(st, make_article("same", [make_event("same")])).status)

        threads = [threading.Thread(target=add, args=(st,)) for st in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == ["new", "unchanged", "unchanged", "unchanged"]
        assert stores[0].count_events(EventFilter()) == 1
        for st in stores:
            st.close()


def test_storage_migrates_an_old_database_without_losing_events(tmp_path: Path) -> None:
    """A database left at schema version 2 is brought to the latest and keeps its data."""
    import datetime as dt

    import sqlalchemy as sa

    from conflictmap.storage import migrations, rows, schema

    path = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    art = make_article("a1", [make_event("a1", event_id="e1")])
    now = dt.datetime(2026, 1, 1)
    with engine.begin() as conn:
        schema.schema_version.create(conn)
        for version, description, func in migrations.MIGRATIONS[:2]:
            func(conn)
            conn.execute(schema.schema_version.insert().values(
                version=version, description=description, applied_at=now))
        conn.exec_driver_sql("CREATE INDEX ix_events_lat_lon ON events (lat, lon)")
        conn.execute(schema.articles.insert().values(rows.article_row(art, version=1, now=now)))
        conn.execute(schema.events.insert().values(
            rows.event_row(art.events[0], article_id="a1", now=now)))
    engine.dispose()
    st = open_store(str(path))
    with st.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='index'")}
        version = migrations.current_version(conn)
    assert version == migrations.LATEST
    assert "ix_events_merged" in names and "ix_events_lat_lon" not in names
    assert st.get_event("e1").location.name == "Palmyra"
    assert st.query_events(EventFilter(bbox=(38.0, 34.0, 39.0, 35.0)))[0].id == "e1"
    st.close()


def test_storage_query_records_are_the_events_records(store: Any) -> None:
    """The API's light path (records, no `Event` built) gives what the events give."""
    from conflictmap.api.events import event_record

    base = make_event("r1", text="Clash at Palmyra.")
    add_article(store, make_article("r1", [base], url="http://x/r1"))
    add_article(store, make_article("r2", [make_event("r2", text="Palmyra clash again.")]))
    add_article(store, make_article("r3", [make_event("r3", place=("Homs", 169577, 34.73,
                                                                    36.72))]))
    flt = EventFilter(limit=10)
    records = store.query_records(flt)
    assert records == [event_record(e) for e in store.query_events(flt)]
    assert max(len(r["sources"]) for r in records) == 2  # a merged report is listed
