"""Store commands: ingest, events, export, control, import-acled, compare."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

import click

from .. import config as config_mod
from .. import control, formats
from .. import runner as runner_mod
from ..dedup import add_article, compare, undo_merge
from ..errors import ConflictmapError, InputError
from ..gazetteer.base import Candidate
from ..gazetteer.names import normalize
from ..model import ControlInterval, Event
from ..runner import IngestTally
from ..storage import EventFilter, Store, open_store
from ..storage.base import SORT_ORDERS, parse_bbox
from .common import (EXIT_SKIPPED, CliState, FormatChoice, finish, handle_errors,
                     open_output, parse_date_option, track)
from .extract import articles_from, batch_size_of, engine_options, open_engine

TABLE_COLUMNS = (("date", 10), ("type", 34), ("actor", 22), ("target", 22), ("place", 16),
                 ("status", 9), ("evidence", 60))


def fade_days_of(state: CliState) -> int:
    """The configured `control.fade_days`."""
    return int(config_mod.get(state.config, "control.fade_days", 0))


@contextlib.contextmanager
def store_of(state: CliState) -> Iterator[Store]:
    """Open the configured store (and close it afterwards)."""
    store = open_store(state.db_url or "sqlite:///conflictmap.db")
    try:
        yield store
    finally:
        store.close()


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
@engine_options
@click.pass_obj
@handle_errors
def ingest_cmd(state: CliState, inputs: tuple[str, ...], published: str | None, engine: str,
               scheduler: str | None, workers: int | None) -> None:
    """Extract events from INPUT files and store them (re-ingesting never duplicates).

    Each batch is stored in one transaction with the manifest of its inputs: after an
    interrupted run, the same command skips the inputs already stored and completes it."""
    parse_date_option(published)
    tally = IngestTally()
    # the engine first: a process pool forks before the store's connections are opened
    with open_engine(state, engine, scheduler, workers) as runner, store_of(state) as store:
        results = runner_mod.ingest(store, articles_from(state, inputs, published), runner,
                                    batch_size=batch_size_of(state),
                                    on_error=state.report_skip, tally=tally)
        for _ in track(state, results, desc="ingest", unit="articles"):
            pass
    st = tally.statuses
    before = (f" ({tally.done_before} stored by an earlier run, not extracted again)"
              if tally.done_before else "")
    state.note(f"{st['new']} new, {st['replaced']} replaced, "
               f"{st['unchanged'] + tally.done_before} unchanged articles{before}; "
               f"{tally.events_added} events stored, {tally.events_merged} merged with "
               f"reports already stored ({state.db_url})")
    finish(state)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--bbox") from None


def filter_options(func: Any) -> Any:
    """The event filters shared by `events` and `export`."""
    opts = [
        click.option("--start", help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--end", help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--place", help="Place name or GeoNames id."),
        click.option("--actor", help="Actor id or part of an actor name."),
        click.option("--type", "event_type", help="ACLED event type, e.g. Battles."),
        click.option("--sub-type", "sub_event_type", help="ACLED sub-event type."),
        click.option("--plover", help="PLOVER event type."),
        click.option("--status", type=click.Choice(["asserted", "claimed", "future",
                                                    "hypothetical", "negated"])),
        click.option("--country", help="ISO alpha-3 country of the location."),
        click.option("--bbox", help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT."),
        click.option("--text", help="Words in the evidence sentence."),
        click.option("--include-background", is_flag=True,
                     help="Also acts the articles tell only as history (background)."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def make_filter(limit: int = 100, offset: int = 0, sort: str = "newest", **kw: Any
                ) -> EventFilter:
    return EventFilter(start=parse_date_option(kw["start"], "--start"),
                       end=parse_date_option(kw["end"], "--end"), bbox=_bbox(kw["bbox"]),
                       actor=kw["actor"], event_type=kw["event_type"],
                       sub_event_type=kw["sub_event_type"], plover=kw["plover"],
                       status=kw["status"], country=kw["country"], place=kw["place"],
                       text=kw["text"], include_background=kw["include_background"],
                       limit=limit, offset=offset, sort=sort)


def _cell(value: Any, width: int) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def table_row(event: Event) -> list[str]:
    sub = event.acled.sub_event_type or event.acled.event_type or event.plover
    n = len(event.sources)
    return [event.date or "", sub + (f" [{n} reports]" if n > 1 else ""),
            event.actor.name if event.actor else "", event.target.name if event.target else "",
            event.location.name if event.location else "", event.status,
            event.evidence.text]


def table_lines(events: list[Event]) -> Iterator[str]:
    """A header and one fixed-width line per event."""
    yield "  ".join(_cell(name, w).ljust(w) for name, w in TABLE_COLUMNS).rstrip()
    for event in events:
        yield "  ".join(_cell(c, w).ljust(w) for c, (_, w) in
                        zip(table_row(event), TABLE_COLUMNS)).rstrip()


@click.command("events")
@filter_options
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--sort", default="newest", show_default=True, type=click.Choice(SORT_ORDERS),
              help="newest/oldest: by event date (undated last); confidence: highest first; "
                   "added: last stored first.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=FormatChoice("events", extra=("table",)))
@click.pass_obj
@handle_errors
def events_cmd(state: CliState, /, limit: int, offset: int, sort: str, fmt: str, **kw: Any
               ) -> None:
    """List stored events, newest first (by event date), filtered."""
    flt = make_filter(limit=limit, offset=offset, sort=sort, **kw)
    with store_of(state) as store:
        found = store.query_events(flt)
        if flt.place and not found:
            keys = known_place_keys(state, store, flt.place)
            for key in keys[1:]:
                flt = dataclasses.replace(flt, place=key)
                found = store.query_events(flt)
                if found:
                    break
        total = store.count_events(flt) if fmt == "table" else len(found)
    if fmt == "table":
        for line in table_lines(found):
            click.echo(line)
        state.note(f"{len(found)} of {total} events")
    else:
        formats.write_events(found, fmt, sys.stdout)


@click.command("export")
@click.option("--format", "fmt", required=True, type=FormatChoice("export"))
@click.option("-o", "--output", default=None,
              help="Output file (a directory for parquet); default standard output.")
@click.option("--at", "at", help="Date of the control snapshot (control-geojson).")
@filter_options
@click.pass_obj
@handle_errors
def export_cmd(state: CliState, /, fmt: str, output: str | None, at: str | None,
               **kw: Any) -> None:
    """Export every stored event (or a control snapshot) in one format."""
    flt = make_filter(**kw)
    renderer = formats.renderer(fmt)
    if renderer.writes_directory and output in (None, "-"):
        raise click.UsageError(f"--format {fmt} needs -o DIRECTORY ({renderer.layout})")
    with store_of(state) as store:
        items = _export_items(state, store, renderer, flt, at)
        if renderer.writes_directory:
            n = renderer.render_dir(items, output or "")
        else:
            with open_output(output) as out:
                n = renderer.render(items, out)
    state.note(f"{n} {renderer.unit} exported")


def _export_items(state: CliState, store: Store, renderer: formats.Renderer,
                  flt: EventFilter, at: str | None) -> Iterator[Any]:
    """What a format reads: the matching events, or the control snapshot of `--at`."""
    if renderer.reads == "control":
        day = parse_date_option(at, "--at") or dt.date.today()
        return _places_at(state, store, day)
    return track(state, store.iter_events(flt), desc="export", unit="events",
                 total=store.count_events(flt) if state.show_progress else None)


def _places_at(state: CliState, store: Store, day: dt.date) -> Iterator[ControlInterval]:
    """The control snapshot, read when the output is open."""
    yield from control.places_at(store, day, fade_days=fade_days_of(state))


def place_keys(state: CliState, place: str, candidates: list[Candidate] | None = None
               ) -> list[str]:
    """The name itself, then the GeoNames ids the gazetteer offers for it ("Palmyra" also
    finds events stored as "Tadmur"); `candidates` when the caller already looked."""
    keys = [place]
    if place.strip().isdigit():
        return keys
    if candidates is None:
        candidates = _gazetteer_candidates(state, place)
    for cand in candidates:
        gid = cand.place.geonames_id
        if gid is not None and str(gid) not in keys:
            keys.append(str(gid))
    return keys


def _gazetteer_candidates(state: CliState, place: str) -> list[Candidate]:
    """What the gazetteer offers for a name (same spelling or sound-alike); none without one."""
    try:
        from ..resources import Resources

        found: list[Candidate] = Resources(config=state.config).gazetteer.candidates(
            place, limit=10)
    except (ConflictmapError, OSError):
        return []
    return found


def known_place_keys(state: CliState, store: Store, place: str) -> list[str]:
    """`place_keys` for a place the gazetteer (by that spelling) or the store knows; for any
    other name, a message with the closest known names and exit status 1."""
    found = _gazetteer_candidates(state, place)
    wanted = normalize(place).replace(" ", "")
    if any(c.matched.replace(" ", "") == wanted for c in found) or \
            _in_gazetteer(state, place) or store.count_events(
                EventFilter(place=place, include_background=True, limit=1)):
        return place_keys(state, place, found)
    hint = closest_names(place, store.place_names() + [c.place.name for c in found])
    click.echo(f"error: unknown place {place!r}: neither the gazetteer nor the stored events "
               "know it" + (f"; did you mean {', '.join(hint)}?" if hint else ""), err=True)
    sys.exit(EXIT_SKIPPED)


def _in_gazetteer(state: CliState, place: str) -> bool:
    """A GeoNames id the gazetteer holds."""
    if not place.strip().isdigit():
        return False
    try:
        from ..resources import Resources

        return Resources(config=state.config).gazetteer.get(int(place)) is not None
    except (ConflictmapError, OSError):
        return False


def closest_names(place: str, names: list[str], n: int = 5) -> list[str]:
    """The names most like PLACE (case and accents aside), best first."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(normalize(name), name)
    found = difflib.get_close_matches(normalize(place), list(by_key), n=n, cutoff=0.6)
    return [by_key[key] for key in found]


