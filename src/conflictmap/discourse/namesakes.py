"""Places the article cannot mean: a town in a country the text never names.

The gazetteer picks among namesakes ("Bani" in Burkina Faso, Laos and the Dominican
Republic) with few clues; when the country it picked is named by no actor, country or
demonym anywhere in the article, the pick is a namesake's, and the act is left unplaced
(its country-level place, if any, comes from the coreferent mentions or stays open)
rather than put in a country the report is not about.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..gazetteer.base import COUNTRY_CODES
from ..model import ActorMention, CodedEvent, Toponym

# A town this big is what its name means unless the text says otherwise ('Baghdad',
# 'Karachi'): no namesake misread, whichever countries the actors are from.
WELL_KNOWN = 100_000


def named_countries(mentions: Iterable[ActorMention], focus: str | None,
                    toponyms: Iterable[Toponym] = ()) -> set[str]:
    """The countries the article names: its focus, those of its actor mentions, those
    it names as places or peoples ('in Iraq', 'Spanish police'), and those two of its
    places lie in."""
    toponyms = list(toponyms)
    named = {m.actor.country for m in mentions if m.actor.country}
    named |= {t.place.country for t in toponyms if t.place is not None and
              t.place.country and _names_country(t)}
    return named | _agreed(toponyms) | ({focus} if focus else set())


def _agreed(toponyms: list[Toponym]) -> set[str]:
    """Countries two different places of the text lie in ('Orgun, in Paktika'): places
    that agree on a country are no namesakes' misreading."""
    places: dict[str, set[int]] = {}
    for t in toponyms:
        if t.place is not None and t.place.country and t.place.geonames_id is not None:
            places.setdefault(t.place.country, set()).add(t.place.geonames_id)
    return {country for country, ids in places.items() if len(ids) >= 2}


def _well_known(toponym: Toponym) -> bool:
    """A big town named by one of its names, not a loose spelling ('Shaar' for Sarh)."""
    place = toponym.place
    return place is not None and place.geonames_id is not None and \
        place.population >= WELL_KNOWN and not toponym.reason.startswith("spelling variant")


def _names_country(toponym: Toponym) -> bool:
    """A name resolved to a country, or a people's name ('Iraqi')."""
    place = toponym.place
    return place is not None and ((place.feature_code or "") in COUNTRY_CODES or
                                  toponym.reason.startswith("demonym"))


def unplace_namesakes(events: Iterable[CodedEvent], named: set[str],
                      toponyms: Iterable[Toponym] = ()) -> None:
    """Clear the place of every act placed in a country the article never names, unless
    the place is a well-known town among the article's `toponyms`."""
    if not named:
        return  # nothing says what the article is about: keep the gazetteer's pick
    known = {t.place.geonames_id for t in toponyms if t.place is not None and _well_known(t)}
    for event in events:
        loc = event.location
        if loc is not None and loc.country and loc.country not in named and \
                loc.geonames_id not in known:
            event.location = None
