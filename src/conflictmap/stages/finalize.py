"""Stage `finalize`: implied actors, stable ids, evidence provenance, document order."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..actions.claims import claimed_attacks
from ..actions.implied import fill_implied
from ..actors.kb import ActorKB
from ..model import Article
from ..registry import event_fields, stage

# Implied actors and claims read the whole coded event, its place and date.
_READS = event_fields("acled", "actor", "target", "assoc_actors", "cameo", "plover", "status",
                      "claimed_by", "claimant", "co_sources", "claim_verb", "confidence",
                      "fatalities", "evidence", "trigger", "trigger_start", "trigger_token",
                      "in_passing", "location", "date", "date_precision")
_WRITES = event_fields("id", "article_id", "evidence", "acled", "actor", "target",
                       "assoc_actors", "claimant", "claimed_by", "status", "confidence")


class Finalize:
    def __init__(self, kb: ActorKB | None) -> None:
        self.kb = kb

    def __call__(self, article: Article) -> Article:
        if self.kb is not None:
            article.events = claimed_attacks(article.doc, article.events, article.mentions)
            fill_implied(article.events, self.kb, article.country_focus, article.doc)
        seen: set[str] = set()
        events = []
        # Sentence order; within a sentence the actions stage's order (main event first).
        # An act named in passing with no date of its own would be coded on the
        # publication date: "five years after the fall of Mosul" is not news of a fall.
        kept = [e for e in article.events if not (e.in_passing and
                                                  e.date_precision == "article")]
        for event in sorted(kept, key=lambda e: e.evidence.start):
            event.article_id = article.id
            event.evidence = replace(event.evidence, article_id=article.id, url=article.url)
            if event.assign_id(article.text) in seen:
                continue
            seen.add(event.id)
            events.append(event)
        article.events = events
        return article


@stage("finalize", requires=["doc", "id", "text", "url", "mentions", "country_focus", "events",
                            *_READS],
       assigns=["events", *_WRITES])
def make_finalize(*, resources: Any, implied_actors: bool = True) -> Finalize:
    """Give actor-less arrests and protests the actor they imply (police, protesters of
    the event's country), every event a stable id and its provenance; drop exact
    duplicates."""
    return Finalize(resources.actor_kb if implied_actors else None)
