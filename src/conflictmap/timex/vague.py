"""TimeML values beyond calendar dates: vague references, seasons, decades, centuries, halves.

"recently" -> PAST_REF, "the future" -> FUTURE_REF, "these days" -> PRESENT_REF (precision
`ref`); "last summer" -> 2016-SU (`season`); "the 1990s" -> 199 (`decade`); "the 20th
century" -> 19 (`century`); "the first half of 1990" -> 1990-H1 (`half`).  These are
values in the TimeML sense (as HeidelTime gives them), not calendar dates: the dates stage
never dates an event with a reference, decade or century.
"""

from __future__ import annotations

import datetime as dt
import re

from ..lang import EN
from .calendar import Resolved

CALENDAR_PRECISIONS = frozenset({"day", "week", "month", "quarter", "year"})

_UNIT = (r"(?:days?|weeks?|months?|years?|decades?|quarters?|summers?|winters?|seasons?|"
         r"centur(?:y|ies))")
_UNITS = r"(?:days|weeks|months|years|decades|quarters)"
_COUNT = (r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
          r"twenty|thirty|few|several|many|some|couple)")
VAGUE_PATTERN = re.compile(
    r"\b(?:(?:more\s+|until\s+|only\s+)?recently"
    r"|the\s+(?:(?:recent|distant)\s+)?past(?![\s-]+(?:(?:\w+\s+){0,2}" + _UNIT + r"|" +
    _COUNT + r"\b))"
    r"|the\s+(?:past|last)\s+(?:few|several|many)\s+" + _UNITS +
    r"|the\s+(?:(?:near|distant|foreseeable|immediate)\s+)?future(?!\s+of\b)"
    r"|the\s+(?:near|short)\s+term"
    r"|recent\s+(?:days|weeks|months|years|decades)"
    r"|(?:the\s+)?coming\s+(?:days|weeks|months|years|decades)"
    r"|these\s+days)\b",
    re.IGNORECASE)

_REFS = [
    (re.compile(EN.pattern("past_refs")), "PAST_REF"),
    (re.compile(EN.pattern("future_refs")), "FUTURE_REF"),
    (re.compile(r"these days|(?:the )?present day"), "PRESENT_REF"),
]


def reference(text: str) -> Resolved | None:
    """PAST_REF, FUTURE_REF or PRESENT_REF for a vague reference to a time."""
    t = " ".join(text.lower().split())
    for pattern, value in _REFS:
        if pattern.fullmatch(t):
            return value, "ref", 0
    return None


_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_ORDER = ("WI", "SP", "SU", "FA")
_SEASON_WORD = r"(?:spring|summer|fall|autumn|winter)"
_YEAR_OF = r"\s+of\s+(?:1[89]\d\d|20\d\d)"
_MODIFIER = r"(?:(?:this\s+past|this|last|next|past|coming|the)\s+(?:(?:early|late|mid)[- ])?|" \
            r"(?:early|late|mid)[- ])"
SEASON_PATTERNS = [
    # 'this summer', 'the early spring', 'winter of 1994'; not 'the winter of discontent'
    re.compile(r"\b(?:" + _MODIFIER + r"(?:spring|summer|autumn|winter)(?:" + _YEAR_OF +
               r")?|(?:spring|summer|autumn|winter)" + _YEAR_OF + r")\b"
               r"(?!\s+of\s+(?!(?:1[89]|20)\d\d))", re.IGNORECASE),
    # 'fall' is a season after 'this', 'last', 'in the', or before 'of 1998'; not 'the fall of Mosul'
    re.compile(r"\b(?:(?:this\s+past|this|last|next|past|coming)\s+(?:(?:early|late)\s+)?fall|"
               r"(?<=in\s)the\s+(?:(?:early|late)\s+)?fall(?!\s+(?:of|in|from|to)\b)|"
               r"(?:the\s+)?fall" + _YEAR_OF + r")\b", re.IGNORECASE),
]
_SEASON = re.compile(EN.pattern("season"))


def season(text: str, base: dt.date, future: bool | None = False) -> Resolved | None:
    """'last summer' -> 2015-SU, 'this winter' -> 2016-WI, 'the fall of 2014' -> 2014-FA."""
    m = _SEASON.fullmatch(" ".join(text.lower().split()))
    if not m:
        return None
    code = _SEASONS[m.group(2)]
    if m.group(3):
        return f"{m.group(3)}-{code}", "season", 0
    # December's winter comes after this year's fall: index 4, not 0
    year, now = base.year, 4 if base.month == 12 else base.month // 3
    index = _SEASON_ORDER.index(code)
    word = m.group(1) or ""
    if word in ("last", "past", "this past"):
        year -= int(index >= now)
    elif word in ("next", "coming"):
        year += int(index <= now)
    elif word != "this" and future is not None:
        year += int(future and index < now) - int(not future and index > now)
    return f"{year:04d}-{code}", "season", 0


_DECADE_WORDS = EN.numbers("decade_words")
_DECADE = re.compile(r"(?:(?:early|mid|late)[- ]?)?(?:(1\d|20)(\d)0'?s|'(\d)0s|(" +
                     "|".join(_DECADE_WORDS) + "))")
DECADE_PATTERN = re.compile(r"(?<!\w)(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:(?:1\d|20)\d0'?s\b|"
                            r"'\d0s\b)|\bthe\s+(?:(?:early|mid|late)[- ]?)?(?:" +
                            "|".join(_DECADE_WORDS) + r")\b", re.IGNORECASE)


_DECADE_STEPS = EN.numbers("decade_steps")


def decade(text: str, base: dt.date) -> Resolved | None:
    """'the 1990s', "the late '70s", 'the nineties' -> 199, 197; 'the last decade' -> the
    decade before the publication's (TimeML decade values)."""
    t = " ".join(text.lower().split())
    step = re.fullmatch(r"(?:the )?(last|previous|this|current|next|coming) decade", t)
    if step:
        return f"{base.year // 10 + _DECADE_STEPS[step.group(1)]:03d}", "decade", 0
    m = _DECADE.fullmatch(t.removeprefix("the "))
    if not m:
        return None
    if m.group(1):
        return f"{m.group(1)}{m.group(2)}", "decade", 0
    digit = int(m.group(3)) if m.group(3) else _DECADE_WORDS[m.group(4)]
    hundred = base.year // 100 - int(digit * 10 > base.year % 100 + 10)
    return f"{hundred:02d}{digit}", "decade", 0


_ORDINAL_WORDS = EN.numbers("ordinal_words")
_CENTURY = (r"(?:the\s+)?(?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(_ORDINAL_WORDS) +
            r"))[- ]century")
CENTURY_PATTERN = re.compile(r"\b" + _CENTURY + r"\b", re.IGNORECASE)


def century(text: str) -> Resolved | None:
    """'the 20th century' -> 19, 'eleventh-century' -> 10."""
    m = re.fullmatch(_CENTURY, text.lower().strip())
    if not m:
        return None
    number = int(m.group(1)) if m.group(1) else _ORDINAL_WORDS[m.group(2)]
    return (f"{number - 1:02d}", "century", 0) if 0 < number <= 21 else None


HALF_PATTERN = re.compile(EN.pattern("half_year"), re.IGNORECASE)


def half(text: str, base: dt.date) -> Resolved | None:
    """'the first half of 1990' -> 1990-H1; 'the second half of the year' -> this year's H2."""
    m = re.fullmatch(EN.pattern("half_year_whole"), " ".join(text.lower().split()))
    if not m:
        return None
    which = 1 if m.group(1) == "first" else 2
    return f"{m.group(2) or base.year:0>4}-H{which}", "half", 0
