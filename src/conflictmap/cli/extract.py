"""`conflictmap extract`: read inputs, extract events, write them in a chosen format."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

from ..formats import write_events
from ..ingest import read_inputs
from ..model import Article
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
@click.pass_obj
@handle_errors
def extract_cmd(state: CliState, inputs: tuple[str, ...], published: str | None, fmt: str,
                output: str | None) -> None:
    """Extract coded events from INPUT files (.txt, .html, .jsonl, feeds, dirs, or -)."""
    parse_date_option(published)  # fail fast on an impossible date
    pipeline = Pipeline.from_config(state.config)
    events = (e for a in pipeline.pipe(articles_from(state, inputs, published)) for e in a.events)
    with contextlib.contextmanager(open_output)(output) as out:
        write_events(events, fmt, out)
    finish(state)


commands: list[click.Command] = [extract_cmd]
