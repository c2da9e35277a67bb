"""`conflictmap serve` (the HTTP API and web map) and `conflictmap demo` (the main job:
ingest the shipped sample articles, print their events, serve the map)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib.resources import files
from typing import Any

import click

from ..config import get as config_get
from ..dedup import add_article
from ..ingest import read_bytes
from ..model import Article, Event
from ..storage import Store, open_store
from .common import CliState, handle_errors, track

SAMPLES = ("data", "samples", "articles.jsonl")
TABLE_COLUMNS = (("date", 10), ("status", 12), ("type", 34), ("actor", 24), ("target", 24),
                 ("place", 16), ("deaths", 6))

host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Address to listen on (0.0.0.0 for every interface).")
port_option = click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
                           help="Port to listen on.")


def sample_articles(state: CliState) -> Iterator[Article]:
    """The sample articles shipped with the package."""
    data = files("conflictmap").joinpath(*SAMPLES).read_bytes()
    for item in read_bytes(data, source="samples/articles.jsonl", kind="jsonl"):
        if isinstance(item, Article):
            yield item
        else:
            state.report_skip(item)


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def event_row(event: Event) -> list[Any]:
    kind = event.acled.sub_event_type or event.acled.event_type or event.plover
    return [event.date, event.status, kind, event.actor.name if event.actor else None,
            event.target.name if event.target else None,
            event.location.name if event.location else None, event.fatalities]


def format_table(events: Iterable[Event]) -> str:
    """A fixed-width table of events, one line each."""
    lines = ["  ".join(name.ljust(w) for name, w in TABLE_COLUMNS)]
    for event in events:
        cells = zip(event_row(event), TABLE_COLUMNS)
        lines.append("  ".join(_cell(v, w).ljust(w) for v, (_, w) in cells).rstrip())
    return "\n".join(lines)


def open_state_store(state: CliState) -> Store:
    return open_store(state.db_url or "conflictmap.db")


def run_server(store: Store, state: CliState, host: str, port: int) -> None:
    import uvicorn

    from ..api import create_app
    from ..api.app import web_assets_installed
    from ..api.memory import limit_malloc_arenas

    limit_malloc_arenas(int(config_get(state.config, "api.malloc_arenas", 2)))
    app = create_app(store, config=state.config)
    if not web_assets_installed():
        click.echo("warning: the web map's assets are missing (run scripts/setup.sh, or "
                   "`npm ci && npm run build` in web/); the API works without them", err=True)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(f"conflictmap web map: http://{shown}:{port}/  (API: /events, /openapi.json; "
               "Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def run_server_processes(state: CliState, host: str, port: int, workers: int) -> None:
    """`workers` server processes on one port, each with its own store connection."""
    import json
    import os

    import uvicorn

    from ..api.app import SERVE_CONFIG_ENV
    from ..api.memory import limit_malloc_arenas

    limit_malloc_arenas(int(config_get(state.config, "api.malloc_arenas", 2)))
    open_state_store(state).close()  # migrate once, and fail here if the store is bad
    os.environ[SERVE_CONFIG_ENV] = json.dumps(state.config, default=str)
    click.echo(f"conflictmap web map: http://{host}:{port}/  ({workers} processes; "
               "Ctrl+C stops)")
    uvicorn.run("conflictmap.api.app:app_from_environment", factory=True, host=host,
                port=port, workers=workers, log_level="warning")


@click.command("serve")
@host_option
@port_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (more use more cores; each keeps its own write "
                   "rate limits).")
@click.pass_obj
@handle_errors
def serve_cmd(state: CliState, host: str, port: int, workers: int) -> None:
    """Serve the HTTP API and the web map over the store."""
    if workers > 1:
        run_server_processes(state, host, port, workers)
        return
    store = open_state_store(state)
    try:
        run_server(store, state, host, port)
    finally:
        store.close()


def ingest_samples(state: CliState, store: Store) -> list[Event]:
    """Extract the sample articles and store them; return the events as stored."""
    from ..pipeline import Pipeline

    pipeline = Pipeline.from_config(state.config)
    events: list[Event] = []
    articles = pipeline.pipe(sample_articles(state))
    for article in track(state, articles, desc="demo", unit="articles"):
        result = add_article(store, article)
        click.echo(f"{result.status:>9}  {article.id}  ({len(article.events)} events)", err=True)
        events.extend(e for e in (store.get_event(x.id) for x in article.events) if e)
    return sorted(events, key=lambda e: e.date or "")


@click.command("demo")
@host_option
@port_option
@click.option("--no-serve", is_flag=True, help="Ingest and print the events, then exit.")
@click.pass_obj
@handle_errors
def demo_cmd(state: CliState, host: str, port: int, no_serve: bool) -> None:
    """Ingest the shipped sample articles, print their events, and serve the web map."""
    store = open_state_store(state)
    try:
        click.echo(f"ingesting the sample articles into {state.db_url}", err=True)
        events = ingest_samples(state, store)
        click.echo(format_table(events))
        click.echo(f"{len(events)} events")
        if not no_serve:
            run_server(store, state, host, port)
    finally:
        store.close()


commands: list[click.Command] = [serve_cmd, demo_cmd]
