"""Hypothesis: no text makes the tagger, the normalizer or the event finder raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.model import DCT, Article, DctOrigin
from timeline_app.core.pipeline import analyze

WORDS = ["on", "Tuesday", "last", "next", "week", "year", "ago", "2014", "June", "30", ",", ".", "some",
         "18", "months", "the", "1990s", "at", "4:30", "p.m.", "every", "day", "later", "three", "days",
         "May", "Theresa", "mid-2015", "fiscal", "quarter", "third", "2016-06-30", "06/30/2016", "noon",
         "overnight", "early", "late", "this", "night", "Monday", "ago", "half", "and", "a", "\n\n", "—"]


def check(text: str, dct: DCT | None) -> None:
    analysis = analyze(Article(source="fuzz", title="fuzz", text=text, dct=dct))
    for t in analysis.timexes:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
    for e in analysis.events:
        assert 0 <= e.start < e.end <= len(text)


dcts = st.one_of(st.none(), st.dates(min_value=__import__("datetime").date(1, 1, 1)).map(
    lambda d: DCT(d.isoformat(), DctOrigin.USER)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), dct=dcts)
def test_any_text_never_raises(text: str, dct: DCT | None) -> None:
    check(text, dct)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=40), dct=dcts)
def test_time_words_in_any_order_never_raise(words: list[str], dct: DCT | None) -> None:
    check(" ".join(words), dct)


def test_calendar_edges_do_not_raise() -> None:
    text = ("last year. next year. two centuries ago. next week. Tuesday. December. three days later. "
            "9 a.m. tomorrow. next summer. the third quarter. the weekend. Jan. 3. the 1990s. In April.")
    for day in ("0001-01-01", "0001-12-31", "9999-01-01", "9999-12-31"):
        check(text, DCT(day, DctOrigin.USER))
