"""TIMEX3 value strings: validation, and the calendar interval each value denotes.

``interval_of("2014")`` is [2014-01-01, 2015-01-01); ``interval_of("2016-W26")`` is
[2016-06-27, 2016-07-04). The timeline draws these intervals, so a year is a bar across its
year, not a point on 1 January.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TypeVar

from .model import Granularity, Interval, TimexType

_D = TypeVar("_D", date, datetime)


def add_months(d: _D, n: int) -> _D:
    """``d`` plus ``n`` whole months, the day kept or cut to the month's last: what
    ``d + relativedelta(months=n)`` gives (31 January + 1 month is 28 or 29 February), a few
    times faster — resolution adds months to every month, season and quarter it considers.
    Beyond the calendar (year 0, 10000) it raises ValueError as relativedelta does."""
    years, month0 = divmod(d.month - 1 + n, 12)
    year, month = d.year + years, month0 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))

# Parts of the day, as offsets from midnight in hours. Night runs into the next morning,
# which is how "overnight" and "Monday night" are meant in news.
PART_OF_DAY_HOURS: dict[str, tuple[int, int]] = {
    "MO": (6, 12),
    "MI": (12, 13),
    "AF": (12, 18),
    "EV": (18, 24),
    "NI": (20, 30),
    "DT": (6, 18),
}
PART_OF_DAY_NAMES = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening",
                     "NI": "night", "DT": "daytime"}

# Meteorological seasons (northern hemisphere): month the season starts, in the value's year.
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}

REFERENCE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})

_DATE_RE = re.compile(
    r"""^(?:
        (?P<millennium>\d)|
        (?P<century>\d\d)|
        (?P<decade>\d\d\d)|
        (?P<year>\d{4})
        (?:-(?:
            (?P<month>\d\d)(?:-(?P<day>\d\d)
                (?:T(?:(?P<hour>\d\d)(?::(?P<minute>\d\d)(?::(?P<second>\d\d(?:\.\d+)?))?)?
                   |(?P<pod>MO|MI|AF|EV|NI|DT)))?)?|
            W(?P<week>\d\d)(?P<weekend>-WE)?|
            Q(?P<quarter>[1-4])|
            H(?P<half>[12])|
            (?P<season>SP|SU|FA|WI)
        ))?
    )$""",
    re.VERBOSE,
)

_DURATION_RE = re.compile(
    r"^P(?:(?:(?:\d+(?:\.\d+)?|X)(?:[YQMWDLCE]|DE|CE))+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
    r"|T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)$"
)
# SET values: a duration (P1W), or a date with X for the repeating part (XXXX-WXX-2, XXXX-07),
# or a clock time alone (T09:00, every day at nine).
_SET_RE = re.compile(r"^(?:(?=.*X)[X\d]{4}(?:-(?:W[\dX]{2}(?:-[1-7])?|[\dX]{2}(?:-[\dX]{2})?|Q[1-4X]|H[12X]"
                     r"|SP|SU|FA|WI))?(?:T[\dA-Z:]+)?|T(?:\d\d(?::\d\d)?|MO|AF|EV|NI|MI|DT))$")
_PARTIAL_RE = re.compile(r"^[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?|-W[\dX]{2}(?:-\d)?)?(?:T.+)?$")


@lru_cache(maxsize=8192)  # the same few hundred values recur across a corpus; results are frozen
def parse_value(value: str) -> tuple[Interval, Granularity] | None:
    """The interval and granularity a DATE/TIME value denotes, or None if it is not placeable.

    Reference values (PRESENT_REF...), values with unknown parts (XXXX-06) and malformed
    values are not placeable.
    """
    m = _DATE_RE.match(value)
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["millennium"] is not None:
            first = int(g["millennium"]) * 1000
            if first + 1000 > 9999:  # datetime stops at year 9999
                return None
            interval = Interval(datetime(max(first, 1), 1, 1), datetime(first + 1000, 1, 1))
            return interval, Granularity.MILLENNIUM
        if g["century"] is not None:
            first = int(g["century"]) * 100
            return Interval(datetime(max(first, 1), 1, 1), datetime(first + 100, 1, 1)), Granularity.CENTURY
        if g["decade"] is not None:
            first = int(g["decade"]) * 10
            return Interval(datetime(max(first, 1), 1, 1), datetime(first + 10, 1, 1)), Granularity.DECADE
        year = int(g["year"])
        if year < 1:
            return None
        if g["week"] is not None:
            monday = datetime.combine(date.fromisocalendar(year, int(g["week"]), 1), datetime.min.time())
            if g["weekend"]:
                return Interval(monday + timedelta(days=5), monday + timedelta(days=7)), Granularity.WEEKEND
            return Interval(monday, monday + timedelta(days=7)), Granularity.WEEK
        if g["quarter"] is not None:
            start = datetime(year, 3 * int(g["quarter"]) - 2, 1)
            return Interval(start, add_months(start, 3)), Granularity.QUARTER
        if g["half"] is not None:
            start = datetime(year, 6 * int(g["half"]) - 5, 1)
            return Interval(start, add_months(start, 6)), Granularity.HALF
        if g["season"] is not None:
            start = datetime(year, SEASON_START_MONTH[g["season"]], 1)
            return Interval(start, add_months(start, 3)), Granularity.SEASON
        if g["month"] is None:
            return Interval(datetime(year, 1, 1), datetime(year + 1, 1, 1)), Granularity.YEAR
        month = int(g["month"])
        if g["day"] is None:
            start = datetime(year, month, 1)
            return Interval(start, add_months(start, 1)), Granularity.MONTH
        day = datetime(year, month, int(g["day"]))
        if g["pod"]:
            lo, hi = PART_OF_DAY_HOURS[g["pod"]]
            return Interval(day + timedelta(hours=lo), day + timedelta(hours=hi)), Granularity.PART_OF_DAY
        if g["hour"] is None:
            return Interval(day, day + timedelta(days=1)), Granularity.DAY
        start = day + timedelta(hours=int(g["hour"]))
        if g["minute"] is None:
            return Interval(start, start + timedelta(hours=1)), Granularity.HOUR
        start += timedelta(minutes=int(g["minute"]))
        if g["second"] is None:
            return Interval(start, start + timedelta(minutes=1)), Granularity.MINUTE
        start += timedelta(seconds=float(g["second"]))
        return Interval(start, start + timedelta(seconds=1)), Granularity.SECOND
    except (ValueError, OverflowError):  # 2016-02-30, week 54, year 0...
        return None


def is_valid(value: str, type_: TimexType | str) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value for ``type_`` (used to check user edits)."""
    type_ = TimexType(type_)
    if type_ is TimexType.DURATION:
        return bool(_DURATION_RE.match(value))
    if type_ is TimexType.SET:
        return bool(_DURATION_RE.match(value) or _SET_RE.match(value))
    if value in REFERENCE_VALUES:
        return True
    value = value.removeprefix("BC")  # BC0480, BC0480-04, BC04: the same shapes as after Christ
    if parse_value(value) is not None:
        return True
    # Underspecified but well-formed dates such as XXXX-06-28 or 2016-XX.
    return bool(_PARTIAL_RE.match(value)) and "X" in value and _known_parts_exist(value)


