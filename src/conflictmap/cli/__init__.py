"""Command-line interface: parse options, call the library, print, exit.

Each command group lives in its own module here and exposes `commands`; only this
package prints or exits.  Exit status: 0 success, 1 some inputs were skipped,
2 usage error, 3 a fatal error (message on stderr).
"""

from __future__ import annotations

import click

from . import actors, evaluate, extract, places, serve, shell, store, train
from .common import (CONFIG_HELP, DB_HELP, QUIET_HELP, VERBOSE_HELP, CliState,
                     add_global_options)

COMMAND_MODULES = (extract, store, actors, places, evaluate, serve, train, shell)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_url", metavar="URL", envvar="CONFLICTMAP_DB", default=None,
              help=DB_HELP + " Env: CONFLICTMAP_DB.")
@click.option("--config", "config_path", envvar="CONFLICTMAP_CONFIG", default=None,
              type=click.Path(dir_okay=False), help=CONFIG_HELP + " Env: CONFLICTMAP_CONFIG.")
@click.option("-v", "--verbose", count=True, help=VERBOSE_HELP)
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
@click.version_option(package_name="conflictmap", message="conflictmap %(version)s")
@click.pass_context
def main(ctx: click.Context, db_url: str | None, config_path: str | None, verbose: int,
         quiet: bool) -> None:
    """conflictmap: conflict news in, coded events with evidence out.

    The options --db, --config, -v and -q go before or after the command
    (`conflictmap ingest FILE --db URL` and `conflictmap --db URL ingest FILE` are the same).
    """
    ctx.obj = CliState.create(db_url=db_url, config_path=config_path, verbose=verbose,
                              quiet=quiet)


for _module in COMMAND_MODULES:
    for _command in _module.commands:
        main.add_command(_command)
add_global_options(main)

__all__ = ["main"]
