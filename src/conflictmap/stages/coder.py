"""Stage `coder`: the learned coder reads every sentence that can hold an event and
decides the ACLED sub-event type, overriding the trigger rules where it is confident.

For each rule event: the classifier's sub-event type replaces the rules' when its
probability is at least `retype`; the ACLED coding is dropped when the classifier is at
least `drop` sure the sentence reports no ACLED act.  A sentence with no rule event that
the classifier codes with probability at least `add` gets a new event (actor and target
from the actor mentions around its main verb).  Statuses stay the rules' (they read the
parse: "could", "denied", "will"), unless the status head is at least `status` sure the
act did not happen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from ..coder.corpus import EVENT_TYPE_OF, NO_EVENT
from ..coder.model import Coder, Prediction, load_coder
from ..actions.coding import Side, kind_of
from ..actions.lexicon import SUB_EVENTS
from ..actions.participants import verb_subject
from ..actions.status import SPEECH_VERBS, Status, status_of
from ..model import HAPPENED, AcledCoding, ActorMention, Article, CodedEvent, Evidence
from ..registry import event_fields, stage

# Whether the taker of a place is the state or not is read from the parse (actions/coding.py:
# the taker's side), which the classifier cannot see: between these two the rules decide.
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
# The means of an act decides its type (ACLED: a bomb that kills soldiers is Explosions/
# Remote violence, not a battle): a rule event coded by its means keeps its type when the
# classifier reads the act as a clash or an attack on civilians.
BY_MEANS = "Explosions/Remote violence"
GENERIC_VIOLENCE = frozenset({"Armed clash", "Attack"})
TAKER_SUB = {"state": SUB_EVENTS["gov_territory"][1], "nonstate": SUB_EVENTS["nsa_territory"][1]}


@dataclass(frozen=True)
class Thresholds:
    """Chosen on 1,500 examples held out of the training corpus (docs/model-card.md)."""

    retype: float = 0.25
    drop: float = 0.3
    add: float = 0.5
    status: float = 0.7


def default_codes() -> dict[str, tuple[str, str]]:
    """sub-event type -> (PLOVER, CAMEO) for events the coder adds (data/models/codes.tsv)."""
    text = resources.files("conflictmap").joinpath("data/models/codes.tsv").read_text()
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {sub: (plover, cameo) for sub, plover, cameo in rows}


def candidate_sentences(article: Article) -> dict[int, Any]:
    """Sentences that can hold an event: narrative (not captions or links), with a verb or
    a rule event, and at least three words."""
    with_events = {e.evidence.sentence_index for e in article.events}
    out = {}
    for index, sent in enumerate(article.doc.sents):
        if index in article.skip_sentences:
            continue
        words = sum(t.is_alpha for t in sent)
        if words >= 3 and (index in with_events or any(t.pos_ in ("VERB", "AUX") for t in sent)):
            out[index] = sent
    return out


class CoderStage:
    def __init__(self, coder: Coder, thresholds: Thresholds, territory_rule: bool = True,
                 means_rule: bool = True) -> None:
        self.coder = coder
        self.territory_rule = territory_rule
        self.means_rule = means_rule
        self.thresholds = thresholds
        self.codes = default_codes()

    def __call__(self, article: Article) -> Article:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Code a batch: the candidate sentences of every article are encoded in one call."""
        batch = list(articles)
        sents = [candidate_sentences(a) if a.doc is not None else {} for a in batch]
        preds = iter(self.coder.predict([s.text for found in sents for s in found.values()]))
        for article, found in zip(batch, sents):
            self.code(article, found, {index: next(preds) for index in found})
            yield article

    def code(self, article: Article, sents: dict[int, Any], preds: dict[int, Prediction]
             ) -> None:
        # The classifier reads a sentence's main act: an event of the rules with no ACLED
        # type takes one only when no other act of its sentence has one.
        coded: set[int] = set()
        for event in sorted(article.events, key=lambda e: not e.acled.sub_event_type):
            index = event.evidence.sentence_index
            pred = preds.get(index)
            if pred is not None and (event.acled.sub_event_type or index not in coded):
                self.revise(article, event, pred)
            if event.acled.sub_event_type:
                coded.add(index)
        for index, pred in preds.items():
            if index not in coded and pred.acled != NO_EVENT and \
                    pred.acled_p >= self.thresholds.add:
                event = self.new_event(article, sents[index], index, pred)
                if event.status in HAPPENED:  # an act no rule read: only one that happened
                    article.events.append(event)

    def revise(self, article: Article, event: CodedEvent, pred: Prediction) -> None:
        t = self.thresholds
        if self.territory_rule and event.acled.sub_event_type in TERRITORY and \
                pred.acled in TERRITORY:
            pass  # the rules' side of the taker decides
        elif self.means_rule and event.acled.event_type == BY_MEANS and \
                pred.acled in GENERIC_VIOLENCE:
            pass  # the means the rules read decides
        elif pred.acled != NO_EVENT and pred.acled_p >= t.retype:
            sub = self.by_taker(pred.acled, _event_side(article, event))
            event.acled = replace(event.acled, event_type=EVENT_TYPE_OF[sub],
                                  sub_event_type=sub)
            event.confidence = max(event.confidence, pred.acled_p)
        elif event.acled.sub_event_type and pred.none_p >= t.drop:
            event.acled = replace(event.acled, event_type=None, sub_event_type=None)
        if event.status in HAPPENED and self.did_not_happen(pred):
            event.status = pred.status

    def by_taker(self, sub: str, taker: Side) -> str:
        """Between the two territory types the taker's kind decides, which the classifier
        cannot see: state forces regain, a non-state group overtakes ("Syrian troops
        captured two villages" is never Non-state actor overtakes territory)."""
        if not self.territory_rule or sub not in TERRITORY:
            return sub
        return TAKER_SUB.get(kind_of(taker) or "", sub)

    def did_not_happen(self, pred: Prediction) -> bool:
        """The status head is sure enough that the act did not happen; whether it is
        claimed (by a party to it or a neutral source) is the claims rules' to read."""
        return pred.status not in HAPPENED and pred.status_p >= self.thresholds.status

    def new_event(self, article: Article, sent: Any, index: int, pred: Prediction) -> CodedEvent:
        root, speaker = reported_act(sent.root)
        mentions = [m for m in article.mentions if m.sentence_index == index and
                    m.token_start not in speaker]
        actor = _mention_before(mentions, root.i)
        target = next((m for m in mentions if m.token_start > root.i), None)
        plover, cameo = self.codes[pred.acled]
        # the rules' reading of the act's status ("could continue", "denied", "X said"),
        # unless the status head is sure the act did not happen
        told = Status(pred.status) if self.did_not_happen(pred) else status_of(
            root, sent, [m for m in article.mentions if m.sentence_index == index])
        sub = self.by_taker(pred.acled, _side(article, actor, root))
        return CodedEvent(
            article_id=article.id, plover=plover, cameo=cameo,
            acled=AcledCoding(EVENT_TYPE_OF[sub], sub,
                              actor.actor.acled_name if actor else None,
                              target.actor.acled_name if target else None,
                              actor.actor.inter if actor else None,
                              target.actor.inter if target else None),
            evidence=Evidence(sent.text, sent.start_char, sent.end_char, index),
            status=told.value, claimed_by=told.claimed_by, claimant=told.claimant,
            co_sources=told.co_sources, claim_verb=told.claim_verb,
            actor=actor.actor if actor else None,
            target=target.actor if target else None, confidence=pred.acled_p,
            trigger=root.text, trigger_start=root.idx, trigger_token=root.i,
            act_tokens=(root.i,))


