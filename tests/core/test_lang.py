"""Languages are found by code: their rule files and their Python package."""

from __future__ import annotations

from timeline_app.core import lang


def test_a_language_is_its_rules_and_its_package() -> None:
    assert "en" in lang.available()
    assert lang.package("en").__name__ == "timeline_app.core.lang.en"
    assert lang.ruleset("en").rules
    try:
        lang.package("xx")
    except ValueError as exc:
        assert "no language 'xx'" in str(exc) and "en" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("an unknown language must be refused")


def test_the_default_language_shares_the_one_loaded_rule_set() -> None:
    from timeline_app.rules.loader import default_ruleset

    assert lang.ruleset("en") is default_ruleset()


def test_a_span_ending_at_midnight_is_said_up_to_its_last_day() -> None:
    from datetime import datetime

    from timeline_app.core.lang.en.dates import Style, in_words

    # "--range 2023-10-01 2023-10-31" ends at 1 Nov 00:00, exclusive: the subtitle says October.
    assert in_words(datetime(2023, 10, 1), datetime(2023, 11, 1), None, Style.SHORT) == "1 Oct 2023 – 31 Oct 2023"
    assert in_words(datetime(2016, 6, 1), datetime(2016, 8, 1), None, Style.SHORT) == "Jun 2016 – Jul 2016"
    assert in_words(datetime(2014, 1, 1), datetime(2017, 1, 1), None, Style.SHORT) == "2014 – 2016"
