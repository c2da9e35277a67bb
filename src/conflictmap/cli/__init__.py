"""Command-line interface: parse options, call the library, print, exit.

Each command group lives in its own module here and exposes `commands`; only this
package prints or exits.  Exit status: 0 success, 1 some inputs were skipped,
2 usage error, 3 a fatal error (message on stderr).
"""

from __future__ import annotations

import click

from . import actors, evaluate, extract, places, serve, store, train
from .common import CliState

COMMAND_MODULES = (extract, store, actors, places, evaluate, serve, train)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_url", envvar="CONFLICTMAP_DB", default=None,
              help="Database URL: a SQLite path or sqlite:///PATH (default), or postgresql://...")
@click.option("--config", "config_path", envvar="CONFLICTMAP_CONFIG", default=None,
              type=click.Path(dir_okay=False), help="TOML file overriding defaults.toml.")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.version_option(package_name="conflictmap")
@click.pass_context
def main(ctx: click.Context, db_url: str | None, config_path: str | None, verbose: int) -> None:
    """conflictmap: conflict news in, coded events with evidence out."""
    ctx.obj = CliState.create(db_url=db_url, config_path=config_path, verbose=verbose)


for _module in COMMAND_MODULES:
    for _command in _module.commands:
        main.add_command(_command)

__all__ = ["main"]
