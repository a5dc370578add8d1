"""The quick tagger tries each rule only where its match can begin, inside its windows: that
must find exactly what ``finditer`` finds over the same windows, and stay linear in the text."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.timex.dispatch import plan_for
from timeline_app.core.timex.tagger import tag
from timeline_app.rules.loader import default_ruleset

CASES = Path(__file__).parent / "cases"


def agrees(text: str) -> None:
    plan = plan_for(default_ruleset())
    begins, by_set = plan.scan(text)
    windows = [[(0, len(text))] if k < 0 else by_set[k] for k in plan.rule_window]
    quick = sorted((i, m.span()) for i, m in plan.matches(text, begins, windows))
    every = sorted((i, m.span()) for i, rule in enumerate(plan.rules)
                   for lo, hi in windows[i] for m in rule.regex.finditer(text, lo, hi))
    assert quick == every


def test_cases_agree_with_a_scan_of_every_position() -> None:
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            agrees(case["text"])


# Words that begin rules, trigger words, numbers, and characters that case folding or the
# non-word beginnings make tricky: "ſeptember" is "september" under IGNORECASE, "K" (Kelvin) is "k".
_PIECES = ["on", "the", "Tuesday", "last", "week", "18", "months", "ago", "1990s", "'90s", "’90s", "$5",
           "12,000", "4:30", "p.m.", "Sept.", "ſeptember", "\u212aalends", "İn", "“This Week”", "``Spring''",
           "Q3", "mid-1990s", "2015-06-03", "6/3/2015", "fiscal", "quarter", "x" * 60, "\n", ".", ",", "(", ")",
           "-", "every", "a", "few", "days", "later", "Theresa", "May", "10", "a.m.", "Friday's", "noon"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.lists(st.sampled_from(["", " ", "  "]), max_size=40))
def test_random_text_agrees(pieces: list[str], gaps: list[str]) -> None:
    text = "".join(p + (gaps[i] if i < len(gaps) else " ") for i, p in enumerate(pieces))
    agrees(text)


def test_text_without_white_space_is_scanned_once() -> None:
    # Each window used to run on to the next space: 400 KB without one took 8.6 s.
    text = "Tuesday,18,months," * 22_000
    _, by_set = plan_for(default_ruleset()).scan(text)
    for wins in by_set:
        assert sum(hi - lo for lo, hi in wins) <= len(text)
        assert all(a[1] <= b[0] for a, b in pairwise(wins))
    start = "It began on Tuesday " + text[:2000]
    assert [c.start for c in tag(start)] == [c.start for c in tag(start, full_scan=True)]
    assert start[12:19] in [start[c.start:c.end] for c in tag(start)]
