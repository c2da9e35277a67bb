"""Cross-article deduplication: decide whether two reports describe the same event.

Two events merge when all of these hold, and `merge_reason` says why in words:

- they come from different articles;
- same type family (ACLED event type; territory changes form one family of their own);
- compatible statuses (asserted/claimed together; future, hypothetical, negated only alike);
- compatible actors (same id, or unknown on one side; armed clashes may swap sides);
- the same place (same GeoNames id) or within `max_km` kilometres, both located at
  town level (precision 1 or 2);
- date ranges that can overlap given their precision (a month-precision date spans the
  whole month), widened by `slack_days`.

Nothing merges across different places or incompatible dates.

This module is also the service that stores articles with deduplication
(`add_article`, `add_articles`): the store inserts, finds the candidates inside the
window `candidate_window` gives (its spatial index), and records the merges decided here,
all in one transaction.  What happens to merges when an article is replaced (the first
report of a removed event takes its place) and when a merge is undone (`undo_merge`) is
decided here too, over the store's merge primitives.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .model import HAPPENED, Actor, Article, Event, Location

if TYPE_CHECKING:
    from .storage.base import AddResult, CandidateWindow, Store, StoredArticle, StoreWriter

TERRITORY_SUB_TYPES = frozenset({
    "Government regains territory", "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
})
SYMMETRIC_SUB_TYPES = frozenset({"Armed clash"})
_ARTICLE_WINDOW_DAYS = 3  # an undated event happened in the few days before publication
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_KM_PER_DEG = 111.0


@dataclass(frozen=True)
class DedupSettings:
    """How close two reports must be to count as one event."""

    max_km: float = 5.0
    slack_days: int = 0
    # how far from a region's point a report that gives only the region is looked for
    region_km: float = 300.0


def date_range(value: str | None, precision: str = "day") -> tuple[dt.date, dt.date] | None:
    """The first and last day a date can mean: "2016-03" → 2016-03-01 … 2016-03-31."""
    if not value:
        return None
    week = _WEEK.match(value)
    if week:
        lo = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return lo, lo + dt.timedelta(days=6)
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return None
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2 or precision in ("month", "year"):
        return _cut(parts[0], parts[1], precision)
    day = dt.date(*parts[:3])
    return _around(day, precision)


def _cut(year: int, month: int, precision: str) -> tuple[dt.date, dt.date]:
    if precision == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def _around(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    if precision == "week":
        return day, day + dt.timedelta(days=6)
    if precision == "article":
        return day - dt.timedelta(days=_ARTICLE_WINDOW_DAYS), day
    return day, day


def type_family(event: Event) -> str:
    """The family an event belongs to for merging purposes."""
    sub = event.acled.sub_event_type
    if sub in TERRITORY_SUB_TYPES:
        return "territory"
    return event.acled.event_type or f"plover:{event.plover}"


def haversine_km(a: Location, b: Location) -> float:
    """Great-circle distance between two locations in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def named_side(actor: Actor | None) -> Actor | None:
    """A side the text names; a country standing in as target (PLOVER) names no one."""
    return None if actor is None or actor.type == "country" else actor


def _actor_ok(a: Actor | None, b: Actor | None) -> bool:
    """Same actor, or one side unknown (a country standing in as target is unknown)."""
    a, b = named_side(a), named_side(b)
    return a is None or b is None or a.id == b.id


def actors_compatible(a: Event, b: Event) -> str | None:
    """How the actors fit ("same", "swapped"), or None when they cannot be the same event."""
    if _actor_ok(a.actor, b.actor) and _actor_ok(a.target, b.target):
        return "same"
    symmetric = a.acled.sub_event_type in SYMMETRIC_SUB_TYPES
    if symmetric and _actor_ok(a.actor, b.target) and _actor_ok(a.target, b.actor):
        return "swapped"
    return None


def statuses_compatible(a: str, b: str) -> bool:
    return a == b or (a in HAPPENED and b in HAPPENED)