def describe_interval(iv: ControlInterval) -> list[str]:
    who = iv.controller.name if iv.controller else "-"
    lines = [f"{iv.valid_from} → {iv.valid_to or 'now'}  {iv.status:<10}  {who}  "
             f"(confidence {iv.confidence:.2f})"]
    for ev in iv.evidence:
        where = f" [{ev.url or ev.article_id}]" if (ev.url or ev.article_id) else ""
        lines.append(f"    evidence: {_cell(ev.text, 150)}{where}")
    return lines


@click.command("control")
@click.argument("place")
@click.option("--at", "at", help="Only the interval in force on this date (YYYY-MM-DD).")
@click.option("--format", "fmt", default="text", type=click.Choice(["text", "jsonl"]))
@click.pass_obj
@handle_errors
def control_cmd(state: CliState, place: str, at: str | None, fmt: str) -> None:
    """Who controlled PLACE (name or GeoNames id) over time, with evidence."""
    from ..control import interval_at

    day = parse_date_option(at, "--at")
    with store_of(state) as store:
        intervals = []
        for key in known_place_keys(state, store, place):
            intervals = control.place_history(store, key, fade_days=fade_days_of(state))
            if intervals:
                break
    if day is not None:
        found = interval_at(intervals, day)
        intervals = [found] if found else []
    if not intervals:
        click.echo(f"no control information for {place!r}"
                   + (f" on {day}" if day else ""), err=True)
        return
    for iv in intervals:
        if fmt == "jsonl":
            click.echo(json.dumps(iv.as_dict(), ensure_ascii=False))
        else:
            click.echo("\n".join(describe_interval(iv)))


