"""Engines that run the pipeline over batches of articles, and the resumable ingest loop.

Three engines give the same coded articles, in input order:

    LocalEngine(pipeline)            here, in this process
    PoolEngine(n, config)            a local pool of n worker processes (no Dask)
    ClusterEngine(client, config)    a Dask cluster (`conflictmap.distributed.connect`)

The pool and the cluster run the same per-batch function (`code_batch`) on each worker,
which builds the pipeline once per worker process.  `ingest` drives any engine: it leaves
out inputs the store's manifest says are done, and stores each coded batch (articles,
events and manifest rows) in one transaction, so a run killed at any point loses at most
the batches in flight, and the same command run again completes it.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from .dedup import add_articles
from .errors import InputError
from .model import Article, CodedEvent
from .pipeline import Pipeline
from .storage.base import AddResult, Store
from .storage.rows import input_key

Skipped = tuple[str, str]  # (input name, problem) of an article a stage failed on
# What a worker sends back for a batch: each coded article (its input fields and its
# events as native records) and the articles skipped.
BatchResult = tuple[list[dict[str, Any]], list[Skipped]]
Coded = tuple[list[Article], list[InputError]]  # a batch's coded articles and skips


@functools.lru_cache(maxsize=1)
def _worker_pipeline(config_json: str) -> Pipeline:
    from .config import load_config

    return Pipeline.from_config(json.loads(config_json) if config_json else load_config())


def config_key(config: dict[str, Any] | None) -> str:
    """The configuration as the string workers build (and cache) their pipeline from."""
    return json.dumps(config, sort_keys=True, default=str) if config else ""


def code_batch(batch: list[Article], config_json: str = "") -> BatchResult:
    """Run on a worker: code a batch with the worker's pipeline (built once per process)."""
    articles, skipped = run_batch(_worker_pipeline(config_json), batch)
    return ([_payload(a) for a in articles], [(e.source, e.problem) for e in skipped])


def run_batch(pipeline: Pipeline, batch: list[Article]) -> Coded:
    """Code one batch; an article a stage fails on costs only itself (it is returned as
    a skip, as on one process)."""
    skipped: list[InputError] = []
    done = list(pipeline.pipe(batch, batch_size=len(batch) or 1,
                              on_error=lambda _a, e: skipped.append(e)))
    return done, skipped


def _payload(article: Article) -> dict[str, Any]:
    return {"id": article.id, "text": article.text, "title": article.title,
            "url": article.url, "source": article.source, "language": article.language,
            "published": article.published.isoformat() if article.published else None,
            "events": [e.as_dict() for e in article.events]}


def _from_payload(data: dict[str, Any]) -> Article:
    published = dt.date.fromisoformat(data["published"]) if data["published"] else None
    return Article(id=data["id"], text=data["text"], title=data["title"], url=data["url"],
                   source=data["source"], language=data["language"], published=published,
                   events=[CodedEvent.from_dict(r) for r in data["events"]])


def unpack(result: BatchResult) -> Coded:
    """A worker's result as articles and input errors."""
    payloads, skipped = result
    return [_from_payload(p) for p in payloads], [InputError(s, p) for s, p in skipped]


class Engine(Protocol):
    def run(self, batches: Iterable[list[Article]]) -> Iterator[Coded]:
        """Each batch coded, in input order."""
        ...


@dataclass
class LocalEngine:
    """The pipeline in this process."""

    pipeline: Pipeline

    def run(self, batches: Iterable[list[Article]]) -> Iterator[Coded]:
        for batch in batches:
            yield run_batch(self.pipeline, batch)


class _Future(Protocol):
    def result(self) -> Any: ...


def ordered_results(submit: Callable[[list[Article]], _Future],
                    batches: Iterable[list[Article]], max_in_flight: int) -> Iterator[Coded]:
    """Submit batches, at most `max_in_flight` at once; results in submission order."""
    pending: collections.deque[_Future] = collections.deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= max_in_flight:
            yield unpack(pending.popleft().result())
    while pending:
        yield unpack(pending.popleft().result())


@dataclass
class PoolEngine:
    """`workers` local processes, each with its own pipeline; use it as a context manager."""

    workers: int
    config: dict[str, Any] | None = None
    _pool: ProcessPoolExecutor | None = field(default=None, init=False, repr=False)

    def __enter__(self) -> PoolEngine:
        # fork: a spawned child would run the command line's __main__ again
        self._pool = ProcessPoolExecutor(self.workers,
                                         mp_context=multiprocessing.get_context("fork"))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def run(self, batches: Iterable[list[Article]]) -> Iterator[Coded]:
        pool, key = self._pool, config_key(self.config)
        if pool is None:
            raise RuntimeError("PoolEngine.run outside its `with` block")
        yield from ordered_results(lambda b: pool.submit(code_batch, b, key), batches,
                                   max_in_flight=2 * self.workers)


@dataclass
class ClusterEngine:
    """A Dask cluster: `client` from `conflictmap.distributed.connect`."""

    client: Any
    config: dict[str, Any] | None = None
    max_in_flight: int = 8

    def run(self, batches: Iterable[list[Article]]) -> Iterator[Coded]:
        key = config_key(self.config)
        yield from ordered_results(
            lambda b: self.client.submit(code_batch, b, key, pure=False),
            batches, self.max_in_flight)


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def coded_articles(engine: Engine, articles: Iterable[Article], *, batch_size: int,
                   on_error: Callable[[InputError], None]) -> Iterator[Article]:
    """Every article coded by `engine`, in input order; skips go to `on_error`."""
    for done, skipped in engine.run(batched(articles, batch_size)):
        for error in skipped:
            on_error(error)
        yield from done


@dataclass
class IngestTally:
    """What an ingest did: store results by status, events, and inputs done before."""

    statuses: collections.Counter[str] = field(default_factory=collections.Counter)
    events_added: int = 0
    events_merged: int = 0
    done_before: int = 0

    def add(self, result: AddResult) -> None:
        self.statuses[result.status] += 1
        self.events_added += result.events_added
        self.events_merged += result.events_merged


def ingest(store: Store, articles: Iterable[Article], engine: Engine, *, batch_size: int,
           on_error: Callable[[InputError], None], tally: IngestTally | None = None
           ) -> Iterator[AddResult]:
    """Code and store articles, one transaction per batch; inputs in the store's manifest
    (stored by an earlier run) are left out.  Results come in input order; cross-article
    deduplication happens as each batch is written, so any engine stores the same events."""
    tally = tally if tally is not None else IngestTally()
    todo = _not_done(store, batched(articles, batch_size), tally)
    for done, skipped in engine.run(todo):
        for error in skipped:
            on_error(error)
        if done:
            for result in add_articles(store, done):
                tally.add(result)
                yield result


def _not_done(store: Store, batches: Iterable[list[Article]], tally: IngestTally
              ) -> Iterator[list[Article]]:
    for batch in batches:
        done = store.done_inputs([input_key(a) for a in batch])
        fresh = [a for a in batch if input_key(a) not in done]
        tally.done_before += len(batch) - len(fresh)
        if fresh:
            yield fresh
