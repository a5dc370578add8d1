"""English page furniture: breadcrumbs, share bars, newsletter boxes, copyright footers, one pattern a line."""

from __future__ import annotations

from ..language import BoilerplateLines

# (pattern, why) — each pattern must match a whole line. Rules are bounded (``{0,80}``) so that a
# long body line can never match one, and none of them can backtrack badly.
LINES = BoilerplateLines(rules=(
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
))
