"""Scale-out: the same per-batch extraction on a Dask distributed cluster.

Each worker builds the pipeline once (one model load per worker process) and codes
batches of articles (`conflictmap.runner.code_batch`); the client gets results back in
input order.  Coded articles and records, not spaCy docs, cross the network.  Storing
happens on the client (`conflictmap.runner.ingest`), so deduplication across articles
sees every earlier article, as on one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import ConfigError, InputError
from .model import Article, Event
from .runner import ClusterEngine, Skipped, code_batch, coded_articles, config_key


def extract_batch(batch: list[Article], config_json: str = ""
                  ) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """Run on a worker: extract a batch; return native records and the articles skipped
    (as on one process, an article a stage fails on costs only itself)."""
    payloads, skipped = code_batch(batch, config_json)
    return [r for p in payloads for r in p["events"]], skipped


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
    engine = ClusterEngine(client, config, max_in_flight=max_in_flight)
    for article in coded_articles(engine, articles, batch_size=batch_size,
                                  on_error=on_error or _raise):
        yield from article.events


def _raise(error: InputError) -> None:
    raise error


__all__ = ["config_key", "connect", "extract_batch", "extract_on_cluster"]
