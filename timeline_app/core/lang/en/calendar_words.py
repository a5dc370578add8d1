"""Month and weekday names for the readers that are not rules (the dateline), from the rule tables.

The names are said once, in ``resources/rules/en/normalization/{month,weekday}.tsv``; the dateline
builds its patterns from them instead of keeping a second list.
"""

from __future__ import annotations

import re
from functools import cache

from ....rules.loader import language_tables


@cache
def month_numbers() -> dict[str, int]:
    """``"sept"`` → 9: every month surface of the table, lower case without its dot."""
    return {surface: int(value) for surface, value in language_tables("en")["month"].items()}


def _alternation(surfaces: list[str]) -> str:
    # Longest first, so that "september" is not cut to "sep" by the regex engine's first match.
    return "|".join(re.escape(s) for s in sorted(surfaces, key=lambda s: (-len(s), s)))


@cache
def month_pattern() -> str:
    """A regex group ``month`` for any month name or abbreviation, with an optional dot."""
    return rf"(?P<month>{_alternation(list(month_numbers()))})\.?"


@cache
def weekday_pattern() -> str:
    """A regex for one weekday name or abbreviation (not the plural "Mondays"), dot and comma optional."""
    names = [s for s in language_tables("en")["weekday"] if not s.endswith("days")]
    return rf"(?:{_alternation(names)})\.?,?"
