"""Stage `dates`: temporal expressions resolved against the publication date; event dates.

Expressions come from spaCy's DATE entities and from patterns the small model misses
("Dec. 11", "on Monday", "last week").  Each is resolved on its own words, never the
whole sentence: common shapes by rule (past preferred when the year is left out),
the rest by dateparser with the publication date as base.  An event takes the
expression attached to its own clause (nearest its trigger in the parse, not crossing
another verb), so "IS retook Palmyra on Dec. 11, which was liberated in March 2016"
gives the retaking 2016-12-11 and the liberation 2016-03; with none, the publication
date with precision `article`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Article, Event, Timex
from ..registry import stage
from ..timex import pattern_spans, resolve_timex


def find_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans of candidate expressions: DATE entities plus pattern matches."""
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    spans.extend(pattern_spans(doc.text))
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def extract_timexes(doc: Any, published: dt.date | None) -> list[Timex]:
    base = published or dt.date.today()
    sent_starts = [s.start_char for s in doc.sents]
    out = []
    for start, end in find_spans(doc):
        text = doc.text[start:end]
        resolved = resolve_timex(text, base, anchored=published is not None)
        if resolved is None:
            continue
        value, precision, offset = resolved
        start += offset
        sent = sum(1 for s in sent_starts if s <= start) - 1
        out.append(Timex(start, end, doc.text[start:end], value, precision, max(sent, 0)))
    return out


def _ancestors(tok: Any) -> list[Any]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def tree_distance(trigger: Any, tok: Any) -> tuple[int, bool]:
    """Edges between two tokens, and whether the path crosses another verb's clause."""
    up_t = _ancestors(trigger)
    up_x = _ancestors(tok)
    index = {t.i: n for n, t in enumerate(up_t)}
    for n, t in enumerate(up_x):
        if t.i in index:
            between = up_x[1:n] + up_t[1:index[t.i]]
            blocked = any(b.pos_ in ("VERB", "AUX") and b.dep_ != "aux" for b in up_x[1:n])
            if t.i != trigger.i and t.pos_ == "VERB":
                blocked = True
            return n + index[t.i], blocked or any(b.dep_ == "relcl" for b in between)
    return 99, True


def event_timex(doc: Any, event: Event, timexes: list[Timex]) -> Timex | None:
    """The expression that dates this event: attached to its clause, nearest in the parse."""
    if not 0 <= event.trigger_token < len(doc):
        return None
    trigger = doc[event.trigger_token]
    sent = trigger.sent
    best: tuple[int, Timex] | None = None
    for timex in timexes:
        if not sent.start_char <= timex.start < sent.end_char:
            continue
        root = _span_root(doc, timex)
        if root is None:
            continue
        distance, blocked = tree_distance(trigger, root)
        if blocked:
            continue
        if best is None or distance < best[0]:
            best = (distance, timex)
    return best[1] if best else None


def _span_root(doc: Any, timex: Timex) -> Any:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


class DateStage:
    def __init__(self, prefer_past: bool = True) -> None:
        self.prefer_past = prefer_past

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        article.timexes = extract_timexes(doc, article.published) if doc is not None else []
        for event in article.events:
            timex = event_timex(doc, event, article.timexes) if doc is not None else None
            if timex is not None:
                event.date, event.date_precision = timex.value, timex.precision
            elif article.published:
                event.date, event.date_precision = article.published.isoformat(), "article"
        return article


def date_articles(articles: Iterable[Article], resources: Any) -> Iterator[Article]:
    """Parse articles and resolve their dates, without the event stages (dates CLI, eval)."""
    from .nlp import NlpStage

    stage_ = DateStage()
    for article in NlpStage(resources.nlp).pipe(articles):
        article.events = []
        yield stage_(article)


@stage("dates", requires=["doc", "events"], assigns=["timexes", "events.date"])
def make_dates(*, resources: Any, prefer_past: bool = True) -> DateStage:
    """Resolve dates and give each event the date that belongs to it."""
    return DateStage(prefer_past)
