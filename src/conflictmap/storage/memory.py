"""In-memory store: the same schema and code as SQLite, in RAM, gone when closed.

The test double of `Store` (and a scratch store for `conflictmap extract`-style work).
"""

from __future__ import annotations

from typing import Any

from .sqlite import SQLiteStore


class MemoryStore(SQLiteStore):
    """A store that lives in memory only."""

    def __init__(self, **options: Any) -> None:
        super().__init__(":memory:", **options)
        self.url = "memory://"
