"""`conflictmap completion`: print the shell script that completes conflictmap's commands
and options (click's own completion, driven by `_CONFLICTMAP_COMPLETE`)."""

from __future__ import annotations

import os

import click
from click.shell_completion import get_completion_class

SHELLS = ("bash", "zsh", "fish")


def _login_shell() -> str:
    name = os.path.basename(os.environ.get("SHELL", ""))
    return name if name in SHELLS else "bash"


@click.command("completion")
@click.argument("shell", required=False, type=click.Choice(SHELLS))
@click.pass_context
def completion_cmd(ctx: click.Context, shell: str | None) -> None:
    """Print the completion script for SHELL (default: your login shell).

    Add to ~/.bashrc:  eval "$(conflictmap completion bash)"
    (zsh: ~/.zshrc with zsh; fish: conflictmap completion fish | source).
    """
    shell = shell or _login_shell()
    completer = get_completion_class(shell)
    if completer is None:  # pragma: no cover - SHELLS are the ones click ships
        raise click.UsageError(f"no completion for {shell}")
    root = ctx.find_root().command
    click.echo(completer(root, {}, "conflictmap", "_CONFLICTMAP_COMPLETE").source())


commands: list[click.Command] = [completion_cmd]
