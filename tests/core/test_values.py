"""TIMEX3 values → intervals (GUIDE §4), and value validation."""

from __future__ import annotations

from datetime import datetime

import pytest

from timeline_app.core.model import Granularity
from timeline_app.core.values import is_valid, parse_value


@pytest.mark.parametrize("value,start,end,gran", [
    ("2014", "2014-01-01", "2015-01-01", Granularity.YEAR),
    ("2016-W26", "2016-06-27", "2016-07-04", Granularity.WEEK),
    ("2015-W53", "2015-12-28", "2016-01-04", Granularity.WEEK),
    ("2016-W26-WE", "2016-07-02", "2016-07-04", Granularity.WEEKEND),
    ("2016-06", "2016-06-01", "2016-07-01", Granularity.MONTH),
    ("2016-02-29", "2016-02-29", "2016-03-01", Granularity.DAY),
    ("199", "1990-01-01", "2000-01-01", Granularity.DECADE),
    ("18", "1800-01-01", "1900-01-01", Granularity.CENTURY),
    ("2015-Q3", "2015-07-01", "2015-10-01", Granularity.QUARTER),
    ("2015-H2", "2015-07-01", "2016-01-01", Granularity.HALF),
    ("2015-SU", "2015-06-01", "2015-09-01", Granularity.SEASON),
    ("2015-WI", "2015-12-01", "2016-03-01", Granularity.SEASON),
    ("2016-06-29TNI", "2016-06-29T20:00", "2016-06-30T06:00", Granularity.PART_OF_DAY),
    ("2016-06-27T16:30", "2016-06-27T16:30", "2016-06-27T16:31", Granularity.MINUTE),
    ("2016-06-27T16", "2016-06-27T16:00", "2016-06-27T17:00", Granularity.HOUR),
])
def test_interval_of_value(value: str, start: str, end: str, gran: Granularity) -> None:
    interval, granularity = parse_value(value)
    assert interval.start == datetime.fromisoformat(start) and interval.end == datetime.fromisoformat(end)
    assert granularity is gran


@pytest.mark.parametrize("value", ["PRESENT_REF", "PAST_REF", "XXXX-06", "2016-02-30", "2016-13", "P18M",
                                   "2016-W54", "", "0000", "hello"])
def test_unplaceable_values(value: str) -> None:
    assert parse_value(value) is None


@pytest.mark.parametrize("value,type_,ok", [
    ("2016-06-28", "DATE", True), ("PAST_REF", "DATE", True), ("XXXX-06-28", "DATE", True),
    ("2016-13-01", "DATE", False), ("P18M", "DURATION", True), ("PT5H30M", "DURATION", True),
    ("P1.5Y", "DURATION", True), ("18 months", "DURATION", False), ("P1W", "SET", True),
    ("XXXX-WXX-2", "SET", True), ("2016-06-27T16:30", "TIME", True), ("yesterday", "DATE", False),
])
def test_validation(value: str, type_: str, ok: bool) -> None:
    assert is_valid(value, type_) is ok


@pytest.mark.parametrize("value,ok", [("P1W", True), ("XXXX-WXX-2", True), ("XXXX-WXX-2TNI", True),
                                      ("XXXX-07", True), ("XXXX-Q4", True), ("T09:00", True),
                                      ("2016-13-45", False), ("2016-06-30", False), ("every week", False)])
def test_set_values_need_a_repeating_part(value: str, ok: bool) -> None:
    assert is_valid(value, "SET") is ok


def test_session_refuses_a_malformed_value_correction() -> None:
    from timeline_app.core.model import DCT, Article, DctOrigin
    from timeline_app.core.session import Session

    session = Session()
    key = session.add_article(Article(source="a", title="a", text="It ended on Tuesday.",
                                      dct=DCT("2016-06-30", DctOrigin.USER)))
    timex = session.entry(key).analysis.timexes[0]
    with pytest.raises(ValueError):
        session.set_value(key, timex, "2016-13-45")
