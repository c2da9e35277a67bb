"""Places the article cannot mean: a town in a country the text never names.

The gazetteer picks among namesakes ("Bani" in Burkina Faso, Laos and the Dominican
Republic) with few clues; when the country it picked is named by no actor, country or
demonym anywhere in the article, the pick is a namesake's, and the act is left unplaced
(its country-level place, if any, comes from the coreferent mentions or stays open)
rather than put in a country the report is not about.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import ActorMention, CodedEvent


def named_countries(mentions: Iterable[ActorMention], focus: str | None) -> set[str]:
    """The countries the article names: its focus, and those of its actor mentions."""
    named = {m.actor.country for m in mentions if m.actor.country}
    return named | {focus} if focus else named


def unplace_namesakes(events: Iterable[CodedEvent], named: set[str]) -> None:
    """Clear the place of every act placed in a country the article never names."""
    if not named:
        return  # nothing says what the article is about: keep the gazetteer's pick
    for event in events:
        loc = event.location
        if loc is not None and loc.country and loc.country not in named:
            event.location = None
