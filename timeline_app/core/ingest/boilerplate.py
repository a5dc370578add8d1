"""Boilerplate lines in article text: page furniture that must create no events.

Copied or saved news pages carry the site's furniture along with the article: breadcrumbs
("You are here"), rating widgets ("69 users have voted."), share bars, newsletter boxes,
copyright footers. They are marked, never removed, so offsets still index the text as read.

The knowledge is the rule list :data:`LINE_RULES`, a language's (``core/lang/<code>/boilerplate_lines.py``):
one regular expression per kind of line, matched against a whole line (stripped, case-insensitive).
Rules are bounded (``{0,80}``) so that a long body line can never match one, and none of them can
backtrack badly.

Besides whole lines, a *trailing block* is marked: when the text ends with a run of
furniture and short lines that are not sentences (a footer's "Jordan Times", "Contact us"),
every line of that run from its first rule match to the end is marked; a short line before
the first rule match (a sub-heading closing the body) is left alone.
"""

from __future__ import annotations

import re

from .. import lang
from ..model import Span

# Furniture is found before the article's language is known (it is read to make the Article):
# the lines are the default language's.
LINE_RULES = lang.language(lang.DEFAULT).boilerplate.rules

# One alternation, tried once per line: a 20 MB text has hundreds of thousands of lines.
_ANY_RULE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in LINE_RULES), re.IGNORECASE)

_MAX_RULE_LINE = 200  # no rule can match a longer line: body paragraphs are skipped cheaply
_FOOTER_LINE = 60  # a non-sentence line this short, inside the trailing block, is furniture
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]{0,2}$")


def is_boilerplate_line(line: str) -> bool:
    """Whether one line (without its newline) is furniture by one of the rules."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_RULE_LINE:
        return False
    return _ANY_RULE.fullmatch(stripped) is not None


def find_boilerplate(text: str) -> tuple[Span, ...]:
    """Spans (one per line, white space excluded) of the boilerplate lines of ``text``."""
    lines = list(_lines(text))
    marked = [is_boilerplate_line(text[s:e]) for s, e in lines]
    # The trailing block: walk back from the end over furniture and short non-sentences;
    # if that run holds a rule match, its short lines are furniture too.
    i = len(lines)
    saw_rule = False
    while i > 0:
        s, e = lines[i - 1]
        line = text[s:e]
        if marked[i - 1]:
            saw_rule = True
        elif len(line) > _FOOTER_LINE or _SENTENCE_END.search(line):
            break
        i -= 1
    if saw_rule:
        for k in range(i, len(lines)):
            marked[k] = True
        # Leading short lines of the block that are not rule matches belong to the body
        # (a sub-heading right before the footer): trim them back to the first rule match.
        k = i
        while k < len(lines) and not is_boilerplate_line(text[lines[k][0]:lines[k][1]]):
            marked[k] = False
            k += 1
    return tuple(Span(s, e) for (s, e), flag in zip(lines, marked, strict=True) if flag)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped of surrounding white space."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        raw = text[pos:end]
        stripped = raw.strip()
        if stripped:
            s = pos + (len(raw) - len(raw.lstrip()))
            out.append((s, s + len(stripped)))
        if nl == -1:
            break
        pos = nl + 1
    return out
