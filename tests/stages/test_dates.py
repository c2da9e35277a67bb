"""Stage `dates`: expressions resolved against the publication date; each event's own date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from handparse import HandParsed
from testpaths import DATA

from conflictmap.model import AcledCoding, Article, CodedEvent, Evidence
from conflictmap.stages.dates import DateStage, extract_timexes
from conflictmap.timex import resolve_timex


@pytest.fixture(scope="module")
def parses() -> HandParsed:
    """The texts of these tests, parsed by hand (tests/data/parses/dates.txt): the rules
    run without the spaCy model."""
    return HandParsed(DATA / "parses" / "dates.txt")

DEC_14_2016 = dt.date(2016, 12, 14)  # a Wednesday


@pytest.mark.parametrize("text, value, precision", [
    ("Dec. 11", "2016-12-11", "day"),
    ("December 11, 2016", "2016-12-11", "day"),
    ("11 December", "2016-12-11", "day"),
    ("March 2016", "2016-03", "month"),
    ("April", "2016-04", "month"),
    ("early December", "2016-12", "month"),
    ("last April", "2016-04", "month"),
    ("2015", "2015", "year"),
    ("fiscal 2015", "2015", "year"),
    ("Monday", "2016-12-12", "day"),
    ("last Friday", "2016-12-09", "day"),
    ("yesterday", "2016-12-13", "day"),
    ("today", "2016-12-14", "day"),
    ("last week", "2016-W49", "week"),
    ("last month", "2016-11", "month"),
    ("this year", "2016", "year"),
    ("two years ago", "2014", "year"),
    ("the third quarter", "2016-Q3", "quarter"),
    ("nineteen ninety-six", "1996", "year"),
    ("12/11/2016", "2016-12-11", "day"),
    ("the second quarter of 2014", "2014-Q2", "quarter"),
    ("last year's fourth quarter", "2015-Q4", "quarter"),
    ("the year-ago quarter", "2015-Q3", "quarter"),
    ("the first half of 2015", "2015-H1", "half"),
    ("the current fiscal year", "2016", "year"),
    ("by year-end", "2016", "year"),
    ("the year 2000", "2000", "year"),
    ("October nineteen ninety-seven", "1997-10", "month"),
    ("last summer", "2016-SU", "season"),
    ("next spring", "2017-SP", "season"),
    ("the winter of 2014", "2014-WI", "season"),
    ("the weekend", "2016-W49-WE", "weekend"),
    ("this weekend", "2016-W50-WE", "weekend"),
    ("the 1990s", "199", "decade"),
    ("the late '70s", "197", "decade"),
    ("the last decade", "200", "decade"),
    ("the 20th century", "19", "century"),
    ("recently", "PAST_REF", "ref"),
    ("in the past", "PAST_REF", "ref"),
    ("several years ago", "PAST_REF", "ref"),
    ("the near future", "FUTURE_REF", "ref"),
    ("these days", "PRESENT_REF", "ref"),
])
def test_dates_resolve_against_publication_date(text: str, value: str, precision: str) -> None:
    assert resolve_timex(text, DEC_14_2016)[:2] == (value, precision)


@pytest.mark.parametrize("text", ["about three days", "the past two weeks", "several weeks",
                                  "forty-five", "the fall of the city", "every week",
                                  "the decade", "the mayor"])
def test_dates_durations_and_vague_words_are_not_dates(text: str) -> None:
    assert resolve_timex(text, DEC_14_2016) is None


@pytest.mark.parametrize("text, future, value", [
    ("Dec. 20", False, "2016-12-20"),  # 'extended the deadline to Dec. 20'
    ("Dec. 20", True, "2016-12-20"),
    ("Friday", False, "2016-12-09"),
    ("Friday", True, "2016-12-16"),
    ("Friday", None, "2016-12-16"),
    ("Monday", None, "2016-12-12"),
    ("Jan. 3", None, "2017-01-03"),
    ("Jan. 3", True, "2017-01-03"),
    ("Jan. 3", False, "2016-01-03"),
    ("Nov. 30", None, "2016-11-30"),
    ("the summer", False, "2016-SU"),
])
def test_dates_year_left_out_follows_tense(text: str, future: bool | None, value: str) -> None:
    assert resolve_timex(text, DEC_14_2016, future=future)[0] == value


FEB_10_2016 = dt.date(2016, 2, 10)


@pytest.mark.parametrize("text, future, value", [
    ("Nov. 5", False, "2015-11-05"),   # a past clause: last November
    ("Nov. 5", True, "2016-11-05"),
    ("March 20", False, "2016-03-20"),  # 'declared a dividend payable March 20'
    ("April", False, "2016-04"),
    ("June", False, "2015-06"),
    ("the summer", False, "2015-SU"),
    ("last winter", False, "2015-WI"),
])
def test_dates_past_clause_keeps_the_coming_weeks_in_this_year(text: str, future: bool | None,
                                                               value: str) -> None:
    assert resolve_timex(text, FEB_10_2016, future=future)[0] == value


def test_dates_relative_words_need_a_publication_date() -> None:
    assert resolve_timex("yesterday", DEC_14_2016, anchored=False) is None
    assert resolve_timex("March 2016", DEC_14_2016, anchored=False)[:2] == ("2016-03", "month")


def _events(parses: Any, text: str, triggers: list[str], published: dt.date | None) -> Article:
    article = Article.from_text(text, published=published)
    article.doc = parses(text)
    for trigger in triggers:
        tok = next(t for t in article.doc if t.text == trigger)
        sent = tok.sent
        article.events.append(CodedEvent(
            article_id=article.id, plover="ASSAULT", cameo="190", acled=AcledCoding(None, None),
            trigger=trigger, trigger_token=tok.i,
            evidence=Evidence(sent.text, sent.start_char, sent.end_char, 0)))
    return DateStage()(article)


@pytest.mark.parametrize("text, dates", [
    ("On Dec. 11, the militants retook the old town, which the army had liberated in "
     "March 2016.", {"retook": ("2016-12-11", "day"), "liberated": ("2016-03", "month")}),
    ("Rebels shelled the airport on Monday. Officials said the army withdrew.",
     {"shelled": ("2016-12-12", "day"), "withdrew": ("2016-12-14", "article")}),
    ("In 2014 the group captured the dam; last week it lost it.",
     {"captured": ("2014", "year"), "lost": ("2016-W49", "week")}),
])
def test_dates_each_event_gets_the_date_of_its_clause(parses: Any, text: str,
                                                      dates: dict[str, tuple[str, str]]
                                                      ) -> None:
    article = _events(parses, text, list(dates), DEC_14_2016)
    got = {e.trigger: (e.date, e.date_precision) for e in article.events}
    assert got == dates


def test_dates_timexes_have_offsets_into_the_text(parses: Any) -> None:
    text = "Fighting resumed on Dec. 11 and again yesterday, three days after the truce."
    timexes = extract_timexes(parses(text), DEC_14_2016)
    assert [(t.text, t.value) for t in timexes] == [("Dec. 11", "2016-12-11"),
                                                   ("yesterday", "2016-12-13")]
    assert all(text[t.start:t.end] == t.text for t in timexes)


@pytest.mark.parametrize("text, dates", [
    ("Rebels have recently shelled the airport.", {"shelled": ("2016-12-14", "article")}),
    ("The offensive began last summer.", {"began": ("2016", "year")}),
    ("The militia seized the dam in 2014 and lost it the following year.",
     {"seized": ("2014", "year"), "lost": ("2015", "year")}),
    ("Militants attacked the convoy over the weekend.", {"attacked": ("2016-W49", "week")}),
])
def test_dates_events_take_calendar_dates_only(parses: Any, text: str,
                                               dates: dict[str, tuple[str, str]]) -> None:
    article = _events(parses, text, list(dates), DEC_14_2016)
    assert {e.trigger: (e.date, e.date_precision) for e in article.events} == dates


@pytest.mark.parametrize("text, values", [
    ("Aid groups fear more sieges in the near future, as in recent years.",
     [("the near future", "FUTURE_REF"), ("recent years", "PAST_REF")]),
    ("Exports fell in the third quarter of 2015.", [("the third quarter of 2015", "2015-Q3")]),
    ("The council declared a truce, effective Dec. 20.", [("Dec. 20", "2016-12-20")]),
    ("The new curfew takes effect Friday.", [("Friday", "2016-12-16")]),
    ("The army has held the hill since Dec. 20.", [("Dec. 20", "2015-12-20")]),
    ("After the fall of the city, the siege of Aleppo began.", []),
    ("The town changed hands twice in the 1990s.", [("the 1990s", "199")]),
    ("The group took the city in 2014 and by the end of the year it held the dam.",
     [("2014", "2014"), ("the end of the year", "2014")]),
    ("The army hopes to retake the valley by the end of the year.",
     [("the end of the year", "2016")]),
    ("Rebels entered the town on Dec. 3 and three days later the army withdrew.",
     [("Dec. 3", "2016-12-03"), ("three days later", "2016-12-06")]),
    ("The militia took the dam in 2011; two years later it lost it.",
     [("2011", "2011"), ("two years later", "2013")]),
])
def test_dates_timexes_of_a_sentence(parses: Any, text: str, values: list[tuple[str, str]]
                                     ) -> None:
    assert [(t.text, t.value) for t in extract_timexes(parses(text), DEC_14_2016)] == values


@pytest.mark.parametrize("text, value", [
    ("Rebels captured the town on Dec. 3.", "2015-12-03"),
    ("The council declared a truce, effective Dec. 3.", "2016-12-03"),
    ("The army extended the ceasefire to Nov. 20.", "2016-11-20"),
    ("The army will withdraw on Dec. 3.", "2016-12-03"),
])
def test_dates_past_verb_dates_what_hangs_on_it(parses: Any, text: str, value: str) -> None:
    timexes = extract_timexes(parses(text), dt.date(2016, 10, 5))
    assert [t.value for t in timexes] == [value]


def test_dates_without_publication_date_event_stays_undated(parses: Any) -> None:
    article = _events(parses, "Rebels shelled the airport.", ["shelled"], None)
    assert article.events[0].date is None


@pytest.mark.parametrize("prefer_past, value", [(True, "2016-01-03"), (False, "2017-01-03")])
def test_dates_prefer_past_setting_when_no_verb_tells(parses: Any, prefer_past: bool,
                                                      value: str) -> None:
    timexes = extract_timexes(parses("Peace summit: Jan. 3"), DEC_14_2016, prefer_past=prefer_past)
    assert [t.value for t in timexes] == [value]
