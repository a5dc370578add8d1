"""Issue 20, item 9: every value written is valid TIMEX3, and every placed date a real calendar date.

"0 months" gave ``P`` and "February 30, 2016" gave ``2016-02-30``. The property test builds
sentences from the parts that make values — numbers (zero included), units, days past a month's
end, month names, years, weekdays, "later"/"ago" — around a dateline, and checks every value.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.ingest import read_article_bytes
from timeline_app.core.model import TimexType
from timeline_app.core.pipeline import analyze
from timeline_app.core.values import is_valid, parse_value

MONTHS = ["January", "February", "March", "April", "June", "September", "November", "Feb.", "Sept."]
UNITS = ["days", "weeks", "months", "years", "hours", "minutes", "decades", "quarters", "day", "month"]
WEEKDAYS = ["Monday", "Tuesday", "Sunday"]


def _values(text: str) -> list[tuple[str, TimexType, str | None]]:
    article = read_article_bytes(("By Reuters - Jun 30, 2016\n" + text + "\n").encode(), "x.txt")
    return [(t.text, t.type, t.value) for t in analyze(article).timexes]


def _check(text: str) -> None:
    for surface, type_, value in _values(text):
        if value is None:
            continue
        assert is_valid(value, type_), (text, surface, type_, value)
        if type_ in (TimexType.DATE, TimexType.TIME) and "X" not in value and not value.endswith("_REF") \
                and not value.startswith("BC"):
            assert parse_value(value) is not None, (text, surface, value)  # a real calendar date


def test_zero_durations_are_values() -> None:
    assert ("0 months", TimexType.DURATION, "P0M") in _values("The talks stalled for 0 months.")


def test_an_impossible_date_has_no_value() -> None:
    found = {s: v for s, _t, v in _values("It happened on February 30, 2016, and on April 31, 2015.")}
    assert found["February 30, 2016"] is None and found["April 31, 2015"] is None


def test_underspecified_values_have_real_parts() -> None:
    assert is_valid("XXXX-02-29", "DATE") and is_valid("2016-XX", "DATE") and is_valid("BC0480-04", "DATE")
    assert not is_valid("2016-13-XX", "DATE") and not is_valid("XXXX-02-30", "DATE")
    assert not is_valid("2016-XX-32", "DATE") and not is_valid("P", "DURATION")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(
    st.builds(lambda n, u: f"for {n} {u}", st.integers(0, 40), st.sampled_from(UNITS)),
    st.builds(lambda n, u, w: f"{n} {u} {w}", st.integers(0, 40), st.sampled_from(UNITS),
              st.sampled_from(["later", "ago", "earlier", "before"])),
    st.builds(lambda m, d, y: f"on {m} {d}, {y}", st.sampled_from(MONTHS), st.integers(0, 40),
              st.integers(1, 2100)),
    st.builds(lambda d, m: f"on {d} {m}", st.integers(0, 40), st.sampled_from(MONTHS)),
    st.builds(lambda w: f"on {w}", st.sampled_from(WEEKDAYS)),
    st.builds(lambda y, q: f"in the {q} quarter of {y}", st.integers(1, 2100),
              st.sampled_from(["first", "fourth", "fifth"])),
    st.builds(lambda y, m, d: f"({y:04d}-{m:02d}-{d:02d})", st.integers(1, 2100), st.integers(0, 14),
              st.integers(0, 35)),
), min_size=1, max_size=4))
def test_every_value_written_is_valid_timex3(parts: list[str]) -> None:
    _check("The talks " + ", then ".join(parts) + ".")
