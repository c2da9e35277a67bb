"""ACLED sub-event rules that depend on who acted, on whom, with what and how.

Territory: state forces -> "Government regains territory" whatever the verb; a non-state
group, or a foreign state's forces -> "Non-state actor overtakes territory"; an abandoned
place or a handover -> "Non-violent transfer of territory".  Violence: civilians hit ->
Attack; armed people on both sides -> Armed clash; protesters hit -> Excessive force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import EN
from ..model import Actor
from .participants import PLACE_NOUNS
from .triggers import Token
from .decisions import load_table

STATE_WORDS = EN.words("state_words")
NONSTATE_WORDS = EN.words("nonstate_words")
UNIT_HEADS = EN.words("unit_heads")
NONSTATE_MODIFIERS = EN.words("nonstate_modifiers")
CIVILIAN_WORDS = EN.words("civilian_words")
PROTESTER_WORDS = EN.words("protester_words")
RIOTER_WORDS = EN.words("rioter_words")
CIVILIAN_PLACES = EN.words("civilian_places")
WEAPON_WORDS = EN.words("weapon_words")
PROPERTY_WORDS = EN.words("property_words")
BASE_WORDS = EN.words("base_words")
GOV_VERBS = EN.words("gov_verbs")

NON_VIOLENT = re.compile(EN.pattern("non_violent"), re.IGNORECASE)
EXCESSIVE = re.compile(EN.pattern("excessive"), re.IGNORECASE)
INTERVENTION = re.compile(EN.pattern("intervention"), re.IGNORECASE)
VIOLENT_CROWD = re.compile(EN.pattern("violent_crowd"), re.IGNORECASE)
UNDER_FIRE = re.compile(EN.pattern("under_fire"),
                        re.IGNORECASE)
PROTEST_SUBS = {"peaceful", "intervention", "excessive", "violent_demo", "mob"}


@dataclass(frozen=True, slots=True)
class Side:
    actor: Actor | None
    head: Token | None


def kind_of(side: Side, acting: bool = False) -> str | None:
    """state, nonstate, civilian, protester or rioter, from the actor or its head word; a
    crowd that acts with no protest named is a mob ("a crowd of residents beat a man")."""
    by_word = _kind_from_word(side.head) if side.head is not None else None
    if acting and side.head is not None and side.head.lower_ in RIOTER_WORDS and \
            by_word != "protester":
        return "rioter"
    if by_word in ("protester", "rioter"):  # the word tells a mob from demonstrators
        return by_word
    by_actor = _kind_from_actor(side.actor) if side.actor is not None else None
    return by_actor or by_word


def _kind_from_actor(actor: Actor) -> str | None:
    """An actor's kind from its ACLED inter code or its type (data/rules/actor_kind.tsv)."""
    kind = load_table("actor_kind").decide(inter=actor.inter, type=(actor.type or "").lower())
    return None if kind == "-" else kind


GROUP_WORDS = EN.words("group_words")


def word_kind(head: Token) -> str | None:
    """The kind of a participant from its head word alone ("protesters", "a crowd of ...")."""
    return _kind_from_word(head)


def _kind_from_word(head: Token) -> str | None:
    word = head.lower_
    if word in GROUP_WORDS:  # "a crowd of demonstrators", "hundreds of protesters"
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        members = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if members is not None:
            return _kind_from_word(members)
    mods = {c.lower_ for c in head.children if c.dep_ in ("amod", "compound")}
    if word in PROTESTER_WORDS:
        return "protester"
    if word in RIOTER_WORDS:
        return "rioter"
    if word in NONSTATE_WORDS or (word in STATE_WORDS and mods & NONSTATE_MODIFIERS):
        return "nonstate"
    if word in STATE_WORDS:
        return "state"
    if word in CIVILIAN_WORDS or word in CIVILIAN_PLACES or head.ent_type_ == "PERSON" or \
            mods & CIVILIAN_PLACES:  # "polling stations", "bus station"
        return "civilian"
    compounds = [c for c in head.children if c.dep_ == "compound"]
    if word in UNIT_HEADS and compounds and compounds[-1].lower_ in STATE_WORDS:
        return "state"  # "army units", "police teams": the unit word names no kind itself
    return None


