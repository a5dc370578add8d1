"""Issue 18, class 1: where a line break ends an expression's reach (tagger.hard_breaks)."""

from __future__ import annotations

import pytest

from timeline_app.core.timex.tagger import hard_breaks

WRAPPED = ("The committee that oversees the city's water supply voted to raise the rates on\n"
           "Tuesday after a long debate among its members, who had argued for weeks.")


@pytest.mark.parametrize("text,broken", [
    ("won 6-3\n\nNovember 1", ["\n\n"]),  # a blank line
    ("won 6-3\n  \t\n\nNovember 1", ["\n  \t\n\n"]),  # however many, with spaces in them
    ("Schools remain closed until Friday\nSeptember 18, 2008", ["\n"]),  # a headline over its dateline
    (WRAPPED, []),  # a wrapped paragraph: the line is long, the next one ends with a full stop
    (WRAPPED + "\nUpdated March 3, 2019", ["\n"]),  # … and the short line after it stands alone
])
def test_hard_breaks(text: str, broken: list[str]) -> None:
    assert [text[lo:hi] for lo, hi in hard_breaks(text)] == broken
