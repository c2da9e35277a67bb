"""Shared CLI plumbing: state object, option parsing, error reporting and exit codes."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
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
T = TypeVar("T")

log = logging.getLogger("conflictmap.cli")


@dataclass
class CliState:
    """The global options of one run, filled in by the main group and by the options
    every subcommand repeats (so `--db URL` works before or after the command)."""

    db_option: str | None = None
    config_path: str | None = None
    verbose: int = 0
    quiet: bool = False
    skipped: list[InputError] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)  # inputs read with no publication date
    _config: dict[str, Any] | None = None

    @classmethod
    def create(cls, *, db_url: str | None, config_path: str | None, verbose: int,
               quiet: bool = False) -> CliState:
        state = cls(db_option=db_url, config_path=config_path, verbose=verbose, quiet=quiet)
        state.apply_logging()
        return state

    @property
    def config(self) -> dict[str, Any]:
        """Defaults, the --config file, then --db; read once, when first needed."""
        if self._config is None:
            try:
                self._config = config_mod.load_config(self.config_path,
                                                      {"store.url": self.db_option})
            except ConflictmapError as exc:
                raise click.ClickException(str(exc)) from exc
        return self._config

    @property
    def db_url(self) -> str | None:
        url = config_mod.get(self.config, "store.url")
        return str(url) if url else None

    def apply_logging(self) -> None:
        level = logging.WARNING - 10 * (0 if self.quiet else min(self.verbose, 2))
        logger = logging.getLogger("conflictmap")
        logger.setLevel(level)
        if not any(isinstance(h, _EchoHandler) for h in logger.handlers):
            handler = _EchoHandler()
            handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)
        _show_notices(not self.quiet)

    @property
    def show_progress(self) -> bool:
        """Progress bars go to stderr when it is a terminal, unless -q."""
        return not self.quiet and sys.stderr.isatty()

    def note(self, message: str) -> None:
        """An informational line on stderr (left out with -q)."""
        if not self.quiet:
            click.echo(message, err=True)

    def report_skip(self, error: InputError) -> None:
        self.skipped.append(error)
        click.echo(f"skipped {error}", err=True)

    def skip_article(self, article: Article, error: InputError) -> None:
        """`Pipeline.pipe`'s `on_error`: an article a stage failed on is reported, skipped."""
        self.report_skip(error)


class _EchoHandler(logging.Handler):
    """Log records on the current stderr (looked up at each record, not at set-up)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


_NOTICES = logging.getLogger("conflictmap.gazetteer.notice")


def _show_notices(on: bool) -> None:
    """The library's announcements (e.g. the first-run index build) as plain lines."""
    for handler in list(_NOTICES.handlers):
        _NOTICES.removeHandler(handler)
    _NOTICES.propagate = False
    _NOTICES.setLevel(logging.INFO)
    _NOTICES.addHandler(_EchoHandler() if on else logging.NullHandler())


def track(state: CliState, items: Iterable[T], *, desc: str, unit: str,
          total: int | None = None) -> Iterator[T]:
    """ITEMS, with a progress bar (count, rate, ETA when TOTAL is known) on a terminal."""
    if not state.show_progress:
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, desc=desc, unit=f" {unit}", total=total, file=sys.stderr,
              dynamic_ncols=True, leave=True) as bar:
        yield from bar


@contextmanager
def progress_bar(state: CliState, *, desc: str, unit: str, total: int | None = None
                 ) -> Iterator[Callable[[int], object] | None]:
    """A bar's `update(n)` for library calls that report progress, or None when off."""
    if not state.show_progress:
        yield None
        return
    from tqdm import tqdm

    with tqdm(desc=desc, unit=f" {unit}", total=total, file=sys.stderr, dynamic_ncols=True,
              leave=True) as bar:
        yield bar.update


def log_stage_times(seconds: Mapping[str, float]) -> None:
    """With -v: the time each pipeline stage took over the whole run."""
    if seconds:
        shown = ", ".join(f"{name} {sec:.2f} s" for name, sec in seconds.items())
        log.info("stage timing: %s", shown)


def _set_global(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Record a global option given after the subcommand (it wins over one before)."""
    state = ctx.find_object(CliState)
    if state is None or value in (None, 0, False):
        return
    if param.name == "db_url":
        state.db_option, state._config = value, None
    elif param.name == "config_path":
        state.config_path, state._config = value, None
    elif param.name == "verbose":
        state.verbose += value
    elif param.name == "quiet":
        state.quiet = True
    state.apply_logging()


DB_HELP = "Database URL: a SQLite path or sqlite:///PATH (default), or postgresql://..."
CONFIG_HELP = "TOML file overriding defaults.toml."
VERBOSE_HELP = "More logging on stderr (-v each input and stage timing, -vv debug)."
QUIET_HELP = "Only errors and warnings on stderr: no progress bars or summaries."


def global_params() -> list[click.Parameter]:
    """The global options as a subcommand repeats them (no environment variables here:
    those are read once, by the main group)."""
    return [
        click.Option(["--db", "db_url"], metavar="URL", default=None, expose_value=False,
                     callback=_set_global, help=DB_HELP),
        click.Option(["--config", "config_path"], default=None, expose_value=False,
                     type=click.Path(dir_okay=False), callback=_set_global, help=CONFIG_HELP),
        click.Option(["-v", "--verbose"], count=True, expose_value=False,
                     callback=_set_global, help=VERBOSE_HELP),
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False,
                     callback=_set_global, help=QUIET_HELP),
    ]


def add_global_options(group: click.Group) -> None:
    """Give every command under GROUP the global options, so they work anywhere."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            add_global_options(command)
        else:
            command.params.extend(global_params())


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


def warn_undated(state: CliState, shown: int = 5) -> None:
    """One warning for the whole run naming the inputs that had no publication date."""
    if not state.undated:
        return
    names = ", ".join(state.undated[:shown])
    more = f" and {len(state.undated) - shown} more" if len(state.undated) > shown else ""
    n = len(state.undated)
    click.echo(f"warning: {n} input{'s' if n > 1 else ''} had no publication date ({names}"
               f"{more}): relative dates in them (\"on Sunday\", \"last week\") cannot be "
               "resolved, so their events have a date only where the text gives a full one "
               "and null otherwise; give --published YYYY-MM-DD", err=True)


def finish(state: CliState, what: str = "inputs") -> None:
    """Warn about undated inputs, then exit with 1 when something was skipped, after
    saying how many."""
    warn_undated(state)
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


class FormatChoice(click.Choice[str]):
    """`--format` choices read from the format registry (`conflictmap.formats`) when the
    option is used, so a registered format appears without editing the command."""

    def __init__(self, view: str, *, extra: tuple[str, ...] = ()) -> None:
        self.view, self.extra = view, extra
        super().__init__(self.choices)

    @property
    def choices(self) -> tuple[str, ...]:
        from .. import formats

        return (*self.extra, *formats.names(self.view))

    @choices.setter
    def choices(self, _value: Any) -> None:
        """click sets the choices once; the registry is read instead."""
