"""Organisations the knowledge base does not know become actors of their own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conflictmap.model import Article


def run(pipeline: Any, text: str) -> Article:
    article: Article = pipeline(Article.from_text(text, published=dt.date(2023, 6, 15)))
    return article


def test_unknown_party_acts_with_the_country_of_its_sentence(pipeline: Any) -> None:
    article = run(pipeline, "The Popular Renewal Party said it would boycott Algeria's "
                            "presidential election.")
    boycott = next(e for e in article.events if e.plover == "SANCTION")
    assert boycott.actor is not None
    assert (boycott.actor.name, boycott.actor.country) == ("Popular Renewal Party", "DZA")
    assert boycott.actor.type == "party" and boycott.actor.inter == 6


def test_country_word_inside_a_name_gives_way_to_the_organisation(pipeline: Any) -> None:
    article = run(pipeline, "The Serbian Workers' Union called for a general strike.")
    names = [m.actor.name for m in article.mentions if m.actor is not None]
    assert names == ["Serbian Workers' Union"]
    assert article.mentions[0].actor is not None
    assert article.mentions[0].actor.sector == "LAB"


def test_known_actors_and_state_bodies_stay_known(pipeline: Any) -> None:
    article = run(pipeline, "The UN Security Council and the African Union condemned the "
                            "attack by Hezbollah.")
    ids = {m.actor.id for m in article.mentions if m.actor is not None}
    assert not any(i.startswith("org:") for i in ids)


def test_news_agencies_are_not_actors(pipeline: Any) -> None:
    article = run(pipeline, "Police arrested five men in Nairobi, the Kenya News Agency "
                            "reported.")
    assert all(not (m.actor and m.actor.id.startswith("org:")) for m in article.mentions)


def test_region_in_brackets_after_a_place_is_not_an_actor(pipeline: Any) -> None:
    article = run(pipeline, "Fano militia took control of Lalibela town (Amhara) on Monday.")
    assert [m.text for m in article.mentions] == ["Fano militia"]


@pytest.mark.parametrize("text, sector", [
    ("Striking French workers blocked the port of Marseille on Monday.", "LAB"),
    ("Thousands of students protested in Jakarta on Monday.", "EDU"),
    ("Angry farmers blocked roads in Paris on Monday.", "AGR"),
])
def test_people_keep_the_sector_of_what_they_do(pipeline: Any, text: str,
                                                sector: str) -> None:
    event = next(e for e in run(pipeline, text).events if e.plover == "PROTEST")
    assert event.actor is not None and event.actor.sector == sector
    assert event.actor.cameo is not None and event.actor.cameo.endswith(sector)


def test_region_list_in_brackets_is_where_a_place_is(pipeline: Any) -> None:
    article = run(pipeline, "Fano militia took control of the town (Lalibela, North Wollo, "
                            "Amhara) on Monday.")
    assert [m.text for m in article.mentions] == ["Fano militia"]


def test_a_description_of_a_named_group_is_that_group(pipeline: Any) -> None:
    article = run(pipeline, "Tuareg rebels of the MNLA seized Kidal in 2012.")
    seized = next(e for e in article.events if e.trigger == "seized")
    assert seized.actor is not None and seized.actor.id == "mnla"
