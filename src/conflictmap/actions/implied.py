"""Actors the text leaves implicit, filled by the coding conventions analysts use.

Runs once places are known (the country of an event decides whose state acted):
- an arrest, detention, deportation or investigation with no one named as doing it
  ("a missionary was arrested in Lebanon") is the act of that country's police or
  judiciary, as ACLED codes unnamed arresting forces ("Police Forces of Lebanon");
- a demonstration, strike or riot with no one named as taking part is by the
  protesters (or rioters) of the country where it happened ("Protesters (Serbia)");
- a bombing, attack or abduction whose perpetrator goes unnamed is by an
  "Unidentified Armed Group" of that country;
The event's confidence is lowered: the actor is inferred, not read.
- a named group or state force takes the name and regime it had on the event's date
  ("Ansar Dine" in 2012, though the article of 2024 would call it JNIM);
- people taking part in a demonstration or riot are protesters or rioters, not civilians
  ("residents rioted" -> "Rioters (Uganda)"), and a generic actor with no country
  ("Civilians") takes the country where the event happened;
- a threat, refusal or demand aims at the target of the act it frames ("refused to
  deploy peacekeepers in Iraq": Iraq);
- an act with no one named as its target is aimed at the country where it happens, as
  PLOVER and CAMEO code it ("withdraw its troops from Lebanon": target Lebanon, type
  "country"); ACLED's actor2 stays empty, since ACLED never names a country as a side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..actors.kb import ActorKB
from ..lang import EN
from ..model import Actor, CodedEvent
from .claimants import settle_claim
from .events import fold_withdrawals
from .sides import (
    fighting_state,
    harmed_civilians,
    held_by,
    home_state,
    placed_by_event,
    repelled,
    taker_sub_type,
)

# CAMEO codes of acts that only a state's organs perform when no one else is named.
STATE_ACTS = {"173": "COP", "174": "COP", "090": "JUD", "112": "JUD"}
CROWD_SUB_EVENTS = {"Peaceful protest": "protesters",
                    "Protest with intervention": "protesters",
                    "Violent demonstration": "rioters", "Mob violence": "rioters"}
INFERRED_PENALTY = 0.15
# Violence whose perpetrator goes unnamed: ACLED's "Unidentified Armed Group (Country)".
UNCLAIMED_VIOLENCE = {"Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Attack",
                      "Shelling/artillery/missile attack",
                      "Abduction/forced disappearance", "Sexual violence"}
# Strikes from the air whose striker goes unnamed: the state's own air force, the side that
# flies over its country ("air raids surged in Khartoum").
UNCLAIMED_AIR = {"Air/drone strike"}
# Acts a country's own side aims at its own country when they happen there ("imposed a
# curfew in Cizre", "demonstrated in Serbia"); other acts at home aim at no one in particular.
AT_HOME_ACTS = {"COERCE", "PROTEST"}


def set_actor(event: CodedEvent, actor: Actor) -> None:
    """Make `actor` the event's actor, with its ACLED name and inter code as actor 1."""
    event.actor = actor
    event.acled = replace(event.acled, actor1=actor.acled_name or actor.name,
                          inter1=actor.inter)


def set_target(event: CodedEvent, target: Actor) -> None:
    """Make `target` the event's target; ACLED's actor 2 too, unless it is a country
    standing in as PLOVER target (ACLED never names a country as a side)."""
    event.target = target
    if target.type != "country":
        event.acled = replace(event.acled, actor2=target.acled_name or target.name,
                              inter2=target.inter)


def _country(event: CodedEvent, focus: str | None) -> str | None:
    if event.location is not None and event.location.country:
        return event.location.country
    return focus


def implied_actor(event: CodedEvent, kb: ActorKB, focus: str | None,
                  striker: Actor | None = None) -> Actor | None:
    """The actor conventions give an event whose text names none, or None; `striker` is
    the foreign state the article names as striking from the air, if any."""
    if event.actor is not None or event.status == "negated":
        return None
    iso3 = _country(event, focus)
    if not iso3 or kb.country(iso3) is None:
        return None
    sector = STATE_ACTS.get(event.cameo or "")
    if event.acled.sub_event_type == "Excessive force against protesters":
        sector = "COP"  # the force is the police's; the protesters are its target
    if sector is not None:
        return kb.state_actor(iso3, sector, date=event.date)
    sub = event.acled.sub_event_type or ""
    crowd = CROWD_SUB_EVENTS.get(sub)
    if crowd is not None or event.plover == "PROTEST":
        return kb.generic(crowd or "protesters", iso3)
    named_target = event.target is not None and event.target.type != "country"
    if sub in UNCLAIMED_AIR and striker is not None and striker.country != iso3:
        return striker  # "the latest strike hit a car", told after "an Israeli drone strike"
    if sub in UNCLAIMED_AIR and not (event.target is not None and event.target.inter == 1):
        return kb.state_actor(iso3, "MIL", date=event.date)
    if sub == "Armed clash" and named_target and _non_state(event.target):
        return kb.state_actor(iso3, "MIL", date=event.date)  # "militants were killed in clashes"
    if event.status == "asserted" and (sub in UNCLAIMED_VIOLENCE or
                                       sub == "Armed clash" and named_target):
        return kb.generic("unidentified", iso3)
    return None


