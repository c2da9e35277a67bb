"""`conflictmap eval`: score the pipeline against gold files and print the figures."""

from __future__ import annotations

import json

import click

from ..evaluation import KINDS, EvalReport, evaluate
from ..pipeline import Pipeline
from .common import CliState, handle_errors


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
        report = evaluate(path, kind=kind, pipeline=pipeline, limit=limit)
        click.echo(json.dumps(report.as_dict()) if as_json else format_report(report))


commands: list[click.Command] = [eval_cmd]
