"""Temporal expressions: finding the shapes spaCy misses and resolving them to ISO values.

`resolve_timex("Dec. 11", date(2016, 12, 14))` -> ("2016-12-11", "day", 0).  Values are
cut to their precision: day `2016-12-11`, week `2016-W49`, month `2016-03`, quarter
`2016-Q3`, year `2016`.  Expressions whose year is left out are placed in the past of
the base date, or in its future when the caller knows the clause looks ahead.
Durations ("three days"), sets ("every week") and vague references ("now", "recent
years") give None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
          "sep": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                "twelve": 12, "several": 3, "few": 3, "a few": 3}

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|"
          r"July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
          r"Dec(?:ember|\.)?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
FIND_PATTERNS = [
    re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?![\w-])"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?![\w-])"),
    re.compile(rf"\b(?:(?:early|mid|late)[- ])?{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b"),
    re.compile(rf"\b(?:(?:last|this|next|on)\s+)?{_WEEKDAY}\b", re.IGNORECASE),
    re.compile(r"\b(?:yesterday|today|tonight|tomorrow|now|currently|nowadays|at present)\b",
               re.IGNORECASE),
    re.compile(r"\b(?:last|this|next)\s+(?:week|weekend|month|year)\b", re.IGNORECASE),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b(?:last|this|next|past)\s+{_MONTH}\b|\b{_MONTH}\s+(?:last|this|next)\s+year\b"),
    re.compile(r"\b(?:the\s+(?:(?:first|second|third|fourth|latest|last|current|previous|"
               r"year-earlier|year-ago)[- ](?:fiscal[- ])?)?|(?:first|second|third|fourth)-)"
               r"quarter\b", re.IGNORECASE),
    re.compile(r"\b(?:a\s+)?year[- ](?:earlier|ago)\b", re.IGNORECASE),
    re.compile(rf"\b(?:in|since|until|during|by|of)\s+(?P<y>{_YEAR})\b(?!\s*[-%])",
               re.IGNORECASE),
]


_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_SPELLED_YEAR = re.compile(r"\b(nineteen|twenty)[- ](" + "|".join(_TENS) + r")(?:[- ](" +
                           "|".join(_UNITS) + r"))?\b", re.IGNORECASE)
FIND_PATTERNS.append(_SPELLED_YEAR)


def spelled_year(text: str) -> str | None:
    """'nineteen ninety-six' -> '1996' (broadcast transcripts spell years out)."""
    m = _SPELLED_YEAR.search(text)
    if not m:
        return None
    century = 19 if m.group(1).lower() == "nineteen" else 20
    rest = _TENS[m.group(2).lower()] + _UNITS.get((m.group(3) or "").lower(), 0)
    return f"{century * 100 + rest:04d}"


def pattern_spans(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of date shapes found by pattern."""
    for pattern in FIND_PATTERNS:
        for m in pattern.finditer(text):
            yield m.span("y") if "y" in pattern.groupindex else m.span()


Resolved = tuple[str, str, int]  # value, precision, characters trimmed at the start
_LEAD = re.compile(r"^(?:(?:the|on|in|at|since|by|until|from|of|around|about|as of|during|fiscal|"
                   r"nearly|almost|some|roughly|more than|less than|over|"
                   r"early|late|mid|earlier|later|beginning|end|start|middle)\b[\s-]*)+",
                   re.IGNORECASE)


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip(".")[:3])


def _shift_year(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def _past(date: dt.date, base: dt.date, future: bool | None = False) -> dt.date:
    """The same day a year earlier when `date` (year left out) is after the base date;
    with `future`, a year later when it is well before it; with None, the nearest."""
    if future is None:
        options = [_shift_year(date, -1), date, _shift_year(date, 1)]
        return min(options, key=lambda d: abs((d - base).days))
    if future:
        if date < base - dt.timedelta(days=7):
            try:
                return date.replace(year=date.year + 1)
            except ValueError:
                return date.replace(year=date.year + 1, day=28)
        return date
    if date > base + dt.timedelta(days=1):
        try:
            return date.replace(year=date.year - 1)
        except ValueError:
            return date.replace(year=date.year - 1, day=28)
    return date


def _week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(base: dt.date, months: int) -> tuple[int, int]:
    index = base.year * 12 + base.month - 1 + months
    return index // 12, index % 12 + 1


def _relative(text: str, base: dt.date) -> Resolved | None:
    t = text.lower()
    simple = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "now": 0,
              "currently": 0, "nowadays": 0, "at present": 0, "right now": 0,
              "this evening": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}
    if t in simple:
        return (base + dt.timedelta(days=simple[t])).isoformat(), "day", 0
    m = re.fullmatch(r"(last|this|next|past|coming)\s+(week|weekend|month|year)", t)
    if m:
        step = {"last": -1, "past": -1, "this": 0, "coming": 1, "next": 1}[m.group(1)]
        return _unit_value(m.group(2), step, base)
    if re.fullmatch(r"(?:a\s+)?year[- ](?:earlier|ago)", t):
        return f"{base.year - 1:04d}", "year", 0
    m = re.fullmatch(r"(\w+(?: few)?|\d+)\s+(day|week|month|year)s?\s+ago", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1))
        return _unit_value(m.group(2), -n, base) if n else None
    return None


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_STEPS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1}


