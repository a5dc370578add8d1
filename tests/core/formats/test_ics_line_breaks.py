"""Issue 20, item 10: an expression or a title holding a line break is exported to iCalendar."""

from __future__ import annotations

import dataclasses

import icalendar
from test_formats import _result

from timeline_app.core.formats.calendar import to_ics


def test_line_breaks_in_expression_title_and_sentence() -> None:
    result = _result([("2016-06-28", None)], title="Rebels\nadvance")
    timex = dataclasses.replace(result.analysis.timexes[0], text="last\nTuesday", explanation="one\ntwo")
    result = dataclasses.replace(result, analysis=dataclasses.replace(result.analysis, timexes=(timex,)))
    text = to_ics([result])  # AssertionError "Content line can not contain unescaped new line characters"
    event = next(c for c in icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert str(event["x-timeline-expression"]) == "last Tuesday"
    assert str(event["x-timeline-article"]) == "Rebels advance"
    assert str(event["comment"]) == "one\ntwo"  # escaped, and read back as it was