def _read_acled(state: CliState, path: str) -> list[Event]:
    found = []
    for item in formats.read_acled_csv(path):
        if isinstance(item, InputError):
            state.report_skip(item)
        else:
            found.append(item)
    return found


@click.command("import-acled")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_obj
@handle_errors
def import_acled_cmd(state: CliState, file: str) -> None:
    """Store events from an ACLED-format CSV you coded yourselves (one article per row)."""
    from ..model import Article, CodedEvent

    tally: Counter[str] = Counter()
    with store_of(state) as store:
        for event in _read_acled(state, file):
            article = Article(id=event.article_id, text=event.evidence.text,
                              source="acled-import", url=None,
                              events=[CodedEvent.of(event)])
            tally[add_article(store, article).status] += 1
    click.echo(f"{tally['new']} new, {tally['replaced']} replaced, {tally['unchanged']} "
               f"unchanged ACLED rows from {file}", err=True)
    finish(state, "rows")


@click.command("compare")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--max-km", default=10.0, show_default=True, help="Largest distance to match.")
@click.option("--all", "show_all", is_flag=True, help="List agreements too, not only differences.")
@click.pass_obj
@handle_errors
def compare_cmd(state: CliState, file: str, max_km: float, show_all: bool) -> None:
    """Compare stored events with an ACLED-format CSV: where they agree and differ."""
    theirs = _read_acled(state, file)
    with store_of(state) as store:
        ours = _ours_for(store, theirs)
    pairs = compare(ours, theirs, max_km=max_km)
    counts = Counter(p.verdict for p in pairs)
    for p in pairs:
        if show_all or p.verdict != "agree":
            click.echo(_pair_line(p))
    click.echo(f"agree {counts['agree']}, differ {counts['differ']}, only conflictmap "
               f"{counts['only ours']}, only theirs {counts['only theirs']}")
    finish(state, "rows")


