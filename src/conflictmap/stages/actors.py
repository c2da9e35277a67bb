"""Stage `actors`: actor mentions resolved to the knowledge base.  (Placeholder: issue 3.)"""

from __future__ import annotations

from typing import Any

from ..model import Article
from ..registry import stage


class ActorStage:
    def __init__(self, kb: Any) -> None:
        self.kb = kb

    def __call__(self, article: Article) -> Article:
        article.mentions = []
        return article


@stage("actors", requires=["doc"], assigns=["mentions", "country_focus"])
def make_actors(*, resources: Any, user_file: str = "") -> ActorStage:
    """Find actor mentions and resolve them to knowledge-base identities."""
    return ActorStage(None)
