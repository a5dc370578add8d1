"""Dateline detection: every supported shape, exact spans, publication over update, no false DCT."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.ingest import dateline
from timeline_app.core.model import DctOrigin
from timeline_app.core.values import parse_value

BODY = "\n\nThe rebels said on Tuesday that they had withdrawn to the desert, a spokesman said.\n"

# (text, expected value, expected text[start:end], expected updated, expected confidence)
SHAPES = [
    ("By Reuters - Jun 30,2016 - Last updated at Jun 30,2016", "2016-06-30",
     "By Reuters - Jun 30,2016 - Last updated at Jun 30,2016", "2016-06-30", 0.95),
    ("WASHINGTON, March 22, 2013 (AP) — The president said on Friday that talks would go on.",
     "2013-03-22", "WASHINGTON, March 22, 2013 (AP) —", None, 0.95),
    ("BEIRUT, Lebanon, Jan. 5, 2014 (Reuters) - Fighting flared again.", "2014-01-05",
     "BEIRUT, Lebanon, Jan. 5, 2014 (Reuters) -", None, 0.95),
    ("KABUL, Afghanistan (Reuters) - Sunday 4 October 2015 - Taliban fighters pulled back overnight.",
     "2015-10-04", "KABUL, Afghanistan (Reuters) - Sunday 4 October 2015 -", None, 0.95),
    ("Thu 30 Jun 2016 07.42 BST", "2016-06-30T07:42", "Thu 30 Jun 2016 07.42 BST", None, 0.9),
    ("Posted 2016-06-30T10:15:00Z", "2016-06-30T10:15", "Posted 2016-06-30T10:15:00Z", None, 0.95),
    ("Updated 4:15 PM ET, Thu June 30, 2016", "2016-06-30T16:15",
     "Updated 4:15 PM ET, Thu June 30, 2016", "2016-06-30T16:15", 0.7),
    ("Published: 30 June 2016", "2016-06-30", "Published: 30 June 2016", None, 0.95),
    ("June 30, 2016 | 10:15 am", "2016-06-30T10:15", "June 30, 2016 | 10:15 am", None, 0.9),
    ("2016-06-30", "2016-06-30", "2016-06-30", None, 0.85),
    ("Thursday, June 30, 2016", "2016-06-30", "Thursday, June 30, 2016", None, 0.9),
    ("30.06.2016", "2016-06-30", "30.06.2016", None, 0.85),
    ("06/30/2016", "2016-06-30", "06/30/2016", None, 0.85),
    ("07/06/2016", "2016-07-06", "07/06/2016", None, 0.6),  # month first, but it could be 7 June
    ("First published on Thu 30 Jun 2016 11.02 BST", "2016-06-30T11:02",
     "First published on Thu 30 Jun 2016 11.02 BST", None, 0.95),
    ("Last modified on Fri 1 Jul 2016 09.00 BST", "2016-07-01T09:00",
     "Last modified on Fri 1 Jul 2016 09.00 BST", "2016-07-01T09:00", 0.7),
    ("By Jane Doe | Published: 24 June 2016", "2016-06-24", "By Jane Doe | Published: 24 June 2016",
     None, 0.95),
    ("June 30, 2016 at 11:45 p.m. EDT", "2016-06-30T23:45", "June 30, 2016 at 11:45 p.m. EDT", None, 0.9),
    ("12:30 am, July 1, 2016", "2016-07-01T00:30", "12:30 am, July 1, 2016", None, 0.9),
    ("Date: 1st July 2016", "2016-07-01", "Date: 1st July 2016", None, 0.95),
]


@pytest.mark.parametrize(("line", "value", "span_text", "updated", "confidence"), SHAPES)
def test_dateline_shapes(line: str, value: str, span_text: str, updated: str | None,
                         confidence: float) -> None:
    text = "Rebels retreat from border area\n\n" + line + BODY
    dct = dateline.detect(text)
    assert dct is not None
    assert dct.value == value
    assert dct.origin is DctOrigin.DATELINE
    assert dct.start is not None and dct.end is not None
    assert text[dct.start:dct.end] == span_text
    assert dct.updated == updated
    assert dct.confidence == pytest.approx(confidence)
    assert parse_value(dct.value) is not None  # a placeable TIMEX3 value


def test_publication_preferred_over_update_in_either_order() -> None:
    for line in ("Updated: July 1, 2016 | Published: June 30, 2016",
                 "Published: June 30, 2016 | Updated: July 1, 2016"):
        dct = dateline.detect(line + BODY)
        assert dct is not None
        assert (dct.value, dct.updated, dct.confidence) == ("2016-06-30", "2016-07-01", 0.95)


def test_publication_and_update_on_two_lines_span_both() -> None:
    text = "Title here\nPublished 30 June 2016\nUpdated 1 July 2016 10:00 BST\n" + BODY
    dct = dateline.detect(text)
    assert dct is not None
    assert (dct.value, dct.updated) == ("2016-06-30", "2016-07-01T10:00")
    assert text[dct.start:dct.end] == "Published 30 June 2016\nUpdated 1 July 2016 10:00 BST"


def test_dateline_after_a_long_standfirst() -> None:
    standfirst = "A long introduction to the story " * 10  # > 200 characters: a paragraph
    text = f"Headline\n{standfirst}\nThu 30 Jun 2016 07.42 BST\n\nBody."
    dct = dateline.detect(text)
    assert dct is not None and dct.value == "2016-06-30T07:42"


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    ("Rebels retreat from border area\n\nThe rebels had launched an operation on June 28, 2016 "
     "aimed at capturing the town from the militants, the coalition fighting them said today."),
    "Brexit: what happened on 23 June 2016 and why it matters\n\nBody text.",  # a headline, not a dateline
    "The date was set for June 30, 2016.\n",  # a sentence, not a dateline
    "Security Council Resolution 2254\n\nThe council met.",
    "Call 555-1234 before 06/30\n",  # no year
    "31 June 2016\n",  # no such day
    "February 29, 2015\n",  # no such day
    "Jun 30, 1492\n",  # outside 1800-2099
    "The year 2016 was hot.\n",
    # the agency first, but the date is in the sentence, not between dashes
    "LONDON (Reuters) - The bank said on June 30, 2016 that it would cut rates.\n",
])
def test_no_dateline(text: str) -> None:
    assert dateline.detect(text) is None


def test_only_the_head_is_read() -> None:
    filler = "".join(f"Line {i} of the text, no date here\n" for i in range(40))
    assert dateline.detect(filler + "Published: 30 June 2016\n") is None
    assert dateline.detect("x" * 5000 + "\nPublished: 30 June 2016\n") is None


def test_pathological_lines_finish() -> None:
    # Long runs of the pieces the patterns are made of: must return (quickly) without a match.
    for text in ("2016-" * 20000, "30 " * 50000, "June " * 30000, ("1" * 3000 + "\n") * 10,
                 "WASHINGTON, " * 5000, "Updated " * 10000 + "June 30, 2016"):
        dateline.detect(text)


@pytest.mark.parametrize(("raw", "value"), [
    ("2016-06-30T10:15:00+03:00", "2016-06-30T10:15"),
    ("2016-06-30T10:15:00.123Z", "2016-06-30T10:15"),
    ("2016-06-30T00:00:00Z", "2016-06-30"),  # midnight: only a day was meant
    ("2016-06-30", "2016-06-30"),
    ("20160630", "2016-06-30"),
    ("Thu, 30 Jun 2016 10:15:00 GMT", "2016-06-30T10:15"),
    ("June 30, 2016", "2016-06-30"),
    ("", None),
    ("yesterday", None),
    ("2016-13-45", None),
    ("07/06/2016", None),  # ambiguous order: not trusted in markup
    ("1066-10-14", None),
])
def test_parse_machine_date(raw: str, value: str | None) -> None:
    assert dateline.parse_machine_date(raw) == value


@pytest.mark.parametrize(("name", "value"), [
    ("report-2016-06-30.txt", "2016-06-30"),
    ("20160630_syria.txt", "2016-06-30"),
    ("reuters_2016_06_30.html", "2016-06-30"),
    ("news.2016.06.30.md", "2016-06-30"),
    ("article.txt", None),
    ("id-12016063099.txt", None),  # inside a longer number
    ("2016-02-30.txt", None),  # no such day
    ("2016-06_30.txt", None),  # mixed separators
])
def test_from_filename(name: str, value: str | None) -> None:
    dct = dateline.from_filename(name)
    if value is None:
        assert dct is None
    else:
        assert dct is not None
        assert (dct.value, dct.origin, dct.confidence) == (value, DctOrigin.FILENAME, 0.4)
        assert dct.start is None and dct.end is None


_PIECES = ["June", "Jun", "30", "2016", ",", " ", "\n", "-", "—", "(AP)", "Updated", "Published",
           "By", "BST", "PM", "07.42", "4:15", "2016-06-30T10:15:00Z", "WASHINGTON", "|", "/", ".",
           "Thu", "1st", ":", "\r", "\u00a0", "31", "12"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)))
def test_detect_never_raises(text: str) -> None:
    dct = dateline.detect(text)
    if dct is not None:
        assert dct.start is not None and dct.end is not None
        assert 0 <= dct.start < dct.end <= len(text)
        assert parse_value(dct.value) is not None
        assert 0.0 <= dct.confidence <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_parse_machine_date_never_raises(raw: str) -> None:
    value = dateline.parse_machine_date(raw)
    assert value is None or parse_value(value) is not None
