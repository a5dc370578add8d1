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
