"""Control of places over time, derived from the territory events at each place.

Rules (one place at a time, events in date order; only asserted and claimed events count):

- "Government regains territory" and "Non-state actor overtakes territory": the actor
  controls the place from the event's date (cut to its precision).
- "Non-violent transfer of territory": the actor takes the place, except withdrawals
  ("withdrew", "retreated", ...), where the target (if known) is left in control; a
  withdrawal by someone other than the controller (allied troops leaving) changes nothing.
- "Armed clash" between the controller and a named other side: the place is contested
  from then.
- A change of control must be located at the place itself (precision 1); one only
  "near" it (precision 2, 3) is news.
- Any event at the place is news that keeps the current interval alive (territory and
  fighting events are also listed as evidence).  An uncontested holder keeps the place
  until a report says otherwise; with `fade_days` > 0, after that many days without news
  control fades to "unknown".  A capture from the previous
  controller (or from an unnamed side) is itself evidence that the previous controller
  held the place until then, so it bridges the gap instead of fading.

`place_history` and `places_at` are the service over a store: it gives the events, these
rules give the intervals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .dedup import TERRITORY_SUB_TYPES, date_range, named_side
from .lang import EN
from .model import Actor, ControlInterval, Event, Evidence, Location

if TYPE_CHECKING:
    from .storage.base import Store

STATUS_WEIGHT = {"asserted": 1.0, "claimed": 0.6}
STATE_TYPES = frozenset({"military", "government", "police", "state"})
WITHDRAWAL_WORDS = EN.sequence("withdrawal_words")
CONTEST_SUB_TYPES = frozenset({"Armed clash"})
BRIDGE_PENALTY = 0.8
CONTESTED_CONFIDENCE = 0.5


@dataclass
class _Open:
    """The interval being built."""

    status: str
    controller: Actor | None
    valid_from: str
    last_news: dt.date
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)

    def add(self, event: Event, hi: dt.date, *, evidence: bool = True) -> None:
        """Count the event as news; territory and fighting events are also evidence."""
        self.last_news = max(self.last_news, hi)
        self.event_ids.append(event.id)
        if not evidence:
            return
        seen = {(e.article_id, e.start, e.text) for e in self.evidence}
        for ev in event.sources or [event.evidence]:
            if (ev.article_id, ev.start, ev.text) not in seen:
                self.evidence.append(ev)
                seen.add((ev.article_id, ev.start, ev.text))

    def close(self, place: Location, valid_to: str | None) -> ControlInterval:
        return ControlInterval(place=place, status=self.status, valid_from=self.valid_from,
                               valid_to=valid_to, controller=self.controller,
                               confidence=self.confidence, evidence=tuple(self.evidence),
                               event_ids=tuple(self.event_ids))


def same_side(a: Actor | None, b: Actor | None) -> bool:
    """The same actor, or state forces of the same country (army, government, police)."""
    if a is None or b is None:
        return False
    if a.id == b.id:
        return True
    return bool(a.country and a.country == b.country
                and a.type in STATE_TYPES and b.type in STATE_TYPES)


def cut(event: Event) -> str:
    """The event's date as a string cut to its precision ("2016-03" for a month)."""
    value = event.date or ""
    size = {"month": 7, "year": 4}.get(event.date_precision, 10)
    return value[:size]


def taker(event: Event) -> tuple[bool, Actor | None]:
    """(is this a change of control?, who controls the place afterwards)."""
    sub = event.acled.sub_event_type
    if sub not in TERRITORY_SUB_TYPES:
        return False, None
    if sub == "Non-violent transfer of territory" and _is_withdrawal(event):
        return True, named_side(event.target)
    return True, event.actor


def _is_withdrawal(event: Event) -> bool:
    words = f"{event.trigger} {event.plover}".lower()
    return any(w in words for w in WITHDRAWAL_WORDS)


def _at_the_place(event: Event) -> bool:
    """Only an event located at the town itself (precision 1) can change who holds it."""
    return event.location is not None and event.location.precision <= 1


def _usable(events: Sequence[Event]) -> list[tuple[dt.date, dt.date, Event]]:
    out = []
    for e in events:
        rng = date_range(e.date, e.date_precision)
        if rng and e.status in STATUS_WEIGHT:
            out.append((rng[0], rng[1], e))
    return sorted(out, key=lambda t: (t[0], t[1], t[2].id))


def place_of(events: Sequence[Event]) -> Location | None:
    """The location most of the events give (territory events first)."""
    located = [e.location for e in events if e.location]
    terr = [e.location for e in events if e.location and e.acled.sub_event_type
            in TERRITORY_SUB_TYPES]
    pool = terr or located
    return Counter(pool).most_common(1)[0][0] if pool else None


