"""Typed meanings of time expressions, and the calendar arithmetic that resolves them.

A rule's builder turns its match into one of these objects (``Shift(unit="M", n=-18)`` for
"18 months ago"); :func:`anchors.resolve_meaning` turns it into a TIMEX3 value against an anchor day.
Units: Y year, Q quarter, H half, M month, W week, WE weekend, D day, DE decade, CE century,
SE season (with a season code), and hour/minute for clock arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from ..lang.en.tense import Tense
from ..values import SEASON_START_MONTH, format_day, format_week

weekday_codes = (MO, TU, WE, TH, FR, SA, SU)

# Coarser units first: used to keep a shifted value no finer than its anchor.
UNIT_RANK = {"CE": 9, "DE": 8, "Y": 7, "H": 6, "Q": 5, "SE": 4, "M": 4, "W": 3, "WE": 3, "D": 2,
             "HOUR": 1, "MIN": 0, "SEC": -1}


@dataclass(frozen=True, slots=True)
class Fixed:
    """A value that needs no anchor: 2014, 2016-06-30, 199."""

    value: str


@dataclass(frozen=True, slots=True)
class Shift:
    """``n`` units from the anchor, stated at the unit's granularity ("18 months ago": M, -18)."""

    unit: str
    n: float
    anchor: str = "dct"  # "dct" or "previous" (the last mentioned date)
    season: str | None = None  # for unit SE
    pod: str | None = None  # a part of day added to a day value ("last night")


@dataclass(frozen=True, slots=True)
class Named:
    """A named calendar position without a year, placed by tense: "Tuesday", "March",
    "Aug. 2", "summer", "the third quarter". ``rel`` is -1 for last, +1 for next, 0 for this,
    None when the text says nothing and the tense decides."""

    kind: str  # weekday | month | monthday | season | quarter | half
    index: int  # weekday 1-7, month 1-12, quarter 1-4, half 1-2
    day: int | None = None
    season: str | None = None
    rel: int | None = None
    anchor: str = "dct"
    pod: str | None = None


@dataclass(frozen=True, slots=True)
class Clock:
    """A clock time on a day given by ``day`` (or the anchor day)."""

    hour: int
    minute: int | None
    day: Fixed | Shift | Named | None = None


@dataclass(frozen=True, slots=True)
class Literal:
    """A value that is not a calendar position: PRESENT_REF, P18M, P1W (SET)."""

    value: str


@dataclass(frozen=True, slots=True)
class Holiday:
    """A named day ("Thanksgiving", "Easter"): ``spec`` from the holiday table says how to find
    it in a year; ``year`` when the text gives one, else placed by ``rel`` or the tense."""

    spec: str
    year: int | None = None
    rel: int | None = None
    anchor: str = "dct"


@dataclass(frozen=True, slots=True)
class SamePeriod:
    """The reporting period last named, in another year: "the 1988 quarter" after "the third
    quarter of 1989" is 1988-Q3; with no period named before, just the year. ``year`` None
    counts ``years`` from the period's year (or the document's): "last year's quarter"."""

    year: int | None
    years: int = 0


@dataclass(frozen=True, slots=True)
class InYear:
    """A named part of the year ``years`` away from the anchor's: "June last year" (2015-06 from
    2016), "next year's first quarter" (2017-Q1), "Feb. 3 this year" (2016-02-03)."""

    years: int
    kind: str  # month | monthday | quarter | half | season
    index: int = 0
    day: int | None = None
    season: str | None = None
    anchor: str = "dct"


@dataclass(frozen=True, slots=True)
class Around:
    """A day or week counted from a date named inside the expression: "the day before last
    Tuesday" is the day (D) -1 from that Tuesday, "the week of March 6" the week (W) 0 from it."""

    inner: Named | Holiday | Fixed
    unit: str
    n: int
    why: str | None = None  # how the inner date was chosen, for the explanation


@dataclass(frozen=True, slots=True)
class Turn:
    """"the turn of the century": the change of century nearest the time talked about ("was
    knighted in 1996 and retired at the turn of the century" → 2000); ``years`` is 100 or 1000."""

    years: int
    anchor: str = "previous"


Meaning = Fixed | Shift | Named | Clock | Literal | Holiday | SamePeriod | InYear | Around | Turn


def resolve_turn(m: Turn, anchor: datetime) -> str:
    """The year that opens the century (or millennium) whose start is nearest the anchor."""
    return f"{round(anchor.year / m.years) * m.years:04d}"


def resolve_in_year(m: InYear, anchor: datetime) -> str:
    """Raises ValueError for a day the year does not have ("Feb. 30")."""
    year = anchor.year + m.years
    if m.kind == "season":
        return f"{year:04d}-{m.season or 'SU'}"
    if m.kind == "monthday":
        return format_day(datetime(year, m.index, m.day or 0))
    months, unit = {"month": (1, "M"), "quarter": (3, "Q"), "half": (6, "H")}[m.kind]
    return format_at(datetime(year, months * (m.index - 1) + 1, 1), unit)


