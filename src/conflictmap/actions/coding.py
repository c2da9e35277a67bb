"""ACLED sub-event rules that depend on who acted, on whom, with what and how.

Territory: state forces -> "Government regains territory" whatever the verb; a non-state
group, or a foreign state's forces -> "Non-state actor overtakes territory"; an abandoned
place or a handover -> "Non-violent transfer of territory".  Violence: civilians hit ->
Attack; armed people on both sides -> Armed clash; protesters hit -> Excessive force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor
from .participants import PLACE_NOUNS
from .triggers import Token

STATE_TYPES = {"military", "government", "police", "state", "security", "army"}
STATE_WORDS = {"army", "troops", "soldiers", "forces", "military", "police", "policemen",
               "government", "regime", "navy", "gendarmes", "gendarmerie", "security",
               "marines", "paratroopers", "commandos", "authorities", "officers", "troop",
               "soldier", "policeman", "aviation", "warplanes", "jets", "coalition"}
NONSTATE_WORDS = {"militants", "rebels", "insurgents", "jihadists", "terrorists", "gunmen",
                  "fighters", "militia", "militias", "militiamen", "extremists", "bandits",
                  "attackers", "insurgency", "guerrillas", "separatists", "rebel", "militant",
                  "gunman", "jihadist", "terrorist", "kidnappers", "assailants", "pirates",
                  "group", "groups", "faction", "factions", "islamists", "mercenaries"}
NONSTATE_MODIFIERS = {"rebel", "opposition", "militia", "jihadist", "islamist", "insurgent",
                      "separatist", "armed", "kurdish", "tribal", "terrorist"}
CIVILIAN_WORDS = {"civilians", "civilian", "villagers", "residents", "people", "worshippers",
                  "women", "children", "farmers", "traders", "students", "journalists",
                  "workers", "passengers", "family", "families", "man", "woman", "boy",
                  "girl", "men", "teacher", "teachers", "doctor", "doctors", "pilgrims",
                  "shoppers", "herders", "refugees", "patients", "person", "persons",
                  "child", "villager", "resident", "worshipper", "journalist", "nurse",
                  "priest", "imam", "chief", "driver", "drivers", "trader", "farmer",
                  "motorists", "fishermen", "miners", "hostages", "wife", "son", "daughter",
                  "voters", "citizens", "locals", "mourners", "guests", "staff", "student",
                  "travellers", "travelers", "commuters", "worshipers", "parishioners",
                  "schoolchildren", "pupils", "girls", "boys", "aid", "nurses",
                  "engineers", "shepherd", "herder", "fisherman", "tourists", "bystanders",
                  "activist", "activists", "lawyer", "councillor", "official", "officials",
                  "elder", "elders", "cleric", "businessman", "businessmen", "politician",
                  "candidate", "mayor", "headman", "traditional", "teenager",
                  "teenagers", "youth", "infant", "baby", "pregnant", "widow", "worker", "vendor",
                  "vendors", "youths", "motorcyclists"}
PROTESTER_WORDS = {"protesters", "demonstrators", "marchers", "protester", "demonstrator",
                   "strikers", "rioters", "rioter"}
RIOTER_WORDS = {"mob", "crowd", "vigilantes", "mobs", "crowds", "vigilante", "lynch"}
CIVILIAN_PLACES = {"church", "mosque", "school", "hospital", "market", "village", "villages",
                   "home", "homes", "house", "houses", "bus", "camp", "clinic", "wedding",
                   "funeral", "shrine", "hotel", "restaurant", "bar", "temple", "polling",
                   "markets", "churches", "mosques", "schools", "hospitals", "refugee"}
WEAPON_WORDS = {"weapons", "weapon", "arms", "ammunition", "cache", "explosives", "rifles",
                "rifle", "guns", "gun", "bombs", "bomb", "ieds", "ied", "munitions",
                "mortars", "rockets", "missiles", "grenades", "drones", "drugs", "materiel"}
PROPERTY_WORDS = {"property", "goods", "livestock", "cattle", "cars", "vehicles", "money",
                  "land", "homes", "houses", "shops", "crops", "aid", "supplies", "food",
                  "belongings", "assets", "equipment", "trucks", "camels", "goats", "cows",
                  "sheep", "valuables", "cash", "farms", "fuel"}
BASE_WORDS = {"base", "bases", "headquarters", "hq", "camp", "camps", "outpost", "outposts",
              "checkpoint", "checkpoints", "garrison", "office", "offices", "post", "posts",
              "position", "positions", "stronghold"}
GOV_VERBS = {"retake", "recapture", "reclaim", "liberate", "regain", "clear", "recover",
             "restore", "reassert", "liberation", "retaking", "win"}

NON_VIOLENT = re.compile(
    r"\b(abandon(ed|ing)?|without (a |any )?(fight|resistance|clashes|fighting|a shot)|"
    r"unopposed|hand(ed|s|ing)? (it |them )?over|vacated|deserted|peacefully|"
    r"no resistance|after [^.]{0,60}\b(withdrew|pulled out|left|retreated|fled)|"
    r"(withdrew|pulled out|retreated) [^.]{0,40}\bbefore)\b", re.IGNORECASE)
EXCESSIVE = re.compile(
    r"\blive (ammunition|fire|rounds|bullets)|opened fire (on|at|into)|fired (live )?"
    r"(rounds |bullets |shots )?(on|at|into) (the )?(crowd|protesters|demonstrators|marchers)|"
    r"(protesters|demonstrators|marchers)\b[^.]{0,40}\b(were |was )?(shot dead|killed)|"
    r"killing (\w+ ){0,3}(protesters|demonstrators)|beat(en)? to death|shot dead", re.IGNORECASE)
INTERVENTION = re.compile(
    r"tear[ -]?gas|water[ -]cannons?|rubber bullets|dispers|batons?|arrest|detain|broke up|"
    r"break up|pepper spray|stun grenades|truncheons|forcibly|cracked down|crackdown|"
    r"baton[- ]charg|rounded up", re.IGNORECASE)
VIOLENT_CROWD = re.compile(
    r"\b(stones|rocks|hurl|pelt|torch|set (\w+ ){0,3}(on )?fire|set fire|burn(ed|t|ing)|"
    r"vandali[sz]|loot|smash|petrol bombs|molotov|clashed with (the )?(police|security|"
    r"troops|soldiers)|barricades|attacked (the )?(police|officers|security)|rampag|rioted|"
    r"rioting)", re.IGNORECASE)
UNDER_FIRE = re.compile(r"\bunder (?:heavy )?(?:attack|fire|bombardment|shelling)|"
                        r"\bafter (?:heavy |fierce |intense )?(?:fighting|clashes|battles)",
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
    inter = actor.inter
    kind = (actor.type or "").lower()
    if inter == 1 or kind in STATE_TYPES:
        return "state"
    if inter == 7 or kind in ("civilians", "civilian"):
        return "civilian"
    if inter in (5, 6) or kind in ("protesters", "rioters"):
        return "protester"
    if inter in (2, 3, 4, 8) or kind in ("rebel", "militia", "rebels", "insurgent", "terrorist",
                                         "armed group", "jihadist"):
        return "nonstate"
    return None


GROUP_WORDS = {"crowd", "crowds", "group", "groups", "hundreds", "thousands", "dozens", "scores",
               "number", "column", "convoy"}


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
    return None


def territory(sentence: str, actor: Side, assoc: list[Actor], head_word: str,
              focus: str | None) -> str:
    """Which of the three territory sub-events a capture is."""
    if NON_VIOLENT.search(sentence) and not UNDER_FIRE.search(sentence):
        return "nv_territory"
    kind = kind_of(actor)
    if kind == "state":
        countries = {a.country for a in [actor.actor, *assoc]
                     if a is not None and _kind_from_actor(a) == "state"}
        foreign = focus is not None and countries and focus not in countries and None not in \
            countries
        return "nsa_territory" if foreign else "gov_territory"
    if kind is not None:
        return "nsa_territory"
    return "gov_territory" if head_word in GOV_VERBS else "nsa_territory"


def violence(actor: Side, target: Side, cameo: str) -> str:
    """Attack, Armed clash, Excessive force or Mob violence for a violent act."""
    akind, tkind = kind_of(actor, acting=True), kind_of(target)
    if tkind == "protester":
        return "excessive"
    if akind == "rioter":
        return "mob"
    if akind == "protester":
        return "violent_demo"
    if tkind == "civilian":
        return "attack"
    if tkind in ("state", "nonstate"):
        return "clash"
    if akind in ("state", "nonstate") and cameo.startswith("19"):
        return "clash"
    return "attack" if cameo.startswith("18") or cameo == "202" else "clash"  # massacres


CROWDS = {"residents", "villagers", "locals", "youths", "people", "citizens", "inhabitants",
          "neighbours", "neighbors", "mourners", "onlookers", "traders", "vendors",
          "students", "farmers", "herders", "motorcyclists", "drivers", "women"}
PARTISANS = {"supporters", "partisans", "followers", "loyalists", "sympathisers",
             "sympathizers", "activists"}
ARMED = {"armed", "masked", "unidentified", "unknown", "gunmen", "hooded", "uniformed"}
CROWD_ACTS = {"clash", "looting", "attack", "ied", "shelling", "grenade", "nsa_territory",
              "gov_territory"}


def _crowd_word(head: Token) -> str:
    """The people a quantity counts: 'hundreds of supporters' -> 'supporters'."""
    if head.lower_ in ("hundreds", "thousands", "dozens", "scores", "crowds", "groups"):
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


NO_RESPONSE = re.compile(
    r"\b(?:nobody|no one|no-one|none)\s+(?:\w+\s+)?(?:was|were)\s+(?:arrested|detained|injured|"
    r"hurt)|\bno (?:arrests|injuries)\b|\bwithout (?:any )?(?:arrests|incident|violence)|"
    r"\bdid not (?:use|fire|arrest|detain) [^.,;]*", re.IGNORECASE)


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
