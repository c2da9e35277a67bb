"""Stage `finalize`: stable ids, evidence provenance, and document order for events."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model import Article
from ..registry import stage


class Finalize:
    def __call__(self, article: Article) -> Article:
        seen: set[str] = set()
        events = []
        # Sentence order; within a sentence the actions stage's order (main event first).
        for event in sorted(article.events, key=lambda e: e.evidence.start):
            event.article_id = article.id
            event.evidence = replace(event.evidence, article_id=article.id, url=article.url)
            if event.assign_id(article.text) in seen:
                continue
            seen.add(event.id)
            events.append(event)
        article.events = events
        return article


@stage("finalize", requires=["events"], assigns=["events.id"])
def make_finalize(*, resources: Any) -> Finalize:
    """Give every event a stable id and its provenance; drop exact duplicates."""
    return Finalize()