def _non_state(actor: Actor | None) -> bool:
    """An armed group that is not a state's: its clashes are most often with the state."""
    return actor is not None and actor.inter in (2, 3) and actor.country is not None


def implied_target(event: CodedEvent, kb: ActorKB) -> Actor | None:
    """The protesters an excessive force was used on; else the country an event with no
    named target happens in, as its PLOVER target."""
    if event.target is not None or event.location is None:
        return None
    iso3 = event.location.country
    if not iso3 or kb.country(iso3) is None:
        return None
    if event.acled.sub_event_type == "Excessive force against protesters":
        return kb.generic("protesters", iso3) if generic_kind(event.actor) is None else None
    if any(a.side == "target" for a in event.assoc_actors):
        return None
    own = event.actor is not None and event.actor.country == iso3
    if own and event.plover not in AT_HOME_ACTS:
        return None  # "the army retreated from Palmyra", "met X in Beijing": not at itself
    return kb.country_actor(iso3)


GENERIC_KINDS = EN.sequence("generic_kinds")


def generic_kind(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    kind = actor.id.partition(":")[0]
    return kind if kind in GENERIC_KINDS and ":" in actor.id else None


def placed_generic(actor: Actor | None, event: CodedEvent, kb: ActorKB) -> Actor | None:
    """A generic actor (or a group named by country) with no country, given the country
    where the event happened; the civilians of a demonstration or riot as its protesters
    or rioters."""
    kind = generic_kind(actor)
    if actor is None:
        return None
    if kind is None:
        return _placed_group(actor, event, kb)
    crowd = CROWD_SUB_EVENTS.get(event.acled.sub_event_type or "")
    crowd_member = kind in ("civilians", "opposition", "protesters", "rioters") and \
        actor is event.actor
    new_kind = crowd if crowd and crowd_member else kind
    iso3 = actor.country or (event.location.country if event.location else None)
    if new_kind == kind and (actor.country or not iso3):
        return None
    if iso3 and kb.country(iso3) is None:
        iso3 = None
    placed = replace(kb.generic(new_kind, iso3), side=actor.side)
    if actor.sector and actor.sector != "CVL":  # "striking workers" stay LAB
        placed = replace(placed, sector=actor.sector, cameo=f"{iso3 or ''}{actor.sector}")
    return placed


def _placed_group(actor: Actor, event: CodedEvent, kb: ActorKB) -> Actor | None:
    """A group named for where it acts ("Fulani Ethnic Militia (Nigeria)") whose country
    the text left open, named for the country of the event."""
    entry = kb.entry(actor.id)
    iso3 = event.location.country if event.location else None
    if entry is None or actor.country or not iso3:
        return None
    placed = kb.actor_for(entry, date=event.date, country=iso3)
    return replace(placed, side=actor.side) if placed.country == iso3 else None


def _acled_sides(event: CodedEvent, kb: ActorKB, doc: Any) -> None:
    """Generic words placed where the event happened; states fighting through their
    military; a country attacked standing for its civilians (see `sides`)."""
    for pick in (placed_by_event, fighting_state):
        _rewrite_sides(event, kb, pick)
    holder = held_by(event, kb, doc)
    civilians = harmed_civilians(event, kb, doc) if holder is None else None
    side = holder or civilians
    if side is not None:
        set_target(event, side)
    if repelled(event, doc) and event.actor is not None and event.target is not None:
        actor, target = event.target, event.actor
        set_actor(event, replace(actor, side=None))
        set_target(event, replace(target, side=None))
    state = home_state(event, kb)
    if state is not None and event.actor is not None:
        group = replace(event.actor, side="actor")
        set_actor(event, replace(state, side=None))
        event.assoc_actors = [group if a is state else a for a in event.assoc_actors]
    sub = taker_sub_type(event, kb)
    if sub is not None:
        event.acled = replace(event.acled, sub_event_type=sub)


def _place_generics(event: CodedEvent, kb: ActorKB) -> None:
    actor = placed_generic(event.actor, event, kb)
    if actor is not None:
        set_actor(event, actor)
    target = placed_generic(event.target, event, kb)
    if target is not None:
        set_target(event, target)


def _protest_sides(event: CodedEvent) -> None:
    """A protest's actor 1 is the protesters: 'police arrested 20 protesters' is a protest
    with intervention by Protesters against the police."""
    if event.acled.sub_event_type not in ("Peaceful protest", "Protest with intervention"):
        return
    if generic_kind(event.target) in ("protesters", "rioters") and \
            event.actor is not None and event.actor.inter == 1:
        event.actor, event.target = event.target, event.actor
        event.acled = replace(event.acled, actor1=event.acled.actor2, inter1=event.acled.inter2,
                              actor2=event.acled.actor1, inter2=event.acled.inter1)


def _excessive_sides(event: CodedEvent, kb: ActorKB) -> None:
    """Excessive force is the state's act on protesters: 'protesters marched and security
    forces shot three of them' has the police as actor 1 and the protesters as actor 2."""
    if event.acled.sub_event_type != "Excessive force against protesters" or \
            generic_kind(event.actor) not in ("protesters", "civilians"):
        return
    iso3 = event.actor.country if event.actor else None
    if not iso3:
        return
    set_actor(event, kb.state_actor(iso3, "COP", date=event.date))
    set_target(event, kb.generic("protesters", iso3))


# Acts that frame another one: "threatened to cut off power to X", "refused to deploy
# peacekeepers in X", "urged Y to withdraw from X".
FRAMING = {"THREATEN", "REJECT", "REQUEST", "AGREE", "ACCUSE", "SUPPORT", "CONCEDE"}


def _framed_target(event: CodedEvent, events: list[CodedEvent], doc: Any) -> Actor | None:
    """The target of the act in this framing act's complement, if it names one."""
    if doc is None or event.plover not in FRAMING or not 0 <= event.trigger_token < len(doc):
        return None
    inside = {t.i for t in doc[event.trigger_token].subtree}
    inner = [e for e in events if e is not event and e.target is not None and
             e.evidence.sentence_index == event.evidence.sentence_index and
             e.trigger_token in inside]
    targets = [e.target for e in inner if e.target is not None]
    named = [t for t in targets if t.type != "country"]
    return (named or targets)[0] if targets else None


def _complement_targets(events: list[CodedEvent], doc: Any) -> None:
    for event in events:
        if event.target is not None and event.target.type != "country":
            continue
        target = _framed_target(event, events, doc)
        if target is not None and (event.target is None or target.type != "country"):
            event.target = replace(target, side=None)


def dated_actor(actor: Actor | None, event: CodedEvent, kb: ActorKB) -> Actor | None:
    """The actor under the name and regime it had when the event happened: "Ansar Dine"
    in 2012 is not yet JNIM, the Malian army of 2012 not that of 2021 (the actors stage
    read names on the publication date)."""
    if actor is None or event.date_precision == "article" or not event.date:
        return None
    entry = kb.entry(actor.id)
    if entry is not None:
        dated = kb.actor_for(entry, date=event.date, country=actor.country)
    else:
        iso3, dot, sector = actor.id.partition(".")
        if not dot or kb.country(iso3) is None or sector != actor.sector:
            return None
        dated = kb.state_actor(iso3, sector, date=event.date)
    if (dated.id, dated.acled_name) == (actor.id, actor.acled_name):
        return None
    return replace(dated, side=actor.side)


def _rewrite_sides(event: CodedEvent, kb: ActorKB,
                   pick: Callable[[Actor | None, CodedEvent, ActorKB], Actor | None]) -> None:
    """Put `pick`'s replacement (None: keep) in for the actor, the target and each associate."""
    actor, target = pick(event.actor, event, kb), pick(event.target, event, kb)
    if actor is not None:
        set_actor(event, actor)
    if target is not None:
        set_target(event, target)
    event.assoc_actors = [pick(a, event, kb) or a for a in event.assoc_actors]


def _redate(event: CodedEvent, kb: ActorKB) -> None:
    _rewrite_sides(event, kb, dated_actor)


def foreign_striker(events: list[CodedEvent]) -> Actor | None:
    """The state the article names as striking from the air in another country ("an
    Israeli drone strike hit a car in south Lebanon"): an air strike of the same article
    whose striker goes unnamed is most likely its (not the home state's air force)."""
    for event in events:
        actor, where = event.actor, event.location
        if event.acled.sub_event_type in UNCLAIMED_AIR and actor is not None and \
                actor.inter == 1 and actor.country and where is not None and \
                where.country and actor.country != where.country:
            return replace(actor, side=None)
    return None


def fill_implied(events: list[CodedEvent], kb: ActorKB, focus: str | None,
                 doc: Any = None) -> None:
    """Give actor-less events the actor their act implies, target-less events the
    country they happen in, and framing acts the target of the act they frame (in
    place)."""
    events[:] = fold_withdrawals(events, doc)
    striker = foreign_striker(events)
    for event in events:
        _redate(event, kb)
        settle_claim(event, kb)
        _acled_sides(event, kb, doc)
        _place_generics(event, kb)
        _excessive_sides(event, kb)
        _protest_sides(event)
        target = implied_target(event, kb)
        if target is not None:
            set_target(event, target)
        actor = implied_actor(event, kb, focus, striker)
        if actor is not None:
            # the state side of a named group's clash, or the state's air force for a
            # strike from the air, is a convention on a read act, not a guess at the act:
            # its confidence stays
            state_side = actor.inter == 1 and event.acled.sub_event_type in (
                "Armed clash", *UNCLAIMED_AIR)
            set_actor(event, actor)
            if not state_side:
                event.confidence = max(round(event.confidence - INFERRED_PENALTY, 2), 0.1)
    _complement_targets(events, doc)
