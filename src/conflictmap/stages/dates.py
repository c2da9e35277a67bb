"""Stage `dates`: temporal expressions resolved against the publication date; event dates.

Expressions come from spaCy's DATE entities and from patterns the small model misses
("Dec. 11", "on Monday", "last week").  Each is resolved on its own words, never the
whole sentence: common shapes by rule (past preferred when the year is left out),
the rest by dateparser with the publication date as base.  An event takes the
expression attached to its own clause (nearest its trigger in the parse, not crossing
another verb), so "IS retook Palmyra on Dec. 11, which was liberated in March 2016"
gives the retaking 2016-12-11 and the liberation 2016-03; with none, the publication
date with precision `article`.  Expressions keep TimeML values that are no calendar dates
("recently" PAST_REF, "the 1990s" 199); an event never takes one: a season or half dates
it to its year, a weekend to its week, the rest to the publication date (`article`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..discourse.background import REPORTING
from ..lang import EN
from ..model import Article, CodedEvent, Timex
from ..nlp import sentence_starts
from ..registry import event_fields, stage
from ..timex import (
    CALENDAR_PRECISIONS,
    anchor_shift,
    anchor_to_previous,
    anchor_to_quarter,
    anchor_year_noun,
    pattern_spans,
    resolve_timex,
)
from ..timex.calendar import shift_year


def find_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans of candidate expressions: pattern matches first (they are exact),
    then the DATE entities that no pattern covers."""
    found = sorted(set(pattern_spans(doc.text)), key=lambda s: (s[0], -s[1]))
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    for ent in doc.ents:
        if ent.label_ == "DATE" and not any(s < ent.end_char and ent.start_char < e
                                            for s, e in spans):
            spans.append((ent.start_char, ent.end_char))
    return sorted(spans)


# Verbs of intent: an infinitive after them looks ahead ("vowed to march on Monday"); one
# after an attempt tells when it was made ("tried to storm the town on Monday").
FUTURE_VERBS = EN.words("future_verbs") - {"try", "attempt"}
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_PERFECT_AUX = EN.words("perfect_aux")


