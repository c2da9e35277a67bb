"""`conflictmap eval`: score the pipeline against gold files and print the figures."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from ..evaluation import KINDS, EvalReport, evaluate
from ..model import Article
from ..pipeline import Pipeline
from .common import CliState, handle_errors, log_stage_times, track


def format_report(report: EvalReport) -> str:
    lines = [f"== {report.kind}: {report.source}"]
    width = max((len(k) for k in report.metrics), default=10)
    for key, value in report.metrics.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"  {key:<{width}}  {shown}")
    if report.table:
        cols = [report.table_header] + [[_cell(c) for c in row] for row in report.table]
        widths = [max(len(str(r[i])) for r in cols) for i in range(len(report.table_header))]
        for row in cols:
            lines.append("  " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    lines.extend(f"  note: {n}" for n in report.notes)
    return "\n".join(lines)


def _cell(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


class TrackedPipeline:
    """The pipeline, with a progress bar over the articles an evaluation sends through it."""

    def __init__(self, pipeline: Pipeline, state: CliState, *, desc: str) -> None:
        self._pipeline, self._state, self._desc = pipeline, state, desc

    def pipe(self, articles: Iterable[Article], **kw: Any) -> Iterator[Article]:
        return track(self._state, self._pipeline.pipe(articles, **kw), desc=self._desc,
                     unit="articles")

    def __call__(self, article: Article) -> Article:
        return self._pipeline(article)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pipeline, name)


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="Gold format (guessed from the file when left out).")
@click.option("--limit", type=int, default=None, help="Score only the first N records.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.pass_obj
@handle_errors
def eval_cmd(state: CliState, gold: tuple[str, ...], kind: str | None, limit: int | None,
             as_json: bool) -> None:
    """Score the pipeline on GOLD files (PLOVER records, geoparsing, TimeML, project cases)."""
    pipeline = Pipeline.from_config(state.config)
    for path in gold:
        tracked = TrackedPipeline(pipeline, state, desc=f"eval {Path(path).name}")
        report = evaluate(path, kind=kind, pipeline=tracked, limit=limit)
        click.echo(json.dumps(report.as_dict()) if as_json else format_report(report))
    log_stage_times(pipeline.stage_seconds)


commands: list[click.Command] = [eval_cmd]
