"""ACLED's sides of an event, once its place and date are known.

- A generic word ("the army", "gunmen", "rebels") is the actor of the country where the
  event happened, not of the sentence's other country words or the article's focus
  ("the army, with Russian air support, retook Khan Shaykhun": the Syrian army).
- A state's forces fight: a country or its government as a side of a battle or a strike
  is that state's military ("Russia struck Zaporizhzhia": Military Forces of Russia).
- ACLED never names a country as a side: the country an attack or a deadly strike is
  aimed at stands for its civilians ("Civilians (Ukraine)").
"""

from __future__ import annotations

from dataclasses import replace

from ..actors.entries import SECTORS
from ..actors.kb import ActorKB
from ..model import Actor, Event

FIGHTING = ("Battles", "Explosions/Remote violence")
GENERIC_IDS = ("civilians", "protesters", "rioters", "unidentified", "rebels",
               "opposition", "militia")


def event_country(event: Event, kb: ActorKB) -> str | None:
    iso3 = event.location.country if event.location is not None else None
    return iso3 if iso3 and kb.country(iso3) is not None else None


def placed_by_event(actor: Actor | None, event: Event, kb: ActorKB) -> Actor | None:
    """A generic word's actor re-placed in the event's country, or None to keep it."""
    iso3 = event_country(event, kb)
    if actor is None or not actor.placed or iso3 is None or actor.country == iso3:
        return None
    kind, colon, _ = actor.id.partition(":")
    if colon and kind in GENERIC_IDS:
        placed = kb.generic(kind, iso3)
    elif "." in actor.id and actor.sector in SECTORS:
        placed = kb.state_actor(iso3, actor.sector or "MIL", date=event.date)
    else:
        return None
    return replace(placed, side=actor.side, placed=True)


def fighting_state(actor: Actor | None, event: Event, kb: ActorKB) -> Actor | None:
    """A country or its government as a side of a battle or a strike: its military."""
    if actor is None or event.acled.event_type not in FIGHTING or not actor.country:
        return None
    government = "." in actor.id and actor.sector == "GOV"
    if actor.type != "country" and not government:
        return None
    return replace(kb.state_actor(actor.country, "MIL", date=event.date), side=actor.side)


def harmed_civilians(event: Event, kb: ActorKB) -> Actor | None:
    """The civilians a country target stands for in an attack or a deadly strike."""
    target = event.target
    if target is None or target.type != "country" or not target.country:
        return None
    attack = event.acled.event_type == "Violence against civilians"
    deadly = event.acled.event_type == "Explosions/Remote violence" and bool(event.fatalities)
    return kb.generic("civilians", target.country) if attack or deadly else None
