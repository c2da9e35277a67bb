"""The `Store` interface every backend implements (SQLite, PostgreSQL/PostGIS, memory).

The CLI, the API and the pipeline receive a `Store`; none imports a backend.
`open_store(url)` (in `conflictmap.storage`) picks the backend from the URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from ..model import Article, ControlInterval, Event


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


class Store(Protocol):
    def add_article(self, article: Article) -> AddResult:
        """Store an article and its events; idempotent by content; a changed article replaces
        its events (the old version stays in history)."""
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

    def control_history(self, place: str) -> list[ControlInterval]: ...

    def control_at(self, date: dt.date) -> list[ControlInterval]: ...

    def close(self) -> None: ...

    # Added by issue 6 (additive): bulk writes, provenance, history, bulk reads.

    def add_articles(self, batch: Sequence[Article]) -> list[AddResult]:
        """Add many articles in one transaction (bulk loads): all are stored or none."""
        ...

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

    def undo_merge(self, event_id: str) -> bool:
        """Split a merged report back into its own event; False if it was not merged."""
        ...

    def merge_log(self, event_id: str) -> list[dict[str, Any]]:
        """Merges this event took part in: canonical_id, merged_id, reason, undone_at."""
        ...

    def article_history(self, article_id: str) -> list[dict[str, Any]]:
        """Earlier versions of an article (text, content hash, events), oldest first."""
        ...

    # Added by issue 17 (additive): the manifest of ingested inputs (resumable runs).

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
