"""Anchors, and the calendar arithmetic that resolves a meaning against one.

An anchor is the point a relative expression counts from: the document date, or the last
date the text mentioned. :func:`resolve_meaning` turns a typed meaning (:mod:`.meanings`) into a
TIMEX3 value against it, with the arithmetic below (weekdays before or after, N units ago,
holidays, seasons); normalize.py chooses the anchor and the tense.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from ..lang.en.dates import human
from ..lang.en.tense import Tense
from ..model import Granularity, Interval
from ..values import SEASON_START_MONTH, add_months, format_day, format_week, parse_value
from .meanings import (
    Around,
    Clock,
    Fixed,
    Holiday,
    InYear,
    Literal,
    Meaning,
    Named,
    SamePeriod,
    Shift,
    Turn,
)

weekday_codes = (MO, TU, WE, TH, FR, SA, SU)

# Coarser units first: used to keep a shifted value no finer than its anchor.
UNIT_RANK = {"CE": 9, "DE": 8, "Y": 7, "H": 6, "Q": 5, "SE": 4, "M": 4, "W": 3, "WE": 3, "D": 2,
             "HOUR": 1, "MIN": 0, "SEC": -1}

GRAN_UNIT = {
    Granularity.CENTURY: "CE", Granularity.DECADE: "DE", Granularity.YEAR: "Y",
    Granularity.HALF: "H", Granularity.QUARTER: "Q", Granularity.SEASON: "M",
    Granularity.MONTH: "M", Granularity.WEEK: "W", Granularity.WEEKEND: "W",
    # After a clock time, "an hour later" is a clock time too.
    Granularity.HOUR: "HOUR", Granularity.MINUTE: "MIN", Granularity.SECOND: "SEC",
}


@dataclass(slots=True)
class Anchor:
    """A point to resolve against: when, how precisely it is known, and what it is."""

    when: datetime
    unit: str
    id: str  # "dct" or a timex id
    label: str  # for explanations: "the dateline Thu 30 Jun 2016"
    end: datetime | None = None  # the end of the interval it names, when known (story time)
    bc: bool = False  # ``when`` is in story years (story_time.ERA_SHIFT): a date before year 1


def anchor_from(tid: str, value: str, interval: Interval, gran: Granularity, surface: str) -> Anchor:
    return Anchor(when=interval.start, unit=GRAN_UNIT.get(gran, "D"), id=tid,
                   label=f'"{surface}" mentioned before ({human(value)})', end=interval.end)


def needs(m: Meaning) -> str | None:
    """Which anchor a meaning needs: "dct", "previous", or None."""
    if isinstance(m, (Fixed, Literal)) or isinstance(m, Holiday) and m.year is not None:
        return None
    if isinstance(m, SamePeriod):
        # "last year's quarter" counts its year from the period's, or else the document's
        return None if m.year is not None else "dct"
    if isinstance(m, Clock):
        return needs(m.day) if m.day is not None else "dct"
    if isinstance(m, Around):
        return needs(m.inner)
    return m.anchor


def resolve_meaning(m: Meaning, anchor: Anchor | None, tense: Tense | None) -> str | None:
    if isinstance(m, (Fixed, Literal)):
        return m.value
    if isinstance(m, Holiday) and m.year is not None:
        return resolve_holiday(m, datetime(m.year, 1, 1), None)
    if isinstance(m, Around):
        inner = resolve_meaning(m.inner, anchor, tense)
        parsed = parse_value(inner) if inner else None
        return format_at(add_units(parsed[0].start, m.unit, m.n), m.unit) if parsed else None
    if anchor is None and needs(m) is not None:  # (a clock on a full date needs none)
        return None
    if isinstance(m, Named):
        return resolve_named(m, anchor.when, tense)
    if isinstance(m, Holiday):
        return resolve_holiday(m, anchor.when, tense)
    if isinstance(m, InYear):
        return resolve_in_year(m, anchor.when)
    if isinstance(m, Shift):
        return resolve_shift(m, anchor.when, anchor.unit)
    if isinstance(m, Turn):
        return resolve_turn(m, anchor.when)
    if isinstance(m, Clock):
        # "The strike began at midnight": the midnight that began the day, which TimeML writes
        # as T24 of the day before.
        back = -1 if bare_midnight(m) and tense is Tense.PAST else 0
        day = (resolve_meaning(m.day, anchor, tense) if m.day is not None
               else resolve_shift(Shift("D", back), anchor.when, "D"))
        if day is None or len(day) < 10:
            return None
        # TimeML writes midnight at the end of a day as T24.
        hour = f"T{m.hour:02d}" if m.minute is None and m.hour == 24 else f"T{m.hour:02d}:{m.minute or 0:02d}"
        return day[:10] + hour
    return None


def bare_midnight(m: Clock) -> bool:
    return m.day is None and m.hour == 24 and not m.minute


# The calendar arithmetic: each meaning kind against an anchor day.

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
    return place_holiday(m, anchor, tense)[0]


def place_holiday(m: Holiday, anchor: datetime, tense: Tense | None) -> tuple[str, Choice | None]:
    """The holiday's day (its week for Holy Week) around the anchor, and the :class:`Choice`
    (None when the text states the year)."""
    week = m.spec == "easter-week"
    length = timedelta(days=7 if week else 1)
    fmt = format_week if week else format_day
    if m.year is not None:
        return fmt(holiday_in(m.spec, m.year)), None
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
        return add_months(anchor, whole) + timedelta(days=round((n - whole) * 30))
    if unit == "Y":
        return add_months(anchor, 12 * whole)
    if unit == "DE":
        return add_months(anchor, 120 * whole)
    if unit == "CE":
        return add_months(anchor, 1200 * whole)
    if unit == "Q":
        return add_months(anchor, 3 * whole)
    if unit == "H":
        return add_months(anchor, 6 * whole)
    if unit == "M":
        return add_months(anchor, whole)
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


class Choice(StrEnum):
    """Which occurrence the arithmetic chose, so the explanation says what was done, not the rule."""

    BEFORE = "before"  # "last Tuesday": the last one that ended before the anchor
    AFTER = "after"  # "next Tuesday": the first one that starts after it
    SAME = "same"  # "this Tuesday", "this April": the one of the anchor's week or year
    NEAREST = "nearest"  # told in the present, or nothing tells: the nearest one
    NEXT = "next"  # told in the future: the first one that has not ended
    LATEST = "latest"  # told in the past (or a weekday with nothing to tell): the latest begun
    REPORTED = "reported"  # a period to be reported on: the first not ended three months before
    SLIP = "slip"  # a past day dated just before the report: up to three days after the anchor


def _place(starts: list[tuple[datetime, datetime, str]], anchor: datetime, rel: int | None,
           tense: Tense | None, default_current: bool) -> tuple[str, Choice]:
    """Choose among candidate periods (start, end, value) around the anchor; say which rule chose.

    rel 0 → the period containing the anchor (or in the anchor's year); -1 → the latest one that
    ended before the anchor; +1 → the first one that starts after it. With no rel, the tense
    decides: past → the latest that has begun, future → the first that has not ended,
    otherwise the one in the anchor's year (``default_current``) or the latest begun.
    """
    starts.sort()
    if rel == -1:
        return [v for s, e, v in starts if e <= anchor][-1], Choice.BEFORE
    if rel == 1:
        return next(v for s, e, v in starts if s > anchor), Choice.AFTER
    if rel == 0:
        same_year = [v for s, e, v in starts if s.year == anchor.year]
        containing = [v for s, e, v in starts if s <= anchor < e]
        return (containing or same_year or [starts[len(starts) // 2][2]])[0], Choice.SAME
    if tense is Tense.PRESENT and default_current:
        # "the rights expire Nov. 21", "payable Jan. 2": the occurrence nearest the anchor.
        return min(starts, key=lambda c: abs((c[0] - anchor).total_seconds()))[2], Choice.NEAREST
    if tense is None and default_current:
        # Nothing tells: news mostly reports the past, so a later occurrence must be more than
        # twice as near to win ("the Jan. 14 deadline" nine days ahead, but "the October
        # slaying" six months back rather than five months ahead).
        return min(starts, key=lambda c: (c[0] - anchor).total_seconds() * 2 if c[0] > anchor
                   else (anchor - c[0]).total_seconds())[2], Choice.NEAREST
    if tense is Tense.FUTURE:
        return next(v for s, e, v in starts if e > anchor), Choice.NEXT
    return [v for s, e, v in starts if s <= anchor][-1], Choice.LATEST


def resolve_named(m: Named, anchor: datetime, tense: Tense | None) -> str:
    """Place a weekday, month, month-day, season, quarter or half relative to the anchor."""
    return place_named(m, anchor, tense)[0]


# Resolving a name and explaining it both place it (the explanation says which occurrence was
# chosen): the same (name, anchor, tense) is looked up, not worked out twice. Meanings and
# datetimes are immutable, and so is the result; an exception is raised again, never stored.
@lru_cache(maxsize=4096)
def place_named(m: Named, anchor: datetime, tense: Tense | None) -> tuple[str, Choice]:
    """:func:`resolve_named`'s value, and the :class:`Choice` that picked it."""
    pod = f"T{m.pod}" if m.pod else ""
    if m.kind == "weekday":
        diff = m.index - anchor.isoweekday()
        if m.rel == 0:
            choice = Choice.SAME  # the same calendar week
        elif m.rel == -1:
            diff, choice = (diff - 7 if diff >= 0 else diff), Choice.BEFORE
        elif m.rel == 1:
            diff, choice = (diff + 7 if diff <= 0 else diff), Choice.AFTER
        elif tense is Tense.FUTURE:
            diff, choice = (diff + 7 if diff < 0 else diff), Choice.NEXT
        elif tense is Tense.PRESENT:  # "the vote closes Thursday": the nearest such day
            diff, choice = (diff - 7 if diff > 3 else diff + 7 if diff < -3 else diff), Choice.NEAREST
        else:  # news mostly reports what happened: the latest such day, today included
            diff, choice = (diff - 7 if diff > 0 else diff), Choice.LATEST
        day = anchor + timedelta(days=diff)
        return format_day(day) + pod, choice
    years = range(anchor.year - 2, anchor.year + 3)
    if m.kind == "month":
        cands = [(datetime(y, m.index, 1), add_months(datetime(y, m.index, 1), 1),
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
            value, _ = _place(cands, anchor + timedelta(days=3), None, tense, default_current=True)
            return value + pod, Choice.SLIP if value > format_day(anchor) else Choice.LATEST
        value, choice = _place(cands, anchor, m.rel, tense, default_current=True)
        return value + pod, choice
    if m.kind == "weekend":
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        cands = [(saturday + timedelta(weeks=k), saturday + timedelta(weeks=k, days=2),
                  format_week(saturday + timedelta(weeks=k)) + "-WE") for k in range(-2, 3)]
        if m.rel is None and tense in (Tense.PRESENT, None):
            # "this weekend", "the weekend" with nothing to tell: the nearer one, so on a
            # Thursday the weekend to come, on a Monday the one just gone.
            return min(cands, key=lambda c: max((c[0] - anchor).total_seconds(),
                                                (anchor - c[1]).total_seconds(), 0))[2], Choice.NEAREST
        return _place(cands, anchor, m.rel, tense, default_current=False)
    if m.kind == "season":
        code = m.season or "SU"
        cands = [(season_start(y, code), add_months(season_start(y, code), 3), f"{y:04d}-{code}")
                 for y in years]
        return _place(cands, anchor, m.rel, tense, default_current=False)
    if m.kind in ("quarter", "half"):
        months = 3 if m.kind == "quarter" else 6
        letter = "Q" if m.kind == "quarter" else "H"
        cands = []
        for y in years:
            start = datetime(y, months * (m.index - 1) + 1, 1)
            cands.append((start, add_months(start, months), f"{y:04d}-{letter}{m.index}"))
        if m.rel is None:
            # Results are reported after the period ends: "will report third-quarter results"
            # in October is about the quarter that just ended, so only a period that had not
            # ended a quarter ago can be the future one.
            begun = [c for c in cands if c[0] <= anchor]
            if tense is Tense.FUTURE:
                chosen = next(c for c in cands if c[1] > anchor - timedelta(days=92))
                return chosen[2], Choice.NEXT if chosen[1] > anchor else Choice.REPORTED
            return begun[-1][2], Choice.LATEST
        return _place(cands, anchor, m.rel, tense, default_current=False)
    raise ValueError(f"unknown named kind {m.kind}")


def resolve_shift(m: Shift, anchor: datetime, anchor_unit: str = "D") -> str:
    """Shift the anchor by ``n`` units; never state the result finer than the anchor is known."""
    unit = m.unit
    if unit == "SE":
        code = m.season or "SU"
        cands = [(season_start(y, code), add_months(season_start(y, code), 3), f"{y:04d}-{code}")
                 for y in range(anchor.year - 2, anchor.year + 3)]
        rel = 0 if m.n == 0 else (-1 if m.n < 0 else 1)
        return _place(cands, anchor, rel, None, default_current=False)[0]
    shifted = add_units(anchor, unit, m.n)
    out_unit = unit if UNIT_RANK.get(unit, 2) >= UNIT_RANK.get(anchor_unit, 2) else anchor_unit
    if unit == "FN":
        out_unit = "D" if anchor_unit == "D" else anchor_unit
    if out_unit == anchor_unit != unit and (anchor_unit in _MONTHS_IN or anchor_unit == "M") \
            and abs(shifted - anchor) < add_units(anchor, anchor_unit, 1) - anchor:
        # "The day before" or "two days later" after "1940": some day of that year, not
        # the year before because the count started on 1 January.
        shifted = anchor
    value = format_at(shifted, out_unit)
    if m.pod and out_unit == "D":
        value += f"T{m.pod}"
    return value
