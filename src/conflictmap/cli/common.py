"""Shared CLI plumbing: state object, option parsing, error reporting and exit codes."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import wraps
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar, cast

import click

from .. import config as config_mod
from ..errors import ConflictmapError, InputError
from ..model import Article

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class CliState:
    config: dict[str, Any]
    db_url: str | None = None
    skipped: list[InputError] = field(default_factory=list)

    @classmethod
    def create(cls, *, db_url: str | None, config_path: str | None, verbose: int) -> CliState:
        level = logging.WARNING - 10 * min(verbose, 2)
        logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
        try:
            cfg = config_mod.load_config(config_path, {"store.url": db_url})
        except ConflictmapError as exc:
            raise click.ClickException(str(exc)) from exc
        return cls(config=cfg, db_url=config_mod.get(cfg, "store.url"))

    def report_skip(self, error: InputError) -> None:
        self.skipped.append(error)
        click.echo(f"skipped {error}", err=True)

    def skip_article(self, article: Article, error: InputError) -> None:
        """`Pipeline.pipe`'s `on_error`: an article a stage failed on is reported, skipped."""
        self.report_skip(error)


def parse_date_option(value: str | None, option: str = "--published") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a valid date (YYYY-MM-DD)",
                                 param_hint=option) from None


def handle_errors(func: F) -> F:
    """Turn library errors into a one-line message and exit status 3."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ConflictmapError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_FATAL)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors and exits keep click's own status
        except Exception as exc:  # a bug: still one line and the run's failure status
            logging.getLogger("conflictmap").debug("unexpected error", exc_info=True)
            click.echo(f"error: unexpected {type(exc).__name__}: {exc} (run with -vv for "
                       f"the traceback)", err=True)
            sys.exit(EXIT_FATAL)

    return cast(F, wrapper)


def finish(state: CliState, what: str = "inputs") -> None:
    """Exit with 1 when something was skipped, after saying how many."""
    if state.skipped:
        click.echo(f"{len(state.skipped)} {what} skipped", err=True)
        sys.exit(EXIT_SKIPPED)


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """A text stream for `-o PATH`, or stdout for None or `-`."""
    if path is None or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh
