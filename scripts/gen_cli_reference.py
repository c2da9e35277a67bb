"""Write docs/cli.md from the commands' own --help (run after changing an option).

    python scripts/gen_cli_reference.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from conflictmap.cli import main

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _help(args: list[str]) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="conflictmap",
                               terminal_width=100)
    return result.output.rstrip()


def _walk(group: click.Group, prefix: list[str]) -> list[list[str]]:
    paths = []
    for name in sorted(group.commands):
        command = group.commands[name]
        paths.append([*prefix, name])
        if isinstance(command, click.Group):
            paths.extend(_walk(command, [*prefix, name]))
    return paths


def render() -> str:
    parts = ["# Command-line reference", "",
             "Generated from `--help` by `scripts/gen_cli_reference.py`; do not edit by hand.", "",
             "## conflictmap", "", "```", _help([]), "```", ""]
    for path in _walk(main, []):
        parts += [f"## conflictmap {' '.join(path)}", "", "```", _help(path), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