def _known_parts_exist(value: str) -> bool:
    """The known parts of an underspecified date are real: no month 13, no 30 February."""
    date_part = value.split("T", 1)[0]
    parts = date_part.split("-")
    if len(parts) >= 2 and parts[1].startswith("W"):
        week = parts[1][1:]
        return "X" in week or 1 <= int(week) <= 53
    month = parts[1] if len(parts) >= 2 else "XX"
    day = parts[2] if len(parts) >= 3 else "XX"
    if "X" not in month and not 1 <= int(month) <= 12:
        return False
    if "X" not in day:
        longest = 29 if "X" in month else (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[int(month) - 1]
        if not 1 <= int(day) <= (31 if "X" in month else longest):
            return False
    return True


def format_day(d: datetime | date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def format_week(d: datetime | date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def century_words(hundreds: int) -> str:
    """The century of the years ``hundreds``00-``hundreds``99 as people name it: 19 → the 20th century."""
    n = hundreds + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"the {n}{suffix} century"




_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?|X)(DE|CE|[YQMWDHSLCE])")
_DURATION_UNITS = {"Y": "year", "Q": "quarter", "M": "month", "W": "week", "D": "day", "H": "hour",
                   "TM": "minute", "S": "second", "DE": "decade", "CE": "century", "E": "decade",
                   "C": "century", "L": "millennium"}


def duration_words(value: str) -> str:
    """P18M → '18 months', PT1H30M → '1 hour 30 minutes', PXY → 'some years'."""
    if not value.startswith("P"):
        return value
    date_part, _, time_part = value[1:].partition("T")
    words = []
    for part, in_time in ((date_part, False), (time_part, True)):
        for amount, unit in _DURATION_PART.findall(part):
            name = _DURATION_UNITS.get("T" + unit if in_time and unit == "M" else unit, unit)
            if amount == "X":
                words.append(f"some {name}s" if not name.endswith("y") else f"some {name[:-1]}ies")
            else:
                plural = "" if float(amount) == 1 else ("ies" if name.endswith("ry") else "s")
                words.append(f"{amount} {name[:-1] + plural if plural == 'ies' else name + plural}")
    return " ".join(words) or value


def set_words(value: str) -> str:
    """P1W → 'every week', P2Y → 'every 2 years', XXXX-WXX-2 → 'every Tuesday'."""
    if value.startswith("P"):
        words = duration_words(value)
        return "every " + (words.removeprefix("1 "))
    weekday = re.fullmatch(r"XXXX-WXX-(\d)(?:T(\w\w))?", value)
    if weekday:
        day = date(2024, 1, int(weekday.group(1))).strftime("%A")
        pod = PART_OF_DAY_NAMES.get(weekday.group(2) or "", "")
        return f"every {day}{' ' + pod if pod else ''}"
    month = re.fullmatch(r"XXXX-(\d\d)", value)
    if month:
        return f"every {date(2024, int(month.group(1)), 1):%B}"
    return f"repeating: {value}"
