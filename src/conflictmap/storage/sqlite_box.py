"""SQLite: a page of events in a box (with dates) read from the R*Tree alone.

The R*Tree of migration 10 holds, beside each event's point and date range, its id, the
day it is listed under and its state (0 merged, 1 unmerged and told as news, 2 unmerged
background).  A box + dates page sorts and counts those (the ~180 events of 5 x 5
degrees and 90 days of a million) without reading an event row; only a background
event looks for a news report merged into it, as `_told_as_news` does.  The results are
those of the general query: same box test (the R*Tree's), same date tests, same order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .base import EventFilter

NO_START, NO_END = 0.0, 1e7  # julian days of an undated event's range (migration 4)
_BOX = ("r.min_lon >= :x0 AND r.max_lon <= :x1 AND r.min_lat >= :y0 AND r.max_lat <= :y1 "
        "AND r.max_day >= :d0 AND r.min_day <= :d1")
_NEWS = ("(r.state = 1 OR (r.state = 2 AND EXISTS (SELECT 1 FROM events m WHERE "
         "m.canonical_id = r.eid AND (m.reported_as IS NULL OR m.reported_as != 'background'))))")
_AFTER_DAY = "(r.shown < :a_day OR (r.shown = :a_day AND r.eid > :a_id) OR r.shown IS NULL)"
_AFTER_UNDATED = "(r.shown IS NULL AND r.eid > :a_id)"


def box_only(f: EventFilter) -> bool:
    """Whether `f` is a box, dates and paging alone, in the "newest" order (the default)."""
    alone = EventFilter(bbox=f.bbox, start=f.start, end=f.end, limit=f.limit, offset=f.offset,
                        include_background=f.include_background, after=f.after)
    return f.bbox is not None and f == alone


def julian(day: dt.date | None, default: float) -> float:
    """SQLite's julianday() of a date (2000-01-01 -> 2451544.5)."""
    return default if day is None else day.toordinal() + 1721424.5


def box_params(f: EventFilter, at_most: int) -> dict[str, Any]:
    assert f.bbox is not None
    x0, y0, x1, y1 = (float(v) for v in f.bbox)
    after_day, after_id = f.after if f.after is not None else (None, "")
    return {"x0": x0, "y0": y0, "x1": x1, "y1": y1, "d0": julian(f.start, NO_START),
            "d1": julian(f.end, NO_END), "a_day": after_day, "a_id": after_id,
            "lim": f.limit, "off": f.offset, "most": at_most}


def _where(f: EventFilter) -> str:
    terms = [_BOX, "r.state > 0" if f.include_background else _NEWS]
    if f.start:  # an undated event has no last day on or after it
        terms.append(f"r.max_day < {NO_END}")
    if f.end:
        terms.append(f"r.min_day > {NO_START}")
    if f.after is not None:
        terms.append(_AFTER_UNDATED if f.after[0] is None else _AFTER_DAY)
    return " AND ".join(terms)


def box_page_sql(f: EventFilter) -> str:
    """(id, count of all matches) of one page, newest first (count: cursorless only)."""
    return (f"SELECT r.eid, count(*) OVER () FROM events_rtree r WHERE {_where(f)} "
            "ORDER BY r.shown DESC NULLS LAST, r.eid LIMIT :lim OFFSET :off")


def box_count_sql(f: EventFilter) -> str:
    """Matches of `f`, counted up to :most."""
    return f"SELECT count(*) FROM (SELECT 1 FROM events_rtree r WHERE {_where(f)} LIMIT :most)"
