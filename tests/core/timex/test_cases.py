"""Table-driven cases (tests/core/timex/cases/*.json): text, DCT, expected spans, values, types, mods.

Each case lists expressions that must be found with exactly that extent (first occurrence of
the text, or the ``occurrence``-th) and value; ``none`` lists strings that must not be part of any expression.
Optional (story time): ``read_as`` forces the document mode, ``mode`` is the mode the text
must be read in and ``reason`` words its stated reason must contain.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.model import DCT, DctOrigin, Mode
from timeline_app.core.timex.normalize import resolve_story
from timeline_app.core.timex.tagger import tag

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["cases"]):
            out.append((f"{path.stem}-{i}", case))
    return out


CASES = load_cases()


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_case(case: dict) -> None:
    text = case["text"]
    dct = DCT(case["dct"], DctOrigin.USER) if case["dct"] else None
    read_as = Mode(case["read_as"]) if case.get("read_as") else None
    found, mode = resolve_story(tag(text), text, dct, mode=read_as)
    if "mode" in case:
        assert str(mode.value) == case["mode"], f"read as {mode.value}, not {case['mode']}: {mode.reason}"
    if "reason" in case:
        assert case["reason"] in mode.reason, f"reason {mode.reason!r} does not say {case['reason']!r}"
    got = [(t.text, t.value, str(t.type), t.mod) for t in found]
    for exp in case["expect"]:
        start = -1
        for _ in range(exp.get("occurrence", 1)):  # the first mention, unless told to take a later one
            start = text.index(exp["text"], start + 1)
        end = start + len(exp["text"])
        match = [t for t in found if (t.start, t.end) == (start, end)]
        assert match, f"{exp['text']!r} not found with that extent in {text!r}; got {got}"
        t = match[0]
        assert t.value == exp["value"], f"{exp['text']!r}: {t.value} != {exp['value']} ({t.explanation})"
        if "type" in exp:
            assert str(t.type) == exp["type"], f"{exp['text']!r}: type {t.type} != {exp['type']}"
        assert (t.mod or None) == exp.get("mod"), f"{exp['text']!r}: mod {t.mod} != {exp.get('mod')}"
        if t.value is None:
            assert t.interval is None and "cannot be resolved" in t.explanation
    for absent in case["none"]:
        start = text.index(absent)
        hits = [t for t in found if t.start < start + len(absent) and start < t.end]
        assert not hits, f"{absent!r} must not be tagged; got {got}"
