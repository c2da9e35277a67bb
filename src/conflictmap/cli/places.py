"""`conflictmap geoparse`, `conflictmap dates` and `conflictmap gazetteer build|import`."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any

import click

from .. import config as config_mod
from ..gazetteer import build_default, default_path, import_geonames
from ..model import Article
from ..resources import Resources
from ..stages.dates import date_articles
from ..stages.places import geoparse
from .common import (CliState, finish, handle_errors, open_output, parse_date_option,
                     progress_bar)
from .extract import articles_from


def _write_lines(records: Iterable[dict[str, Any]], output: str | None) -> None:
    with open_output(output) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _gazetteer_path(state: CliState) -> str | None:
    return config_mod.get(state.config, "stages.places.gazetteer") or None


@click.command("geoparse")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", default="jsonl", show_default=True, type=click.Choice(["jsonl"]))
@click.option("-o", "--output", default=None, help="Output file (default: standard output).")
@click.pass_obj
@handle_errors
def geoparse_cmd(state: CliState, inputs: tuple[str, ...], fmt: str, output: str | None
                 ) -> None:
    """Find and resolve the place names of INPUT files: one JSON line per article."""
    resources = Resources(config=state.config)
    articles = geoparse(articles_from(state, inputs, None, dated=False), resources)
    _write_lines(({"article_id": a.id, "toponyms": [t.as_dict() for t in a.toponyms]}
                  for a in articles), output)
    finish(state)


@click.command("dates")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
@click.option("--format", "fmt", default="jsonl", show_default=True, type=click.Choice(["jsonl"]))
@click.option("-o", "--output", default=None, help="Output file (default: standard output).")
@click.pass_obj
@handle_errors
def dates_cmd(state: CliState, inputs: tuple[str, ...], published: str | None, fmt: str,
              output: str | None) -> None:
    """Find and resolve the dates of INPUT files against their publication date."""
    parse_date_option(published)
    resources = Resources(config=state.config)
    prefer_past = bool(config_mod.get(state.config, "stages.dates.prefer_past", True))
    articles = date_articles(articles_from(state, inputs, published), resources,
                             prefer_past=prefer_past)
    _write_lines((_dates_record(a) for a in articles), output)
    finish(state)


def _dates_record(article: Article) -> dict[str, Any]:
    return {"article_id": article.id, "dates": [t.as_dict() for t in article.timexes]}


@click.group("gazetteer")
def gazetteer_group() -> None:
    """Build the local gazetteer index, or add GeoNames dumps to it."""


@gazetteer_group.command("build")
@click.option("--path", "path", default=None, type=click.Path(dir_okay=False),
              help="Index file (default: stages.places.gazetteer, else the user data dir).")
@click.pass_obj
@handle_errors
def build_cmd(state: CliState, path: str | None) -> None:
    """(Re)build the index from packaged data: towns, regions, countries."""
    started = time.perf_counter()
    with progress_bar(state, desc="gazetteer build", unit="entries") as update:
        target = build_default(path or _gazetteer_path(state), progress=update)
    state.note(f"gazetteer index written to {target} in {time.perf_counter() - started:.0f} s")


@gazetteer_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--path", "path", default=None, type=click.Path(dir_okay=False),
              help="Index file (default: stages.places.gazetteer, else the user data dir).")
@click.option("--feature-classes", default="PALT", show_default=True,
              help="GeoNames feature classes to import from a main table.")
@click.pass_obj
@handle_errors
def import_cmd(state: CliState, file: str, path: str | None, feature_classes: str) -> None:
    """Add a GeoNames dump (allCountries.zip, SY.zip, a .txt, alternateNamesV2.zip)."""
    target = path or _gazetteer_path(state)
    with progress_bar(state, desc=f"import {file}", unit="rows") as update:
        count = import_geonames(target, file, feature_classes=feature_classes, progress=update)
    state.note(f"imported {count} rows from {file} into {target or default_path()}")


commands: list[click.Command] = [geoparse_cmd, dates_cmd, gazetteer_group]
