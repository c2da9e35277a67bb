"""Finished `GET /events` pages, kept while the store's data is unchanged.

A page is stored under its request (base URL, path, query) and the store's data version
(`Store.data_version`), read *before* the page's queries: a page built from newer data
than its version is only rebuilt sooner.  The next request after any committed write,
by this server or another process (an ingest), reads a new version and so misses.
Bounded by the bytes of the bodies kept; the least recently used go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class CachedPage:
    body: bytes
    media_type: str
    headers: dict[str, str]


class PageCache:
    """A thread-safe LRU of pages, at most `max_bytes` of bodies (0: keeps nothing)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple[str, str], CachedPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, version: str, request_key: str) -> CachedPage | None:
        with self._lock:
            page = self._pages.get((version, request_key))
            if page is not None:
                self._pages.move_to_end((version, request_key))
            return page

    def put(self, version: str, request_key: str, page: CachedPage) -> None:
        if len(page.body) > self.max_bytes // 4:  # one huge page would evict all others
            return
        with self._lock:
            old = self._pages.pop((version, request_key), None)
            self._bytes += len(page.body) - (len(old.body) if old else 0)
            self._pages[(version, request_key)] = page
            while self._bytes > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._pages)
