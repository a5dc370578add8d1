"""Anchors, and resolving one meaning against one.

An anchor is the point a relative expression counts from: the document date, or the last
date the text mentioned. :func:`resolve_meaning` turns a typed meaning (semantics.py) into a
TIMEX3 value against it; normalize.py chooses the anchor and the tense.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import Granularity, Interval
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
    add_units,
    format_at,
    resolve_holiday,
    resolve_in_year,
    resolve_named,
    resolve_shift,
    resolve_turn,
)
from ..lang.en.tense import Tense
from ..values import human, parse_value

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


def anchor_from(tid: str, value: str, interval: Interval, gran: Granularity, surface: str) -> Anchor:
    return Anchor(when=interval.start, unit=GRAN_UNIT.get(gran, "D"), id=tid,
                   label=f'"{surface}" mentioned before ({human(value)})')


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
