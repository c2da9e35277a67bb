"""Turning drafts into `CodedEvent`s for a whole article, and merging repeats of one act."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..lang import EN
from ..model import AcledCoding, Actor, ActorMention, Article, CodedEvent, Evidence
from ..nlp import definite
from .extract import Draft, drafts, merge, passing_reference, unnamed
from ..discourse.tolls import wide_toll
from .fatalities import fatalities_in
from .frames import apply_frames
from .lexicon import SUB_EVENTS, Lexicon
from .participants import ally_tokens

STATUS_RANK = {"asserted": 0, "claimed": 1, "future": 2, "hypothetical": 3, "negated": 4}
NO_FATALITIES = EN.words("no_fatalities")


def acled_coding(sub: str | None, actor: Actor | None, target: Actor | None) -> AcledCoding:
    event_type, sub_type = SUB_EVENTS[sub] if sub else (None, None)

    def name(a: Actor | None) -> str | None:
        return (a.acled_name or a.name) if a is not None else None

    return AcledCoding(event_type, sub_type, name(actor), name(target),
                       actor.inter if actor else None, target.inter if target else None)


def confidence(d: Draft) -> float:
    score = 0.45 + (0.2 if d.parts.actor else 0) + (0.1 if d.parts.target else 0)
    score += 0.1 if d.token.pos_ == "VERB" else 0
    score += 0.05 if d.sub else 0
    return min(score, 0.95)


def to_event(article: Article, sent: Any, index: int, d: Draft,
             fatalities: int | None) -> CodedEvent:
    token = d.token
    trigger = " ".join(token.doc[i].text for i in sorted(d.cand.parts))
    entry = d.cand.entry
    actor, target = d.parts.actor, d.parts.target
    if actor is not None and target is not None and actor.id == target.id:
        target = None  # "the rebels of the ADF (ADF) attacked": one side named twice
    return CodedEvent(
        article_id=article.id, plover=entry.plover, plover_mode=entry.mode, cameo=entry.cameo,
        acled=acled_coding(d.sub, actor, target),
        evidence=Evidence(sent.text, sent.start_char, sent.end_char, index),
        status=d.status.value, claimed_by=d.status.claimed_by,
        claimant=d.status.claimant, co_sources=d.status.co_sources,
        claim_verb=d.status.claim_verb,
        actor=actor, target=target, assoc_actors=list(d.parts.assoc),
        fatalities=fatalities, confidence=confidence(d), trigger=trigger,
        trigger_start=token.idx, trigger_token=token.i, act_tokens=d.act_tokens(),
        in_passing=passing_reference(token),
        place_token=d.parts.place.i if d.parts.place is not None else -1)


def without_allies(found: list[Draft]) -> list[Draft]:
    """Drop the acts named inside another act's allies ("backed by US-led airstrikes")."""
    allied: set[int] = set()
    for d in found:
        allied |= ally_tokens(d.token, d.parts.actor_head)
    return [d for d in found if d.token.i not in allied]


TERRITORY_SUBS = {"Government regains territory", "Non-state actor overtakes territory",
                  "Non-violent transfer of territory"}
# The loser's own act in "X took the town after Y withdrew / as Y abandoned it".
LEAVING_VERBS = EN.words("leaving_verbs")


def fold_withdrawals(events: list[CodedEvent], doc: Any) -> list[CodedEvent]:
    """'X entered the town after Y withdrew': one transfer, the side that left as actor 2
    (the acts of one sentence)."""
    takers = [e for e in events if e.acled.sub_event_type in TERRITORY_SUBS and
              e.actor is not None and _lemma(e, doc) not in LEAVING_VERBS]
    out = []
    for e in events:
        taker = next((t for t in takers if t is not e and
                      t.evidence.sentence_index == e.evidence.sentence_index), None)
        leaving = _lemma(e, doc) in LEAVING_VERBS and e.actor is not None
        if taker is None or not leaving or e.actor is None or \
                taker.actor is None or e.actor.id == taker.actor.id:
            out.append(e)
            continue
        if taker.target is None or taker.target.type == "country":
            taker.target = e.actor
            taker.acled = replace(taker.acled, actor2=e.actor.acled_name or e.actor.name,
                                  inter2=e.actor.inter)
    return out


def _lemma(event: CodedEvent, doc: Any) -> str:
    if doc is None or not 0 <= event.trigger_token < len(doc):
        return ""
    return str(doc[event.trigger_token].lemma_.lower())


def sentence_events(article: Article, sent: Any, index: int, lexicon: Lexicon,
                    mentions: list[ActorMention]) -> list[CodedEvent]:
    found = without_allies(merge(apply_frames(drafts(sent, lexicon, mentions,
                                                     article.country_focus), sent, mentions)))
    killed = fatalities_in(sent.text)
    events = []
    for d in found:
        gets_toll = d.sub is not None and killed is not None and d.sub not in NO_FATALITIES
        events.append(to_event(article, sent, index, d, killed if gets_toll else None))
        if gets_toll:
            killed = None  # the toll belongs to the main violent act only
    return events


