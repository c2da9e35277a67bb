"""One act told in several places at once: "at least 40,000 people marched in Lyon,
30,000 in Toulouse and 14,000 in Tours", "strikes hit Kherson, Odesa and the city of
Kharkiv".  ACLED codes one event per place, so an act placed at the first town of such a
list becomes one event per listed town.  Items are told apart by commas and "and"; an
item is a count and a preposition at most ("30,000 in"), then a place below a country
(a bare region after a town is the town's qualifier, and ends the list)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..gazetteer.base import COUNTRY_CODES, REGION_CODES
from ..lang import EN
from ..model import CodedEvent, Location, Place, Toponym

FILLERS = EN.words("list_fillers")
SEPARATORS = frozenset({",", "and", ";"})
MAX_ITEM = 8  # words of an item after its town ("Tel Temmer near the border with Turkey")


def split_place_lists(events: list[CodedEvent], doc: Any, toponyms: list[Toponym],
                      located: Callable[[Place, int], Location]) -> list[CodedEvent]:
    """Each ACLED-typed act placed at the head of a list of towns, once per town (in
    order); other events as they are.  `located(place, precision)` is the location of a
    place (the places stage's reading)."""
    if doc is None:
        return events
    towns = _towns_by_token(doc, toponyms)
    out: list[CodedEvent] = []
    for event in events:
        out.append(event)
        for start, place in _listed_after(doc, event, towns)[1:]:
            precision = event.location.precision if event.location else 1
            out.append(_at(event, located(place, precision), doc[start].idx))
    return out


def _towns_by_token(doc: Any, toponyms: list[Toponym]) -> dict[int, tuple[int, Place]]:
    """First token of each place below a country named -> (token after its name, place)."""
    out = {}
    for t in toponyms:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if t.place is not None and span is not None and \
                (t.place.feature_code or "") not in COUNTRY_CODES and \
                not t.reason.startswith("demonym"):
            out[span.start] = (span.end, t.place)
    return out


def _listed_after(doc: Any, event: CodedEvent, towns: dict[int, tuple[int, Place]]
                  ) -> list[tuple[int, Place]]:
    """The towns of the list the act's own town heads, in the act's sentence after its
    trigger ([] when the act is not placed at the head of one)."""
    loc, trigger = event.location, event.trigger_token
    if not event.acled.sub_event_type or loc is None or trigger < 0:
        return []
    sent = doc[trigger].sent
    head = next((i for i in range(trigger + 1, sent.end) if i in towns
                 and _same(towns[i][1], loc)), None)
    if head is None:
        return []
    items = [(head, towns[head][1])]
    at = towns[head][0]
    while (item := _next_item(doc, at, sent.end, towns)) is not None:
        items.append((item, towns[item][1]))
        at = towns[item][0]
    return items if len(items) > 1 else []


def _next_item(doc: Any, at: int, end: int, towns: dict[int, tuple[int, Place]]
               ) -> int | None:
    """The town that starts the next item of a list, after the item ending near `at`."""
    sep = next((i for i in range(at, min(end, at + MAX_ITEM + 1))
                if doc[i].text in SEPARATORS), None)
    if sep is None:
        return None
    i, filled = sep, False
    while i < end and (doc[i].text in SEPARATORS or doc[i].lower_ in FILLERS
                       or doc[i].like_num):
        filled = filled or doc[i].text not in SEPARATORS
        i += 1
    if i not in towns or (_region(towns[i][1]) and not filled):
        return None  # "Maiduguri, Borno": a region right after a town qualifies it
    return i


def _region(place: Place) -> bool:
    code = place.feature_code or ""
    return code in REGION_CODES or code.startswith("ADM")


def _same(place: Place, loc: Location) -> bool:
    if place.geonames_id is not None and loc.geonames_id is not None:
        return place.geonames_id == loc.geonames_id
    return place.name == loc.name


def _at(event: CodedEvent, where: Location, start: int) -> CodedEvent:
    """The act at another listed town: its own record (its id keyed on the town's
    offset), with the same sentence as evidence."""
    return replace(event, location=where, trigger_start=start,
                   mentions=list(event.mentions), id="")