class _Builder:
    def __init__(self, place: Location, fade: dt.timedelta | None, today: dt.date) -> None:
        self.place, self.fade, self.today = place, fade, today
        self.done: list[ControlInterval] = []
        self.cur: _Open | None = None

    def _end(self, valid_to: str) -> None:
        if self.cur is not None:
            self.done.append(self.cur.close(self.place, valid_to))
            self.cur = None

    def _fade_before(self, lo: dt.date, bridge: bool) -> None:
        cur = self.cur
        if self.fade is None or cur is None or cur.status == "unknown" or \
                lo <= cur.last_news + self.fade:
            return
        if bridge:
            cur.confidence *= BRIDGE_PENALTY
            return
        faded = cur.last_news + self.fade
        self._end(faded.isoformat())
        self.cur = _Open("unknown", None, faded.isoformat(), faded, 0.0)

    def feed(self, lo: dt.date, hi: dt.date, event: Event) -> None:
        changes, new = taker(event)
        if changes and (self._ally_withdraws(event) or not _at_the_place(event)):
            changes = False
        weight = STATUS_WEIGHT[event.status] * event.confidence
        cur = self.cur
        bridge = changes and cur is not None and cur.controller is not None and (
            named_side(event.target) is None or same_side(event.target, cur.controller))
        self._fade_before(lo, bridge)
        cur = self.cur
        if changes:
            self._take(lo, hi, event, new, weight)
        elif event.acled.sub_event_type in CONTEST_SUB_TYPES and self._contests(event):
            if cur is not None and cur.status == "controlled":
                self._end(cut(event))
                self.cur = _Open("contested", cur.controller, cut(event), hi,
                                 CONTESTED_CONFIDENCE * weight)
            self.cur.add(event, hi) if self.cur else None
        elif cur is not None and cur.status != "unknown":
            relevant = event.acled.sub_event_type in TERRITORY_SUB_TYPES | CONTEST_SUB_TYPES
            cur.add(event, hi, evidence=relevant)

    def _ally_withdraws(self, event: Event) -> bool:
        """Someone other than the controller leaving (allied troops) changes nothing."""
        cur = self.cur
        return (_is_withdrawal(event) and cur is not None and cur.controller is not None
                and event.acled.sub_event_type == "Non-violent transfer of territory"
                and not same_side(event.actor, cur.controller))

    def _contests(self, event: Event) -> bool:
        cur = self.cur
        if cur is None or cur.controller is None:
            return False
        if event.actor is None or named_side(event.target) is None:
            return False  # fighting with an unnamed side says little about control
        ours = [same_side(s, cur.controller) for s in (event.actor, event.target)]
        return ours.count(True) == 1

    def _take(self, lo: dt.date, hi: dt.date, event: Event, new: Actor | None,
              weight: float) -> None:
        cur = self.cur
        if cur is not None and cur.status == "controlled" and same_side(cur.controller, new):
            cur.confidence = max(cur.confidence, weight)
            cur.add(event, hi)
            return
        self._end(cut(event))
        status = "controlled" if new is not None else "unknown"
        self.cur = _Open(status, new, cut(event), hi, weight if new else 0.0)
        self.cur.add(event, hi)

    def finish(self) -> list[ControlInterval]:
        cur = self.cur
        if self.fade is not None and cur is not None and cur.status != "unknown":
            faded = cur.last_news + self.fade
            if faded <= self.today:
                self._end(faded.isoformat())
                self.cur = _Open("unknown", None, faded.isoformat(), faded, 0.0)
        if self.cur is not None:
            self.done.append(self.cur.close(self.place, None))
        return self.done


def history(events: Sequence[Event], *, fade_days: int = 0,
            today: dt.date | None = None) -> list[ControlInterval]:
    """Intervals of control of one place, oldest first, from the events located there
    (news and background reports alike).  With `fade_days` > 0, control with no news for
    that long fades to unknown; with 0 an uncontested holder keeps the place."""
    place = place_of(events)
    usable = _usable(events)
    if place is None or not any(taker(e)[0] for _, _, e in usable):
        return []
    fade = dt.timedelta(days=fade_days) if fade_days > 0 else None
    builder = _Builder(place, fade, today or dt.date.today())
    started = False
    for lo, hi, event in usable:
        started = started or taker(event)[0]
        if started:
            builder.feed(lo, hi, event)
    return builder.finish()


def interval_at(intervals: Sequence[ControlInterval], date: dt.date) -> ControlInterval | None:
    """The interval in force on `date`, or None before the first one."""
    for interval in intervals:
        lo = date_range(interval.valid_from)
        hi = date_range(interval.valid_to) if interval.valid_to else None
        if lo and lo[0] <= date and (hi is None or date < hi[0]):
            return interval
    return None


def place_history(store: Store, place: str, *, fade_days: int = 0) -> list[ControlInterval]:
    """Intervals of control of a stored place (GeoNames id or name), oldest first."""
    return history(store.place_events(place), fade_days=fade_days)


def places_at(store: Store, date: dt.date, *, fade_days: int = 0) -> list[ControlInterval]:
    """For every stored place with territory events up to `date`, the interval covering it."""
    found = [interval_at(place_history(store, key, fade_days=fade_days), date)
             for key in store.place_keys(TERRITORY_SUB_TYPES, date)]
    return [i for i in found if i is not None]
