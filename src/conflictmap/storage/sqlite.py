"""SQLite backend: the embedded default, one file in WAL mode (readers never block the writer).

Bounding boxes (with date ranges) go through an R*Tree index of event points and date
ranges (migrations 2 and 4).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import (ColumnElement, Float, Select, bindparam, create_engine, event,
                        literal_column, select, text)
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from .base import CandidateWindow
from .schema import events
from .sql import SqlStore, bbox_params


MMAP_BYTES = 1 << 31  # read the file through a memory map (no copy per page read)
NO_START, NO_END = 0.0, 1e7  # julian-day bounds that let every event through


def _julian(day: dt.date | None, default: float) -> float:
    """SQLite's julianday() of a date (2000-01-01 -> 2451544.5)."""
    return default if day is None else day.toordinal() + 1721424.5


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

    def candidate_params(self, window: CandidateWindow) -> dict[str, Any]:
        params = super().candidate_params(window)
        return params | {"bb_d0": _julian(params["c_lo"], NO_START),
                         "bb_d1": _julian(params["c_hi"], NO_END)}

    def journal_mode(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar_one())


_ = events  # the table the R*Tree indexes
