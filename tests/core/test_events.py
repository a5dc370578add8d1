"""Sentence splitting and event building."""

from __future__ import annotations

import pytest

from timeline_app.core.events import find_events, make_label, sentences
from timeline_app.core.model import DCT, Article, DctOrigin, Span
from timeline_app.core.timex.normalize import resolve_text


def split(text: str) -> list[str]:
    return [text[s.start:s.end] for s in sentences(text)]


@pytest.mark.parametrize("text,expected", [
    ("US army Col. Christopher Garver said it. Then he left.",
     ["US army Col. Christopher Garver said it.", "Then he left."]),
    ("U.S. officials met in Washington. The talks ended.",
     ["U.S. officials met in Washington.", "The talks ended."]),
    ("The law takes effect Jan. 1 next year. Critics object.",
     ["The law takes effect Jan. 1 next year.", "Critics object."]),
    ("Mr. Smith and Dr. Jones met at 4 p.m. Tuesday. Nothing changed.",
     ["Mr. Smith and Dr. Jones met at 4 p.m. Tuesday.", "Nothing changed."]),
    ("He said: “We left.” Then silence.", ["He said: “We left.”", "Then silence."]),
    ("Headline without a full stop\n\nBody text here.", ["Headline without a full stop", "Body text here."]),
    ("George W. Bush spoke. It rained.", ["George W. Bush spoke.", "It rained."]),
    ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
])
def test_sentences_survive_abbreviations(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_label_is_short_and_cut_at_a_word() -> None:
    long = "The New Syria Army was formed some 18 months ago from insurgents driven from eastern Syria " * 2
    label = make_label(long)
    assert len(label) <= 60 and not label.endswith(" ")
    assert make_label("Short  one.\n") == "Short one"


def test_headline_and_bare_date_line_make_no_event() -> None:
    text = "Talks end in Geneva\n\nSeptember 17, 2008\n\nThe talks ended in Geneva on Tuesday."
    dct = DCT("2008-09-17", DctOrigin.USER)
    article = Article(source="a", title="Talks end in Geneva", text=text, dct=dct)
    events = find_events(article, resolve_text(text, dct))
    assert [e.label for e in events] == ["The talks ended in Geneva"]


def test_one_event_per_sentence_with_the_most_precise_expression() -> None:
    text = "The army was formed some 18 months ago, at the height of expansion in 2014. Nothing else."
    dct = DCT("2016-06-30", DctOrigin.USER)
    article = Article(source="a", title="a", text=text, dct=dct)
    timexes = resolve_text(text, dct)
    events = find_events(article, timexes)
    assert len(events) == 1
    assert {t.id: t for t in timexes}[events[0].timex].text == "some 18 months ago"
    assert events[0].interval.start.isoformat() == "2014-12-01T00:00:00"


def test_unplaceable_expressions_make_no_event_but_stay_listed() -> None:
    text = "Prices have recently risen. The siege lasted 18 months."
    dct = DCT("2016-06-30", DctOrigin.USER)
    timexes = resolve_text(text, dct)
    assert [t.value for t in timexes] == ["PAST_REF", "P18M"]
    assert find_events(Article(source="a", title="a", text=text, dct=dct), timexes) == []


def test_boilerplate_makes_no_event() -> None:
    text = "Talks ended on Tuesday.\n\nGet top stories emailed to you on Tuesday."
    dct = DCT("2016-06-30", DctOrigin.USER)
    start = text.index("Get")
    article = Article(source="a", title="a", text=text, dct=dct, boilerplate=(Span(start, len(text)),))
    events = find_events(article, resolve_text(text, dct))
    assert [text[e.start:e.end] for e in events] == ["Talks ended on Tuesday."]


def test_agency_dateline_opening_a_sentence_keeps_the_rest_of_it() -> None:
    text = "WASHINGTON, March 22, 2013 (AP) — The president said on Friday that talks would go on."
    dateline_end = text.index("—") + 1
    dct = DCT("2013-03-22", DctOrigin.DATELINE, start=0, end=dateline_end)
    article = Article(source="a", title="a", text=text, dct=dct)
    events = find_events(article, resolve_text(text, dct))
    assert len(events) == 1
    assert text[events[0].start:events[0].end].startswith("The president said on Friday")
    assert events[0].interval.start.isoformat() == "2013-03-22T00:00:00"


def test_a_dateline_line_alone_makes_no_event() -> None:
    text = "By Reuters - Jun 30,2016 - Last updated at Jun 30,2016\n\nTalks ended on Tuesday."
    dct = DCT("2016-06-30", DctOrigin.DATELINE, start=0, end=text.index("\n"))
    events = find_events(Article(source="a", title="a", text=text, dct=dct), resolve_text(text, dct))
    assert [text[e.start:e.end] for e in events] == ["Talks ended on Tuesday."]
