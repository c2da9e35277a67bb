"""Bounded server memory under concurrent load (benchmarks/bench_api.py --soak).

Two causes of growth: each worker thread that runs a request gets its own glibc malloc
arena (up to 8 per core), whose freed memory is rarely returned, and Starlette runs sync
endpoints on a pool of 40 threads. The server caps both: a few threads (api.threads) and
few arenas (api.malloc_arenas; the MALLOC_ARENA_MAX variable, when set, wins)."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # glibc's mallopt() parameter number


def limit_malloc_arenas(arenas: int) -> bool:
    """Cap glibc's malloc arenas (call before threads start); False where not glibc."""
    if arenas <= 0 or "MALLOC_ARENA_MAX" in os.environ:
        return False
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        log.info("not glibc: malloc arenas left as they are")
        return False


def thread_limit(threads: int) -> Any:
    """A FastAPI lifespan that runs sync endpoints on at most `threads` threads."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    return lifespan
