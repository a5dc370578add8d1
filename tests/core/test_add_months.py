"""``values.add_months`` is the calendar arithmetic resolution uses instead of relativedelta:
it must give what ``d + relativedelta(months=n)`` gives, the exceptions included."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime

import pytest
from dateutil.relativedelta import relativedelta

from timeline_app.core.values import add_months


def _outcome(f: Callable[[date, int], date], d: date, n: int) -> object:
    try:
        return f(d, n)
    except (ValueError, OverflowError) as exc:
        return type(exc)


def _relativedelta(d: date, n: int) -> date:
    return d + relativedelta(months=n)


def test_add_months_gives_what_relativedelta_gives() -> None:
    rng = random.Random(23)
    firsts = [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), date(2016, 1, 31), datetime(2016, 2, 29, 13, 5)]
    days = firsts + [datetime(rng.randrange(1, 10000), rng.randrange(1, 13), rng.randrange(1, 29),
                              rng.randrange(24), rng.randrange(60)) for _ in range(3000)]
    for d in days:
        for n in (-1200000, -12001, -120, -13, -12, -11, -3, -1, 0, 1, 2, 3, 6, 11, 12, 13, 120, 1200, 12001):
            assert _outcome(add_months, d, n) == _outcome(_relativedelta, d, n), (d, n)


@pytest.mark.parametrize(("d", "n", "want"), [
    (datetime(2016, 1, 31), 1, datetime(2016, 2, 29)),  # cut to the month's last day
    (datetime(2015, 1, 31), 1, datetime(2015, 2, 28)),
    (datetime(2016, 2, 29), 12, datetime(2017, 2, 28)),
    (datetime(2016, 3, 1, 9, 30), -3, datetime(2015, 12, 1, 9, 30)),  # the time of day kept
])
def test_add_months_worked_examples(d: datetime, n: int, want: datetime) -> None:
    assert add_months(d, n) == want
