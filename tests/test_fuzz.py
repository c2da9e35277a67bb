"""Fuzzing (hypothesis): the readers and `conflictmap.extract` on hostile input.

The readers turn any bytes into articles or `InputError`s that name the input, and never
raise; `extract` returns events whose evidence lies inside the text, whatever the text
(arbitrary unicode, control characters, very long lines, mixed scripts, markup).  Each
test is bounded (a few dozen examples) so CI stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictmap.errors import InputError
from conflictmap.ingest import read_bytes
from conflictmap.model import Article

BOUNDED = settings(max_examples=60, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow])
SENTENCE = ("Rebel fighters attacked an army checkpoint near Saraqib on Monday, killing "
            "three soldiers, the army said.")
SCRIPTS = ["Arabic", "Cyrillic", "Han", "Devanagari", "Hebrew"]
SAMPLES = {"Arabic": "هاجم مسلحون نقطة تفتيش", "Cyrillic": "Боевики атаковали блокпост",
           "Han": "叛军袭击了检查站", "Devanagari": "विद्रोहियों ने हमला किया",
           "Hebrew": "מורדים תקפו מחסום"}

any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
printable = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc"]),
                    max_size=200)
control = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co"]),
                  min_size=1, max_size=50)
long_line = st.builds(lambda n, w: (w + " ") * n, st.integers(300, 1500),
                      st.sampled_from(["attacked", "x", "Saraqib,", "\u200b", "—"]))
mixed = st.lists(st.one_of(st.just(SENTENCE), st.sampled_from(list(SAMPLES.values())),
                           any_text), min_size=1, max_size=6).map(" ".join)
markup = st.builds(lambda tag, body, attr: f"<{tag} {attr}>{body}</{tag}><p>{SENTENCE}</p>",
                   st.sampled_from(["p", "script", "div", "a", "svg", "![CDATA[", "title"]),
                   any_text, st.sampled_from(['href="javascript:x"', "onload=alert(1)", "",
                                              'style="x"']))
hostile = st.one_of(any_text, control, long_line, mixed, markup,
                    st.builds(lambda a, b: a + SENTENCE + b, control, any_text))


def _check_items(items: list[Any], source: str) -> None:
    for item in items:
        assert isinstance(item, (Article, InputError)), type(item)
        if isinstance(item, InputError):
            assert item.source.startswith(source) and item.problem, item
        else:
            assert isinstance(item.text, str) and item.text.strip()


@pytest.mark.parametrize("kind", [None, "text", "html", "jsonl", "feed"])
@BOUNDED
@given(data=st.one_of(hostile.map(lambda t: t.encode("utf-8")), st.binary(max_size=300)))
def test_fuzz_readers_never_raise_on_any_bytes(kind: str | None, data: bytes) -> None:
    _check_items(list(read_bytes(data, source="fuzz.in", kind=kind,
                                 published=dt.date(2020, 1, 1))), "fuzz.in")


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | any_text,
                          lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(any_text, inner, max_size=3), max_leaves=8)
record = st.fixed_dictionaries({}, optional={
    "id": json_value, "text": st.one_of(hostile, json_value), "html": st.one_of(markup,
                                                                              json_value),
    "published": st.one_of(st.dates().map(str), json_value), "title": json_value,
    "url": json_value, "source": json_value})


@BOUNDED
@given(rows=st.lists(st.one_of(record.map(json.dumps), printable), min_size=1, max_size=5))
def test_fuzz_jsonl_rows_are_articles_or_named_errors(rows: list[str]) -> None:
    """Every line is judged alone: an article, or an error naming `file:line` (a file
    with control characters is refused whole as binary, the readers' test covers it)."""
    data = "\n".join(r.replace("\n", " ") for r in rows).encode("utf-8", "surrogatepass")
    items = list(read_bytes(data, source="rows.jsonl", kind="jsonl"))
    _check_items(items, "rows.jsonl")
    lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
    if lines:  # one item per line, each error naming its line
        assert len(items) == len(lines)
        for item in items:
            if isinstance(item, InputError):
                assert item.source.startswith("rows.jsonl:"), item


feed_entry = st.builds(
    lambda title, body, date: f"<item><title>{title}</title><description>{body}"
                              f"</description><pubDate>{date}</pubDate></item>",
    any_text, st.one_of(hostile, markup), st.one_of(any_text, st.just("Mon, 02 Mar 2020")))


@BOUNDED
@given(entries=st.lists(feed_entry, max_size=4), head=st.sampled_from(
    ['<?xml version="1.0"?><rss version="2.0"><channel>', "<rss><channel>",
     '<feed xmlns="http://www.w3.org/2005/Atom">']))
def test_fuzz_feeds_give_articles_or_named_errors(entries: list[str], head: str) -> None:
    data = (head + "".join(entries) + "</channel></rss>").encode("utf-8", "surrogatepass")
    _check_items(list(read_bytes(data, source="feed.xml", kind="feed")), "feed.xml")


@pytest.mark.slow
@settings(max_examples=20, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile)
def test_fuzz_extract_returns_events_inside_the_text(text: str) -> None:
    from conflictmap import extract

    for event in extract(text, published="2020-03-04"):
        ev = event.evidence
        assert 0 <= ev.start <= ev.end <= len(text)
        assert ev.text.strip() and ev.text.strip() in text
        assert 0 <= event.confidence <= 1
