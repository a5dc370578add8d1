"""Rules stay linear on long runs of digits and separators ("1,1,1,…", "$1.1.1.…").

``counted-nouns`` and ``money-and-measures`` once read a number as ``\\d[\\d,]*``: on 20 KB of
"1," every digit began a match that ran to the end of the text and then backtracked, 19 s and
62 s for those two rules alone. A number's digits are now bounded. The time bound below is
loose on purpose (a slow shared machine); before the fix the test would take a minute or more.
"""

from __future__ import annotations

import pytest

from timeline_app.core.time_limit import time_limit
from timeline_app.core.timex.tagger import tag
from timeline_app.rules.loader import default_ruleset

RUNS = ["1," * 10_000, "1." * 10_000, "$" + "1," * 10_000, "1,1." * 5_000]  # 20 KB each


@pytest.mark.parametrize("name", ["counted-nouns", "money-and-measures"])
@pytest.mark.parametrize("text", RUNS, ids=["commas", "dots", "dollars", "mixed"])
def test_number_rules_scan_a_digit_run_in_bounded_time(name: str, text: str) -> None:
    rule = next(r for r in default_ruleset().negatives if r.name == name)
    with time_limit(15):
        found = list(rule.regex.finditer(text))
    assert all(m.end() - m.start() <= 40 for m in found)  # no match swallows the run


def test_tagging_a_digit_run_completes() -> None:
    with time_limit(30):
        for text in RUNS:
            assert all(c.end - c.start < 40 for c in tag(text))
