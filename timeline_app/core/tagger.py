"""Find time expressions: run the rule set's regexes and keep the best non-overlapping matches.

The tagger only finds *where* expressions are and which rule found them (a
:class:`Candidate`); :mod:`timeline_app.core.normalize` decides what they mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..rules.loader import Rule, RuleSet, default_ruleset
from .model import Span


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str]  # named groups that matched, by name

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def tag(text: str, ruleset: RuleSet | None = None, skip: Sequence[Span] = ()) -> list[Candidate]:
    """All time expressions in ``text``, in text order, none overlapping another.

    Where matches overlap the longest wins, then the higher priority, then the earlier rule.
    A negative rule's match removes every candidate inside it ("May" in "Theresa May", "2014"
    in "2014 votes") but not one it merely touches ("Aug. 7" in "on Aug. 7 killed").
    Candidates overlapping ``skip`` (boilerplate) are dropped.
    """
    rs = ruleset or default_ruleset()
    negatives = [Span(*m.span()) for neg in rs.negatives for m in neg.regex.finditer(text)]
    found: list[tuple[int, int, int, int, Candidate]] = []
    for order, rule in enumerate(rs.rules):
        for m in rule.regex.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            # Trailing spaces or punctuation a pattern swallowed are not part of the expression.
            while end > start and text[end - 1] in " ,.-":
                if text[end - 1] == "." and _keeps_dot(text, start, end):
                    break
                end -= 1
            found.append((-(end - start), -rule.priority, order, start, Candidate(start, end, rule, groups)))
    found.sort(key=lambda item: item[:4])
    taken: list[Candidate] = []
    for *_, cand in found:
        span = cand.span
        if any(n.start <= span.start and span.end <= n.end for n in negatives):
            continue
        if any(b.overlaps(span) for b in skip):
            continue
        if any(t.span.overlaps(span) for t in taken):
            continue
        taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken


def _keeps_dot(text: str, start: int, end: int) -> bool:
    """A final dot belongs to an abbreviation ("Sept.", "p.m.") but not to a sentence end."""
    word = text[start:end].rsplit(" ", 1)[-1].lower()
    return word in {"a.m.", "p.m.", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.",
                    "nov.", "dec.", "jun.", "jul.", "mon.", "tue.", "tues.", "wed.", "thu.", "thurs.",
                    "fri.", "sat.", "sun."}
