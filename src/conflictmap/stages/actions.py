"""Stage `actions`: event triggers with actor and target, coded in PLOVER/CAMEO/ACLED,
with a status (asserted, claimed, future, hypothetical, negated) and fatalities."""

from __future__ import annotations

from typing import Any

from ..actions import Lexicon, article_events, load_lexicon
from ..model import Article
from ..registry import event_fields, stage

# What an event is born with: its coding, sides, toll, evidence, status and claim, and
# where its words are in the parse (read by the later stages).
CODED = ("events", *event_fields(
    "article_id", "plover", "plover_mode", "cameo", "acled", "evidence", "status",
    "claimed_by", "actor", "target", "assoc_actors", "fatalities", "confidence", "trigger",
    "trigger_start", "trigger_token", "act_tokens", "in_passing", "place_token", "claimant",
    "co_sources", "claim_verb"))


class ActionStage:
    def __init__(self, lexicon: Lexicon, min_confidence: float = 0.0) -> None:
        self.lexicon = lexicon
        self.min_confidence = min_confidence

    def __call__(self, article: Article) -> Article:
        events = article_events(article, self.lexicon) if article.doc is not None else []
        article.events = [e for e in events if e.confidence >= self.min_confidence]
        return article


@stage("actions", requires=["doc", "skip_sentences", "mentions", "country_focus", "id"],
       assigns=CODED)
def make_actions(*, resources: Any, min_confidence: float = 0.0,
                 lexicon: str = "") -> ActionStage:
    """Find events, their participants, status and fatalities."""
    return ActionStage(load_lexicon(lexicon or None), min_confidence=min_confidence)