def same_place(a: Location | None, b: Location | None, max_km: float) -> str | None:
    """Why two locations are the same place, or None."""
    if a is None or b is None:
        return None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return f"same place {a.name} (GeoNames {a.geonames_id})"
    if max(a.precision, b.precision) > 2:
        return _in_region(a, b) or _in_region(b, a)
    km = haversine_km(a, b)
    return f"{a.name} and {b.name} {km:.1f} km apart" if km <= max_km else None


def _in_region(place: Location, region: Location) -> str | None:
    """'In Homs province' and 'Sukhnah' (in Homs): a report that gives only the region."""
    if region.precision < 3 or place.precision > 2 or region.admin1 is None:
        return None
    if (place.country, place.admin1) != (region.country, region.admin1):
        return None
    return f"{place.name} lies in {region.name} ({region.admin1}, {region.country})"


def dates_overlap(a: Event, b: Event, slack_days: int = 0) -> str | None:
    """Why two events' dates can be the same day, or None."""
    ra, rb = date_range(a.date, a.date_precision), date_range(b.date, b.date_precision)
    if ra is None or rb is None:
        return None
    slack = dt.timedelta(days=slack_days)
    if ra[0] - slack <= rb[1] and rb[0] - slack <= ra[1]:
        return (f"dates overlap ({a.date} {a.date_precision} / "
                f"{b.date} {b.date_precision})")
    return None


def merge_reason(new: Event, old: Event, settings: DedupSettings = DedupSettings()
                 ) -> str | None:
    """Why `new` reports the same event as `old`, or None when they must stay apart."""
    if new.article_id == old.article_id:
        return None
    if type_family(new) != type_family(old):
        return None
    if not statuses_compatible(new.status, old.status):
        return None
    actors = actors_compatible(new, old)
    place = same_place(new.location, old.location, settings.max_km)
    when = dates_overlap(new, old, settings.slack_days)
    if actors is None or place is None or when is None:
        return None
    return "; ".join([f"same family {type_family(new)}", f"actors {actors}", place, when])


def distance_km(a: Event, b: Event) -> float:
    """Distance between two events' locations (infinite when one has none)."""
    if a.location is None or b.location is None:
        return math.inf
    return haversine_km(a.location, b.location)


def best_match(new: Event, candidates: list[Event],
               settings: DedupSettings = DedupSettings()) -> tuple[Event, str] | None:
    """The closest candidate `new` can merge into, with the reason."""
    found = [(distance_km(new, c), c, r) for c in candidates
             if (r := merge_reason(new, c, settings)) is not None]
    if not found:
        return None
    _, cand, reason = min(found, key=lambda t: (t[0], t[1].id))
    return cand, reason


# --- storing with deduplication (the service over the store) --------------------------

def add_article(store: Store, article: Article,
                settings: DedupSettings = DedupSettings()) -> AddResult:
    """Store an article and its events in one transaction, merging each new event into
    the report of the same event another article gave (if any); idempotent by content,
    a changed article replaces its events (the old version stays in history)."""
    return store.write(lambda writer: _add(writer, article, settings),
                       what=f"article {article.id!r}", retry_conflict=True)


def add_articles(store: Store, batch: Sequence[Article],
                 settings: DedupSettings = DedupSettings()) -> list[AddResult]:
    """`add_article` for many articles in one transaction (bulk loads): all are stored
    or none; later articles of the batch merge into earlier ones."""
    return store.write(lambda writer: [_add(writer, a, settings) for a in batch],
                       what=f"batch of {len(batch)} articles")


def _add(writer: StoreWriter, article: Article, settings: DedupSettings) -> AddResult:
    stored = writer.put_article(article)
    for event_id in stored.removed:
        hand_over(writer, event_id)
    merged = merge_stored(writer, stored, settings)
    return replace(stored.result, events_merged=merged) if merged else stored.result


def merge_stored(writer: StoreWriter, stored: StoredArticle, settings: DedupSettings) -> int:
    """Merge the events just stored into earlier reports of the same events; how many."""
    article_id = stored.result.article_id
    windows = [w for e in stored.events
               if (w := candidate_window(e, article_id, settings)) is not None]
    if not windows:
        return 0
    found = writer.merge_candidates(windows)
    by_id = {e.id: e for e in stored.events}
    merged = 0
    for window in windows:
        match = best_match(by_id[window.event_id], found.get(window.event_id, []), settings)
        if match is not None:
            writer.mark_merged(window.event_id, match[0].id, match[1])
            merged += 1
    return merged


