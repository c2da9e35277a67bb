"""Background: an act the article tells as history, not as news of the reporting window.

An act is background when its own date lies before the window ("in 2015", "in July",
"last year", an earlier dated attack), when it is told in the pluperfect ("the army had
recaptured the town") with no date of its own and outside reported speech, or when it sits in a "since" clause or is a state kept up "ever
since" ("has encircled the city since it seized Bara").  "For the first time since 2015"
dates the comparison, not the act, and leaves it news.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..dedup import date_range
from ..lang import EN
from ..model import CodedEvent

PERFECT_AUX = frozenset({"had", "'d"})
# Verbs that report speech: "said the group had seized the town" is news told in the
# past of the report, not history.
REPORTING = EN.words("reporting")


def is_background(event: CodedEvent, doc: Any, published: dt.date | None, window_days: int) -> bool:
    """Whether the article tells `event` as history."""
    if _dated_before(event, published, window_days):
        return True
    if event.trigger_token < 0 or doc is None:
        return False
    token = doc[event.trigger_token]
    undated = event.date_precision == "article"
    return (undated and _pluperfect(token) and not _reported(token)) or _in_since_clause(token)


MONTH_NAMES = EN.sequence("month_names")


def date_from_clause(event: CodedEvent, doc: Any, published: dt.date | None) -> None:
    """An undated act whose own clause names a month or a year ("declared a state of siege
    in May", "in 2015") takes that date: the most recent such month up to publication."""
    if published is None or doc is None or event.trigger_token < 0 or \
            event.date_precision != "article":
        return
    for prep in _own_clause(clause_verb(doc[event.trigger_token])):
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                dated = _month_or_year(obj, published)
                if dated is not None:
                    event.date, event.date_precision = dated
                    return


NESTED_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "xcomp", "csubj", "acl"})


def _own_clause(verb: Any) -> list[Any]:
    """The words of the verb's own clause (and of verbs coordinated with it), not of
    clauses nested in it."""
    out, todo = [], list(verb.children)
    while todo:
        t = todo.pop()
        if t.dep_ in NESTED_CLAUSES:
            continue
        out.append(t)
        todo.extend(t.children)
    return out


def _month_or_year(token: Any, published: dt.date) -> tuple[str, str] | None:
    word = token.lower_
    if word in MONTH_NAMES:
        month = MONTH_NAMES.index(word) + 1
        year = next((int(c.text) for c in token.children
                     if c.dep_ == "nummod" and c.text.isdigit() and len(c.text) == 4), None)
        if year is None:
            year = published.year if month <= published.month else published.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if word.isdigit() and len(word) == 4 and 1900 < int(word) <= published.year:
        return word, "year"
    return None


def _dated_before(event: CodedEvent, published: dt.date | None, window_days: int) -> bool:
    """The act's own date ends before the reporting window opens."""
    if published is None or event.date_precision == "article":
        return False
    rng = date_range(event.date, event.date_precision)
    return rng is not None and rng[1] < published - dt.timedelta(days=window_days)


def clause_verb(token: Any) -> Any:
    """The verb whose clause holds the trigger (a noun's governing verb)."""
    t = token
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return t
        t = t.head
    return t


def _pluperfect(token: Any) -> bool:
    """'had recaptured', 'had been seized'."""
    verb = clause_verb(token)
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in PERFECT_AUX
               for c in verb.children)


def _reported(token: Any) -> bool:
    """The clause is what someone said ('the RSF said it had seized the base')."""
    verb = clause_verb(token)
    for _ in range(3):
        if verb.head is verb:
            return False
        if verb.head.lemma_.lower() in REPORTING:
            return True
        verb = verb.head
    return False


def _in_since_clause(token: Any) -> bool:
    """'since it seized Bara' (the act opens a 'since' clause) or 'has shelled it ever
    since' (a state kept up, not one act); not 'for the first time since 2015'."""
    verb = clause_verb(token)
    for child in verb.children:
        if child.lower_ == "since" and child.dep_ in ("mark", "advmod") and \
                not _first_time_since(child):
            return True
    return False


def _first_time_since(since: Any) -> bool:
    left = since.doc[max(0, since.i - 3):since.i]
    return any(t.lower_ in ("time", "first") for t in left)


def is_yet_to_come(event: CodedEvent, published: dt.date | None) -> bool:
    """An act dated after the day the article was published cannot have happened yet
    ("called for another day of demonstrations on January 31", told on the 19th)."""
    if published is None or event.date_precision in ("article", "year", "month"):
        return False
    span = date_range(event.date, event.date_precision)
    return span is not None and span[0] > published
