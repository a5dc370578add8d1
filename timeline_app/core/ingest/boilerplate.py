"""Boilerplate lines in article text: page furniture that must create no events.

Copied or saved news pages carry the site's furniture along with the article: breadcrumbs
("You are here"), rating widgets ("69 users have voted."), share bars, newsletter boxes,
copyright footers. They are marked, never removed, so offsets still index the text as read.

The knowledge is the rule list :data:`LINE_RULES`: one regular expression per kind of line,
matched against a whole line (stripped, case-insensitive). Rules are bounded (``{0,80}``) so
that a long body line can never match one, and none of them can backtrack badly.

Besides whole lines, a *trailing block* is marked: when the text ends with a run of
furniture and short lines that are not sentences (a footer's "Jordan Times", "Contact us"),
every line of that run from its first rule match to the end is marked; a short line before
the first rule match (a sub-heading closing the body) is left alone.
"""

from __future__ import annotations

import re

from ..model import Span

# (pattern, why) — each pattern must match a whole line.
LINE_RULES: tuple[tuple[str, str], ...] = (
    (r"you are here:?", "breadcrumb trail header"),
    (r"(?:back to )?top|up|\^|↑", "'back to top' / 'up' links"),
    (r"\d{1,7} (?:users?|people|readers|persons) (?:have|has) (?:voted|rated|liked)(?: (?:this|it))?\.?",
     "rating widget"),
    ((r"(?:\d{1,7} )?comments?(?: \(\d{1,7}\))?|comments? \(\d{1,7}\)|(?:add|post|leave) a comment|"
      r"(?:view|show|read) (?:all )?comments?"),
     "comment counts and links"),
    (r"newsletters?|(?:our|the|daily|weekly) newsletters?", "newsletter box heading"),
    (r"get (?:the |our )?(?:top|latest|best) (?:stories|news|headlines).{0,80}",
     "newsletter pitch: 'Get top stories and blog posts emailed to you each day.'"),
    (r"(?:sign up|subscribe|register)(?: now| today)?(?: (?:for|to) (?:our|the|a) .{0,60})?[.!:]?",
     "newsletter / subscription calls"),
    ((r"(?:download (?:as )?)?pdf|print(?: this)?(?: (?:article|page|story))?|e-?mail(?: this)?"
      r"(?: (?:article|page|story|to a friend))?"), "document tool bar"),
    ((r"share(?: this)?(?: (?:article|story|page|post))?(?: (?:on|via) [\w ]{1,30})?:?|"
      r"(?:tweet|pin|like) (?:this|it)(?: on [\w ]{1,20})?"), "share bar"),
    (r"facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|email|messenger",
     "share buttons, one per line"),
    (r"click here.{0,80}", "calls to click"),
    (r"(?:read|see) (?:more|also|next)(?: ?[:>»›].{0,80}|\.{3}|…)?", "teasers for other pages"),
    ((r"(?:related|more)(?: (?:articles?|stories|news|content|coverage|from [\w ]{1,30}))?:?|"
      r"you (?:may|might) also (?:like|be interested in):?|most (?:read|popular|viewed|shared):?"),
     "related-links box headings"),
    (r"(?:©|\(c\)).{0,120}|copyright\b.{0,40}\b(?:19|20)\d\d\b.{0,80}", "copyright line (© or a year)"),
    ((r".{0,100}\b(?:all rights reserved|tous droits réservés|todos los derechos reservados"
      r"|todos os direitos reservados|alle rechte vorbehalten|riproduzione riservata)\b\.?.{0,60}"),
     "rights line, in the languages of the dev pages too"),
    ((r"(?:©|\(c\)|copyright\b).{0,100}\b(?:all rights reserved|tous droits réservés"
      r"|todos los derechos reservados|todos os direitos reservados|alle rechte vorbehalten)\b.{0,120}"),
     ("a copyright notice with its terms: 'Copyright 2020 The Associated Press. All rights reserved. This "
     "material may not be published, broadcast, rewritten or redistributed.'")),
    (r"follow us(?: on .{1,60})?[.!:]?", "social follow calls"),
    (r"advertisement|advertising|ad|sponsored(?: content)?|promoted(?: content)?", "ad labels"),
    (r"(?:skip to (?:main )?content|main menu|menu|navigation|search|log ?in|sign in|home)",
     "navigation links"),
    (r"(?:tags?|topics?|filed under):.{0,160}", "tag lists"),
    (r"(?:loading|please wait)\W{0,3}(?:\.{3}|…)?", "widget placeholders"),
)

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
