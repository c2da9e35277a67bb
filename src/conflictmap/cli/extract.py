"""`conflictmap extract`: read inputs, extract events, write them in a chosen format."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import click

from ..formats import write_events
from ..ingest import read_inputs
from ..distributed import connect, extract_on_cluster
from ..model import Article, Event
from ..pipeline import Pipeline
from .common import (CliState, finish, handle_errors, log_stage_times, open_output,
                     parse_date_option, track)

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


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
@click.option("--format", "fmt", default="jsonl", show_default=True,
              type=click.Choice(["jsonl", "acled-csv", "geojson", "plover-json", "csv"]))
@click.option("-o", "--output", default=None, help="Output file (default: standard output).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Run here, or on a Dask cluster (one model per worker).")
@click.option("--scheduler", default=None,
              help="Dask scheduler address (tcp://host:port); default: a local cluster.")
@click.option("--workers", type=int, default=2, show_default=True,
              help="Workers of the local Dask cluster (with --engine dask, no --scheduler).")
@click.pass_obj
@handle_errors
def extract_cmd(state: CliState, inputs: tuple[str, ...], published: str | None, fmt: str,
                output: str | None, engine: str, scheduler: str | None, workers: int) -> None:
    """Extract coded events from INPUT files (.txt, .html, .jsonl, feeds, dirs, or -)."""
    parse_date_option(published)  # fail fast on an impossible date
    articles = articles_from(state, inputs, published)
    with contextlib.ExitStack() as stack:
        if engine == "dask":
            client = stack.enter_context(connect(scheduler, n_workers=workers))
            events: Iterator[Event] = extract_on_cluster(
                client, articles, config=state.config, on_error=state.report_skip)
        else:
            pipeline = Pipeline.from_config(state.config)
            done = track(state, pipeline.pipe(articles, on_error=state.skip_article),
                         desc="extract", unit="articles")
            events = (e for a in done for e in a.events)
        out = stack.enter_context(open_output(output))
        write_events(events, fmt, out)
    if engine != "dask":
        log_stage_times(pipeline.stage_seconds)
    finish(state)


commands: list[click.Command] = [extract_cmd]
