"""The bundled sample article, end to end with no --dct: the issue's acceptance figures."""

from __future__ import annotations

import pytest

from timeline_app.core.model import DctOrigin, TimexType
from timeline_app.core.pipeline import process_file
from timeline_app.resources import default_article


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    result = process_file(default_article())
    assert result.ok, result.errors
    return result


def values_of(seed, text: str) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(t.value, t.mod) for t in seed.analysis.timexes if t.text == text]


def test_dct_comes_from_the_dateline(seed) -> None:  # type: ignore[no-untyped-def]
    dct = seed.article.dct
    assert dct.value == "2016-06-30"
    assert dct.origin is DctOrigin.DATELINE
    assert "Jun 30,2016" in seed.article.text[dct.start:dct.end]


def test_both_on_tuesday(seed) -> None:  # type: ignore[no-untyped-def]
    assert values_of(seed, "Tuesday") == [("2016-06-28", None), ("2016-06-28", None)]
    text = seed.article.text
    for t in seed.analysis.timexes:
        if t.text == "Tuesday":
            assert text[t.start - 3:t.end] == "on Tuesday"
            assert "past tense" in t.explanation and "Thu 30 Jun 2016" in t.explanation


def test_on_wednesday(seed) -> None:  # type: ignore[no-untyped-def]
    assert values_of(seed, "Wednesday") == [("2016-06-29", None)]


def test_overnight(seed) -> None:  # type: ignore[no-untyped-def]
    [t] = [t for t in seed.analysis.timexes if t.text == "overnight"]
    assert (t.value, t.type) == ("2016-06-29TNI", TimexType.TIME)


def test_some_18_months_ago(seed) -> None:  # type: ignore[no-untyped-def]
    assert values_of(seed, "some 18 months ago") == [("2014-12", "APPROX")]


def test_both_in_2014(seed) -> None:  # type: ignore[no-untyped-def]
    text = seed.article.text
    found = [t for t in seed.analysis.timexes if t.text == "2014"]
    assert [t.value for t in found] == ["2014", "2014"]
    assert all(text[t.start - 3:t.end] == "in 2014" for t in found)
    assert found[0].interval.start.isoformat() == "2014-01-01T00:00:00"
    assert found[0].interval.end.isoformat() == "2015-01-01T00:00:00"


def test_this_month_and_this_week(seed) -> None:  # type: ignore[no-untyped-def]
    assert values_of(seed, "this month") == [("2016-06", None)]
    assert values_of(seed, "this week") == [("2016-W26", None)]
    [week] = [t for t in seed.analysis.timexes if t.text == "this week"]
    assert (week.interval.start.day, week.interval.end.day) == (27, 4)


@pytest.mark.parametrize("noise", ["69 users have voted", "Newsletter", "emailed to you each day"])
def test_no_event_from_boilerplate(seed, noise: str) -> None:  # type: ignore[no-untyped-def]
    text = seed.article.text
    start = text.index(noise)
    for event in seed.analysis.events:
        assert not (event.start < start + len(noise) and start < event.end), event
    assert not [t for t in seed.analysis.timexes if start <= t.start < start + len(noise)]


def test_no_event_from_the_dateline(seed) -> None:  # type: ignore[no-untyped-def]
    dct = seed.article.dct
    assert not [e for e in seed.analysis.events if e.start < dct.end and dct.start < e.end]


def test_events_cover_the_placeable_sentences(seed) -> None:  # type: ignore[no-untyped-def]
    events = seed.analysis.events
    assert len(events) == 8
    garver = [e for e in events if "Garver" in seed.article.text[e.start:e.end]]
    assert not garver  # that sentence has no time expression; "Col." did not split anything
    by_id = {t.id: t for t in seed.analysis.timexes}
    assert [by_id[e.timex].value for e in events] == [
        "2016-06-28", "2016-06-29", "2016-06-28", "2014", "2014-12", "2016-06-29TNI", "2016-06", "2016-W26"]
