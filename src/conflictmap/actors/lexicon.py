"""Word lists used to read actor noun phrases: which noun names which state organ,
which words are generic references, coreferent descriptions or locative prepositions."""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Mapping
from typing import Any

from ..lang import EN
from ..model import Actor

# Head nouns (lemmas, lower case) -> PLOVER sector of a country's state organ.
SECTOR_NOUNS: Mapping[str, str] = EN.mapping("sector_nouns")

# Nouns naming people as a population (-> civilians of a country).
CIVILIAN_NOUNS = EN.words("civilian_nouns")
PROTESTER_NOUNS = EN.words("protester_nouns")
RIOTER_NOUNS = EN.words("rioter_nouns")
UNIDENTIFIED_NOUNS = EN.words("unidentified_nouns")
# Explosive devices that stand for whoever set them off when no one is named ("a roadside
# bomb killed", "killed by an IED", "killed in a car bomb explosion").
DEVICE_NOUNS = EN.words("device_nouns")
UNIDENTIFIED_PHRASES = EN.sequence("unidentified_phrases")

# Descriptions that refer back to a named armed group ("the group", "the militants").
COREF_NOUNS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(EN.sequence("coref_jihadist_nouns"),
                    ("jihadist", "rebel", "militia")),
    **dict.fromkeys(EN.sequence("coref_fighter_nouns"),
                    ("jihadist", "rebel", "militia", "identity militia", "pmc")),
    # "the rebels" are rebels before they are jihadists
    **dict.fromkeys(EN.sequence("coref_rebel_nouns"),
                    ("rebel", "jihadist", "militia", "identity militia", "pmc")),
    **dict.fromkeys(("militia", "militias", "militiamen", "paramilitaries"),
                    ("militia", "identity militia", "rebel", "pmc")),
}
COREF_DETERMINERS = EN.words("coref_determiners")

# Modifiers that make a force noun refer to the state of the country in focus.
STATE_MODIFIERS = EN.words("state_modifiers")
STATE_NOUNS = EN.words("state_nouns")
# Nouns that mean the state's forces even without a modifier ("soldiers were killed",
# "a soldier was wounded").
BARE_STATE_NOUNS = EN.words("bare_state_nouns")

# Prepositions after which a place name is a location, not an actor.
LOCATIVE_PREPS = EN.words("locative_preps")
# Verbs after which "to X" is a destination.
# Verbs of handing over: the country after "to" receives, it is a party ("sent aid to X").
GIVING_VERBS = EN.words("giving_verbs")
MOTION_VERBS = EN.words("motion_verbs")
# Dependency labels of a token acting as the doer or a party.
AGENT_DEPS = frozenset(("nsubj", "nsubjpass", "agent", "poss", "appos", "ROOT", "csubj",
                        "compound", "dobj", "conj"))
# Titles that make a person's name a state organ of the country in focus.
TITLE_SECTORS = EN.mapping("title_sectors")
OPPOSITION_HEADS = EN.words("opposition_heads")
TITLE_WORDS = EN.words("title_words")
# Verbs whose object is a government, not a place ("Moscow warned Washington").
ADDRESS_VERBS = EN.words("address_verbs")

# The PLOVER/CAMEO sector a group of people belongs to by what they do ("striking
# workers" LAB, "students" EDU); plain civilians stay CVL.
PEOPLE_SECTORS: Mapping[str, str] = EN.mapping("people_sectors")


def with_people_sector(actor: Actor, head: Any) -> Actor:
    """Civilians, protesters or rioters with the sector of what they do ("workers": LAB)."""
    sector = PEOPLE_SECTORS.get(head.lower_)
    mods = [c.lower_ for c in head.children if c.dep_ in ("amod", "compound")]
    sector = sector or next((PEOPLE_SECTORS[m] for m in mods
                             if m in PEOPLE_SECTORS), None)
    if sector is None:
        return actor
    return replace(actor, sector=sector, cameo=f"{actor.country or ''}{sector}")
