"""`conflictmap extract`: read inputs, extract events, write them in a chosen format."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

from ..formats import write_events
from ..ingest import read_inputs
from ..distributed import connect, extract_on_cluster
from ..model import Article, Event
from ..pipeline import Pipeline
from .common import CliState, finish, handle_errors, open_output, parse_date_option


def articles_from(state: CliState, inputs: tuple[str, ...], published: str | None
                  ) -> Iterator[Article]:
    """Articles from the inputs; bad inputs are reported and skipped."""
    date = parse_date_option(published)
    for item in read_inputs(inputs, published=date):
        if isinstance(item, Article):
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
            events: Iterator[Event] = extract_on_cluster(client, articles, config=state.config)
        else:
            pipeline = Pipeline.from_config(state.config)
            events = (e for a in pipeline.pipe(articles, on_error=state.skip_article)
                      for e in a.events)
        out = stack.enter_context(open_output(output))
        write_events(events, fmt, out)
    finish(state)


commands: list[click.Command] = [extract_cmd]
