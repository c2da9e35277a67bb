"""Stage `article`: read the article, not the sentence.

Mentions of one act become one event (`mentions`), acts told as history are marked
`reported_as: background` (they keep their own date), and tolls of a whole war or
country are taken off the one act they were read beside."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from ..discourse.background import date_from_clause, is_background, is_yet_to_come
from ..discourse.coref import (borrow_sides, fold_part_acts, main_first, merge_mentions,
                               no_self_target, uncode, uncode_actorless, uncode_unplaced,
                               with_provenance)
from ..discourse.handovers import type_handovers
from ..discourse.lists import split_place_lists
from ..discourse.namesakes import named_countries, unplace_namesakes
from ..discourse.repeated import is_repeated
from ..discourse.tolls import breakdowns, drop_wide_tolls
from ..model import HAPPENED, Article, CodedEvent
from ..registry import event_fields, stage
from .places import to_location

# Merging mentions of one act reads and rewrites its sides, toll, place, date and type.
_MERGED = event_fields("acled", "actor", "target", "confidence", "date", "date_precision",
                       "fatalities", "status", "claimed_by")


class ArticleStage:
    def __init__(self, window_days: int, acts_need_a_place: bool,
                 acts_need_an_actor: bool) -> None:
        self.window_days = window_days
        self.acts_need_a_place = acts_need_a_place
        self.acts_need_an_actor = acts_need_an_actor

    def __call__(self, article: Article) -> Article:
        unplace_namesakes(article.events, named_countries(
            article.mentions, article.country_focus, article.toponyms), article.toponyms)
        article.events = split_place_lists(article.events, article.doc, article.toponyms,
                                           to_location)
        type_handovers(article.events, article.doc)
        for event in article.events:
            date_from_clause(event, article.doc, article.published)
            if is_background(event, article.doc, article.published, self.window_days):
                event.reported_as = "background"
            if event.status in HAPPENED and is_yet_to_come(event, article.published):
                event.status = "future"
        uncode_trends(article.events, article.doc)
        for event in breakdowns(article.events):
            uncode(event)
        events = fold_part_acts(merge_mentions(main_first(article.events), article.doc))
        for event in events:
            with_provenance(event, article.id, article.url)
            no_self_target(event)
        drop_wide_tolls(events, article.doc)
        if self.acts_need_a_place:
            uncode_unplaced(events)
        if self.acts_need_an_actor:
            borrow_sides(events)
            uncode_actorless(events)
        article.events = events
        return article


# An act told in a list of towns is copied whole, once per town: each copy's fields
# are written (every one is read to copy it).
_COPIED = event_fields(*(f.name for f in fields(CodedEvent)))
# The places the text names: an act told in a list of them is one per place.
_PLACES = ("toponyms",)
# The article's actor mentions and focus tell which countries it is about.
_ABOUT = ("mentions", "country_focus")


def uncode_trends(events: list[CodedEvent], doc: Any) -> None:
    """Beside acts told one by one, an act told as many or as a practice is a trend, and
    loses its ACLED type; where the article tells only such acts, the trend is its news
    ("police have arrested 233 activists nationwide since Wednesday") and keeps it."""
    trends = [e for e in events if e.acled.sub_event_type and is_repeated(e, doc)]
    told_as_trend = {id(e) for e in trends}
    if any(e.acled.sub_event_type and id(e) not in told_as_trend for e in events):
        for event in trends:
            uncode(event)


@stage("article", requires=["doc", *_PLACES, "id", "published", "url", "events", *_ABOUT, *_MERGED,
                           *event_fields("id", "location", "evidence", "trigger_token")],
       assigns=["events", *_MERGED, *_COPIED])
def make_article(*, resources: Any, window_days: int = 7, acts_need_a_place: bool = True,
                 acts_need_an_actor: bool = True) -> ArticleStage:
    """Merge the mentions of one act into one event, mark acts told as history as
    background, and drop tolls of a whole war or country from single acts."""
    return ArticleStage(window_days, acts_need_a_place, acts_need_an_actor)
