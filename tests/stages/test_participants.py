"""Who did what to whom: the main event's source and target countries, read from the parse
(subjects, passives, coordination, objects and prepositions, speakers of demands)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conflictmap.evaluation.plover import gold_country, side_actors
from conflictmap.model import Article, Event


def main_event(pipeline: Any, text: str) -> Event:
    article = pipeline(Article.from_text(text, published=dt.date(2024, 3, 5)))
    assert article.events, f"no event in: {text}"
    return article.events[0]


def countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in side_actors(event, side)}


# (sentence, source countries that must all be found, a target country or None)
CASES = [
    # plain subject and object
    ("Kenyan police arrested two Somali traders in Nairobi on Monday.", {"KEN"}, "SOM"),
    # passive with an agent
    ("A Malian army convoy was ambushed by Burkinabe militants near the border.",
     {"BFA"}, "MLI"),
    # coordinated subjects: both count
    ("Peruvian and Chilean diplomats signed a fisheries agreement on Friday.",
     {"PER", "CHL"}, None),
    # object of a preposition
    ("Norway imposed sanctions on Belarus after the disputed vote.", {"NOR"}, "BLR"),
    ("Thailand held talks with Cambodia about the border dispute.", {"THA"}, "KHM"),
    # an indirect object, or a recipient behind a thing given
    ("Japan gave Tonga a large grant for reconstruction.", {"JPN"}, "TON"),
    ("Canada promised to continue its military aid to Jamaica.", {"CAN"}, "JAM"),
    # the speaker of a demand; the one told to act is its target
    ("Austria said that Serbia must release the detained journalists.", {"AUT"}, "SRB"),
    ("Egypt's foreign minister said Israel must be ready to reopen the crossing.",
     {"EGY"}, "ISR"),
    ("Ghana demanded that Togo hand over the suspects.", {"GHA"}, "TGO"),
    ("Poland urged Hungary to lift its veto.", {"POL"}, "HUN"),
    # a subjectless act under a speaker is the speaker's
    ("Norwegian officials said that lifting the sanctions on Iran is out of the question.",
     {"NOR"}, "IRN"),
    # a threat names whom it is conditional on
    ("Turkey threatened to close its airspace unless Greece withdrew the warships.",
     {"TUR"}, "GRC"),
    # an attitude in the passive voice: the subject holds it
    ("Portugal is opposed to any new tariffs on Brazil.", {"PRT"}, None),
    # nominal acts: who held the meeting, where the mediation sits
    ("A delegation of Cuban officials held their first meeting with Mexico on Tuesday.",
     {"CUB"}, "MEX"),
    ("Russia offered to mediate between Armenia and Azerbaijan.", {"RUS"}, "ARM"),
    # an act reported in a nested phrase
    ("Sweden mobilized reservists for a possible conflict against Russia.", {"SWE"}, "RUS"),
    # "guilty of": the subject of the clause above did it
    ("Both the Colombian army and the rebels are guilty of violating the truce.",
     {"COL"}, None),
    # targets named through a purpose or inside another phrase
    ("Bolivian farmers rallied in La Paz in protest against the Peruvian government.",
     {"BOL"}, "PER"),
    ("Kenyan police fired tear gas to disperse Ugandan traders.", {"KEN"}, "UGA"),
    ("The Dutch government rejected repeated calls by Belgium for new border checks.",
     {"NLD"}, "BEL"),
    ("Armenia conceded to demands from Azerbaijan to reopen the road.", {"ARM"}, "AZE"),
    ("Djibouti reiterated its demand that Eritrea withdraw its forces.", {"DJI"}, "ERI"),
    ("Ecuadorian troops retook the village after heavy fighting with Colombian guerrillas.",
     {"ECU"}, "COL"),
    # an explosive device with no one named: an unidentified group of the place's country
    ("A roadside bomb near the town of Baqubah killed two Iraqi policemen on Monday.",
     {"IRQ"}, None),
    ("Four soldiers were killed by an improvised explosive device outside Kandahar.",
     {"AFG"}, None),
    # a country that receives what is sent is a party, not only a destination
    ("Canada sent medical aid to Haiti after the storm.", {"CAN"}, "HTI"),
    # the actor's own troops are not the target
    ("Chad offered its troops to Niger to help fight the insurgents.", {"TCD"}, "NER"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, sources, target", CASES)
def test_source_and_target_countries(pipeline: Any, text: str, sources: set[str],
                                     target: str | None) -> None:
    event = main_event(pipeline, text)
    assert sources <= countries(event, "actor"), (event.plover, event.actor, event.assoc_actors)
    if target is not None:
        assert target in countries(event, "target"), (event.plover, event.target)


@pytest.mark.parametrize("code, iso", [
    ("SYR", "SYR"), ("JAP", "JPN"), ("ITL", "ITA"), ("VTN", "VNM"),
    ("IGO", None), ("NGO", None), ("IMG", None), ("", None), (None, None),
])
def test_gold_codes_read_as_iso_countries(code: str | None, iso: str | None) -> None:
    assert gold_country(code) == iso
