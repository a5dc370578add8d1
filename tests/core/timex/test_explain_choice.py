"""Explanations say the choice the calendar arithmetic made, not the rule it usually follows."""

from __future__ import annotations

import pytest

from timeline_app.core.model import DCT, DctOrigin
from timeline_app.core.timex import resolve_text


def _explained(text: str, dct: str, phrase: str) -> tuple[str | None, str]:
    timexes = resolve_text(text, DCT(value=dct, origin=DctOrigin.DATELINE, confidence=1.0))
    t = next(t for t in timexes if t.text == phrase)
    return t.value, t.explanation


@pytest.mark.parametrize(("text", "dct", "phrase", "value", "says"), [
    # On 16 May the summer to come starts in 16 days, but a season with nothing to tell is the
    # latest begun: the explanation used to call it "the summer nearest".
    ("The summer was the hottest on record.", "2020-05-16", "The summer", "2019-SU",
     "the latest summer on or before"),
    # A quarter told without a tense is the latest begun, not "the nearest".
    ("Third-quarter profit beat forecasts.", "1989-11-02", "Third-quarter", "1989-Q3",
     "the latest third quarter on or before"),
    # A past report dated the day before the day it tells of: the day just after, and it says so.
    ("Rebels attacked on Saturday, April 25, police said.", "1998-04-24", "Saturday, April 25",
     "1998-04-25", "the 25 April within three days after"),
    # Unchanged where the rule and the choice agree.
    ("The talks resumed on Tuesday.", "2016-06-30", "Tuesday", "2016-06-28",
     "the latest Tuesday on or before"),
    ("The talks will resume on Tuesday.", "2016-06-30", "Tuesday", "2016-07-05",
     "the next Tuesday on or after"),
])
def test_the_explanation_names_what_was_chosen(text: str, dct: str, phrase: str, value: str, says: str) -> None:
    got, explanation = _explained(text, dct, phrase)
    assert got == value
    assert says in explanation, explanation