def _ours_for(store: Store, theirs: list[Event]) -> list[Event]:
    """Our extracted events (imports excluded) in the date span of their file."""
    dates = sorted(e.date for e in theirs if e.date)
    if not dates:
        return []
    flt = EventFilter(start=dt.date.fromisoformat(dates[0]) - dt.timedelta(days=1),
                      end=dt.date.fromisoformat(dates[-1]) + dt.timedelta(days=1))
    return [e for e in store.iter_events(flt, include_merged=True)
            if not e.article_id.startswith("acled:")]


def _pair_line(p: Any) -> str:
    ev = p.ours or p.theirs
    where = ev.location.name if ev.location else "?"
    head = f"{p.verdict:<12} {ev.date or '?':<10} {where:<16}"
    if p.verdict == "differ":
        return f"{head} {'; '.join(p.differences)}"
    return f"{head} {ev.acled.sub_event_type or ev.acled.event_type}: {_cell(ev.evidence.text, 80)}"


@click.command("merges")
@click.argument("event_id")
@click.option("--undo", is_flag=True, help="Split EVENT_ID (a merged report) back out.")
@click.pass_obj
@handle_errors
def merges_cmd(state: CliState, event_id: str, undo: bool) -> None:
    """Show why reports were merged into EVENT_ID (or undo the merge of one report)."""
    with store_of(state) as store:
        if undo:
            done = undo_merge(store, event_id)
            click.echo(f"{event_id}: {'split back out' if done else 'was not merged'}")
            return
        log = store.merge_log(event_id)
    if not log:
        click.echo(f"{event_id}: no merges", err=True)
    for m in log:
        state_ = f"undone {m['undone_at']:%Y-%m-%d %H:%M}" if m["undone_at"] else "active"
        click.echo(f"{m['merged_id']} → {m['canonical_id']}  [{state_}]  {m['reason']}")


commands: list[click.Command] = [ingest_cmd, events_cmd, export_cmd, control_cmd,
                                 import_acled_cmd, compare_cmd, merges_cmd]
