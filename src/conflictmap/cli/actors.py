"""`conflictmap actors`: search and show the actor knowledge base, check a user actor
file, and measure mention-level country accuracy on PLOVER gold records."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .. import config as config_mod
from ..actors import ActorKB, load_kb
from ..model import Actor
from .common import EXIT_FATAL, CliState, handle_errors


def _kb(state: CliState, user_file: str | None) -> ActorKB:
    path = user_file or config_mod.get(state.config, "stages.actors.user_file") or None
    return load_kb(user_file=path)


def _row(actor: Actor) -> str:
    return "\t".join(str(v or "-") for v in (actor.id, actor.name, actor.country, actor.type,
                                            actor.acled_name, actor.inter))


user_file_option = click.option(
    "--user-file", type=click.Path(dir_okay=False), default=None,
    help="Extra actors (JSON Lines) added to the shipped ones "
         "(config key stages.actors.user_file, env CONFLICTMAP_ACTORS).")


@click.group("actors")
def actors_group() -> None:
    """Look up who is who: aliases, ACLED names, PLOVER sectors, CAMEO codes."""


@actors_group.command("search")
@click.argument("text")
@click.option("--limit", type=int, default=20, show_default=True, help="Most results.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@user_file_option
@click.pass_obj
@handle_errors
def search_cmd(state: CliState, text: str, limit: int, as_json: bool,
               user_file: str | None) -> None:
    """Actors whose name or an alias contains TEXT (id, name, country, type, ACLED name)."""
    found = _kb(state, user_file).search(text, limit=limit)
    for actor in found:
        click.echo(json.dumps(actor.as_dict()) if as_json else _row(actor))
    if not found:
        click.echo(f"no actor matches {text!r}", err=True)
        sys.exit(1)


@actors_group.command("show")
@click.argument("actor_id")
@user_file_option
@click.pass_obj
@handle_errors
def show_cmd(state: CliState, actor_id: str, user_file: str | None) -> None:
    """Everything known about ACTOR_ID ("hts", "SYR.MIL", "civilians:SYR") as JSON."""
    info = _kb(state, user_file).describe(actor_id)
    if info is None:
        click.echo(f"error: unknown actor id {actor_id!r} (try: conflictmap actors search)",
                   err=True)
        sys.exit(EXIT_FATAL)
    click.echo(json.dumps(info, indent=2, ensure_ascii=False, default=list))


@actors_group.command("check")
@click.argument("user_file", type=click.Path(dir_okay=False))
@handle_errors
def check_cmd(user_file: str) -> None:
    """Validate a user actor file; errors name the file, line and problem."""
    kb = load_kb(user_file=user_file)
    own = [e for e in kb.entries.values() if e.source.startswith(str(user_file))]
    click.echo(f"{user_file}: ok, {len(own)} actor(s)")


@actors_group.command("gold")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--side", type=click.Choice(["source", "target"]), default="source",
              show_default=True, help="Which gold actors to check.")
@click.option("--limit", type=int, default=None, help="Only the first N records.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
@handle_errors
def gold_cmd(state: CliState, gold: str, side: str, limit: int | None, as_json: bool) -> None:
    """Mention-level country accuracy of the actors stage on PLOVER gold records."""
    from ..evaluation.actors import plover_mentions
    from ..pipeline import Pipeline
    from .evaluate import format_report

    pipeline: Any = Pipeline.from_config(state.config)
    report = plover_mentions(gold, pipeline=pipeline, limit=limit, side=side)
    click.echo(json.dumps(report.as_dict()) if as_json else format_report(report))


commands: list[click.Command] = [actors_group]
