"""Find time expressions: run the rule set's regexes and keep the best non-overlapping matches.

The tagger only finds *where* expressions are and which rule found them (a
:class:`Candidate`); :mod:`timeline_app.core.timex.normalize` decides what they mean.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...rules.loader import Rule, RuleSet, default_ruleset
from .. import lang
from ..model import Span
from .dispatch import plan_for


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str]  # named groups that matched, by name

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


# A blank line ends a paragraph (or a headline, a dateline, a score line); no expression runs on
# past it: "…closed until Friday\n\nSeptember 18, 2008", "won 6-3\n\nNovember 1".
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
# A line this short is a line of its own (a headline, a dateline, a listing), not one of a
# hard-wrapped paragraph, which wrapping fills to 60 characters or more.
_SHORT_LINE = 50


def hard_breaks(text: str) -> list[tuple[int, int]]:
    """The stretches of white space no expression may cross, in text order: blank lines, and
    a single line break beside a line of its own — after a headline ("Schools remain closed
    until Friday" above "September 18, 2008") or before a dateline. A break inside a wrapped
    paragraph ("talks resumed on\nTuesday") is ordinary white space: the line before it is
    long, and the line after it, if short, ends the paragraph with a full stop."""
    out: list[tuple[int, int]] = []
    for m in _LINE_BREAK.finditer(text):
        blank = _BLANK_LINE.match(text, text.index("\n", m.start()))
        if blank is not None:
            start = m.start()
            if out and out[-1][1] > start:
                continue  # already inside the blank stretch before
            out.append((start, max(blank.end(), m.end())))
            continue
        if out and out[-1][1] > m.start():
            continue
        before_start = text.rfind("\n", 0, m.start()) + 1
        after_end = text.find("\n", m.end())
        after = text[m.end():after_end if after_end >= 0 else len(text)].rstrip()
        headline = m.start() - before_start <= _SHORT_LINE
        dateline = len(after) <= _SHORT_LINE and not after.endswith((".", "!", "?", '"', "”", "’", ")"))
        if headline or dateline:
            out.append(m.span())
    return out


def _cut(windows: list[tuple[int, int]], breaks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The windows with every hard break taken out of them."""
    if not breaks:
        return windows
    out = []
    for lo, hi in windows:
        i = max(0, bisect.bisect_left(breaks, (lo, lo)) - 1)  # the one before may reach into it
        while i < len(breaks) and breaks[i][0] < hi:
            b_lo, b_hi = breaks[i]
            if b_hi > lo:
                if b_lo > lo:
                    out.append((lo, b_lo))
                lo = max(lo, b_hi)
            i += 1
        if lo < hi:
            out.append((lo, hi))
    return out


def tag(text: str, ruleset: RuleSet | None = None, skip: Sequence[Span] = (),
        full_scan: bool = False) -> list[Candidate]:
    """All time expressions in ``text``, in text order, none overlapping another.

    Where matches overlap the longest wins, then the higher priority, then the earlier rule.
    A negative rule's match removes every candidate inside it ("May" in "Theresa May", "2014"
    in "2014 votes") but not one it merely touches ("Aug. 7" in "on Aug. 7 killed").
    Candidates overlapping ``skip`` (boilerplate) are dropped. ``full_scan`` runs every rule
    over every character (within the hard breaks): the reference the quick path is tested against.
    """
    rs = ruleset or default_ruleset()
    abbreviations = lang.language(rs.language).sentences.abbreviations  # the rules' own language
    plan = plan_for(rs)
    breaks = hard_breaks(text)
    whole = _cut([(0, len(text))], breaks)
    if full_scan:
        matches = plan.full_scan(text, whole)
    else:
        begins, by_set = plan.scan(text)
        cut = [_cut(windows, breaks) for windows in by_set]
        matches = plan.matches(text, begins, [whole if k < 0 else cut[k] for k in plan.rule_window])
    n_negatives = len(rs.negatives)
    negatives: list[Span] = []
    found: list[tuple[int, int, int, int, Candidate]] = []
    for i, m in matches:
        rule = plan.rules[i]
        if i < n_negatives:
            negatives.append(Span(*m.span(rule.params.get("extent", 0))))
            continue
        order = i - n_negatives
        # A rule may match more than its expression, for context a lookbehind cannot hold.
        start, end = m.span(rule.params["extent"]) if "extent" in rule.params else m.span()
        if start == end:
            continue
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        # Trailing spaces or punctuation a pattern swallowed are not part of the expression.
        while end > start and text[end - 1] in " ,.-":
            if text[end - 1] == "." and _keeps_dot(text, start, end, abbreviations):
                break
            end -= 1
        found.append((-(end - start), -rule.priority, order, start, Candidate(start, end, rule, groups)))
    found.sort(key=lambda item: item[:4])
    taken: list[Candidate] = []
    starts: list[int] = []  # starts of taken candidates, sorted, for overlap tests by bisection
    for *_, cand in found:
        if any(n.start <= cand.start and cand.end <= n.end for n in negatives):
            continue
        if any(b.start < cand.end and cand.start < b.end for b in skip):
            continue
        i = bisect.bisect_left(starts, cand.start)
        if i < len(taken) and taken[i].start < cand.end:  # the next one starts inside
            continue
        if i > 0 and taken[i - 1].end > cand.start:  # the previous one reaches into it
            continue
        starts.insert(i, cand.start)
        taken.insert(i, cand)
    return taken


def _keeps_dot(text: str, start: int, end: int, abbreviations: frozenset[str]) -> bool:
    """A final dot belongs to an abbreviation ("Sept.", "p.m.") but not to a sentence end."""
    word = text[start:end].rsplit(" ", 1)[-1].lower()
    return word.endswith(".") and word[:-1] in abbreviations
