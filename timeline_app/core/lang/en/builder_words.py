"""English words the builders read in a rule's groups: spelled-out years, directions, ordinals."""

from __future__ import annotations

from ..language import BuilderWords

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def spelled_year(surface: str) -> int | None:
    """'nineteen ninety-six' → 1996, 'two thousand one' → 2001 (broadcast transcripts)."""
    words = surface.lower().replace("-", " ").replace(" and ", " ").split()
    values = {w: i for i, w in enumerate(_ONES)}
    values.update({w: 10 * (i + 2) for i, w in enumerate(_TENS)})
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(values.get(w, 0) for w in words[2:])
    if words and words[0] == "nineteen":
        rest = [values[w] for w in words[1:] if w in values]
        return 1900 + sum(rest) if rest and sum(rest) < 100 else None
    return None


WORDS = BuilderWords(
    spelled_year=spelled_year,
    forward=("later", "after", "from now", "hence", "on", "+", "in", "ahead"),
    before="before",
    morning="morning",  # "4 in the morning" (but "2 at night" is a.m. too: the hour tells)
    last=("last", "final"),
    first="first",
    century="century",
)
