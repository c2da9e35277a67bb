"""Shapes of temporal expressions found by pattern (spaCy's small model misses many)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lang import EN
from .vague import CENTURY_PATTERN, DECADE_PATTERN, HALF_PATTERN, SEASON_PATTERNS, VAGUE_PATTERN

MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|"
         r"July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
         r"Dec(?:ember|\.)?)")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_ORDINAL = r"(?:first|second|third|fourth)"

_UNITS = EN.numbers("timex_number_units")
_TENS = EN.numbers("timex_number_tens")
SPELLED_YEAR = re.compile(r"\b(nineteen|twenty)[- ](" + "|".join(_TENS) + r")(?:[- ](" +
                          "|".join(_UNITS) + r"))?\b|\btwo thousand(?:\s+and)?(?:\s+(" +
                          "|".join(_UNITS) + r"))?\b", re.IGNORECASE)


def spelled_year(text: str) -> str | None:
    """'nineteen ninety-six' -> '1996', 'two thousand' -> '2000' (transcripts spell years)."""
    m = SPELLED_YEAR.search(text)
    if not m:
        return None
    if m.group(1) is None:
        return f"{2000 + _UNITS.get((m.group(4) or '').lower(), 0):04d}"
    century = 19 if m.group(1).lower() == "nineteen" else 20
    rest = _TENS[m.group(2).lower()] + _UNITS.get((m.group(3) or "").lower(), 0)
    return f"{century * 100 + rest:04d}"


FIND_PATTERNS = [
    re.compile(rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?(?![\w-])"),
    re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?(?![\w-])"),
    re.compile(rf"\b(?:(?:early|mid|late)[- ])?{MONTH}(?:\s+of)?,?\s+{YEAR}\b"),
    re.compile(rf"\b{MONTH},?\s+(?:nineteen|twenty)[- ]\w+(?:-\w+)?\b"),
    re.compile(rf"\b(?:(?:last|this|next|on)\s+)?{WEEKDAY}\b", re.IGNORECASE),
    re.compile(EN.pattern("deictic_days"),
               re.IGNORECASE),
    # "overnight" reported on day D is the night of D-1 ("Overnight, a bomb exploded",
    # "shelled overnight."), not the adjective of "an overnight raid on Friday"
    re.compile(EN.pattern("overnight"),
               re.IGNORECASE),
    re.compile(r"\b(?:last|this|next)\s+(?:week|weekend|month|year)\b", re.IGNORECASE),
    re.compile(EN.pattern("the_weekend"), re.IGNORECASE),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b(?:last|this|next|past)\s+{MONTH}\b|\b{MONTH}\s+(?:last|this|next)\s+year\b"),
    re.compile(rf"\b(?:the\s+(?:(?:{_ORDINAL}|latest|last|current|previous|year-earlier|"
               rf"year-ago)[- ](?:fiscal[- ])?)?|{_ORDINAL}[- ](?:fiscal[- ])?)quarter\b",
               re.IGNORECASE),
    re.compile(rf"\b(?:the\s+)?(?:{YEAR}\s+)(?:{_ORDINAL}[- ])?(?:fiscal[- ])?quarter\b"
               rf"|\b(?:the\s+)?{_ORDINAL}[- ](?:fiscal[- ])?quarter\s+of\s+{YEAR}\b"
               rf"|\b(?:this|last|next)\s+year'?s\s+(?:{_ORDINAL}[- ])?(?:fiscal[- ])?quarter\b"
               rf"|\b(?:the\s+)?(?:comparable\s+)?year[- ](?:ago|earlier)\s+(?:{_ORDINAL}[- ])?"
               rf"(?:fiscal[- ])?quarter\b",
               re.IGNORECASE),
    re.compile(r"\b(?:a\s+)?year[- ](?:earlier|ago)\b", re.IGNORECASE),
    re.compile(EN.pattern("days_later"), re.IGNORECASE),
    re.compile(rf"\b(?:in|since|until|during|by|of|between|both|from|after|before)\s+"
               rf"(?P<y>{YEAR})\b(?!\s*[-%])", re.IGNORECASE),
    re.compile(rf"(?<=\d\d\d\d)\s+(?:and|or|to)\s+(?P<y>{YEAR})\b(?!\s*[-%])"),
    re.compile(EN.pattern("the_year"), re.IGNORECASE),
    re.compile(EN.pattern("that_year"), re.IGNORECASE),
    re.compile(rf"\bthe\s+year\s+(?:{YEAR}|two\s+thousand)\b", re.IGNORECASE),
    SPELLED_YEAR, VAGUE_PATTERN, DECADE_PATTERN, CENTURY_PATTERN, HALF_PATTERN, *SEASON_PATTERNS,
]


def pattern_spans(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of date shapes found by pattern."""
    for pattern in FIND_PATTERNS:
        for m in pattern.finditer(text):
            yield m.span("y") if "y" in pattern.groupindex else m.span()
