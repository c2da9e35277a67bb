"""Storage: `open_store(url)` picks a backend; everything else codes against `Store`.

    open_store("conflictmap.db")                 # SQLite file (WAL mode)
    open_store("sqlite:///data/events.db")       # the same, as a URL
    open_store("postgresql://user@host/db")      # PostgreSQL + PostGIS
    open_store("memory://")  / open_store(":memory:")   # in memory, for tests
"""

from __future__ import annotations

from typing import Any

from ..errors import StoreError
from .base import AddResult, EventFilter, Store
from .rows import input_key


def open_store(url: str, **options: Any) -> Store:
    """Open (and migrate) the store at `url`.  Options: fade_days, dedup (DedupSettings)."""
    url = (url or "").strip()
    if not url:
        raise StoreError("no database URL given")
    if url in ("memory://", ":memory:", "sqlite://", "sqlite:///:memory:"):
        from .memory import MemoryStore

        return MemoryStore(**options)
    if url.startswith(("postgresql:", "postgres:", "postgresql+psycopg:")):
        from .postgres import PostgresStore

        return PostgresStore(url, **options)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    elif "://" in url:
        raise StoreError(f"{url}: unknown database URL (use a SQLite path, sqlite:///PATH, "
                         "postgresql://... or memory://)")
    from .sqlite import SQLiteStore

    return SQLiteStore(url, **options)


__all__ = ["AddResult", "EventFilter", "Store", "StoreError", "input_key", "open_store"]
