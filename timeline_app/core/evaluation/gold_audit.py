"""Gold annotations that contradict their own text or the TIMEX3 format.

Hand-made TimeML has slips: "Wednesday" given a Tuesday's date, "Sept. 27, 1989" given
November, a week written "2000-W7", a DATE holding a duration. When such a gold value is
scored against a correct answer the error belongs to the annotation, so the error listing
marks it. Only checks that need nothing but the gold expression itself are made here; a
value that merely disagrees with another reading (a different anchor, a different year for
"last spring") is not flagged. The scores are never changed by this.
"""

from __future__ import annotations

import re

from ..model import TimeExpression, TimexType
from ..values import is_valid, parse_value

_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
             "sunday": 7}
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                       "oct", "nov", "dec"), start=1)}
_MONTH_RE = re.compile(r"\b(jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|"
                       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?", re.IGNORECASE)
# Words that move a date away from the day or month named: "the day before last Tuesday",
# "the fiscal year ended Sept. 30", "the week of March 6".
_SHIFTED = re.compile(r"\b(?:before|after|earlier|later|ago|fiscal|ended|ending|through|to|until|since|"
                      r"week|weeks|eve|following|next|previous|prior)\b", re.IGNORECASE)
_DAY_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T")


def gold_slip(g: TimeExpression) -> str | None:
    """Why this gold expression cannot be right as written, or None when nothing shows."""
    value = g.value or ""
    type_ = TimexType(g.type)
    if "X" not in value and not is_valid(value, type_):
        return f"{value} is not a TIMEX3 {type_} value"
    if type_ is TimexType.DATE and _DAY_TIME.match(value):
        return f"{value} is a time of day, not a DATE"
    if type_ not in (TimexType.DATE, TimexType.TIME) or _SHIFTED.search(g.text) or "T24" in value:
        return None
    parsed = parse_value(value)
    if parsed is None:
        return None
    start = parsed[0].start
    if (day := _WEEKDAY_RE.search(g.text)) and len(value) >= 10 \
            and start.isoweekday() != _WEEKDAYS[day.group(1).lower()]:
        return f"{value[:10]} is a {start:%A}, not a {day.group(1).capitalize()}"
    if (month := _MONTH_RE.search(g.text)) and len(value) >= 7 and value[5:7].isdigit() \
            and int(value[5:7]) != _MONTHS[month.group(1).lower()[:3]]:
        return f"{value} is not in {month.group(1)}"
    year = re.fullmatch(r"\d{4}", g.text.strip())
    if year and value[:4].isdigit() and value[:4] != year.group(0):
        return f"{value} is not in {year.group(0)}"
    return None
