"""Typed meanings of time expressions: what a rule's match says, before any anchor is known.

A rule's builder turns its match into one of these objects (``Shift(unit="M", n=-18)`` for
"18 months ago"); :func:`anchors.resolve_meaning` turns it into a TIMEX3 value against an anchor day,
with the calendar arithmetic that lives beside it in :mod:`.anchors`.
Units: Y year, Q quarter, H half, M month, W week, WE weekend, D day, DE decade, CE century,
SE season (with a season code), and hour/minute for clock arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass


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
