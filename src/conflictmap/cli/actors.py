"""CLI commands (placeholder module; filled by its issue)."""

from __future__ import annotations

import click

commands: list[click.Command] = []
