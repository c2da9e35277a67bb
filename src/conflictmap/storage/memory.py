"""In-memory store: the same schema and code as SQLite, in RAM, gone when closed.

The test double of `Store` (and a scratch store for `conflictmap extract`-style work).
"""

from __future__ import annotations

from .sqlite import SQLiteStore


class MemoryStore(SQLiteStore):
    """A store that lives in memory only."""

    def __init__(self) -> None:
        super().__init__(":memory:")
        self.url = "memory://"
