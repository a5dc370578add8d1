"""English cues around an expression that change how it is read in its story (normalize, story time)."""

from __future__ import annotations

import re

from ..language import StoryCues
from .tense import tense_near

CUES = StoryCues(
    # A landmark for a comparison or the start of a series, not the time talked about.
    since=re.compile(r"\b(?:since|dating\s+(?:back\s+)?to)\s+$", re.IGNORECASE),
    the_decade=re.compile(r"\bthe\s+(?:decade|century)\b", re.IGNORECASE),
    range_from=re.compile(r"\b(?:from|between|for)\s+$", re.IGNORECASE),
    range_to=re.compile(r"\s*(?:to|through|thru|until|till|and|into|-|–)\s*", re.IGNORECASE),
    in_before=re.compile(r"\bin\s+$", re.IGNORECASE),
    coordinated=re.compile(r"\s*(?:,|and|or|/|-|–|to|through|until|till)\s*(?:early|late|mid-?)?\s*",
                           re.IGNORECASE),
    # Between a clock time and the day it falls on: "3 p.m. local time (1200 GMT) on Friday".
    # ("(0410 HKT)": a clock restated in another zone, which may be one the rules do not know.)
    clock_to_day=re.compile(
        r"[\s,()]*(?:(?:local time|[Ee]astern time|[A-Z]{2,5}|\(\d{1,2}:?\d\d\s*[A-Z]{2,5}\))[\s,()]*)*(?:on\s+)?"),
    # Between a part of the day and the day it is a part of: "early-morning raids on Friday 14th June".
    pod_to_day=re.compile(r"[\s-]+(?:[a-z]+\s+){0,3}(?:on|of)\s+"),
    deictic_words=re.compile(r"\b(?:this|today|tonight|yesterday|tomorrow)\b", re.IGNORECASE),
    attribute_before=re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE),
    noun_after=re.compile(r",?\s+(?!(?:of|and|or|to|in|on|at|by|for|from|with|when|while|as|was|were|is|are|"
                          r"had|has|have|that|which|who|after|before|until|through|the|a|an)\b)[a-z][a-z-]+"),
    by_before=re.compile(r"\bby\s+$", re.IGNORECASE),
    later="later",
    the="the ",
    every=("every", "each"),
    past_perfect="had ",
    tense_near=tense_near,
)
