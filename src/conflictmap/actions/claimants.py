"""Claims about an act: a report attributed to someone ("..., the army said") stays
`claimed` only when its source is a party to the act: one of its sides (the same group,
or an organ of the same state: "the defence ministry said its troops took X"), a side's
state media, or when its own word makes it a claim ("claimed", "alleged").  Officials,
medics, monitors, witnesses and the UN reporting what happened make the act `asserted`
(and `claimed_by` empty), as ACLED codes them.  A source named only by words ("an army
spokesman", "the military's media wing") is read for the state organ it speaks for."""

from __future__ import annotations

from dataclasses import replace

from ..actors import lexicon
from ..actors.entries import SECTORS
from ..actors.kb import ActorKB
from ..lang import EN
from ..model import Actor, CodedEvent


# The media of a state: a report from them is that state's claim.
STATE_MEDIA = EN.sequence("state_media")
# Words for a military command that speaks for its forces ("the general staff announced").
COMMAND_WORDS = {"staff": "MIL", "command": "MIL", "headquarters": "MIL"}


# Who speaks as a witness, never as a side: civilians, protesters, rioters, the press.
UNARMED = EN.words("unarmed")
# Sources that report what happened without being a side of it.
NEUTRAL_WORDS = EN.sequence("neutral_words")


def settle_claim(event: CodedEvent, kb: ActorKB) -> None:
    """Keep `claimed` for a party's own account; a neutral source's report is asserted."""
    if event.status != "claimed" or event.claim_verb or event.claimed_by is None:
        return
    if event.claimant is None:
        event.claimant = claimant_from_words(event, kb)
    elif event.claimant.placed:
        event.claimant = own_organ(event.claimant, event, kb)
    if not party_claim(event):
        event.status, event.claimed_by = "asserted", None


def party_claim(event: CodedEvent) -> bool:
    """Whether the report's source is a side of the act (or a side's state media)."""
    text = (event.claimed_by or "").casefold()
    if any(w in text for w in NEUTRAL_WORDS):
        return False
    sides = [a for a in (event.actor, event.target, *event.assoc_actors) if a is not None]
    if any(w in text for w in STATE_MEDIA):
        return any(_state_organ(a) and a.country == _media_country(event) for a in sides)
    claimant = event.claimant
    if claimant is None or claimant.type in UNARMED or _both_sides(event):
        return False
    return any(_same_side(claimant, a) for a in sides) or _home_battle(claimant, event)


def _media_country(event: CodedEvent) -> str | None:
    """Whose state media: the one the report names ("Syria's state news agency SANA"),
    else the country where the act happened (Lebanon's, for a strike in south Lebanon)."""
    if event.claimant is not None and event.claimant.country:
        return event.claimant.country
    return event.location.country if event.location is not None else None


def _both_sides(event: CodedEvent) -> bool:
    """'The president and a spokesman for the rebels said': both sides tell it alike."""
    sources = [s for s in (event.claimant, *event.co_sources) if s is not None]
    def told_by(side: Actor | None) -> bool:
        return side is not None and any(_same_side(s, side) for s in sources)
    return told_by(event.actor) and told_by(event.target)


def _home_battle(claimant: Actor, event: CodedEvent) -> bool:
    """A state's forces are a side of every battle in their own country ("militants
    seized the town, the army said")."""
    home = event.location.country if event.location is not None else None
    return event.acled.event_type == "Battles" and _state_organ(claimant) and \
        claimant.country == home


def claimant_from_words(event: CodedEvent, kb: ActorKB) -> Actor | None:
    """The state organ a source named by words speaks for: "Russia's defence ministry";
    with no country word, a military source is the acting state's ("Turkish warplanes
    struck ..., the defence ministry said"), any other that of the country where the act
    happened ("regional officials")."""
    words = (event.claimed_by or "").casefold().replace("'s", " ").split()
    sector = next((lexicon.SECTOR_NOUNS.get(w) or COMMAND_WORDS[w] for w in words
                   if lexicon.SECTOR_NOUNS.get(w) in SECTORS or w in COMMAND_WORDS), None)
    if sector is None:
        return None
    named = next((a for w in words if (a := kb.match(w)) is not None and a.country), None)
    military = sector == "MIL" or bool({"defence", "defense"} & set(words))
    own = event.actor if military and event.actor is not None and \
        _state_organ(event.actor) else None  # officials speak for where they are
    iso3 = named.country if named is not None else own.country if own is not None else (
        event.location.country if event.location is not None else None)
    if not iso3 or kb.country(iso3) is None:
        return None
    return replace(kb.state_actor(iso3, sector, date=event.date), side=None)


def own_organ(claimant: Actor, event: CodedEvent, kb: ActorKB) -> Actor:
    """'Israeli warplanes hit ..., the army said': a generic organ speaking of a state's
    act is that state's organ, not one of the place's country."""
    actor = event.actor
    if actor is None or not _state_organ(actor) or not _state_organ(claimant) or \
            not actor.country or kb.country(actor.country) is None:
        return claimant
    return kb.state_actor(actor.country, claimant.sector or "MIL", date=event.date)


def _state_organ(actor: Actor) -> bool:
    return actor.sector in SECTORS and "." in actor.id


def _same_side(claimant: Actor, actor: Actor) -> bool:
    if claimant.id == actor.id:
        return True
    return _state_organ(claimant) and _state_organ(actor) and claimant.country == actor.country
