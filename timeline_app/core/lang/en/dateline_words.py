"""English datelines: the words that say a date is a publication or an update, and the agency forms."""

from __future__ import annotations

import re

from ..language import DatelineWords
from .calendar_words import month_numbers, month_pattern, weekday_pattern

WORDS = DatelineWords(
    # Month and weekday names come from the rule tables (one list of them): calendar_words.
    month=month_pattern(),
    month_numbers=month_numbers(),
    weekday=weekday_pattern(),
    day=r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
    # A clock time right after a date: ", 10:15 am" · " 07.42 BST" · " | 10:15 am" · " at 4:15 PM ET"
    time_after=re.compile(
        r"\s{0,3}(?:(?:,|\||-|–|—|@|(?i:at))\s{0,3})?"
        r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?:[:.][0-5]\d)?(?!\d)"
        r"(?:\s{0,2}(?P<ampm>(?i:[ap]\.?m\.?))(?![A-Za-z]))?(?:\s{0,2}(?P<tz>[A-Z]{2,5}(?:[+-]\d{1,2})?)\b)?"),
    # A clock time right before a date: "4:15 PM ET, " (only with a colon: "2.5 Thu" is no time)
    time_before=re.compile(
        r"(?<!\d)(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s{0,2}(?P<ampm>(?i:[ap]\.?m\.?))(?![A-Za-z]))?"
        r"(?:\s{0,2}(?P<tz>[A-Z]{2,5})\b)?\s{0,3}[,|–—-]?\s{0,3}(?:(?i:on)\s{1,3})?$"),
    # Cue words just before a date (after an optional time); anchored to the end of the text
    # between the previous date and this one, so "the date was set on June 30, 2016" has no cue.
    cue=re.compile(
        r"(?:(?P<updated>(?:last\s{1,3})?(?:updated|modified|edited|revised))"
        r"|(?P<published>(?:first\s{1,3})?(?:published|posted|issued|released|created)|publication\s{1,3}date"
        r"|date\s{1,3}published|dated?))"
        r"(?:\s{1,3}(?:at|on))?\s{0,3}[:\-–—]?\s{0,3}(?:\d{1,2}:\d\d(?:\s{0,2}[ap]\.?m\.?)?(?:\s{0,2}[a-z]{2,5})?"
        r"\s{0,3}[,|–—-]?\s{0,3})?(?:on\s{1,3})?$",
        re.IGNORECASE),
    byline=re.compile(r"^\s{0,3}(?:by|from)\s", re.IGNORECASE),
    cue_words=frozenset({"by", "last", "updated", "modified", "edited", "revised", "published", "posted",
                         "first", "issued", "released", "created", "publication", "date", "dated", "at",
                         "on", "am", "pm"}),
    # The agency form: "WASHINGTON, March 22, 2013 (AP) —"; the prefix is a place name.
    agency_prefix=re.compile(r"^(?P<place>[A-Z][\w.'’ -]{0,40}?(?:,\s{0,2}[A-Z][\w.]{1,20}){0,2}),\s{1,3}$"),
    agency_suffix=re.compile(r"\s{0,3}(?P<agency>\([A-Za-z .&-]{1,25}\))?\s{0,3}(?P<dash>—|–|--?|:)"),
    # The agency before the date: "KABUL, Afghanistan (Reuters) - Sunday 4 October 2015 -".
    agency_first=re.compile(r"^(?P<place>[A-Z][\w.'’ -]{0,40}?(?:,\s{0,2}[A-Z][\w.]{1,20}){0,2})\s{0,3}"
                            r"\([A-Za-z .&-]{1,25}\)\s{0,3}(?:—|–|--?|:)\s{0,3}$"),
    dash_after=re.compile(r"\s{0,3}(?:—|–|--?|:)"),
)