def candidate_window(event: Event, article_id: str, settings: DedupSettings
                     ) -> CandidateWindow | None:
    """Where and when to look for other reports of a located, dated event: a box of
    `max_km` around it (`region_km` for a region) and the dates it can mean, widened by
    `slack_days`.  None for an event without a place or a date (it never merges)."""
    from .storage.base import CandidateWindow

    loc, rng = event.location, date_range(event.date, event.date_precision)
    if loc is None or rng is None:
        return None
    slack = dt.timedelta(days=settings.slack_days)
    regional = (loc.precision or 1) >= 3
    pad = (settings.region_km if regional else settings.max_km) / _KM_PER_DEG + 0.01
    lon_pad = min(180.0, pad / max(0.01, math.cos(math.radians(loc.lat))))
    box = (loc.lon - lon_pad, loc.lat - pad, loc.lon + lon_pad, loc.lat + pad)
    return CandidateWindow(event.id, article_id, box, rng[0] - slack, rng[1] + slack)


def hand_over(writer: StoreWriter, event_id: str) -> None:
    """A removed event (its article was replaced) leaves its merges: it reports nothing
    any more, and the first report merged into it becomes the event the others report."""
    writer.unmerge([event_id])
    reports = writer.merged_into(event_id)
    if not reports:
        return
    heir, rest = reports[0], reports[1:]
    writer.unmerge([heir])
    if rest:
        writer.move_merges(rest, heir)


def undo_merge(store: Store, event_id: str) -> bool:
    """Split a merged report back into an event of its own, for good (it never merges
    into that event again); False if it was not merged."""
    return store.write(lambda writer: _undo(writer, event_id),
                       what=f"undo merge of {event_id!r}")


def _undo(writer: StoreWriter, event_id: str) -> bool:
    if writer.canonical_of(event_id) is None:
        return False
    writer.unmerge([event_id])
    return True


# --- comparing two codings of the same news (conflictmap vs a user's ACLED file) --------

@dataclass(frozen=True)
class Pair:
    """One line of a comparison: matched events (with their differences) or one side only."""

    ours: Event | None
    theirs: Event | None
    differences: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        if self.ours is None:
            return "only theirs"
        if self.theirs is None:
            return "only ours"
        return "differ" if self.differences else "agree"


def differences(ours: Event, theirs: Event) -> tuple[str, ...]:
    """What two matched records disagree on (ACLED types, fatalities, date)."""
    out = []
    for label, a, b in (("event_type", ours.acled.event_type, theirs.acled.event_type),
                        ("sub_event_type", ours.acled.sub_event_type,
                         theirs.acled.sub_event_type)):
        if (a or "").lower() != (b or "").lower():
            out.append(f"{label}: {a} vs {b}")
    if ours.fatalities is not None and theirs.fatalities is not None \
            and ours.fatalities != theirs.fatalities:
        out.append(f"fatalities: {ours.fatalities} vs {theirs.fatalities}")
    if ours.date != theirs.date:
        out.append(f"date: {ours.date} ({ours.date_precision}) vs {theirs.date}")
    return tuple(out)


def compare(ours: list[Event], theirs: list[Event], *, max_km: float = 10.0,
            slack_days: int = 1) -> list[Pair]:
    """Match each of their events to at most one of ours (same place, overlapping dates)."""
    pairs: list[Pair] = []
    free = list(ours)
    for t in sorted(theirs, key=lambda e: (e.date or "", e.id)):
        options = [o for o in free if same_place(o.location, t.location, max_km)
                   and dates_overlap(o, t, slack_days)]
        if not options:
            pairs.append(Pair(None, t))
            continue
        best = min(options, key=lambda o: (len(differences(o, t)), distance_km(o, t), o.id))
        free.remove(best)
        pairs.append(Pair(best, t, differences(best, t)))
    pairs.extend(Pair(o, None) for o in free)
    return pairs
