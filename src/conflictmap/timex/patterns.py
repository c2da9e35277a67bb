"""Shapes of temporal expressions found by pattern (spaCy's small model misses many)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .vague import CENTURY_PATTERN, DECADE_PATTERN, HALF_PATTERN, SEASON_PATTERNS, VAGUE_PATTERN

MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|"
         r"July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
         r"Dec(?:ember|\.)?)")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_ORDINAL = r"(?:first|second|third|fourth)"

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
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
    re.compile(r"\b(?:yesterday|today|tonight|tomorrow|now|currently|nowadays|at present)\b",
               re.IGNORECASE),
    # "overnight" reported on day D is the night of D-1 ("Overnight, a bomb exploded",
    # "shelled overnight."), not the adjective of "an overnight raid on Friday"
    re.compile(r"\blast\s+night\b|(?:^|(?<=[.!?]\s)|(?<=\n))Overnight\b|"
               r"\bovernight(?=\s*[,.;]|\s+(?:on|in|at|into|when|as|after|before|near)\b)",
               re.IGNORECASE),
    re.compile(r"\b(?:last|this|next)\s+(?:week|weekend|month|year)\b", re.IGNORECASE),
    re.compile(r"\b(?:over|during|at|for|ahead\s+of|on|until|by|after|before)\s+"
               r"(?P<y>the\s+weekend)\b", re.IGNORECASE),
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
    re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
               r"(?:day|week|month|year)s?\s+(?:later|earlier)\b", re.IGNORECASE),
    re.compile(rf"\b(?:in|since|until|during|by|of|between|both|from|after|before)\s+"
               rf"(?P<y>{YEAR})\b(?!\s*[-%])", re.IGNORECASE),
    re.compile(rf"(?<=\d\d\d\d)\s+(?:and|or|to)\s+(?P<y>{YEAR})\b(?!\s*[-%])"),
    re.compile(r"\b(?:(?:the\s+(?:end|beginning|start|middle|rest)\s+of\s+)?"
               r"the\s+(?:current\s+|full\s+|calendar\s+)?(?:fiscal\s+)?year|year[- ]end|"
               r"year's\s+end)\b(?![- ](?:earlier|ago|old|long)\b)", re.IGNORECASE),
    re.compile(r"\b(?:that|the\s+same|the\s+following|the\s+previous|the\s+preceding)\s+"
               r"(?:year|month)\b|\bthe\s+(?:year|month)\s+(?:before|after)\b", re.IGNORECASE),
    re.compile(rf"\bthe\s+year\s+(?:{YEAR}|two\s+thousand)\b", re.IGNORECASE),
    SPELLED_YEAR, VAGUE_PATTERN, DECADE_PATTERN, CENTURY_PATTERN, HALF_PATTERN, *SEASON_PATTERNS,
]


def pattern_spans(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of date shapes found by pattern."""
    for pattern in FIND_PATTERNS:
        for m in pattern.finditer(text):
            yield m.span("y") if "y" in pattern.groupindex else m.span()
