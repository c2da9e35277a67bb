"""Stage `places`: toponyms resolved to the gazetteer; each event's own location.
(Placeholder: issue 5.)"""

from __future__ import annotations

from typing import Any

from ..model import Article
from ..registry import stage


class PlaceStage:
    def __call__(self, article: Article) -> Article:
        article.toponyms = []
        return article


@stage("places", requires=["doc", "events"], assigns=["toponyms", "events.location"])
def make_places(*, resources: Any, gazetteer: str = "") -> PlaceStage:
    """Resolve place names and locate each event."""
    return PlaceStage()
