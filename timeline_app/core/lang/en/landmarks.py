"""Times a sentence names as a landmark rather than as the time of what it reports.

"Facing its worst crisis since 1989, the government cut spending": 1989 is the point the
comparison counts from, not when the spending was cut. "She won the final, after losing to
Jones in 2005": 2005 dates the losing, a clause under "after", not the win. Such a time stays
listed (the detail pane shows it) but does not place the sentence's event.
"""

from __future__ import annotations

import re

# What may stand between "since" and the time: "since at least 1989", "ever since the start of 2008".
_SINCE = re.compile(
    r"\bsince\s+(?:(?:at\s+least|as\s+early\s+as|as\s+far\s+back\s+as|as\s+long\s+ago\s+as|"
    r"the\s+(?:start|end|beginning|middle)\s+of)\s+)?$", re.IGNORECASE)
# A comparison: "more than in 2005", "higher than a year earlier" (the time right after "than":
# "more than four hours Friday" compares no times), "compared with a year earlier", "rose to $5 million from
# $4 million a year earlier" (an amount after "from": not the range "from 2005 to 2010"); no
# comma or clause end between it and the time.
_COMPARED = re.compile(
    r"\bthan\s+(?:(?:in|on|at|during|for|over)\s+)?$|"
    r"\b(?:compared\s+(?:with|to)|versus|vs\.|as\s+against|from\s+(?:(?:[$£€¥]|C\$)\s?\d[\d.,]*"
    r"(?:\s*(?:million|billion|trillion|bn|m)\b)?|\d[\d.,]*\s*(?:%|percent\b|per\s+cent\b|million\b|billion\b|"
    r"cents?\b|points?\b)))[^,;:!?]{0,50}$", re.IGNORECASE)
# A clause or a gerund under "after", "before" or "since", with the time inside it: "after
# losing to Jones in 2005", "before he joined the firm in 2010", "since she took office in 2017".
# Not "shortly after he returned home on Friday": that places the event beside the time.
_SUBORDINATE = re.compile(
    r"(?<!shortly\s)(?<!just\s)(?<!soon\s)(?<!right\s)(?<!hours\s)(?<!minutes\s)(?<!moments\s)"
    r"(?<!immediately\s)\b(?:after|before|since)\s+(?:[a-z]+ing|(?:he|she|it|they|we|I|you)\s+[a-z]+)\b[^,;:.!?]{0,60}$",
    re.IGNORECASE)
_REACH = 120  # characters before the time that are read: about a clause


# A word each pattern's match must hold. Most clauses hold none of them, and looking for a
# word is far cheaper than trying a pattern that ends in "$" at every position.
_SINCE_WORDS = ("since",)
_COMPARED_WORDS = ("than", "compared", "versus", "vs.", "against", "from")
_SUBORDINATE_WORDS = ("after", "before", "since")


def _may_hold(words: tuple[str, ...], lowered: str | None) -> bool:
    """False only when none of ``words`` is in the (ASCII, lower-cased) clause. Unicode text is
    always tried: under IGNORECASE "ſince" matches "since", which lower() does not tell."""
    return lowered is None or any(w in lowered for w in words)


def landmark(text: str, start: int, sentence_start: int = 0) -> str | None:
    """Why the time at ``start`` is a landmark and not the event's time, or None: the words
    before it in its sentence ("since", "than", "after losing … in")."""
    lo = max(sentence_start, start - _REACH)
    clause = text[lo:start]
    lowered = clause.lower() if clause.isascii() else None
    if _may_hold(_SINCE_WORDS, lowered) and _SINCE.search(text, lo, start):
        return '"since": the point a comparison or a state counts from'
    if _may_hold(_COMPARED_WORDS, lowered) and _COMPARED.search(text, lo, start):
        return "the time compared with"
    if _may_hold(_SUBORDINATE_WORDS, lowered) and _SUBORDINATE.search(text, lo, start):
        return "the time of a clause under after, before or since"
    return None
