"""From a parsed sentence to coded events: triggers, participants, ACLED rule, status."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Actor, ActorMention
from . import coding
from .lexicon import Lexicon
from .participants import (Participants, child, noun_object, noun_subject,
                           place_of, prep_object, resolve, verb_object, verb_subject)
from .status import Status, status_of
from .triggers import INSTRUMENT_ORDER, Candidate, Token, depth, find_candidates, instrument_of

# Territory words that say "capture" on their own; weaker ones ("take", "enter") need a place.
STRONG_TERRITORY = {"retake", "recapture", "liberate", "capture", "seize", "overrun",
                    "conquer", "regain", "reclaim", "wrest"}
PLACE_REQUIRED = {"@territory", "nv_territory", "@base"}
RELATIVE = {"which", "that", "who", "where"}


@dataclass
class Draft:
    """An event before it becomes an `Event`: the trigger and what was read around it."""

    cand: Candidate
    sub: str | None  # key of lexicon.SUB_EVENTS or None (not an ACLED event)
    parts: Participants
    status: Status = field(default_factory=Status)
    depth: int = 0

    @property
    def token(self) -> Token:
        return self.cand.token

    @property
    def weak(self) -> bool:
        return self.cand.entry.weak

    @property
    def violent(self) -> bool:
        return self.cand.entry.plover == "ASSAULT" and self.sub is not None


def _antecedent(token: Token | None, trigger: Token) -> Token | None:
    """'Palmyra, which was liberated ...': the relative pronoun stands for Palmyra."""
    if token is not None and token.lower_ in RELATIVE and trigger.dep_ == "relcl":
        return trigger.head
    return token


def participants(token: Token, mentions: list[ActorMention]) -> Participants:
    """Actor, target and place of a trigger from its dependents."""
    verb = token.pos_ == "VERB" or token.tag_ == "VBG" and token.pos_ not in ("NOUN",)
    if verb and token.lemma_.lower() == "fall" or token.lower_ in ("fell", "fallen"):
        subj, obj = prep_object(token, "to"), child(token, "nsubj")
    elif verb:
        subj, obj = verb_subject(token), verb_object(token)
    else:
        subj, obj = noun_subject(token), noun_object(token)
    obj = _antecedent(obj, token)
    actor, assoc_a = resolve(subj, mentions)
    target, assoc_t = resolve(obj, mentions)
    if target is not None and actor is not None and target.id == actor.id:
        target, assoc_t = None, []
    assoc = assoc_a + assoc_t
    sides = ["actor"] * len(assoc_a) + ["target"] * len(assoc_t)
    return Participants(actor=actor, target=target,
                        assoc=[replace(a, side=s) for a, s in zip(assoc, sides)],
                        actor_head=subj, target_head=obj,
                        place=place_of(token, obj, mentions))


def _sub_event(cand: Candidate, parts: Participants, sent: Any, lexicon: Lexicon,
               focus: str | None) -> tuple[bool, str | None]:
    """(keep the event?, ACLED key) after applying the lexicon's rule."""
    rule = cand.entry.acled
    actor = coding.Side(parts.actor, parts.actor_head)
    target = coding.Side(parts.target, parts.target_head)
    word = cand.entry.head
    if rule == "@seize":
        rule = coding.seized(parts.target_head, actor)
        if rule is None:
            return True, None
    if rule in PLACE_REQUIRED and not _place_ok(cand, parts, rule):
        return cand.token.pos_ == "VERB" and rule == "nv_territory" and \
            parts.actor is not None, None
    if rule == "@territory":
        actor_assoc = [a for a in parts.assoc if a.side == "actor"]
        return True, coding.territory(sent.text, actor, actor_assoc, word, focus)
    if rule == "@base":
        return True, coding.base(parts.target_head)
    if rule == "@protest":
        return True, coding.protest(sent.text)
    if rule in ("@violence", "clash") or rule in INSTRUMENT_ORDER:
        inst = instrument_of(cand.token, lexicon)
        if inst is not None and (rule not in INSTRUMENT_ORDER or
                                 INSTRUMENT_ORDER.index(inst[0]) < INSTRUMENT_ORDER.index(rule)):
            return True, inst[0]
    if rule == "@violence":
        return True, coding.violence(actor, target, cand.entry.cameo)
    return True, rule


def _place_ok(cand: Candidate, parts: Participants, rule: str) -> bool:
    place = parts.place
    if rule == "@base":
        return parts.target_head is not None
    if place is None:
        return cand.entry.head in STRONG_TERRITORY and cand.token.pos_ == "VERB" and \
            parts.actor is not None
    if cand.token.pos_ != "VERB" and place.pos_ != "PROPN":
        return parts.actor is not None  # "the liberation of the city": which city?
    return True


def drafts(sent: Any, lexicon: Lexicon, mentions: list[ActorMention],
           focus: str | None) -> list[Draft]:
    """Every event candidate of a sentence, coded, main one first (not yet merged)."""
    out = []
    for cand in find_candidates(sent, lexicon):
        parts = participants(cand.token, mentions)
        keep, sub = _sub_event(cand, parts, sent, lexicon, focus)
        if not keep:
            continue
        out.append(Draft(cand, sub, parts, status_of(cand.token, sent, mentions),
                         depth(cand.token)))
    return sorted(out, key=lambda d: (d.depth, d.token.i))


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.id == b.id


def merge(found: list[Draft]) -> list[Draft]:
    """One event per act: consequences ("killed") fold into the act that caused them, the
    police response folds into the protest, and repeated mentions of one act merge."""
    strong = [d for d in found if d.violent and not d.weak]
    protests = [d for d in found if d.sub in coding.PROTEST_SUBS and
                d.cand.entry.plover == "PROTEST"]
    kept: list[Draft] = []
    for d in found:
        if d.weak and d.violent and strong:
            _fill(strong[0], d)
            continue
        if protests and d not in protests and d.sub in _PROTEST_RESPONSE:
            continue
        twin = next((k for k in kept if _same_act(k, d)), None)
        if twin is not None:
            _fill(twin, d)
            continue
        kept.append(d)
    return kept


_PROTEST_RESPONSE = {"arrests", "intervention", "excessive", "attack", "clash", "looting",
                     "violent_demo", "mob"}


def _same_act(a: Draft, b: Draft) -> bool:
    if a.sub is None and b.sub is None:
        return a.cand.entry.plover == b.cand.entry.plover and \
            _compatible(a.parts.actor, b.parts.actor)
    return a.sub == b.sub and _compatible(a.parts.actor, b.parts.actor) and \
        _compatible(a.parts.target, b.parts.target)


def _fill(main: Draft, other: Draft) -> None:
    """Give the main event the participants only the other mention names."""
    p, q = main.parts, other.parts
    if p.actor is None and q.actor is not None:
        p.actor, p.actor_head = q.actor, q.actor_head
    if p.target is None and q.target is not None:
        p.target, p.target_head = q.target, q.target_head
    if p.place is None:
        p.place = q.place
    if main.status.value != "asserted" and other.status.value == "asserted" and \
            main.depth >= other.depth:
        main.status = other.status