def article_events(article: Article, lexicon: Lexicon) -> list[CodedEvent]:
    """Events of every narrative sentence, repeats of one act merged."""
    by_sentence: dict[int, list[ActorMention]] = {}
    for m in article.mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    events: list[CodedEvent] = []
    last_violent: CodedEvent | None = None
    for index, sent in enumerate(article.doc.sents):
        if index in article.skip_sentences:
            continue
        found = sentence_events(article, sent, index, lexicon, by_sentence.get(index, []))
        if last_violent is not None and _toll_only(found, sent, article.doc) and \
                not wide_toll(sent.text):
            _add_toll(last_violent, sent.text)  # "3 soldiers were killed." after the attack
            continue
        events.extend(found)
        violent = [e for e in found if e.acled.sub_event_type and e.plover == "ASSAULT"]
        last_violent = violent[0] if violent else (last_violent if not found else None)
    return dedupe(events, article.doc)


CONSEQUENCES = EN.words("consequences")


def _toll_only(found: list[CodedEvent], sent: Any, doc: Any) -> bool:
    """A follow-up sentence that only counts victims ("Two civilians were injured.",
    "No fatalities reported.", "Fatalities unknown.") and names no new attacker."""
    if not found:
        return fatalities_in(sent.text) is not None or "unknown" in sent.text.lower()
    return all(doc[e.trigger_token].lemma_.lower() in CONSEQUENCES and e.actor is None
               for e in found)


def _add_toll(event: CodedEvent, text: str) -> None:
    killed = fatalities_in(text)
    if event.fatalities is None and killed is not None:
        event.fatalities = killed


def _place_key(event: CodedEvent, doc: Any) -> str | None:
    if event.place_token < 0:
        return None
    token = doc[event.place_token]
    return token.lower_ if token.pos_ == "PROPN" else None


def _ids(event: CodedEvent) -> set[str]:
    out = {a.id for a in event.assoc_actors if a.side == "actor"}
    if event.actor is not None and not unnamed(event.actor):
        out.add(event.actor.id)
    return out


def _same_act(a: CodedEvent, b: CodedEvent, doc: Any) -> bool:
    """Two reports of one act: same ACLED type at the same named place, same side."""
    if a.acled.sub_event_type is None or a.acled.sub_event_type != b.acled.sub_event_type:
        return False
    place = _place_key(a, doc)
    if place is None or place != _place_key(b, doc):
        return False
    ia, ib = _ids(a), _ids(b)
    return not ia or not ib or bool(ia & ib)


def _anaphoric(event: CodedEvent, doc: Any) -> bool:
    """A definite nominal event with no actor or place of its own: 'the attack', 'the
    protest' refers back to an act already reported; so does an act done to it ('the army
    repelled the attack')."""
    token = doc[event.trigger_token]
    if event.place_token >= 0:
        return False
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if token.pos_ == "VERB" and obj is not None and obj.lemma_.lower() in ACT_NOUNS:
        return definite(obj)
    return token.pos_ == "NOUN" and definite(token) and (event.actor is None or
                                                         _speaker_only(event))


def _speaker_only(event: CodedEvent) -> bool:
    """An act whose only actor is who reports it ('the army said soldiers were killed in
    the clashes'): the report names no side of its own."""
    claimant, actor = event.claimant, event.actor
    return claimant is not None and actor is not None and claimant.id == actor.id and \
        event.target is None



ACT_NOUNS = EN.words("act_nouns")


def dedupe(events: list[CodedEvent], doc: Any) -> list[CodedEvent]:
    """Keep one event per act: the best-attested report, with the participants of all."""
    kept: list[CodedEvent] = []
    by_act: dict[tuple[Any, Any], list[CodedEvent]] = {}  # (sub-type, place): kept, in order
    for event in events:
        key = (event.acled.sub_event_type, _place_key(event, doc))
        twin = next((k for k in by_act.get(key, []) if _same_act(k, event, doc)), None)
        if twin is None and _anaphoric(event, doc):  # "The protest was peaceful."
            twin = next((k for k in reversed(kept) if k.plover == event.plover and
                         k.acled.sub_event_type == event.acled.sub_event_type), None)
        if twin is None:
            kept.append(event)
            by_act.setdefault(key, []).append(event)
            continue
        main = _absorb(kept, twin, event)
        bucket = by_act.get((twin.acled.sub_event_type, _place_key(twin, doc)), [])
        at = next((i for i, k in enumerate(bucket) if k is twin), None)
        if main is not twin and at is not None:
            bucket[at] = main
    return kept


def _absorb(kept: list[CodedEvent], twin: CodedEvent, event: CodedEvent) -> CodedEvent:
    """Merge `event` into its `twin`; the better-attested of the two stays (returned)."""
    better = STATUS_RANK[event.status] < STATUS_RANK[twin.status]
    main, other = (event, twin) if better else (twin, event)
    if unnamed(main.actor) and not unnamed(other.actor):  # the attack claimed by X
        main.actor = other.actor
        main.acled = replace(main.acled, actor1=other.acled.actor1, inter1=other.acled.inter1)
    known = {a.id for a in main.assoc_actors} | _ids(main)
    main.assoc_actors.extend(a for a in other.assoc_actors if a.id not in known)
    if main.fatalities is None:
        main.fatalities = other.fatalities
    main.mentions = [*(main.mentions or [main.evidence]), *(other.mentions or [other.evidence])]
    if better:
        kept[kept.index(twin)] = main
    return main
