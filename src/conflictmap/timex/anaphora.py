"""Expressions anchored on an earlier expression of the text rather than the publication
date: "that year", "the following month", "a year earlier" after a quarter."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol

from ..lang import EN
from .calendar import NUMBER_WORDS, Resolved, unit_value



class _Earlier(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def precision(self) -> str: ...


_YEAR_BACK = re.compile(r"^(?:the\s+)?(?:a\s+)?year[- ](?:earlier|ago)\b", re.IGNORECASE)
_ANAPHOR = re.compile(EN.pattern("anaphors"))
_STEP = {"following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}
_HAS_YEAR = EN.words("has_year")


def anchor_to_quarter(text: str, resolved: Resolved, earlier: Sequence[_Earlier]) -> Resolved:
    """'a year earlier' after 'the third quarter' means that quarter a year before."""
    quarter = next((t for t in reversed(earlier) if t.precision == "quarter"
                    and not _YEAR_BACK.match(t.text)), None)
    if quarter is None or not _YEAR_BACK.match(text.strip()):
        return resolved
    year, q = quarter.value.split("-")
    return f"{int(year) - 1:04d}-{q}", "quarter", resolved[2]


def anchor_to_previous(text: str, earlier: Sequence[_Earlier]) -> Resolved | None:
    """'that year', 'the following year', 'the month before' -> relative to the last
    expression of the text that names a year (or a month); None when there is none."""
    m = _ANAPHOR.fullmatch(" ".join(text.lower().split()))
    if not m:
        return None
    unit = m.group(2) or m.group(3)
    step = _STEP.get(m.group(1) or m.group(4) or "", 0)
    wanted = _HAS_YEAR if unit == "year" else frozenset({"day", "month"})
    anchor = next((t for t in reversed(earlier) if t.precision in wanted
                   and re.match(r"\d{4}", t.value)), None)
    if anchor is None:
        return None
    year = int(anchor.value[:4])
    if unit == "year":
        return f"{year + step:04d}", "year", 0
    index = year * 12 + int(anchor.value[5:7]) - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}", "month", 0


_YEAR_NOUN = re.compile(EN.pattern("year_noun"))


def anchor_year_noun(text: str, same_sentence: Sequence[_Earlier]) -> Resolved | None:
    """'the year', 'the end of the year' after a year in the same sentence are that year's
    ('In 2014 IS took Mosul; by the end of the year ...'); None leaves it to the base."""
    if not _YEAR_NOUN.fullmatch(" ".join(text.lower().split())):
        return None
    anchor = next((t for t in reversed(same_sentence) if t.precision in _HAS_YEAR
                   and re.match(r"\d{4}", t.value)), None)
    return (anchor.value[:4], "year", 0) if anchor is not None else None


_SHIFT = re.compile(EN.pattern("shift_phrases"))
_ANCHOR_PRECISIONS = {"day": ("day",), "week": ("day",), "month": ("day", "month"),
                      "year": ("year",)}


def anchor_shift(text: str, earlier: Sequence[_Earlier]) -> Resolved | None:
    """'three days later', 'two months earlier' -> counted from the last calendar date of
    the text when it is precise enough ('On Dec. 3 ... three days later' -> Dec. 6)."""
    m = _SHIFT.fullmatch(" ".join(text.lower().split()))
    count = m and (int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1)))
    last = next((t for t in reversed(earlier) if t.precision in _HAS_YEAR), None)
    if not m or not count or last is None or last.precision not in _ANCHOR_PRECISIONS[m.group(2)]:
        return None
    step = count if m.group(3) == "later" else -count
    anchor = dt.date.fromisoformat(last.value if last.precision == "day" else
                                   f"{last.value[:7]}-01" if last.precision == "month" else
                                   f"{last.value[:4]}-01-01")
    return unit_value(m.group(2), step, anchor)
