"""SQLite backend: the embedded default, one file in WAL mode (readers never block the writer).

Bounding boxes go through an R*Tree index of event points (created by migration 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import (ColumnElement, Select, create_engine, event, literal_column, select,
                        text)
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from .schema import events
from .sql import SqlStore, bbox_params


def _pragmas(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
        cur.execute("PRAGMA temp_store=MEMORY")
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

    def __init__(self, path: str, **options: Any) -> None:
        self.path = path
        super().__init__(sqlite_engine(path), url=f"sqlite:///{path}", **options)

    def _bbox_clause(self, bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
        x0, y0, x1, y1 = bbox_params(bbox)
        inside: Select[Any] = (select(literal_column("id")).select_from(text("events_rtree"))
                  .where(text("min_lon >= :bb_x0 AND max_lon <= :bb_x1 AND min_lat >= :bb_y0 "
                              "AND max_lat <= :bb_y1").bindparams(x0, x1, y0, y1)))
        return literal_column("events.rowid").in_(inside)

    def journal_mode(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar_one())


_ = events  # the table the R*Tree indexes
