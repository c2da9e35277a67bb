"""Stage `dates`: temporal expressions resolved against the publication date; event dates.
(Placeholder: issue 5.)"""

from __future__ import annotations

from typing import Any

from ..model import Article
from ..registry import stage


class DateStage:
    def __call__(self, article: Article) -> Article:
        article.timexes = []
        for event in article.events:
            if event.date is None and article.published:
                event.date, event.date_precision = article.published.isoformat(), "article"
        return article


@stage("dates", requires=["doc", "events"], assigns=["timexes", "events.date"])
def make_dates(*, resources: Any, prefer_past: bool = True) -> DateStage:
    """Resolve dates and give each event the date that belongs to it."""
    return DateStage()
