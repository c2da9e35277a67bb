"""PostgreSQL + PostGIS backend: events carry a geography point with a GiST index.

Selected with a `postgresql://` URL; psycopg 3 is the driver.  Migration 2 adds the
`geog` column, fills it from lat/lon on every insert (trigger) and indexes it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, create_engine, text
from sqlalchemy.engine import Engine

from .schema import events
from .sql import SqlStore, bbox_params

_PAD_DEG = 0.01  # the index box is a little wider; the exact test is on lat/lon


def postgres_engine(url: str) -> Engine:
    """An engine for a postgresql:// URL, driven by psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True)


class PostgresStore(SqlStore):
    """The store in a PostgreSQL database with PostGIS."""

    def __init__(self, url: str, **options: Any) -> None:
        super().__init__(postgres_engine(url), url=url, **options)

    def _bbox_clause(self, bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
        x0, y0, x1, y1 = bbox_params(bbox)
        envelope = text(
            f"events.geog && ST_Segmentize(ST_MakeEnvelope(:bb_x0 - {_PAD_DEG}, "
            f":bb_y0 - {_PAD_DEG}, :bb_x1 + {_PAD_DEG}, :bb_y1 + {_PAD_DEG}, 4326), 0.5)"
            "::geography").bindparams(x0, y0, x1, y1)
        return and_(envelope, events.c.lon.between(x0, x1), events.c.lat.between(y0, y1))
