"""Storage: `open_store(url)` picks a backend; everything else codes against `Store`.

    open_store("conflictmap.db")                 # SQLite file (WAL mode)
    open_store("sqlite:///data/events.db")       # the same, as a URL
    open_store("postgresql://user@host/db")      # PostgreSQL + PostGIS
    open_store("memory://")  / open_store(":memory:")   # in memory, for tests
"""

from __future__ import annotations

from ..errors import StoreError
from .base import AddResult, CandidateWindow, EventFilter, Store, StoredArticle, StoreWriter
from .rows import input_key


def open_store(url: str) -> Store:
    """Open (and migrate) the store at `url`."""
    url = (url or "").strip()
    if not url:
        raise StoreError("no database URL given")
    if url in ("memory://", ":memory:", "sqlite://", "sqlite:///:memory:"):
        from .memory import MemoryStore

        return MemoryStore()
    if url.startswith(("postgresql:", "postgres:", "postgresql+psycopg:")):
        from .postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    elif "://" in url:
        raise StoreError(f"{url}: unknown database URL (use a SQLite path, sqlite:///PATH, "
                         "postgresql://... or memory://)")
    from .sqlite import SQLiteStore

    return SQLiteStore(url)


__all__ = ["AddResult", "CandidateWindow", "EventFilter", "Store", "StoreError", "StoreWriter",
           "StoredArticle", "input_key", "open_store"]
