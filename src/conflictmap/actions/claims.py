"""Claims of responsibility: "TTP claimed responsibility" names the attacker of the
unattributed violent act before it (in its sentence or the two before); the claim's own
"for the attack" is that act, not another one."""

from __future__ import annotations

from typing import Any

from ..model import Actor, ActorMention, CodedEvent
from .implied import generic_kind, set_actor

CLAIM_OBJECTS = {"responsibility", "credit"}
CLAIM_WINDOW = 2  # sentences before the claim that it can reach


def _claimant(token: Any, mentions: list[ActorMention]) -> Actor | None:
    """The named actor that claims responsibility with this verb, if any."""
    if token.lemma_.lower() not in ("claim", "admit", "accept") or any(
            c.dep_ == "neg" for c in token.children):
        return None
    if not any(c.dep_ == "dobj" and c.lower_ in CLAIM_OBJECTS for c in token.children):
        return None
    subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or any(c.lower_ == "no" for c in subj.children):
        return None  # "no group has claimed responsibility"
    words = {t.i for t in subj.subtree}
    found = [m for m in mentions if m.token_start in words]
    return found[0].actor if found and found[0].actor.type not in (
        "civilians", "unidentified", "country") else None


def _claimed_words(sent: Any) -> set[int]:
    """Tokens of what is claimed: 'for the attack' after 'claimed responsibility'."""
    verbs = [t for t in sent if t.lemma_.lower() in ("claim", "admit", "accept")]
    heads = verbs + [c for v in verbs for c in v.children if c.lower_ in CLAIM_OBJECTS]
    return {t.i for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "for"
            for t in c.subtree}


def claimed_attacks(doc: Any, events: list[CodedEvent], mentions: list[ActorMention]
                    ) -> list[CodedEvent]:
    """Give unattributed violent acts to the group that claims them; the claim's own
    'the attack' is the act claimed, not another one."""
    if doc is None:
        return events
    for index, sent in enumerate(doc.sents):
        actor = next((a for t in sent if (a := _claimant(t, mentions)) is not None), None)
        if actor is None:
            continue
        words = _claimed_words(sent)
        if _attribute(events, index, actor):
            events = [e for e in events if not (e.evidence.sentence_index == index and
                                                e.trigger_token in words)]
    return events


def _attribute(events: list[CodedEvent], index: int, actor: Actor) -> int:
    """Give the unattributed violent acts up to the claim their claimant; how many of them
    came before the claim's sentence."""
    earlier = 0
    for event in events:
        gap = index - event.evidence.sentence_index
        unnamed = event.actor is None or generic_kind(event.actor) == "unidentified"
        if 0 <= gap <= CLAIM_WINDOW and event.plover == "ASSAULT" and \
                event.acled.sub_event_type and unnamed:
            earlier += gap > 0
            set_actor(event, actor)
    return earlier

