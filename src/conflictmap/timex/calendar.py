"""Calendar arithmetic for temporal expressions: weeks, month shifts, and the year of a date
whose year the text leaves out."""

from __future__ import annotations

import datetime as dt

from ..lang import EN

MONTHS = EN.numbers("months")
WEEKDAYS = EN.sequence("weekdays")
NUMBER_WORDS = EN.numbers("number_words")
VAGUE_COUNTS = frozenset({"several", "few", "a few", "some", "many"})

# A date left without its year, in a clause that looks back (or where no verb tells and the
# past is preferred), still falls in the publication year when it lies at most this many
# calendar months after the publication month: "payable Dec. 7", "extended to Nov. 20",
# "expected in December" in an October report.  Further ahead, it is last year's.
PAST_GRACE_MONTHS = 2
# With a future verb, a date up to this many days before the base still counts as this
# year's ("will end on Dec. 9" read on Dec. 14 is a slip, not next December).
FUTURE_GRACE_DAYS = 7

Resolved = tuple[str, str, int]  # value, precision, characters trimmed at the start


_MONTH_NAMES = EN.sequence("month_names")


def month_number(word: str) -> int | None:
    """1-12 for a month's name or abbreviation ('Sept.', 'dec'); None for other words
    ('decade', 'mayor')."""
    w = word.lower().rstrip(".")
    if len(w) < 3:
        return None
    return next((i for i, name in enumerate(_MONTH_NAMES, 1)
                 if w == name or name.startswith(w) and (len(w) == 3 or w == "sept")), None)


def shift_year(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def shift_month(base: dt.date, months: int) -> tuple[int, int]:
    index = base.year * 12 + base.month - 1 + months
    return index // 12, index % 12 + 1


def week(date: dt.date) -> str:
    year, number, _ = date.isocalendar()
    return f"{year:04d}-W{number:02d}"


def months_after(year: int, month: int, base: dt.date) -> int:
    """Calendar months from the base's month to (year, month); negative before it."""
    return (year - base.year) * 12 + month - base.month


def year_for(month: int, base: dt.date, future: bool | None, day: int | None = None,
             grace: int = PAST_GRACE_MONTHS) -> int:
    """The year of a month (and day) the text gives without one.

    future True: this year, or next year when it is already past.
    future False: this year, or last year when it lies more than `grace` months ahead.
    future None: the year that puts it nearest the base."""
    this_year = dt.date(base.year, month, min(day or 1, 28))
    if future is None:
        options = [shift_year(this_year, -1), this_year, shift_year(this_year, 1)]
        return min(options, key=lambda d: abs((d - base).days)).year
    if future:
        if day is None:
            return base.year + int(month < base.month)
        return base.year + int(this_year < base - dt.timedelta(days=FUTURE_GRACE_DAYS))
    return base.year - int(months_after(base.year, month, base) > grace)


def unit_value(unit: str, step: int, base: dt.date) -> Resolved:
    """`step` units from the base, cut to the unit: week 2016-W49, month 2016-11, year 2015."""
    if unit in ("week", "weekend"):
        return week(base + dt.timedelta(weeks=step)), "week", 0
    if unit == "day":
        return (base + dt.timedelta(days=step)).isoformat(), "day", 0
    if unit == "month":
        year, month = shift_month(base, step)
        return f"{year:04d}-{month:02d}", "month", 0
    return f"{base.year + step:04d}", "year", 0
