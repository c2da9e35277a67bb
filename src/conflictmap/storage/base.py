"""The `Store` interface every backend implements (SQLite, PostgreSQL/PostGIS, memory).

A store persists and queries; it makes no domain decisions.  Deduplication
(`conflictmap.dedup`: `add_article`, `add_articles`) and control of places
(`conflictmap.control`: `place_history`, `places_at`) are services over these
primitives, so a new backend implements storage only.

The CLI, the API and the pipeline receive a `Store`; none imports a backend.
`open_store(url)` (in `conflictmap.storage`) picks the backend from the URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from ..model import Article, Event

T = TypeVar("T")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`min_lon,min_lat,max_lon,max_lat` -> a tuple (None for empty); ValueError says what is wrong."""
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise ValueError(f"bbox {value!r}: expected four numbers MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError(f"bbox {value!r}: longitudes must lie in -180..180, latitudes in "
                         "-90..90, and each minimum must not exceed its maximum")
    return min_lon, min_lat, max_lon, max_lat


@dataclass(frozen=True)
class EventFilter:
    """Filters for `Store.query_events`; every field is optional and they combine with AND."""

    start: dt.date | None = None  # event date >= start
    end: dt.date | None = None  # event date <= end
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    actor: str | None = None  # actor id, or a case-insensitive part of an actor name
    event_type: str | None = None  # ACLED event type
    sub_event_type: str | None = None  # ACLED sub-event type
    plover: str | None = None
    status: str | None = None
    country: str | None = None  # ISO alpha-3 of the location
    place: str | None = None  # location name (case-insensitive) or geonames id
    text: str | None = None  # words in the evidence text
    # also acts told only as history (background); by default an event shows when one of
    # its reports tells it as news
    include_background: bool = False
    limit: int = 100
    offset: int = 0
    sort: str = "newest"  # one of SORT_ORDERS
    # Keyset paging (sort "newest" only): events after this one, given as the
    # (shown date or None, id) of the last event of the previous page (`page_key`).
    after: tuple[str | None, str] | None = None


def page_key(event: Event | dict[str, Any]) -> tuple[str | None, str]:
    """Where an event (or its native record) sits in the "newest" order: its shown day
    (the event's first day, or the publication day for an event dated by its article)
    and its id."""
    from ..dedup import date_range

    rec = event.as_dict() if isinstance(event, Event) else event
    rng = date_range(rec["date"], rec["date_precision"])
    day = None if rng is None else (rng[1] if rec["date_precision"] == "article" else rng[0])
    return (day.isoformat() if day else None), str(rec["id"])


# How `query_events` can order events: by event date (the day shown, so an event dated
# by its article sorts on the publication date), by confidence, or by when it was stored.
SORT_ORDERS = ("newest", "oldest", "confidence", "added")


@dataclass(frozen=True)
class AddResult:
    article_id: str
    status: str  # "new", "unchanged", "replaced"
    events_added: int = 0
    events_merged: int = 0


@dataclass(frozen=True)
class StoredArticle:
    """What `StoreWriter.put_article` did: the result so far (nothing merged yet), the id
    the article is stored under, the events it inserted (the caller's objects, each
    once, in article order), and the ids of the events of a replaced version it removed
    (their merges are left as they were, for deduplication to settle)."""

    result: AddResult
    events: list[Event]
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CandidateWindow:
    """Where and when to look for other reports of one just-stored event: unmerged events
    of other articles inside `box` (min_lon, min_lat, max_lon, max_lat) whose date ranges
    meet `lo`..`hi`.  Deduplication decides the window; the store answers it."""

    event_id: str
    article_id: str  # the article the event is stored under (its reports are skipped)
    box: tuple[float, float, float, float]
    lo: dt.date
    hi: dt.date