def _quarter(text: str, base: dt.date) -> Resolved | None:
    """'the third quarter', 'third-quarter', 'the latest quarter' -> 1989-Q3."""
    m = re.fullmatch(r"(?:this year'?s\s+)?(?:(\w+(?:-\w+)?)[- ])?(?:fiscal[- ])?quarter",
                     text.lower())
    if not m:
        return None
    current = (base.month - 1) // 3 + 1
    word = m.group(1) or "latest"
    year = base.year
    if word in _ORDINALS:
        quarter = _ORDINALS[word]
        year -= int(quarter > current)
    elif word in ("this", "current"):
        quarter = current
    elif word in ("latest", "last", "previous", "year-earlier", "year-ago"):
        quarter = current - 1 or 4
        year -= int(current == 1) + int(word in ("year-earlier", "year-ago"))
    else:
        return None
    return f"{year:04d}-Q{quarter}", "quarter", 0


def _month_relative(text: str, base: dt.date) -> Resolved | None:
    """'last April', 'this September', 'June last year'."""
    words = text.lower().split()
    if len(words) == 2 and words[0] in _STEPS and _month(words[1]):
        month, step = _month(words[1]) or 0, _STEPS[words[0]]
        year = base.year
        if step < 0:
            year -= int(month >= base.month)
        elif step > 0:
            year += int(month <= base.month)
        return f"{year:04d}-{month:02d}", "month", 0
    if len(words) == 3 and _month(words[0]) and words[1] in _STEPS and words[2] == "year":
        return f"{base.year + _STEPS[words[1]]:04d}-{_month(words[0]):02d}", "month", 0
    return None


def _unit_value(unit: str, step: int, base: dt.date) -> Resolved:
    if unit in ("week", "weekend"):
        return _week(base + dt.timedelta(weeks=step)), "week", 0
    if unit == "day":
        return (base + dt.timedelta(days=step)).isoformat(), "day", 0
    if unit == "month":
        year, month = _shift_month(base, step)
        return f"{year:04d}-{month:02d}", "month", 0
    return f"{base.year + step:04d}", "year", 0


def _weekday(text: str, base: dt.date, future: bool | None = False) -> Resolved | None:
    m = re.fullmatch(r"(?:(last|this|next|on)\s+)?(\w+day)", text.lower())
    if not m or m.group(2) not in WEEKDAYS:
        return None
    back = (base.weekday() - WEEKDAYS.index(m.group(2))) % 7
    if m.group(1) == "next":
        back = back - 7 if back else -7
    elif future and m.group(1) != "last":
        back = back - 7 if back else 0
    elif m.group(1) == "last" and back == 0:
        back = 7
    return (base - dt.timedelta(days=back)).isoformat(), "day", 0


def _absolute(text: str, base: dt.date, future: bool | None = False) -> Resolved | None:
    year_words = spelled_year(text)
    if year_words:
        text = _SPELLED_YEAR.sub(year_words, text)
    t = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text).replace(",", " ")
    words = t.split()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return t, "day", 0
    month = next((_month(w) for w in words if _month(w) and not w.isdigit()), None)
    year = next((int(w) for w in words if re.fullmatch(_YEAR, w)), None)
    day = next((int(w) for w in words if re.fullmatch(r"\d{1,2}", w)), None)
    if month is None:
        return (f"{year:04d}", "year", 0) if year and len(words) == 1 else None
    if any(not (_month(w) or w.isdigit() or w.lower() in ("of", *WEEKDAYS)) for w in words):
        return None
    if day is not None:
        try:
            date = dt.date(year or base.year, month, day)
        except ValueError:
            return None
        return (date if year else _past(date, base, future)).isoformat(), "day", 0
    if year is None and future is None:
        year = base.year - 1 if month - base.month > 6 else \
            base.year + 1 if base.month - month > 6 else base.year
    elif year is None and future:
        year = base.year if month >= base.month else base.year + 1
    elif year is None:
        year = base.year if month <= base.month else base.year - 1
    return f"{year:04d}-{month:02d}", "month", 0


def resolve_timex(text: str, base: dt.date, *, anchored: bool = True,
                  future: bool | None = False) -> Resolved | None:
    """(ISO value cut to precision, precision, offset) for one expression, or None."""
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    core = _LEAD.sub("", stripped).strip()
    if not core:
        return None
    absolute = _absolute(core, base, future)
    if absolute is not None:
        if not anchored and not re.search(_YEAR, core):
            return None
        return absolute[0], absolute[1], offset
    if not anchored:
        return None
    found = (_relative(stripped, base) or _relative(core, base) or
             _weekday(core, base, future) or _month_relative(core, base) or
             _quarter(core, base))
    if found is None:
        found = _dateparser(core, base)
    return (found[0], found[1], offset) if found else None


def _dateparser(text: str, base: dt.date) -> Resolved | None:
    """Unusual shapes with a month name or digits ('11/12/2016'), via dateparser."""
    if not re.search(r"\d[/.]\d", text):
        return None
    import dateparser

    settings = {"RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
                "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"]}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return parsed.date().isoformat(), "day", 0
