"""Stage `actions`: event triggers with actor and target, coded in PLOVER/CAMEO/ACLED.
(Placeholder: issue 4.)"""

from __future__ import annotations

from typing import Any

from ..model import Article
from ..registry import stage


class ActionStage:
    def __call__(self, article: Article) -> Article:
        article.events = []
        return article


@stage("actions", requires=["doc", "skip_sentences", "mentions"], assigns=["events"])
def make_actions(*, resources: Any, min_confidence: float = 0.0) -> ActionStage:
    """Find events, their participants, status and fatalities."""
    return ActionStage()
