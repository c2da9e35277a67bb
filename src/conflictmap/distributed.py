"""Scale-out: the same per-batch extraction on a Dask distributed cluster.

Each worker builds the pipeline once (one model load per worker process) and turns
batches of articles into native event records; the client streams results back in
input order. Records, not spaCy docs, cross the network.
"""

from __future__ import annotations

import functools
import json
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import ConfigError, InputError
from .model import Article, Event


@functools.lru_cache(maxsize=1)
def _worker_pipeline(config_json: str) -> Any:
    from .config import load_config
    from .pipeline import Pipeline

    return Pipeline.from_config(json.loads(config_json) if config_json else load_config())


Skipped = tuple[str, str]  # (input name, problem) of an article a stage failed on


def extract_batch(batch: list[Article], config_json: str = ""
                  ) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """Run on a worker: extract a batch; return native records and the articles skipped
    (as on one process, an article a stage fails on costs only itself)."""
    pipeline = _worker_pipeline(config_json)
    skipped: list[Skipped] = []

    def skip(article: Article, error: InputError) -> None:
        skipped.append((error.source, error.problem))

    records = [e.as_dict() for a in pipeline.pipe(batch, on_error=skip) for e in a.events]
    return records, skipped


def connect(scheduler: str | None, *, n_workers: int = 1) -> Any:
    """A Dask client for `scheduler` (tcp://host:port) or, when None, a local cluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("the dask engine needs `pip install conflictmap[dask]`") from exc
    if scheduler:
        return Client(scheduler)  # type: ignore[no-untyped-call]
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1,  # type: ignore[no-untyped-call]
                           processes=True, dashboard_address=None)
    return Client(cluster)  # type: ignore[no-untyped-call]


def extract_on_cluster(client: Any, articles: Iterable[Article], *, batch_size: int = 16,
                       config: dict[str, Any] | None = None,
                       max_in_flight: int = 8,
                       on_error: Callable[[InputError], None] | None = None
                       ) -> Iterator[Event]:
    """Submit batches to the cluster, at most `max_in_flight` at once; yield events in order.
    Each article a stage failed on is handed to `on_error` (raised when it is None)."""
    items = json.dumps(config, sort_keys=True) if config else ""
    batches = _batched(articles, batch_size)
    pending: list[Any] = []
    for batch in batches:
        pending.append(client.submit(extract_batch, batch, items, pure=False))
        if len(pending) >= max_in_flight:
            yield from _events(pending.pop(0).result(), on_error)
    for future in pending:
        yield from _events(future.result(), on_error)


def _batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _events(result: tuple[list[dict[str, Any]], list[Skipped]],
            on_error: Callable[[InputError], None] | None) -> Iterator[Event]:
    records, skipped = result
    for source, problem in skipped:
        error = InputError(source, problem)
        if on_error is None:
            raise error
        on_error(error)
    for rec in records:
        yield Event.from_dict(rec)
