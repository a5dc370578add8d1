"""English words of earnings reports and games that tell what a period named in them is."""

from __future__ import annotations

import re

from ..language import PeriodCues

CUES = PeriodCues(
    # "up 13% from last year's $1.55 billion": last year's figure for the period being reported.
    last_years_figure=re.compile(
        r"['’]s\s+(?:[$£€¥#]|C\$|(?:comparable\s+|corresponding\s+)?(?:results|figures?|level)\b)"),
    reported_over=re.compile(r"\b(?:in|for|through|during|over)\s+$", re.IGNORECASE),
    # "jailed for the nine months after the raid" is not the year so far.
    months_of_something=re.compile(r"\s+(?:after|before|since|until|till|of|that|when|in which)\b", re.IGNORECASE),
    # "the quarter ended Sept. 30", "the latest quarter, ending June 30": the date that closes it.
    # British reports say "the three months to September".
    period_ended=re.compile(r",?\s+(?:which\s+)?(?:ended|ending|that\s+ended|to|through)\s+(?:on\s+)?",
                            re.IGNORECASE),
    # A game's halves: "scored twice in the second half", "a first-half penalty".
    game_words=re.compile(
        r"\b(?:scor(?:ed|es|ing)|goals?|penalty|penalties|minutes?|kick(?:ed|off)?|half-?time|match|game|"
        r"innings|quarterback|touchdown|striker|keeper|goalkeeper|referee|whistle|equali[sz]er|header|"
        r"substitute|bench|points?\s+(?:in|to)|trail(?:ed|ing))\b", re.IGNORECASE),
    the="the ",
    period=" period",
)