def holiday_in(spec: str, year: int) -> datetime:
    """The date of a holiday in a year, from its table spec (see normalization/holiday.tsv)."""
    kind, *args = spec.split()
    if kind == "fixed":
        month, day = (int(x) for x in args[0].split("-"))
        return datetime(year, month, day)
    if kind == "easter":
        return datetime.combine(easter(year), datetime.min.time()) + timedelta(days=int(args[0]))
    if kind == "easter-week":  # its Monday: the week ends on Easter Sunday
        return datetime.combine(easter(year), datetime.min.time()) - timedelta(days=6)
    if kind == "election":  # the Tuesday after the first Monday of November
        return datetime(year, 11, 1) + relativedelta(weekday=MO(1)) + timedelta(days=1)
    if kind == "nth":
        month, weekday, n = (int(x) for x in args)
        day = weekday_codes[weekday - 1](n)
        first = datetime(year, month, 1)
        start = first if n > 0 else first + relativedelta(months=1, days=-1)  # count back from the last day
        return start + relativedelta(weekday=day)
    raise ValueError(f"bad holiday spec {spec!r}")


def resolve_holiday(m: Holiday, anchor: datetime, tense: Tense | None) -> str:
    week = m.spec == "easter-week"
    length = timedelta(days=7 if week else 1)
    fmt = format_week if week else format_day
    if m.year is not None:
        return fmt(holiday_in(m.spec, m.year))
    cands = []
    for y in range(anchor.year - 2, anchor.year + 3):
        day = holiday_in(m.spec, y)
        cands.append((day, day + length, fmt(day)))
    return _place(cands, anchor, m.rel, tense, default_current=True)


_MONTHS_IN = {"Y": 12, "DE": 120, "CE": 1200, "Q": 3, "H": 6}


def add_units(anchor: datetime, unit: str, n: float) -> datetime:
    whole = int(n)
    if unit in _MONTHS_IN and n != whole:  # "a year and a half later": 18 months
        return add_units(anchor, "M", n * _MONTHS_IN[unit])
    if unit == "M" and n != whole:  # "two and a half months": the half as days
        return anchor + relativedelta(months=whole) + timedelta(days=round((n - whole) * 30))
    if unit == "Y":
        return anchor + relativedelta(years=whole)
    if unit == "DE":
        return anchor + relativedelta(years=10 * whole)
    if unit == "CE":
        return anchor + relativedelta(years=100 * whole)
    if unit == "Q":
        return anchor + relativedelta(months=3 * whole)
    if unit == "H":
        return anchor + relativedelta(months=6 * whole)
    if unit == "M":
        return anchor + relativedelta(months=whole)
    if unit in ("W", "WE"):
        return anchor + timedelta(weeks=n)
    if unit == "FN":
        return anchor + timedelta(weeks=2 * n)
    if unit == "D":
        return anchor + timedelta(days=n)
    if unit == "HOUR":
        return anchor + timedelta(hours=n)
    if unit == "MIN":
        return anchor + timedelta(minutes=n)
    if unit == "SEC":
        return anchor + timedelta(seconds=n)
    raise ValueError(f"unknown unit {unit}")


def format_at(d: datetime, unit: str) -> str:
    """The value naming the ``unit``-sized period that contains ``d``."""
    if unit == "CE":
        return f"{d.year // 100:02d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "H":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit in ("W", "FN"):
        return format_week(d)
    if unit == "WE":
        return format_week(d) + "-WE"
    if unit == "D":
        return format_day(d)
    if unit == "HOUR":
        return f"{format_day(d)}T{d.hour:02d}"
    if unit == "SEC":
        return f"{format_day(d)}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
    return f"{format_day(d)}T{d.hour:02d}:{d.minute:02d}"


def season_start(year: int, code: str) -> datetime:
    return datetime(year, SEASON_START_MONTH[code], 1)


