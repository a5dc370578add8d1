"""iCalendar and TimelineJS writers: hand-built analyses for exact dates, the seed for the whole path."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import icalendar
import pytest

from timeline_app.core.formats import FORMATS
from timeline_app.core.formats.calendar import to_calendar, to_ics
from timeline_app.core.formats.tabular import CSV_COLUMNS, to_csv
from timeline_app.core.formats.timelinejs import to_timelinejs, to_timelinejs_dict
from timeline_app.core.model import (
    DCT,
    Analysis,
    Article,
    ArticleResult,
    DctOrigin,
    Event,
    Granularity,
    TimeExpression,
    TimexType,
)
from timeline_app.core.pipeline import process_file
from timeline_app.core.values import parse_value
from timeline_app.resources import default_article

# value, expected all-day (DTSTART, DTEND) or clock (DTSTART, DTEND)
CASES: list[tuple[str, str | None, object, object]] = [
    ("2016-06-28", None, date(2016, 6, 28), date(2016, 6, 29)),
    ("2014-12", "APPROX", date(2014, 12, 1), date(2015, 1, 1)),
    ("2014", None, date(2014, 1, 1), date(2015, 1, 1)),
    ("2016-W26", None, date(2016, 6, 27), date(2016, 7, 4)),
    ("2015-Q3", None, date(2015, 7, 1), date(2015, 10, 1)),
    ("2015-SU", None, date(2015, 6, 1), date(2015, 9, 1)),
    ("199", None, date(1990, 1, 1), date(2000, 1, 1)),
    ("2016-02", None, date(2016, 2, 1), date(2016, 3, 1)),  # leap month ends on the 29th
    ("2016-06-27T16:30", None, datetime(2016, 6, 27, 16, 30), datetime(2016, 6, 27, 16, 31)),
    ("2016-06-29TNI", None, datetime(2016, 6, 29, 20, 0), datetime(2016, 6, 30, 6, 0)),
]


def _result(values: list[tuple[str, str | None]], title: str = "Hand-made article",
            source: str = "hand.txt") -> ArticleResult:
    sentences = [f"Sentence number {i}, with a comma; and “quotes”." for i in range(len(values))]
    text = "\n".join(sentences)
    timexes, events = [], []
    pos = 0
    for i, ((value, mod), sentence) in enumerate(zip(values, sentences), start=1):
        parsed = parse_value(value)
        assert parsed is not None, value
        interval, gran = parsed
        type_ = TimexType.TIME if gran in (Granularity.MINUTE, Granularity.PART_OF_DAY) else TimexType.DATE
        timexes.append(TimeExpression(id=f"t{i}", start=pos, end=pos + 8, text=sentence[:8], type=type_,
                                      value=value, mod=mod, anchor="dct", interval=interval,
                                      granularity=gran, rule="hand", explanation=f"{value} by hand"))
        events.append(Event(id=f"e{i}", label=f"Label {i}", start=pos, end=pos + len(sentence),
                            timex=f"t{i}", interval=interval))
        pos += len(sentence) + 1
    article = Article(source=source, title=title, text=text,
                      dct=DCT("2016-06-30", DctOrigin.DATELINE))
    return ArticleResult(source=source, article=article,
                         analysis=Analysis(timexes=tuple(timexes), events=tuple(events)))


@pytest.fixture(scope="module")
def seed() -> ArticleResult:
    result = process_file(default_article())
    assert result.ok
    return result


def test_ics_dates_per_granularity() -> None:
    result = _result([(v, m) for v, m, _, _ in CASES])
    cal = icalendar.Calendar.from_ical(to_ics([result]))
    events = cal.walk("VEVENT")
    assert len(events) == len(CASES)
    for ev, (value, _mod, start, end) in zip(events, CASES):
        got_start, got_end = ev.decoded("dtstart"), ev.decoded("dtend")
        assert (got_start, got_end) == (start, end), value
        # All-day values are DATE, not midnight DATE-TIMEs; clock values stay floating (no zone).
        assert type(got_start) is type(start), value
        if isinstance(start, datetime):
            assert got_start.tzinfo is None and ev["dtstart"].params.get("VALUE") in (None, "DATE-TIME")
        else:
            assert ev["dtstart"].params.get("VALUE") == "DATE"


def test_ics_text_fields_and_uids() -> None:
    result = _result([("2016-06-28", None), ("2014", None)])
    cal = icalendar.Calendar.from_ical(to_ics([result]))
    assert str(cal["version"]) == "2.0" and "timeline-app" in str(cal["prodid"])
    first, second = cal.walk("VEVENT")
    assert str(first["summary"]) == "Label 1"
    # The sentence, exactly, commas and semicolons unescaped again by the parser.
    assert str(first["description"]) == "Sentence number 0, with a comma; and “quotes”."
    assert first["categories"].cats == ["Hand-made article"]
    assert str(first["x-timeline-value"]) == "2016-06-28" and "dtstamp" in first
    assert first["uid"] != second["uid"]
    # Stable: the same article written twice gives the same UIDs.
    again = icalendar.Calendar.from_ical(to_ics([result])).walk("VEVENT")
    assert [str(e["uid"]) for e in again] == [str(first["uid"]), str(second["uid"])]


def test_ics_uid_differs_between_articles_with_equal_spans() -> None:
    a = _result([("2016-06-28", None)], source="a.txt")
    b = _result([("2016-06-28", None)], source="b.txt")
    uids = [str(e["uid"]) for e in to_calendar([a, b]).walk("VEVENT")]
    assert len(set(uids)) == 2


def test_ics_from_seed_has_one_vevent_per_event(seed: ArticleResult) -> None:
    text = FORMATS["ics"].write([seed])
    cal = icalendar.Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    placed = [e for e in seed.analysis.events if e.interval is not None]
    assert len(events) == len(placed) > 0
    by_summary = {str(e["description"]): e for e in events}
    tuesday = next(e for e in placed if "launched an operation on Tuesday" in seed.article.text[e.start:e.end])
    ev = by_summary[" ".join(seed.article.text[tuesday.start:tuesday.end].split())]
    assert ev.decoded("dtstart") == date(2016, 6, 28) and ev.decoded("dtend") == date(2016, 6, 29)
    year = next(e for e in events if e.decoded("dtstart") == date(2014, 1, 1))
    assert year.decoded("dtend") == date(2015, 1, 1)


def test_timelinejs_fields() -> None:
    result = _result([(v, m) for v, m, _, _ in CASES])
    doc = json.loads(to_timelinejs([result]))
    assert doc["title"]["text"]["headline"] == "Hand-made article"
    events = doc["events"]
    assert len(events) == len(CASES)
    for ev in events:
        assert isinstance(ev["start_date"]["year"], int)
        assert set(ev["text"]) == {"headline", "text"} and ev["text"]["headline"]
        assert ev["group"] == "Hand-made article" and ev["display_date"]
    day, month, year, week = events[0], events[1], events[2], events[3]
    assert day["start_date"] == {"year": 2016, "month": 6, "day": 28} and "end_date" not in day
    assert month["display_date"] == "about December 2014"
    assert month["end_date"] == {"year": 2014, "month": 12, "day": 31}  # inclusive last day
    assert year["start_date"] == {"year": 2014, "month": 1, "day": 1} and year["display_date"] == "2014"
    assert week["end_date"] == {"year": 2016, "month": 7, "day": 3}
    clock, night = events[8], events[9]
    assert clock["start_date"] == {"year": 2016, "month": 6, "day": 27, "hour": 16, "minute": 30}
    assert night["end_date"] == {"year": 2016, "month": 6, "day": 30, "hour": 6, "minute": 0}
    assert "Sentence number 0, with a comma" in events[0]["text"]["text"]


def test_timelinejs_escapes_html() -> None:
    result = _result([("2016-06-28", None)], title="<b>Bold</b> & co")
    doc = to_timelinejs_dict([result])
    assert doc["events"][0]["group"] == "<b>Bold</b> & co"  # group is plain text in TimelineJS
    assert "&lt;b&gt;" in doc["title"]["text"]["headline"]


def test_timelinejs_from_seed(seed: ArticleResult) -> None:
    doc = json.loads(FORMATS["timelinejs"].write([seed]))
    placed = [e for e in seed.analysis.events if e.interval is not None]
    assert len(doc["events"]) == len(placed) > 0
    assert all({"start_date", "text", "group"} <= set(e) for e in doc["events"])
    assert doc["title"]["text"]["headline"] == seed.article.title


def test_csv_round_trips(seed: ArticleResult) -> None:
    text = to_csv([seed])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(seed.analysis.events)
    by_id = {t.id: t for t in seed.analysis.timexes}
    for row, event in zip(rows, seed.analysis.events):
        assert row["event_id"] == event.id and row["label"] == event.label
        assert (int(row["start"]), int(row["end"])) == (event.start, event.end)
        assert row["interval_start"] == (event.interval.start.isoformat() if event.interval else "")
        if event.timex:
            assert row["timex_text"] == by_id[event.timex].text
            assert row["explanation"] == by_id[event.timex].explanation


def test_writers_skip_failed_files() -> None:
    failed = ArticleResult(source="missing.txt", article=None, errors=("missing.txt: no such file",))
    ok = _result([("2016-06-28", None)])
    assert len(icalendar.Calendar.from_ical(to_ics([failed, ok])).walk("VEVENT")) == 1
    assert len(to_timelinejs_dict([failed, ok])["events"]) == 1
