"""Resolution rules: one expression's words -> (value, precision) against a base date."""

from __future__ import annotations

import datetime as dt
import re

from ..lang import EN
from .calendar import (
    NUMBER_WORDS,
    PAST_GRACE_MONTHS,
    WEEKDAYS,
    Resolved,
    month_number,
    unit_value,
    week,
    year_for,
)
from .patterns import SPELLED_YEAR, YEAR, spelled_year
from .vague import century, decade, half, reference, season

_LEAD = re.compile(EN.pattern("timex_lead_words"),
                   re.IGNORECASE)
_SIMPLE = EN.numbers("relative_day_offsets")
_STEPS = EN.numbers("relative_steps")


def _relative(text: str, base: dt.date) -> Resolved | None:
    t = " ".join(text.lower().split())
    if t in _SIMPLE:
        return (base + dt.timedelta(days=_SIMPLE[t])).isoformat(), "day", 0
    m = re.fullmatch(r"(last|this|next|past|coming)\s+(week|weekend|month|year)", t)
    if m:
        value, precision, _ = unit_value(m.group(2), _STEPS[m.group(1)], base)
        if m.group(2) == "weekend":
            return f"{value}-WE", "weekend", 0
        return value, precision, 0
    if re.fullmatch(r"(?:a\s+)?year[- ](?:earlier|ago)", t):
        return f"{base.year - 1:04d}", "year", 0
    m = re.fullmatch(r"(\w+|\d+)\s+(day|week|month|year)s?\s+ago", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1))
        return unit_value(m.group(2), -n, base) if n else None
    return None


def _weekend(text: str, base: dt.date, future: bool | None) -> Resolved | None:
    """'the weekend' -> the ISO week of the nearest Saturday in the clause's direction."""
    if text.lower() not in ("weekend", "the weekend"):
        return None
    back = (base.weekday() - 5) % 7
    if future or future is None and back > 3:
        back -= 7 if back else 0
    return f"{week(base - dt.timedelta(days=back))}-WE", "weekend", 0


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_YEAR_AGO_QUARTER = re.compile(EN.pattern("year_ago_quarter"))
_QUARTER = re.compile(EN.pattern("quarter"))


def _quarter(text: str, base: dt.date) -> Resolved | None:
    """'the third quarter', 'third-quarter', 'the latest quarter', 'the third quarter of 1984',
    'the 1988 second quarter', "next year's first quarter" -> 1989-Q3 ..."""
    t = _YEAR_AGO_QUARTER.sub("last year's ", " ".join(text.lower().split()))
    m = _QUARTER.fullmatch(t)
    if not m:
        return None
    current = (base.month - 1) // 3 + 1
    word = m.group(3) or "latest"
    explicit = m.group(2) or m.group(4)
    year = int(explicit) if explicit else base.year + _STEPS.get(m.group(1) or "this", 0)
    if word in _ORDINALS:
        quarter = _ORDINALS[word]
        year -= int(quarter > current and not explicit and not m.group(1))
    elif word in ("this", "current"):
        quarter = current
    elif word in ("latest", "last", "previous", "year-earlier", "year-ago"):
        quarter = current - 1 or 4
        year -= int(current == 1 and not explicit) + int(word in ("year-earlier", "year-ago"))
    else:
        return None
    return f"{year:04d}-Q{quarter}", "quarter", 0


def _month_relative(text: str, base: dt.date) -> Resolved | None:
    """'last April', 'this September', 'June last year'."""
    words = text.lower().split()
    if len(words) == 2 and words[0] in _STEPS and month_number(words[1]):
        month, step = month_number(words[1]) or 0, _STEPS[words[0]]
        year = base.year
        if step < 0:
            year -= int(month >= base.month)
        elif step > 0:
            year += int(month <= base.month)
        return f"{year:04d}-{month:02d}", "month", 0
    if len(words) == 3 and month_number(words[0]) and words[1] in _STEPS and words[2] == "year":
        return f"{base.year + _STEPS[words[1]]:04d}-{month_number(words[0]):02d}", "month", 0
    return None


_YEAR_NOUN = re.compile(EN.pattern("fiscal_year_noun"))


def _year_noun(text: str, base: dt.date) -> Resolved | None:
    """'the year', 'the current fiscal year', 'year-end' -> the publication year."""
    if _YEAR_NOUN.fullmatch(" ".join(text.lower().split())):
        return f"{base.year:04d}", "year", 0
    return None


def _weekday(text: str, base: dt.date, future: bool | None = False) -> Resolved | None:
    """A weekday: the last one before the base (past), the next one (future) or the nearest."""
    m = re.fullmatch(r"(?:(last|this|next|on)\s+)?(\w+day)", text.lower())
    if not m or m.group(2) not in WEEKDAYS:
        return None
    back = (base.weekday() - WEEKDAYS.index(m.group(2))) % 7
    if m.group(1) == "next":
        back = back - 7 if back else -7
    elif m.group(1) == "last":
        back = back or 7
    elif future or future is None and back > 3:
        back = back - 7 if back else 0
    return (base - dt.timedelta(days=back)).isoformat(), "day", 0


def _absolute(text: str, base: dt.date, future: bool | None = False, grace: int = PAST_GRACE_MONTHS
              ) -> Resolved | None:
    year_words = spelled_year(text)
    if year_words:
        text = SPELLED_YEAR.sub(year_words, text)
    t = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text).replace(",", " ")
    words = t.split()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return t, "day", 0
    month = next((month_number(w) for w in words if month_number(w) and not w.isdigit()), None)
    year = next((int(w) for w in words if re.fullmatch(YEAR, w)), None)
    day = next((int(w) for w in words if re.fullmatch(r"\d{1,2}", w)), None)
    if month is None:
        alone = len(words) == 1 or len(words) == 2 and words[0].lower() == "year"
        return (f"{year:04d}", "year", 0) if year and alone else None
    if any(not (month_number(w) or w.isdigit() or w.lower() in ("of", *WEEKDAYS)) for w in words):
        return None
    if year is None:
        year = year_for(month, base, future, day, grace)
    if day is None:
        return f"{year:04d}-{month:02d}", "month", 0
    try:
        return dt.date(year, month, day).isoformat(), "day", 0
    except ValueError:
        return None


def resolve_timex(text: str, base: dt.date, *, anchored: bool = True,
                  future: bool | None = False, strict_past: bool = False) -> Resolved | None:
    """(value cut to precision, precision, offset) for one expression, or None.

    `future`: True when the clause looks ahead, False when it looks back (or the past is
    preferred), None for the nearest reading.  `strict_past`: a past verb governs the date
    itself, so a month after the base month is last year's (no grace for the weeks ahead)."""
    stripped = " ".join(text.split())
    offset = len(text) - len(text.lstrip())
    core = _LEAD.sub("", stripped).strip()
    if not core:
        return None
    absolute = _absolute(core, base, future, 0 if strict_past else PAST_GRACE_MONTHS) or century(core) or half(core, base)
    if absolute is None and re.search(r"\d\d", core):
        absolute = decade(core, base) or season(core, base)
    if absolute is not None:
        if not anchored and not re.search(YEAR + r"|century", core):
            return None
        return absolute[0], absolute[1], offset
    if not anchored:
        return None
    found = (reference(stripped) or reference(core) or _relative(stripped, base) or _relative(core, base) or
             _weekday(core, base, future) or _weekend(core, base, future) or
             _month_relative(core, base) or _quarter(core, base) or _year_noun(core, base) or
             season(core, base, future) or decade(core, base) or _dateparser(core, base))
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