def reported_act(root: Any) -> tuple[Any, set[int]]:
    """'Gunmen killed three villagers, residents said': the act is 'killed', and the
    speakers ('residents') are who report it, never a side of it."""
    if root.lemma_.lower() not in SPEECH_VERBS:
        return root, set()
    act = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis")), None)
    speaker = {t.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass")
               for t in c.subtree}
    return (act if act is not None else root), speaker


def _side(article: Article, mention: ActorMention | None, act: Any) -> Side:
    """The side that did the act: its actor mention, else the act's subject word ('The army
    units drove the militants out': 'units'; 'was taken by rebels': 'rebels')."""
    if mention is not None:
        return Side(mention.actor, article.doc[mention.token_start:mention.token_end].root)
    return Side(None, verb_subject(act, control=False))


def _event_side(article: Article, event: CodedEvent) -> Side:
    act = article.doc[event.trigger_token] if event.trigger_token >= 0 else None
    return Side(event.actor, verb_subject(act, control=False) if act is not None else None)


def _mention_before(mentions: list[ActorMention], token: int) -> ActorMention | None:
    before = [m for m in mentions if m.token_end <= token]
    return before[-1] if before else None


@stage("coder", requires=["doc", "skip_sentences", "mentions", "id", "events",
                         *event_fields("acled", "actor", "confidence", "evidence", "status",
                                       "trigger_token")],
       assigns=["events", *event_fields("acled", "confidence", "status")])
def make_coder(*, resources: Any, models: str = "", retype: float = Thresholds.retype,
               drop: float = Thresholds.drop, add: float = Thresholds.add,
               status: float = Thresholds.status, territory_rule: bool = True,
               means_rule: bool = True, threads: int = 1) -> CoderStage:
    """The learned coder (data/models, or the folder `models` that `conflictmap train`
    wrote) re-types, drops and adds ACLED events."""
    return CoderStage(load_coder(models, threads), Thresholds(retype, drop, add, status),
                      territory_rule, means_rule)
