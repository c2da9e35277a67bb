"""`conflictmap extract`: read inputs, extract events, write them in a chosen format; and
the engine options (`--engine`, `--scheduler`, `--workers`) it shares with `ingest`."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

import click

from .. import config as config_mod
from ..formats import write_events
from ..ingest import read_inputs
from ..model import Article
from ..pipeline import Pipeline
from ..runner import ClusterEngine, Engine, LocalEngine, PoolEngine, coded_articles
from .common import (CliState, FormatChoice, finish, handle_errors, log_stage_times,
                     open_output, parse_date_option, track)

log = logging.getLogger("conflictmap.cli")


def articles_from(state: CliState, inputs: tuple[str, ...], published: str | None, *,
                  dated: bool = True) -> Iterator[Article]:
    """Articles from the inputs; bad inputs are reported and skipped.  With `dated`, the
    ones without a publication date are noted for `finish` to warn about."""
    date = parse_date_option(published)
    for item in read_inputs(inputs, published=date):
        if isinstance(item, Article):
            log.info("input %s: article %s (%d characters, published %s)",
                     item.source or "-", item.id, len(item.text), item.published or "unknown")
            if dated and item.published is None:
                state.undated.append(item.source or item.id)
            yield item
        else:
            state.report_skip(item)


def engine_options(func: Any) -> Any:
    """`--engine`, `--scheduler` and `--workers`, shared by `extract` and `ingest`."""
    opts = [
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
                     show_default=True,
                     help="Run here, or on a Dask cluster (one model per worker)."),
        click.option("--scheduler", default=None,
                     help="Dask scheduler address (tcp://host:port); default: a local "
                          "cluster."),
        click.option("--workers", type=click.IntRange(1, 256), default=None,
                     help="Worker processes: local engine, a process pool when above 1 "
                          "(default 1); dask, the workers of the local cluster (default 2)."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def batch_size_of(state: CliState) -> int:
    return int(config_mod.get(state.config, "pipeline.batch_size", 16))


@contextlib.contextmanager
def open_engine(state: CliState, engine: str, scheduler: str | None, workers: int | None
                ) -> Iterator[Engine]:
    """The engine the options ask for, shut down afterwards (stage timing with -v)."""
    if engine == "dask":
        from ..distributed import connect

        with connect(scheduler, n_workers=workers or 2) as client:
            yield ClusterEngine(client, state.config)
    elif scheduler:
        raise click.UsageError("--scheduler needs --engine dask")
    elif (workers or 1) > 1:
        with PoolEngine(workers or 1, state.config) as pool:
            yield pool
    else:
        pipeline = Pipeline.from_config(state.config)
        yield LocalEngine(pipeline)
        log_stage_times(pipeline.stage_seconds)


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
@click.option("--format", "fmt", default="jsonl", show_default=True,
              type=FormatChoice("extract"))
@click.option("-o", "--output", default=None, help="Output file (default: standard output).")
@engine_options
@click.pass_obj
@handle_errors
def extract_cmd(state: CliState, inputs: tuple[str, ...], published: str | None, fmt: str,
                output: str | None, engine: str, scheduler: str | None,
                workers: int | None) -> None:
    """Extract coded events from INPUT files (.txt, .html, .jsonl, feeds, dirs, or -)."""
    parse_date_option(published)  # fail fast on an impossible date
    articles = articles_from(state, inputs, published)
    with open_engine(state, engine, scheduler, workers) as runner:
        done = track(state, coded_articles(runner, articles, batch_size=batch_size_of(state),
                                           on_error=state.report_skip),
                     desc="extract", unit="articles")
        with open_output(output) as out:
            write_events((e for a in done for e in a.events), fmt, out)
    finish(state)


commands: list[click.Command] = [extract_cmd]