class StoreWriter(Protocol):
    """The writes of one open transaction (see `Store.write`)."""

    def put_article(self, article: Article) -> StoredArticle:
        """Store an article and its events, idempotent by content; a changed article
        replaces its events (the old version stays in history) and its manifest entry.
        The merges of the events it removes are kept as they were (`removed`)."""
        ...

    def merge_candidates(self, windows: Sequence[CandidateWindow]) -> dict[str, list[Event]]:
        """For each window's event, the stored events inside it (at most 200 each); the
        events the index finds, for the caller to decide on."""
        ...

    def mark_merged(self, merged_id: str, canonical_id: str, reason: str) -> None:
        """Record that `merged_id` reports the same event as `canonical_id`."""
        ...

    def canonical_of(self, event_id: str) -> str | None:
        """The event `event_id` is merged into; None when it is not merged (or unknown)."""
        ...

    def merged_into(self, canonical_id: str) -> list[str]:
        """The reports merged into an event (merges not undone), oldest merge first."""
        ...

    def unmerge(self, event_ids: Sequence[str]) -> None:
        """The events stand on their own again: merged into nothing, their merges undone
        (an undone merge is never made again)."""
        ...

    def move_merges(self, event_ids: Sequence[str], canonical_id: str) -> None:
        """The events, merged elsewhere, now report `canonical_id` (their merges too)."""
        ...


class Store(Protocol):
    def write(self, work: Callable[[StoreWriter], T], *, what: str,
              retry_conflict: bool = False) -> T:
        """Run `work` in one transaction: everything it writes is stored, or nothing.
        Errors become `StoreError` naming `what`; with `retry_conflict`, a concurrent
        writer's conflicting insert makes `work` run once more on a fresh transaction."""
        ...

    def get_event(self, event_id: str) -> Event | None: ...

    def query_events(self, filters: EventFilter) -> list[Event]: ...

    def query_records(self, filters: EventFilter) -> list[dict[str, Any]]:
        """`query_events` as native records, each with `sources` (lighter: for pages)."""
        ...

    def count_events(self, filters: EventFilter, *, at_most: int | None = None) -> int:
        """Matching events; with `at_most`, counting stops there (bounded work)."""
        ...

    def query_page(self, filters: EventFilter, *, at_most: int
                   ) -> tuple[list[dict[str, Any]], int]:
        """`query_records(filters)` and `count_events` of the same filters without the
        cursor (`after`), up to `at_most` (added by issue 17: one query where it can)."""
        ...

    def close(self) -> None: ...

    def iter_events(self, filters: EventFilter | None = None, *, include_merged: bool = False,
                    batch_size: int = 2000) -> Iterator[Event]:
        """Every matching event without a limit (exports); merged reports only on request."""
        ...

    def place_events(self, place: str) -> list[Event]:
        """Every event located at a place (name or GeoNames id), oldest first."""
        ...

    def place_names(self) -> list[str]:
        """The distinct location names of stored events (for "did you mean" hints)."""
        ...

    def place_keys(self, sub_event_types: Collection[str], until: dt.date) -> list[str]:
        """The places (GeoNames id, else lower-case name) of unmerged events of these
        ACLED sub-event types dated up to `until`, sorted, each once."""
        ...

    def merge_log(self, event_id: str) -> list[dict[str, Any]]:
        """Merges this event took part in: canonical_id, merged_id, reason, undone_at."""
        ...

    def article_history(self, article_id: str) -> list[dict[str, Any]]:
        """Earlier versions of an article (text, content hash, events), oldest first."""
        ...

    def done_inputs(self, keys: Sequence[str]) -> set[str]:
        """Which of these input keys (`input_key(article)`) were stored before: storing
        those inputs again would change nothing, so a rerun may skip them."""
        ...

    # Added for the API's page cache (issue 17, additive).

    def data_version(self) -> str | None:
        """A token that changes whenever a write is committed to the store (by any process),
        read before a query so that whatever the query sees is at least that new; None
        where the backend cannot tell (then nothing may be cached)."""
        ...
