"""Temporal expressions: finding the shapes spaCy misses and resolving them to TimeML values.

`resolve_timex("Dec. 11", date(2016, 12, 14))` -> ("2016-12-11", "day", 0).  Calendar values
are cut to their precision: day `2016-12-11`, week `2016-W49`, month `2016-03`, quarter
`2016-Q3`, year `2016`.  Other TimeML values have their own precision: weekend
`2016-W49-WE`, season `2016-SU`, half `2016-H1`, decade `199`, century `19`, and the vague
references PAST_REF / PRESENT_REF / FUTURE_REF (`ref`: "recently", "these days", "the
future").  Expressions whose year is left out are placed by the tense of their clause.
Durations ("three days") and sets ("every week") give None.
"""

from __future__ import annotations

from .anaphora import anchor_shift, anchor_to_previous, anchor_to_quarter, anchor_year_noun
from .calendar import MONTHS, NUMBER_WORDS, WEEKDAYS, Resolved
from .patterns import FIND_PATTERNS, pattern_spans, spelled_year
from .rules import resolve_timex
from .vague import CALENDAR_PRECISIONS

__all__ = [
           "CALENDAR_PRECISIONS",
           "FIND_PATTERNS",
           "MONTHS",
           "NUMBER_WORDS",
           "WEEKDAYS",
           "Resolved",
           "anchor_shift",
           "anchor_to_previous",
           "anchor_to_quarter",
           "anchor_year_noun",
           "pattern_spans",
           "resolve_timex",
           "spelled_year",
]
