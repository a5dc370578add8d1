"""Gold slips: gold values that contradict their own text or the TIMEX3 format."""

from __future__ import annotations

import pytest

from timeline_app.core.evaluation.gold_audit import gold_slip
from timeline_app.core.model import TimeExpression, TimexType


def gold(text: str, type_: str, value: str) -> TimeExpression:
    return TimeExpression(id="t1", start=0, end=len(text), text=text, type=TimexType(type_), value=value)


@pytest.mark.parametrize(("text", "type_", "value", "why"), [
    ("Wednesday", "DATE", "1999-02-09", "1999-02-09 is a Tuesday, not a Wednesday"),
    ("Sept. 27, 1989", "DATE", "1989-11-27", "1989-11-27 is not in Sept"),
    ("1988", "DATE", "1998", "1998 is not in 1988"),
    ("last week", "DATE", "P1W", "P1W is not a TIMEX3 DATE value"),
    ("this week", "DATE", "2000-W7", "2000-W7 is not a TIMEX3 DATE value"),
    ("the quarter", "DURATION", "1989-Q1", "1989-Q1 is not a TIMEX3 DURATION value"),
    ("Friday night", "DATE", "2000-01-07TEV", "2000-01-07TEV is a time of day, not a DATE"),
])
def test_slips_are_named(text: str, type_: str, value: str, why: str) -> None:
    assert gold_slip(gold(text, type_, value)) == why


@pytest.mark.parametrize(("text", "type_", "value"), [
    ("Wednesday", "DATE", "1999-02-10"),
    ("the day before last Tuesday", "DATE", "2000-02-21"),  # a Monday, rightly
    ("midnight Friday", "TIME", "1989-10-27T24"),  # the end of Friday, written as T24
    ("the fiscal year ended Sept. 30", "DATE", "1989"),
    ("the quarter", "DATE", "1989-QX"),  # underspecified, not malformed
    ("last spring", "DATE", "1988-SP"),  # another reading, not a slip
    ("May", "DATE", "1998-06"),  # "May" may be a name: months are checked only when unambiguous
    ("a while", "DURATION", "PXX"),
])
def test_readings_that_may_be_right_are_not_flagged(text: str, type_: str, value: str) -> None:
    assert gold_slip(gold(text, type_, value)) is None
