"""Acceptance on the real Palmyra opinion article (../shared/samples/palmyra.txt, read in
place, never copied): the facts become asserted events, speculation never does."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from testpaths import shared_file

from conflictmap.model import Article, Event

pytestmark = pytest.mark.slow

# Phrases of speculative sentences: whatever is coded there must not be asserted.
SPECULATION = ["will broadcast", "might offer to impose", "might raise the question",
               "would better to send", "could involve", "will attempt to liberate",
               "might be important", "won't try to retake", "will fight for Russia",
               "even believe that", "is easily bypassing", "campaign to defeat"]
# Phrases of sentences that talk about acts (an accusation's content, rules about deploying
# troops, a goal): no ACLED event may come from them.
NO_ACLED_EVENT = ["accuses the Syrian regime of", "is easily bypassing", "campaign to defeat",
                  "even believe that"]


@pytest.fixture(scope="module")
def palmyra(pipeline: Any) -> Article:
    text = shared_file("samples/palmyra.txt").read_text(encoding="utf-8")
    article: Article = pipeline(Article.from_text(text, published=dt.date(2016, 12, 14)))
    return article


def _find(article: Article, sub_event: str, phrase: str) -> Event:
    found = [e for e in article.events
             if e.acled.sub_event_type == sub_event and phrase in e.evidence.text]
    assert found, f"no {sub_event!r} event from the sentence with {phrase!r}"
    return found[0]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def test_palmyra_islamic_state_capture(palmyra: Article) -> None:
    event = _find(palmyra, "Non-state actor overtakes territory", "retook the ancient city")
    assert event.status == "asserted"
    assert event.actor is not None and "Islamic State" in event.actor.name
    assert palmyra.text[event.evidence.start:event.evidence.end] == event.evidence.text
    assert palmyra.doc[event.place_token].text == "Palmyra"
    assert (event.date, event.date_precision) == ("2016-12-11", "day")
    assert event.location is not None
    assert _km(event.location.lat, event.location.lon, 34.56, 38.27) <= 25


def test_palmyra_government_recapture_in_march(palmyra: Article) -> None:
    event = _find(palmyra, "Government regains territory", "liberated in March 2016")
    assert event.status == "asserted"
    assert event.actor is not None and event.actor.country == "SYR"
    assert (event.date, event.date_precision) == ("2016-03", "month")


def test_palmyra_one_event_per_capture(palmyra: Article) -> None:
    captures = [e for e in palmyra.events
                if e.acled.sub_event_type == "Non-state actor overtakes territory"
                and e.place_token >= 0 and palmyra.doc[e.place_token].text == "Palmyra"]
    assert len(captures) == 1


def test_palmyra_nothing_from_caption_or_link_lines(palmyra: Article) -> None:
    for event in palmyra.events:
        text = event.evidence.text
        assert event.evidence.sentence_index not in palmyra.skip_sentences
        assert not text.startswith(("Also read", "Recommended")) and "Photo:" not in text


@pytest.mark.parametrize("phrase", SPECULATION)
def test_palmyra_speculation_never_asserted(palmyra: Article, phrase: str) -> None:
    coded = [e for e in palmyra.events if phrase in e.evidence.text]
    assert all(e.status != "asserted" for e in coded), \
        [(e.trigger, e.status) for e in coded if e.status == "asserted"]


@pytest.mark.parametrize("phrase", NO_ACLED_EVENT)
def test_palmyra_talk_about_acts_is_no_acled_event(palmyra: Article, phrase: str) -> None:
    coded = [(e.trigger, e.acled.sub_event_type) for e in palmyra.events
             if phrase in e.evidence.text and e.acled.sub_event_type]
    assert coded == []


def test_palmyra_neither_nor_is_negated_and_syrians_are_not_civilians(palmyra: Article) -> None:
    fights = [e for e in palmyra.events if "Neither Syrians" in e.evidence.text]
    assert fights and all(e.status == "negated" for e in fights)
    assert all(e.actor is None or e.actor.type != "civilians" for e in fights)


def test_palmyra_retreat_of_the_syrian_forces_is_their_act(palmyra: Article) -> None:
    retreat = next(e for e in palmyra.events
                   if e.plover == "RETREAT" and "retreat of the Syrian" in e.evidence.text)
    assert retreat.actor is not None and retreat.actor.country == "SYR"
    # the other side, if any, is not the Syrian state itself (Islamic State (Syria) may be)
    assert retreat.target is None or retreat.target.sector not in ("GOV", "MIL", "COP")


def test_palmyra_soldiers_taken_prisoner_are_victims_not_captors(palmyra: Article) -> None:
    taken = [e for e in palmyra.events if "taken prisoners" in e.evidence.text]
    assert all(e.status != "asserted" for e in taken)
    assert all(e.actor is None or e.actor.type != "military" for e in taken)
