"""SQLite backend: the embedded default, one file in WAL mode (readers never block the writer).

Bounding boxes (with date ranges) go through an R*Tree index of event points and date
ranges (migrations 2 and 4), which also carries each event's id, listed day and state
(migration 10): a page of a box and its count read the R*Tree alone.  Words of `q=` and
parts of actor names go through an FTS5 trigram index (migration 11) when it finds few
events; the LIKE tests on the rows decide, as without it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from sqlalchemy import (ColumnElement, Connection, Float, Select, bindparam, create_engine,
                        event, func, literal_column, select, text)
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from . import rows
from .base import CandidateWindow, EventFilter
from .schema import events
from .sql import SqlStore, bbox_params
from .sqlite_box import (NO_END, NO_START, box_count_sql, box_only, box_page_sql, box_params,
                         julian as _julian)


MMAP_BYTES = 1 << 31  # read the file through a memory map (no copy per page read)
FTS_CANDIDATES = 2000  # a text-index search matching more is left to the LIKE tests
FTS_MIN_CHARS = 3  # the trigram index cannot look up shorter strings
COMMON_SEARCHES = 1000  # text searches remembered as matching more than FTS_CANDIDATES


def _pragmas(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # reads share the OS page cache
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()


def sqlite_engine(path: str) -> Engine:
    """An engine on a SQLite file (created if missing) or on ":memory:"."""
    if path == ":memory:":
        engine = create_engine("sqlite://", poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
        _pragmas(engine, wal=False)
        return engine
    parent = Path(path).expanduser().resolve().parent
    if not parent.is_dir():
        raise StoreError(f"sqlite:///{path}: directory {parent} does not exist")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})
    _pragmas(engine, wal=True)
    return engine


class SQLiteStore(SqlStore):
    """The store in one SQLite file."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(sqlite_engine(path), url=f"sqlite:///{path}")
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self._common: OrderedDict[str, None] = OrderedDict()  # text searches matching many

    def data_version(self) -> str | None:
        """SQLite's `PRAGMA data_version` on a connection of its own, which only reads
        it: the number changes whenever any other connection (of this process or
        another) commits.  None in memory (one connection, whose own commits it misses)."""
        if self.path == ":memory:":
            return None
        with self._watch_lock:
            if self._watch is None:
                self._watch = sqlite3.connect(self.path, check_same_thread=False)
            return str(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        super().close()

    def _bbox_clause(self, bbox: tuple[float, float, float, float],
                     days: tuple[dt.date | None, dt.date | None] = (None, None)
                     ) -> ColumnElement[bool]:
        """Through the R*Tree, which also holds each event's date range (julian days), so
        a box + date range query reads only the rows that match both."""
        x0, y0, x1, y1 = bbox_params(bbox)
        d0 = bindparam("bb_d0", _julian(days[0], NO_START), type_=Float)
        d1 = bindparam("bb_d1", _julian(days[1], NO_END), type_=Float)
        inside: Select[Any] = (
            select(literal_column("id")).select_from(text("events_rtree"))
            .where(text("min_lon >= :bb_x0 AND max_lon <= :bb_x1 AND min_lat >= :bb_y0 "
                        "AND max_lat <= :bb_y1 AND max_day >= :bb_d0 AND min_day <= :bb_d1")
                   .bindparams(x0, x1, y0, y1, d0, d1)))
        return literal_column("events.rowid").in_(inside)

    def _text_prefilter(self, f: EventFilter, *, by_id: bool) -> ColumnElement[bool] | None:
        """The events the FTS5 index finds for `f`'s words and actor name, when there
        are at most FTS_CANDIDATES of them (reading those beats scanning for the LIKE
        tests); None when it is not asked or finds more (common words)."""
        match = fts_match(f, by_id=by_id)
        if match is None or match in self._common:
            return None
        with self.engine.connect() as conn:
            found = conn.exec_driver_sql(
                "SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?",
                (match, FTS_CANDIDATES + 1)).scalars().all()
        if len(found) > FTS_CANDIDATES:
            self._note_common(match)
            return None
        ids: Select[Any] = select(literal_column("value")).select_from(
            func.json_each(bindparam("fts_ids", json.dumps(list(found)))))
        return literal_column("events.rowid").in_(ids)

    def _note_common(self, match: str) -> None:
        """Remember a search that matches many (it goes on doing so: events are rarely
        deleted), so its next page skips the index; the LIKE tests decide either way."""
        with self._watch_lock:
            self._common[match] = None
            if len(self._common) > COMMON_SEARCHES:
                self._common.popitem(last=False)

    def query_page(self, filters: EventFilter, *, at_most: int
                   ) -> tuple[list[dict[str, Any]], int]:
        """A box with dates alone (no other filter) is paged and counted from the R*Tree's
        own columns (migration 10); anything else as every SQL backend does."""
        if not box_only(filters):
            return super().query_page(filters, at_most=at_most)
        params = box_params(filters, at_most)
        with self.engine.connect() as conn:
            found = conn.exec_driver_sql(box_page_sql(filters), params).all()
            if filters.after is not None or (not found and filters.offset):
                total = int(conn.exec_driver_sql(
                    box_count_sql(dataclasses.replace(filters, after=None)),
                    params).scalar_one())
            else:
                total = found[0][1] if found else 0
            recs = self._page_records(conn, [i for i, _ in found])
        return recs, min(total, at_most)

    def _page_records(self, conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
        """The page's events and the reports merged into them in one query, the ids
        bound as one JSON array (no per-id parameters to compile)."""
        if not ids:
            return []
        found: dict[str, dict[str, Any]] = {}
        merged: list[tuple[str, dict[str, Any]]] = []
        for event_id, canonical_id, record, url in conn.exec_driver_sql(
                _PAGE_RECORDS, (json.dumps(ids),)):
            rec = rows.record_from_row(record, url)
            if canonical_id is None:
                found[event_id] = rec | {"sources": [rec["evidence"]]}
            else:
                merged.append((canonical_id, rec["evidence"]))
        for canonical_id, evidence in merged:
            if canonical_id in found:
                found[canonical_id]["sources"].append(evidence)
        return [found[i] for i in ids if i in found]

    def candidate_params(self, window: CandidateWindow) -> dict[str, Any]:
        params = super().candidate_params(window)
        return params | {"bb_d0": _julian(params["c_lo"], NO_START),
                         "bb_d1": _julian(params["c_hi"], NO_END)}

    def journal_mode(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar_one())


# A page's events (by id) and the reports merged into them (by canonical_id), in the
# order `_record_sources` lists reports.
_PAGE_RECORDS = (
    "WITH page(id) AS (SELECT value FROM json_each(?)) "
    "SELECT e.id, e.canonical_id, e.record, a.url FROM events e "
    "LEFT JOIN articles a ON a.id = e.article_id "
    "WHERE e.id IN (SELECT id FROM page) OR e.canonical_id IN (SELECT id FROM page) "
    "ORDER BY e.added_at, e.id")


def fts_match(f: EventFilter, *, by_id: bool) -> str | None:
    """An FTS5 query for the words of `f.text` and a part of an actor name (not an id):
    each a quoted string, which the trigram index finds inside words as LIKE does; words
    shorter than FTS_MIN_CHARS are left to the LIKE tests.  None: nothing to look up."""
    terms = [f"evidence_text : {_quoted(w)}" for w in (f.text or "").split()
             if len(w) >= FTS_MIN_CHARS]
    if f.actor and not by_id and len(f.actor) >= FTS_MIN_CHARS:
        terms.append(f"{{actor_name target_name}} : {_quoted(f.actor)}")
    return " AND ".join(terms) or None


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_ = events  # the table the R*Tree indexes