def territory(sentence: str, actor: Side, assoc: list[Actor], head_word: str,
              focus: str | None) -> str:
    """Which of the three territory sub-events a capture is (data/rules/acled_territory.tsv)."""
    kind = kind_of(actor)
    countries = {a.country for a in [actor.actor, *assoc]
                 if a is not None and _kind_from_actor(a) == "state"}
    foreign = focus is not None and bool(countries) and focus not in countries and \
        None not in countries
    non_violent = bool(NON_VIOLENT.search(sentence)) and not UNDER_FIRE.search(sentence)
    return load_table("acled_territory").decide(
        non_violent=non_violent, kind=kind, foreign=foreign, gov_verb=head_word in GOV_VERBS)


def violence(actor: Side, target: Side, cameo: str) -> str:
    """Attack, Armed clash, Excessive force or Mob violence for a violent act
    (data/rules/acled_violence.tsv)."""
    return load_table("acled_violence").decide(
        target=kind_of(target), actor=kind_of(actor, acting=True), cameo=cameo)


CROWDS = EN.words("crowds")
PARTISANS = EN.words("partisans")
ARMED = EN.words("armed")
CROWD_ACTS = EN.words("crowd_acts")


def _crowd_word(head: Token) -> str:
    """The people a quantity counts: 'hundreds of supporters' -> 'supporters'."""
    if head.lower_ in EN.sequence("crowd_quantities"):
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None:
            return str(obj.lower_)
    return str(head.lower_)


def by_crowd(sub: str | None, actor: Side) -> str | None:
    """Violence by protesters is a violent demonstration; by a mob, mob violence."""
    if sub not in CROWD_ACTS:
        return sub
    kind = kind_of(actor, acting=True)
    if kind == "protester":
        return "violent_demo"
    if actor.head is not None and _crowd_word(actor.head) in PARTISANS and \
            kind not in ("state", "nonstate"):
        return "violent_demo"  # "supporters of X torched ...": a political crowd
    crowd = kind == "civilian" and actor.head is not None and actor.head.lower_ in CROWDS and \
        not any(c.lower_ in ARMED for c in actor.head.children)  # "armed men" are no mob
    return "mob" if kind == "rioter" or crowd else sub  # "angry residents set fire"


NO_RESPONSE = re.compile(EN.pattern("no_response"), re.IGNORECASE)


def protest(sentence: str) -> str:
    """How a protest went: violent crowd, deadly force, intervention, or peaceful
    ("nobody was arrested", "police did not use tear gas" say that nothing was done)."""
    sentence = NO_RESPONSE.sub(" ", sentence)
    if VIOLENT_CROWD.search(sentence):
        return "violent_demo"
    if EXCESSIVE.search(sentence):
        return "excessive"
    if INTERVENTION.search(sentence):
        return "intervention"
    return "peaceful"


def seized(obj: Token | None, actor: Side, place: Token | None = None) -> str | None:
    """What seizing something is, from what was seized."""
    if obj is None:
        return None
    word = obj.lower_
    words = {t.lower_ for t in obj.subtree}
    if words & WEAPON_WORDS:
        return "disrupted"
    if word in PROPERTY_WORDS:
        return "looting"
    if place is not None and place.pos_ == "PROPN":
        return "@territory"
    if obj.pos_ == "PROPN" or word in PLACE_NOUNS or obj.lemma_.lower() in PLACE_NOUNS:
        return "@territory"
    if _kind_from_word(obj) in ("civilian", "state", "nonstate"):
        return "arrests" if kind_of(actor) == "state" else "abduction"
    return None


def base(obj: Token | None) -> str | None:
    """A base, camp or office was set up ('a court and a tax office': any of the objects)."""
    if obj is None:
        return None
    objects = [obj] + [t for t in obj.subtree if t.dep_ == "conj" and t.head.i == obj.i]
    if any(t.lower_ in BASE_WORDS or t.lemma_.lower() in BASE_WORDS for t in objects):
        return "hq"
    return None
