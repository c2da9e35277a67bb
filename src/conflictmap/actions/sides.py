"""ACLED's sides of an event, once its place and date are known.

- A generic word ("the army", "gunmen", "rebels") is the actor of the country where the
  event happened, not of the sentence's other country words or the article's focus
  ("the army, with Russian air support, retook Khan Shaykhun": the Syrian army).
- A state's forces fight: a country or its government as a side of a battle or a strike
  is that state's military ("Russia struck Zaporizhzhia": Military Forces of Russia).
- ACLED never names a country as a side: the country an attack or a deadly strike is
  aimed at stands for its civilians ("Civilians (Ukraine)").
- The initiator first: "X repelled an attack by Y" has Y as actor 1; the country's own
  state force is actor 1 over the groups fighting beside it.
- A capture's sub-type follows the taker on that date: the country's own state forces
  regain territory, any other side overtakes it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..actors.entries import SECTORS
from ..actors.kb import ActorKB
from ..lang import EN
from ..model import Actor, CodedEvent

FIGHTING = ("Battles", "Explosions/Remote violence")
GENERIC_IDS = EN.sequence("generic_kinds")


def event_country(event: CodedEvent, kb: ActorKB) -> str | None:
    iso3 = event.location.country if event.location is not None else None
    return iso3 if iso3 and kb.country(iso3) is not None else None


def placed_by_event(actor: Actor | None, event: CodedEvent, kb: ActorKB) -> Actor | None:
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
    return replace(placed, side=actor.side, placed=actor.placed)


def fighting_state(actor: Actor | None, event: CodedEvent, kb: ActorKB) -> Actor | None:
    """A country or its government as a side of a battle or a strike, or its "security
    forces" in one: its military (they are the police at a protest)."""
    if actor is None or event.acled.event_type not in FIGHTING or not actor.country:
        return None
    if "security" in actor.placed and actor.sector == "COP":
        return replace(kb.state_actor(actor.country, "MIL", date=event.date),
                       side=actor.side, placed=actor.placed)
    government = "." in actor.id and actor.sector == "GOV"
    if actor.type != "country" and not government:
        return None
    return replace(kb.state_actor(actor.country, "MIL", date=event.date), side=actor.side)


HARM = re.compile(r"\b(kill|wound|injur|dead|died|death|casualt)", re.I)


# Where people live: a strike on them, with no armed side named, hits civilians.
POPULATED = EN.words("populated")


def harmed_civilians(event: CodedEvent, kb: ActorKB, doc: Any = None) -> Actor | None:
    """The civilians of the place an attack, or a strike that harmed people or hit where
    people live, hit when no armed side is named as its target."""
    target = event.target
    if target is not None and target.type != "country":
        return None
    iso3 = target.country if target is not None else event_country(event, kb)
    attack = event.acled.event_type == "Violence against civilians"
    harmful = event.acled.event_type == "Explosions/Remote violence" and (
        bool(event.fatalities) or bool(HARM.search(event.evidence.text)) or
        _hits_homes(event, doc))
    return kb.generic("civilians", iso3) if iso3 and (attack or harmful) else None


def _hits_homes(event: CodedEvent, doc: Any) -> bool:
    if doc is None or not 0 <= event.trigger_token < len(doc):
        return False
    verb = doc[event.trigger_token]
    return any(t.lower_ in POPULATED for c in verb.children if c.dep_ in ("dobj", "prep")
               for t in c.subtree)


REPEL_VERBS = EN.words("repel_verbs")
ATTACK_NOUNS = EN.words("attack_nouns")


def repelled(event: CodedEvent, doc: Any) -> bool:
    """'X repelled an attack by Y': Y attacked, so Y is actor 1 and X actor 2."""
    if doc is None or not 0 <= event.trigger_token < len(doc):
        return False
    verb = doc[event.trigger_token]
    if verb.lemma_.lower() not in REPEL_VERBS:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ATTACK_NOUNS for c in verb.children)


def home_state(event: CodedEvent, kb: ActorKB) -> Actor | None:
    """The event country's own state force fighting beside a group named first ('Wagner
    fighters and Malian troops recaptured Kidal'): ACLED names the state as actor 1."""
    iso3 = event_country(event, kb)
    actor = event.actor
    if iso3 is None or actor is None or _state_of(actor, iso3) or \
            event.acled.event_type not in FIGHTING:
        return None
    return next((a for a in event.assoc_actors
                 if a.side in (None, "actor") and _state_of(a, iso3)), None)


def _state_of(actor: Actor, iso3: str) -> bool:
    return actor.inter == 1 and actor.country == iso3


def taker_sub_type(event: CodedEvent, kb: ActorKB) -> str | None:
    """A capture's sub-type by who took the place on that date: the country's own state
    forces regain territory; anyone else (a foreign army too) overtakes it."""
    sub = event.acled.sub_event_type
    iso3 = event_country(event, kb) or (event.actor.country if event.actor else None)
    if sub not in TAKING or event.actor is None or iso3 is None:
        return None
    own = _state_of(event.actor, iso3)
    return "Government regains territory" if own else "Non-state actor overtakes territory"


TAKING = ("Government regains territory", "Non-state actor overtakes territory")


HELD = EN.words("held")


def held_by(event: CodedEvent, kb: ActorKB, doc: Any) -> Actor | None:
    """The side holding the place an act hit: 'pounded rebel-held districts' (the rebels),
    'shelled IS-controlled villages' (IS): ACLED's actor 2 when no other is named."""
    if doc is None or not 0 <= event.trigger_token < len(doc):
        return None
    target = event.target
    if target is not None and target.type != "country":
        return None
    verb = doc[event.trigger_token]
    iso3 = event_country(event, kb)
    for t in (t for c in verb.children if c.dep_ in ("dobj", "prep") for t in c.subtree):
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ in HELD:
            return _holder(t.text, kb, iso3, event.date)
        holder = _held_by_phrase(t)
        if holder is not None:
            return _holder(holder, kb, iso3, event.date)
    return None


def _held_by_phrase(token: Any) -> str | None:
    """'the city, which was previously held by the Kurdish-led SDF', 'villages controlled by
    IS': the holder's name, from the agent of a participle of holding on the place."""
    if token.lower_ not in HELD or token.tag_ != "VBN" or token.dep_ not in ("relcl", "acl"):
        return None
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if obj is None:
        return None
    return str(obj.doc[obj.left_edge.i:obj.i + 1].text)  # up to its head: no "(SDF)"


def _holder(word: str, kb: ActorKB, iso3: str | None, date: str | None) -> Actor | None:
    low = word.lower()
    if low in ("rebel", "opposition", "insurgent"):
        return kb.generic("rebels", iso3)
    if low in ("regime", "government", "army") and iso3:
        return kb.state_actor(iso3, "MIL", date=date)
    actor = kb.match(word, date=date, country=iso3)
    return actor if actor is not None and actor.type != "country" else None
