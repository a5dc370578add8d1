"""Scanning only around trigger words finds exactly what a full scan finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.ingest.timeml import parse_timeml
from timeline_app.core.timex.tagger import tag

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "tbaq"
CASES = Path(__file__).parent / "cases"


def same(text: str) -> None:
    windowed = [(c.start, c.end, c.rule.name) for c in tag(text)]
    full = [(c.start, c.end, c.rule.name) for c in tag(text, full_scan=True)]
    assert windowed == full


def test_cases_agree() -> None:
    for path in CASES.glob("*.json"):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            same(case["text"])


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"dev corpus not found at {CORPUS}")
def test_dev_corpus_agrees() -> None:
    for path in sorted(CORPUS.glob("*/*.tml")):
        same(parse_timeml(path.read_bytes(), str(path)).text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["on", "Tuesday", "the", "first", "half", "some", "18", "months", "ago",
                                  "x" * 130, "fiscal", "1998", "quarter", "late", "night", "\n", "."]),
                max_size=30))
def test_random_word_soup_agrees(words: list[str]) -> None:
    same(" ".join(words))
