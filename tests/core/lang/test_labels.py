"""Event labels (issue 21): table cases of sentences and the labels drawn for them.

Each case gives a sentence and its event's time expression (first occurrence of ``timex``);
``label`` is the expected label, or ``event: false`` says the line is not an event at all
(the headline, a byline, a bare date line).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.lang.en.labels import MAX_LABEL, event_label, is_event_sentence
from timeline_app.core.pipeline import process_file

CASES_PATH = Path(__file__).parent / "cases" / "event_labels.json"
CASES = json.loads(CASES_PATH.read_text(encoding="utf-8"))["cases"]
SEED = Path(__file__).parents[3] / "seeds" / "syria.txt"


def _span(case: dict) -> tuple[int, int] | None:
    if not case.get("timex"):
        return None
    start = case["sentence"].index(case["timex"])
    return start, start + len(case["timex"])


def test_there_are_enough_cases() -> None:
    assert sum(1 for c in CASES if c.get("event", True)) >= 60


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['sentence'][:30]}" for i, c in enumerate(CASES)])
def test_case(case: dict) -> None:
    span = _span(case)
    is_event = is_event_sentence(case["sentence"], span, case.get("title", ""))
    assert is_event == case.get("event", True), case.get("why", "")
    if is_event:
        label = event_label(case["sentence"], span)
        assert label == case["label"]
        assert len(label) <= MAX_LABEL


def test_the_seed_article_events_have_these_labels() -> None:
    """The seed article through the whole pipeline: eight events, each labelled as in the cases."""
    expected = [c["label"] for c in CASES if c.get("source", "").startswith("seeds/syria.txt")]
    assert len(expected) == 8
    result = process_file(SEED)
    assert [e.label for e in result.analysis.events] == expected


@pytest.mark.parametrize("sentence", [
    "", "   ", "—", "“”", "said", "(AP)", "On Tuesday,", "A, B, C, D, E, F.", "x" * 500,
    "The " * 80, "\ue000 odd \ue001 characters", "“Unbalanced quote, he said on Monday.",
])
def test_odd_sentences_give_a_short_label(sentence: str) -> None:
    label = event_label(sentence, (0, min(3, len(sentence))) if sentence else None)
    assert len(label) <= MAX_LABEL
