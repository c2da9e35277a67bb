"""PostgreSQL + PostGIS backend: events carry a geography point with a GiST index.

Selected with a `postgresql://` URL; psycopg 3 is the driver.  Migration 2 adds the
`geog` column and fills it from lat/lon on every insert (trigger); migration 5 indexes
it together with the event's date range in one GiST index.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Date, and_, bindparam, create_engine, text
from sqlalchemy.engine import Engine

from ..model import Event
from . import rows
from .base import CandidateWindow
from .schema import events
from .sql import SqlStore, bbox_params

_PAD_DEG = 0.01  # the index box is a little wider; the exact test is on lat/lon


_CANDIDATES = f"""
SELECT q.eid, e.record
FROM unnest(%(eid)s::text[], %(x0)s::float8[], %(y0)s::float8[], %(x1)s::float8[],
            %(y1)s::float8[], %(lo)s::date[], %(hi)s::date[]) AS q(eid, x0, y0, x1, y1, lo, hi)
CROSS JOIN LATERAL (
  SELECT ev.record FROM events ev
  WHERE ev.geog && ST_MakeEnvelope(q.x0 - {_PAD_DEG}, q.y0 - {_PAD_DEG}, q.x1 + {_PAD_DEG},
                                   q.y1 + {_PAD_DEG}, 4326)::geography
    AND ev.lon BETWEEN q.x0 AND q.x1 AND ev.lat BETWEEN q.y0 AND q.y1
    AND ev.canonical_id IS NULL AND ev.article_id <> %(article)s
    AND daterange(ev.date_lo, ev.date_hi, '[]') && daterange(q.lo, q.hi, '[]')
    AND ev.date_lo <= q.hi AND ev.date_hi >= q.lo
    AND ev.id NOT IN (SELECT m.canonical_id FROM merges m
                      WHERE m.merged_id = q.eid AND m.undone_at IS NOT NULL)
  LIMIT 200) e
"""


def postgres_engine(url: str) -> Engine:
    """An engine for a postgresql:// URL, driven by psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True)


def create_scratch_schema(url: str, *, prefix: str = "scratch_") -> tuple[str, str]:
    """A new empty schema (for tests and benchmarks); returns (URL that uses it, its name)."""
    name = prefix + uuid.uuid4().hex[:12]
    engine = postgres_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    engine.dispose()
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{name},public", name


def drop_schema(url: str, name: str) -> None:
    """Drop a schema made by `create_scratch_schema`, with everything in it."""
    engine = postgres_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
    engine.dispose()


class PostgresStore(SqlStore):
    """The store in a PostgreSQL database with PostGIS."""

    def __init__(self, url: str) -> None:
        super().__init__(postgres_engine(url), url=url)

    def data_version(self) -> str | None:
        """The server's current snapshot (next transaction id and those in progress): a
        committed write either was in progress or had no id yet when it was read, so the
        snapshot read after it differs (other databases' writes change it too, which only
        makes a cached page be built again)."""
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar_one())

    def _candidates_for(self, conn: Connection, windows: Sequence[CandidateWindow]
                        ) -> dict[str, list[Event]]:
        """Every window's candidates in one round trip (unnest + LATERAL on the GiST); the
        windows are those of one article's events."""
        params = [self.candidate_params(w) for w in windows]
        cols = {"eid": "c_event", "x0": "bb_x0", "y0": "bb_y0", "x1": "bb_x1", "y1": "bb_y1",
                "lo": "c_lo", "hi": "c_hi"}
        args: dict[str, Any] = {k: [p[v] for p in params] for k, v in cols.items()}
        args["article"] = params[0]["c_article"]
        out: dict[str, list[Event]] = {}
        for eid, record in conn.exec_driver_sql(_CANDIDATES, args):
            out.setdefault(eid, []).append(rows.event_from_row(record))
        return out

    def _bbox_clause(self, bbox: tuple[float, float, float, float],
                     days: tuple[dt.date | None, dt.date | None] = (None, None)
                     ) -> ColumnElement[bool]:
        """Through one GiST index on (geography, date range): a box + dates query reads only
        rows matching both; the exact tests are then made on lat/lon and dates."""
        x0, y0, x1, y1 = bbox_params(bbox)
        d0 = bindparam("bb_d0", days[0], type_=Date)
        d1 = bindparam("bb_d1", days[1], type_=Date)
        envelope = text(
            f"events.geog && ST_Segmentize(ST_MakeEnvelope(:bb_x0 - {_PAD_DEG}, "
            f":bb_y0 - {_PAD_DEG}, :bb_x1 + {_PAD_DEG}, :bb_y1 + {_PAD_DEG}, 4326), 0.5)"
            "::geography AND daterange(events.date_lo, events.date_hi, '[]') && "
            "daterange(CAST(:bb_d0 AS date), CAST(:bb_d1 AS date), '[]')"
        ).bindparams(x0, y0, x1, y1, d0, d1)
        return and_(envelope, events.c.lon.between(x0, x1), events.c.lat.between(y0, y1))