def clause_tense(doc: Any, start: int, end: int) -> str | None:
    """The tense of the clause governing the span: `future` ('will meet Monday'), `past`
    ('met on Monday'), `present` ('the deal takes effect Monday'), or None when no verb
    tells (a past verb tells only of the dates that hang on it)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    chain = _ancestors(span.root)
    n = next((i for i, t in enumerate(chain) if t.pos_ in ("VERB", "AUX")), None)
    if n is None:
        return None
    verb = chain[n]
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VB" and "to" in auxes and _purpose_of_past(verb):
        return "past"  # "used live ammunition to disperse protesters on Monday"
    if any(a in _FUTURE_AUX for a in auxes) or verb.tag_ == "VB" and "to" in auxes:
        return "future"
    if verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(a in _PERFECT_AUX for a in auxes):
        return "past" if _on_the_verb(chain[1:n]) else None
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _purpose_of_past(verb: Any) -> bool:
    """An infinitive of purpose under a past verb tells what was done, not a plan ('fired
    tear gas to disperse the crowd', 'used live rounds to disperse them'); one after a verb
    of intent ('vowed to march on Monday') looks ahead."""
    if verb.dep_ not in ("acl", "advcl", "xcomp"):
        return False
    head = verb.head
    while head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    return bool(head.tag_ == "VBD" and head.lemma_.lower() not in FUTURE_VERBS)


_ENDPOINTS = frozenset({"to", "until", "till", "through", "by"})


def _on_the_verb(between: list[Any]) -> bool:
    """Whether a date hangs on its verb itself ('fell on Dec. 11'), not on a word of its
    own ('declared a dividend payable Dec. 15') nor as an end point ('extended to Nov. 20'),
    which a past verb does not put in the past."""
    return all(t.pos_ == "ADP" and t.lower_ not in _ENDPOINTS for t in between)


_LOOKS_AHEAD = {"future": True, "past": False, "present": None}


def looks_ahead(doc: Any, start: int, end: int, prefer_past: bool = True) -> bool | None:
    """True when the clause looks ahead, False when it looks back or no verb tells and the
    past is preferred; None (the nearest reading) for the present tense, or when no verb
    tells and the past is not preferred."""
    tense = clause_tense(doc, start, end)
    if tense is None:
        return False if prefer_past else None
    return _LOOKS_AHEAD[tense]


_SINCE = re.compile(r"\bsince\s*$", re.IGNORECASE)


def not_after(resolved: tuple[str, str, int], base: dt.date) -> tuple[str, str, int]:
    """'since Dec. 20' read on Dec. 14: a start that lies ahead is last year's."""
    value, precision, offset = resolved
    if precision not in ("day", "month") or value <= base.isoformat()[:len(value)]:
        return resolved
    if precision == "day":
        return shift_year(dt.date.fromisoformat(value), -1).isoformat(), precision, offset
    return f"{int(value[:4]) - 1:04d}{value[4:]}", precision, offset


def extract_timexes(doc: Any, published: dt.date | None, *, prefer_past: bool = True
                    ) -> list[Timex]:
    """Expressions of the doc resolved against `published`.  When no verb tells the tense,
    a date whose year is left out is placed in the past (`prefer_past`) or nearest."""
    base = published or dt.date.today()
    text = doc.text  # built from the tokens on every access: read it once
    sent_starts = [c for _, c in sentence_starts(doc)]
    out: list[Timex] = []
    for start, end in find_spans(doc):
        sent = max(bisect.bisect_right(sent_starts, start) - 1, 0)
        try:
            timex = _timex(doc, text, start, end, sent, out, base=base,
                           anchored=published is not None, prefer_past=prefer_past)
        except (OverflowError, ValueError):  # a step past year 1 or 9999: no date
            timex = None
        if timex is not None:
            out.append(timex)
    return out


def _timex(doc: Any, text: str, start: int, end: int, sent: int, earlier: list[Timex], *,
           base: dt.date, anchored: bool, prefer_past: bool) -> Timex | None:
    """One expression resolved (against the base date or the expressions before it)."""
    words = text[start:end]
    since = _SINCE.search(text[max(0, start - 8):start]) is not None
    tense = "past" if since else clause_tense(doc, start, end)
    future = _LOOKS_AHEAD.get(tense or "", False if prefer_past else None)
    resolved = (anchor_to_previous(words, earlier) or anchor_shift(words, earlier) or
                anchor_year_noun(words, [t for t in earlier if t.sentence_index == sent]) or
                resolve_timex(words, base, anchored=anchored, future=future,
                              strict_past=tense == "past"))
    if resolved is None:
        return None
    if since:
        resolved = not_after(resolved, base)
    value, precision, offset = anchor_to_quarter(words, resolved, earlier)
    start += offset
    return Timex(start, end, text[start:end], value, precision, sent)


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
            if t.i != trigger.i and t.pos_ == "VERB" and not _same_act(up_t[:index[t.i]]):
                blocked = True
            return n + index[t.i], blocked or any(b.dep_ == "relcl" for b in between)
    return 99, True


# How a trigger hangs off a verb that shares its time: its argument ("during a protest",
# "launched an attack") or the complement of a means or aspect verb ("used tear gas to
# disperse", "began shelling").
ARGUMENT_DEPS = frozenset(("pobj", "prep", "dobj", "nsubj", "nsubjpass", "compound", "amod",
                           "npadvmod", "attr", "agent", "appos", "pcomp"))
SAME_TIME_VERBS = EN.words("same_time_verbs")


def _same_act(chain: list[Any]) -> bool:
    """Whether the words from a trigger up to (not including) a governing verb keep to that
    verb's own act."""
    for t in chain:
        if t.dep_ in ARGUMENT_DEPS:
            continue
        if t.dep_ in ("xcomp", "advcl") and t.head.lemma_.lower() in SAME_TIME_VERBS:
            continue
        return False
    return bool(chain)


def event_timex(doc: Any, event: CodedEvent, timexes: list[Timex]) -> Timex | None:
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
    return best[1] if best else (_frame_date(doc, trigger, timexes) or
                                 _said_on(doc, trigger, timexes))


# Clauses whose acts do not share the sentence's date: what someone says or wants, and
# what happened before or after.
_OWN_TIME_DEPS = frozenset(("ccomp", "xcomp", "csubj", "parataxis"))


def _frame_date(doc: Any, trigger: Any, timexes: list[Timex]) -> Timex | None:
    """The date that opens a sentence ("On 5 March, police arrested 40 people who were
    protesting") also dates acts told in its relative or coordinated clauses, and, when it
    is a month or a year, what happened just before or after ("after troops withdrew")."""
    sent = trigger.sent
    chain = _ancestors(trigger)[:-1]
    marks = {c.lower_ for t in chain for c in t.children if c.dep_ == "mark"}
    if any(t.dep_ in _OWN_TIME_DEPS for t in chain) or marks & {"since", "until"}:
        return None
    for timex in timexes:
        root = _span_root(doc, timex)
        if root is None or not sent.start <= root.i < sent.root.i:
            continue
        if marks & {"after", "before", "once"} and timex.precision == "day":
            continue  # "In March 2012, X seized the town after troops withdrew": same month
        up = _ancestors(root)
        if sent.root in up and all(t.dep_ in ("pobj", "prep", "npadvmod", "compound",
                                              "nummod", "appos") for t in up[:-1]):
            return timex
    return None


def _said_on(doc: Any, trigger: Any, timexes: list[Timex]) -> Timex | None:
    """An act with no date of its own, told as what someone said on a day ("the group
    said Saturday it had captured Lashio"), is dated by the day the verb of saying names
    after it; a date opening the sentence ("On 5 June, officials said that ...") dates
    the saying only."""
    chain = _ancestors(trigger)
    verb = next((t.head for t in chain[:-1] if t.dep_ == "ccomp"), None)
    if verb is None or verb.lemma_.lower() not in REPORTING:
        return None
    for timex in timexes:
        root = _span_root(doc, timex)
        if root is None or timex.precision != "day" or not verb.i < root.i < verb.sent.end:
            continue
        distance, blocked = tree_distance(verb, root)
        if not blocked and distance <= 2:
            return timex
    return None


def _span_root(doc: Any, timex: Timex) -> Any:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


_WITHIN_YEAR = frozenset({"quarter", "season", "half"})


def event_value(timex: Timex) -> tuple[str, str] | None:
    """An event's (date, precision) from its expression: a quarter, season or half dates it
    to its year, a weekend to its week; references, decades and centuries date nothing."""
    if timex.precision in _WITHIN_YEAR:
        return timex.value[:4], "year"
    if timex.precision == "weekend":
        return timex.value[:-3], "week"
    if timex.precision in CALENDAR_PRECISIONS:
        return timex.value, timex.precision
    return None


def _by_sentence(doc: Any, timexes: list[Timex]) -> Any:
    """For a token, the expressions of its sentence and the one before (an expression
    reaching into the sentence): what `event_timex` looks at, without scanning them all."""
    token_starts = [t for t, _ in sentence_starts(doc)]
    grouped: dict[int, list[Timex]] = {}
    for timex in timexes:
        grouped.setdefault(timex.sentence_index, []).append(timex)

    def near(token: int) -> list[Timex]:
        sent = bisect.bisect_right(token_starts, token) - 1
        return grouped.get(sent - 1, []) + grouped.get(sent, [])

    return near


class DateStage:
    def __init__(self, prefer_past: bool = True) -> None:
        self.prefer_past = prefer_past

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        article.timexes = extract_timexes(doc, article.published, prefer_past=self.prefer_past
                                          ) if doc is not None else []
        near = _by_sentence(doc, article.timexes) if doc is not None else None
        for event in article.events:
            timex = event_timex(doc, event, near(event.trigger_token)) if near else None
            dated = event_value(timex) if timex is not None else None
            if dated is not None:
                event.date, event.date_precision = dated
            elif article.published:
                event.date, event.date_precision = article.published.isoformat(), "article"
        return article


def date_articles(articles: Iterable[Article], resources: Any, *, prefer_past: bool = True
                  ) -> Iterator[Article]:
    """Parse articles and resolve their dates, without the event stages (dates CLI, eval)."""
    from .nlp import NlpStage

    stage_ = DateStage(prefer_past)
    for article in NlpStage(resources.nlp).pipe(articles):
        article.events = []
        yield stage_(article)


@stage("dates", requires=["doc", "published", "events", "events.trigger_token"],
       assigns=["timexes", *event_fields("date", "date_precision")])
def make_dates(*, resources: Any, prefer_past: bool = True) -> DateStage:
    """Resolve dates and give each event the date that belongs to it."""
    return DateStage(prefer_past)
