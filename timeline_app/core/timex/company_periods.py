"""Company reporting periods: the year so far, last year's figure, the quarter ended on a date.

Earnings reports name their periods in ways a calendar reading gets wrong: "for the nine
months" is the year so far, "last year's $1.55 billion" is the same quarter a year before,
and "the quarter ended July 31" is a fiscal quarter that is mostly the calendar's second.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..lang.language import PeriodCues
from .tagger import Candidate

# Results for the year so far: "For the nine months, net rose 5%" or "the first half".
_YEAR_TO_DATE = frozenset({"P6M", "P9M"})
_GAME_REACH = 120  # characters each side: about a sentence


def game_half(text: str, start: int, end: int, cues: PeriodCues) -> bool:
    """Whether "the first/second half" at start..end is a half of a game, told by the words
    near it in its paragraph, rather than a half-year of results. (Not by sentence: "8 p.m."
    would end one.)"""
    left = max(start - _GAME_REACH, text.rfind("\n", 0, start) + 1)
    line_end = text.find("\n", end)
    right = min(end + _GAME_REACH, line_end if line_end >= 0 else len(text))
    return cues.game_words.search(text, left, start) is not None or cues.game_words.search(text, end, right) is not None


def last_years_figure(text: str, at: int, cues: PeriodCues) -> bool:
    """Whether "last year" at `at` is followed by its figure: "last year's $1.55 billion"."""
    return cues.last_years_figure.match(text, at) is not None


def year_to_date(text: str, c: Candidate, value: str | None, cues: PeriodCues) -> bool:
    """Whether a duration names the months reported so far: "for the nine months", "in the
    first nine months", "the nine-month period" (not "jailed for nine months")."""
    if value not in _YEAR_TO_DATE:
        return False
    surface = text[c.start:c.end].lower()
    if text[c.end:c.end + len(cues.period)].lower() == cues.period:
        return True
    return (surface.startswith(cues.the) and cues.reported_over.search(text[max(0, c.start - 12):c.start]) is not None
            and cues.months_of_something.match(text, c.end) is None)


def quarter_ended(last_day: date) -> str:
    """The calendar quarter that holds most of the three months ending on `last_day`.

    A fiscal quarter need not follow the calendar: the quarter ended July 31 runs from 1 May,
    so 61 of its 92 days fall in April-June and TIMEX3 calls it the second quarter. The one
    ended Aug. 26 (from 27 May) is mostly July-September, the third.
    """
    first = _months_before(last_day, 3) + timedelta(days=1)
    if (last_day + timedelta(days=1)).day == 1:  # ends with its month: whole months, Aug 1-Oct 31
        first = _months_before(last_day, 2).replace(day=1)
    days: dict[tuple[int, int], int] = {}
    day = first
    while day <= last_day:
        key = (day.year, (day.month - 1) // 3 + 1)
        days[key] = days.get(key, 0) + 1
        day += timedelta(days=1)
    (y, q), _ = max(days.items(), key=lambda kv: (kv[1], kv[0]))
    return f"{y:04d}-Q{q}"


def _months_before(day: date, n: int) -> date:
    """The same day n months earlier, or that month's last day when it is shorter."""
    month0 = day.month - 1 - n
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)
