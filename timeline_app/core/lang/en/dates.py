"""Dates in English words: the one function that says a date, a period or a span for a reader.

Three places say dates, each in its own voice, and all of them call :func:`in_words`:
- ``Style.EXPLAIN``, the reasoning behind a value: ``Tue 28 Jun 2016``, ``second quarter of 2016,
  Apr–Jun``, ``week 26 of 2016, 27 Jun–3 Jul`` (the months are named, because "2016-Q2" is opaque);
- ``Style.CALENDAR``, the events of the calendar and web exports: ``Tue 28 June 2016``, ``Q2 2016``,
  ``about December 2014``, ``Tue 28 June 2016, 16:30``;
- ``Style.SHORT``, page furniture (image titles and legends): ``30 Jun 2016``, ``Jan 2014 – Jul 2016``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from ...model import Granularity
from ...values import PART_OF_DAY_NAMES, SEASON_NAMES, century_words, parse_value

ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}  # quarters and halves
MOD_WORDS = {"APPROX": "about", "START": "early", "END": "late", "MID": "mid",
             "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "by", "ON_OR_AFTER": "from"}
SEASON_OF_MONTH = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}  # the month a season starts
# Granularities finer than a day: said with their clock time.
CLOCK_GRANULARITIES = frozenset({Granularity.SECOND, Granularity.MINUTE, Granularity.HOUR,
                                 Granularity.PART_OF_DAY})


class Style(StrEnum):
    EXPLAIN = "explain"
    CALENDAR = "calendar"
    SHORT = "short"


def in_words(start: datetime, end: datetime, granularity: Granularity | None, style: Style, *,
             value: str = "", mod: str | None = None) -> str:
    """``[start, end)`` at ``granularity`` in words, in the voice of ``style``.

    ``value`` is the TIMEX3 value when there is one (the explanation voice falls back to it for
    what it has no words for: a bare year, a clock time); ``mod`` adds "about", "early", … in the
    calendar voice. With no granularity the span is said at a precision fitted to its length.
    """
    if style is Style.EXPLAIN:
        return _explain(start, end, granularity, value)
    if style is Style.CALENDAR:
        text = _calendar(start, end, granularity)
        return f"{MOD_WORDS[mod]} {text}" if mod in MOD_WORDS else text
    return _short(start, end, granularity)


@lru_cache(maxsize=8192)
def human(value: str) -> str:
    """A value read for explanations: 2016-06-28 → Tue 28 Jun 2016 (the value itself when unplaceable)."""
    parsed = parse_value(value)
    if parsed is None:
        return value
    interval, gran = parsed
    return in_words(interval.start, interval.end, gran, Style.EXPLAIN, value=value)


def _day(d: datetime, *, month: str = "%b", weekday: bool = True) -> str:
    # Day numbers without a leading zero; strftime's %d would write "01".
    return f"{d:%a} {d.day} {d:{month}} {d.year}" if weekday else f"{d.day} {d:{month}} {d.year}"


def _explain(s: datetime, end: datetime, g: Granularity | None, value: str) -> str:
    last = end - timedelta(days=1)
    if g is Granularity.DAY:
        return _day(s)
    if g is Granularity.MONTH:
        return f"{s:%B} {s.year}"
    if g is Granularity.WEEK:
        return f"week {s.isocalendar().week} of {value[:4]}, {s.day} {s:%b}–{last.day} {last:%b}"
    if g is Granularity.PART_OF_DAY and value[-2:] in PART_OF_DAY_NAMES:
        return f"{PART_OF_DAY_NAMES[value[-2:]]} of {_day(s)}"
    if g in (Granularity.QUARTER, Granularity.HALF):
        period = "quarter" if g is Granularity.QUARTER else "half"
        return f"{ORDINAL_WORDS[int(value[-1])]} {period} of {value[:4]}, {s:%b}–{last:%b}"
    if g is Granularity.DECADE:
        return f"the {value}0s"
    if g is Granularity.CENTURY:
        return century_words(int(value))
    if g is Granularity.SEASON and value[-2:] in SEASON_NAMES:
        return f"{SEASON_NAMES[value[-2:]]} {value[:4]}"
    return value


def _midnight(d: datetime) -> bool:
    return d.hour == d.minute == d.second == d.microsecond == 0


def _calendar(s: datetime, end: datetime, g: Granularity | None) -> str:
    last = end - timedelta(days=1)
    if g is Granularity.YEAR:
        return f"{s.year}"
    if g is Granularity.MONTH:
        return f"{s:%B} {s.year}"
    if g is Granularity.DAY:
        return _day(s, month="%B")
    if g is Granularity.QUARTER:
        return f"Q{(s.month - 1) // 3 + 1} {s.year}"
    if g is Granularity.HALF:
        return f"{'first' if s.month == 1 else 'second'} half of {s.year}"
    if g is Granularity.SEASON:
        return f"{SEASON_OF_MONTH.get(s.month, 'season')} {s.year}"
    if g is Granularity.DECADE:
        return f"the {s.year - s.year % 10}s"
    if g is Granularity.CENTURY:
        return century_words(s.year // 100)
    if g in CLOCK_GRANULARITIES:
        if g is Granularity.PART_OF_DAY:
            return f"{_day(s, month='%B')}, {s:%H:%M}–{end:%H:%M}"
        return f"{_day(s, month='%B')}, {s:%H:%M}"
    if _midnight(s) and _midnight(end) and last > s:
        return f"{_day(s, weekday=False)} – {_day(last, weekday=False)}"
    if _midnight(s) and _midnight(end):
        return _day(s, month="%B")
    return f"{s:%d %b %Y %H:%M} – {end:%d %b %Y %H:%M}"


def _short(a: datetime, b: datetime, g: Granularity | None) -> str:
    if g is Granularity.DAY:
        return _day(a, weekday=False)
    days = (b - a).total_seconds() / 86400
    if _midnight(b) and b > a:
        # An exclusive end at midnight ("--range 2023-10-01 2023-10-31" ends at 1 Nov 00:00):
        # the span is said up to its last day, not into the next month or year.
        b = b - timedelta(microseconds=1)
    if days > 3 * 365:
        return f"{a.year} – {b.year}"
    if days > 60:
        return f"{a:%b} {a.year} – {b:%b} {b.year}"
    if days > 2:
        return f"{_day(a, weekday=False)} – {_day(b, weekday=False)}"
    return f"{a:%d %b %Y %H:%M} – {b:%d %b %Y %H:%M}"