def _place(starts: list[tuple[datetime, datetime, str]], anchor: datetime, rel: int | None,
           tense: Tense | None, default_current: bool) -> str:
    """Choose among candidate periods (start, end, value) around the anchor.

    rel 0 → the period containing the anchor (or in the anchor's year); -1 → the latest one that
    ended before the anchor; +1 → the first one that starts after it. With no rel, the tense
    decides: past → the latest that has begun, future → the first that has not ended,
    otherwise the one in the anchor's year (``default_current``) or the latest begun.
    """
    starts.sort()
    if rel == -1:
        return [v for s, e, v in starts if e <= anchor][-1]
    if rel == 1:
        return next(v for s, e, v in starts if s > anchor)
    if rel == 0:
        same_year = [v for s, e, v in starts if s.year == anchor.year]
        containing = [v for s, e, v in starts if s <= anchor < e]
        return (containing or same_year or [starts[len(starts) // 2][2]])[0]
    if tense is Tense.PRESENT and default_current:
        # "the rights expire Nov. 21", "payable Jan. 2": the occurrence nearest the anchor.
        return min(starts, key=lambda c: abs((c[0] - anchor).total_seconds()))[2]
    if tense is None and default_current:
        # Nothing tells: news mostly reports the past, so a later occurrence must be more than
        # twice as near to win ("the Jan. 14 deadline" nine days ahead, but "the October
        # slaying" six months back rather than five months ahead).
        return min(starts, key=lambda c: (c[0] - anchor).total_seconds() * 2 if c[0] > anchor
                   else (anchor - c[0]).total_seconds())[2]
    if tense is Tense.FUTURE:
        return next(v for s, e, v in starts if e > anchor)
    return [v for s, e, v in starts if s <= anchor][-1]


def resolve_named(m: Named, anchor: datetime, tense: Tense | None) -> str:
    """Place a weekday, month, month-day, season, quarter or half relative to the anchor."""
    if m.kind == "weekday":
        diff = m.index - anchor.isoweekday()
        if m.rel == 0:
            pass  # the same calendar week
        elif m.rel == -1:
            diff = diff - 7 if diff >= 0 else diff
        elif m.rel == 1:
            diff = diff + 7 if diff <= 0 else diff
        elif tense is Tense.FUTURE:
            diff = diff + 7 if diff < 0 else diff
        elif tense is Tense.PRESENT:  # "the vote closes Thursday": the nearest such day
            diff = diff - 7 if diff > 3 else diff + 7 if diff < -3 else diff
        else:  # news mostly reports what happened: the latest such day, today included
            diff = diff - 7 if diff > 0 else diff
        day = anchor + timedelta(days=diff)
        return format_day(day) + (f"T{m.pod}" if m.pod else "")
    years = range(anchor.year - 2, anchor.year + 3)
    if m.kind == "month":
        cands = [(datetime(y, m.index, 1), datetime(y, m.index, 1) + relativedelta(months=1),
                  f"{y:04d}-{m.index:02d}") for y in years]
        return _place(cands, anchor, m.rel, tense, default_current=True)
    if m.kind == "monthday":
        cands = []
        for y in years:
            try:
                start = datetime(y, m.index, m.day or 1)
            except ValueError:  # Feb 29 in a common year
                continue
            cands.append((start, start + timedelta(days=1), format_day(start)))
        if m.rel is None and tense is Tense.PAST:
            # A report dated just before the day it tells of is a time-zone or dating slip,
            # not a year-old event: allow past days up to three days after the anchor.
            return _place(cands, anchor + timedelta(days=3), None, tense, default_current=True) + \
                (f"T{m.pod}" if m.pod else "")
        return _place(cands, anchor, m.rel, tense, default_current=True) + (f"T{m.pod}" if m.pod else "")
    if m.kind == "weekend":
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        cands = [(saturday + timedelta(weeks=k), saturday + timedelta(weeks=k, days=2),
                  format_week(saturday + timedelta(weeks=k)) + "-WE") for k in range(-2, 3)]
        if m.rel is None and tense in (Tense.PRESENT, None):
            # "this weekend", "the weekend" with nothing to tell: the nearer one, so on a
            # Thursday the weekend to come, on a Monday the one just gone.
            return min(cands, key=lambda c: max((c[0] - anchor).total_seconds(),
                                                (anchor - c[1]).total_seconds(), 0))[2]
        return _place(cands, anchor, m.rel, tense, default_current=False)
    if m.kind == "season":
        code = m.season or "SU"
        cands = [(season_start(y, code), season_start(y, code) + relativedelta(months=3), f"{y:04d}-{code}")
                 for y in years]
        return _place(cands, anchor, m.rel, tense, default_current=False)
    if m.kind in ("quarter", "half"):
        months = 3 if m.kind == "quarter" else 6
        letter = "Q" if m.kind == "quarter" else "H"
        cands = []
        for y in years:
            start = datetime(y, months * (m.index - 1) + 1, 1)
            cands.append((start, start + relativedelta(months=months), f"{y:04d}-{letter}{m.index}"))
        if m.rel is None:
            # Results are reported after the period ends: "will report third-quarter results"
            # in October is about the quarter that just ended, so only a period that had not
            # ended a quarter ago can be the future one.
            begun = [c for c in cands if c[0] <= anchor]
            if tense is Tense.FUTURE:
                return next(v for s, e, v in cands if e > anchor - timedelta(days=92))
            return begun[-1][2]
        return _place(cands, anchor, m.rel, tense, default_current=False)
    raise ValueError(f"unknown named kind {m.kind}")


def resolve_shift(m: Shift, anchor: datetime, anchor_unit: str = "D") -> str:
    """Shift the anchor by ``n`` units; never state the result finer than the anchor is known."""
    unit = m.unit
    if unit == "SE":
        code = m.season or "SU"
        cands = [(season_start(y, code), season_start(y, code) + relativedelta(months=3), f"{y:04d}-{code}")
                 for y in range(anchor.year - 2, anchor.year + 3)]
        rel = 0 if m.n == 0 else (-1 if m.n < 0 else 1)
        return _place(cands, anchor, rel, None, default_current=False)
    shifted = add_units(anchor, unit, m.n)
    out_unit = unit if UNIT_RANK.get(unit, 2) >= UNIT_RANK.get(anchor_unit, 2) else anchor_unit
    if unit == "FN":
        out_unit = "D" if anchor_unit == "D" else anchor_unit
    value = format_at(shifted, out_unit)
    if m.pod and out_unit == "D":
        value += f"T{m.pod}"
    return value
