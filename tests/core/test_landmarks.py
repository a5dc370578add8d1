"""Issue 18, class 8: the event's date is the date of what happened, not a landmark beside it.

The cases (tests/core/timex/cases/reader_landmarks.json, whose values test_cases.py checks)
give for each sentence the expression that places its event, or null when none does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.lang.en.landmarks import landmark
from timeline_app.core.model import DCT, Article, DctOrigin
from timeline_app.core.pipeline import analyze

CASES = json.loads((Path(__file__).parent / "timex" / "cases" / "reader_landmarks.json")
                   .read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_the_event_is_placed_by_what_happened(case: dict) -> None:
    article = Article(source="case", title="", text=case["text"], dct=DCT(case["dct"], DctOrigin.USER))
    analysis = analyze(article)
    by_id = {t.id: t for t in analysis.timexes}
    anchors = [by_id[e.timex].text for e in analysis.events if e.timex]
    assert anchors == ([case["event"]] if case["event"] else [])


@pytest.mark.parametrize("before,why", [
    ("the lowest since ", "since"),
    ("higher than ", "compared"),
    ("up from $4 million ", "compared"),
    ("after losing to Jones in ", "clause"),
    ("before he joined the firm in ", "clause"),
])
def test_landmark_says_why(before: str, why: str) -> None:
    assert why in (landmark(before + "2005", len(before)) or "")


@pytest.mark.parametrize("before", ["in ", "on ", "from 2005 to ", "shortly after he returned home on ",
                                    "more than four hours ", "the less-than-robust "])
def test_not_a_landmark(before: str) -> None:
    assert landmark(before + "2005", len(before)) is None
