"""English explanations: the sentences that give the reasoning behind a value, as templates."""

from __future__ import annotations

import re
from datetime import datetime

from ...values import PART_OF_DAY_NAMES, SEASON_NAMES, duration_words, set_words
from ..language import Explanations
from .dates import ORDINAL_WORDS, human


def _count_of(count: float, unit: str) -> str:
    return f"{count:g} {unit}{'s' if count != 1 else ''}"


def _weekday_name(day: datetime) -> str:
    return day.strftime("%A")


def _month_name(day: datetime) -> str:
    return day.strftime("%B")


PHRASES = Explanations(
    in_words=human,
    weekday_name=_weekday_name,
    month_name=_month_name,
    monthday="{day} {month}",
    ordinal_words=ORDINAL_WORDS,
    kind_names={},  # the kinds are English words already ("quarter", "half", "weekend")
    period_noun="{ordinal} {kind}",
    season_names=SEASON_NAMES,
    part_of_day_names=PART_OF_DAY_NAMES,
    unit_names={"Y": "year", "M": "month", "W": "week", "WE": "weekend", "D": "day", "Q": "quarter",
                "H": "half-year", "DE": "decade", "CE": "century", "SE": "season", "HOUR": "hour",
                "MIN": "minute", "FN": "fortnight"},
    set_words=set_words,
    duration_words=duration_words,
    count_of=_count_of,
    dct_labels={"dateline": "the dateline", "html-meta": "the publication date",
                "json-ld": "the publication date", "time-element": "the publication date",
                "timeml": "the document date", "filename": "the date in the file name",
                "user": "the date you set", "archive": "the archive's date"},
    dct_label="the document date",
    years_away={-1: "a year before", 0: "in", 1: "a year after"},
    with_year=re.compile(r",?\s+(?:of\s+)?\d{4}$"),
    shown="{value} ({reading})",
    tense_why=' ({tense} tense "{evidence}")',
    stated_in_full="{shown}, stated in full",
    same_period="{shown}: the same period as{at}{shift}",
    same_period_shift=", {away}",
    same_period_in="{shown}: the same period as{at}, in {year}",
    in_year="{shown}: {away} the year of{at}",
    event_date="{shown}: the date of the event this expression names",  # "the Sept. 11 attacks"
    literals={"PRESENT_REF": "the present, as of the document date",
              "PAST_REF": "some time in the past, not placeable on the timeline",
              "FUTURE_REF": "some time in the future, not placeable on the timeline"},
    duration="a duration of {words}",
    holiday_in="{shown}: {noun} in {year}",
    same_stretch="the {noun} of the same {stretch} as",
    stretch_week="week",
    stretch_year="year",
    choices={"before": "the last {noun} before", "after": "the next {noun} after",
             "next": "the next {noun} on or after", "latest": "the latest {noun} on or before",
             "nearest": "the {noun} nearest", "reported": "the first {noun} not ended three months before",
             "slip": "the {noun} within three days after"},
    named="{shown}: {where}{at}{why}",
    part_of_day="{shown}: the {part} {relation}{at}",  # "overnight", "tonight", "tomorrow morning"
    part_of_day_relations=("before", "of", "after"),
    unit_of="{shown}: the {unit} of{at}",
    units_away="{shown}: {count} {direction}{at}",
    directions=("before", "after"),
    turn="{value}: the turn of the {era} nearest{at}",
    turn_eras=("century", "millennium"),
    around_relations={-1: "the {unit} before", 0: "the {unit} of", 1: "the {unit} after"},
    around_other="{n:+d} {unit}s from",
    around="{shown}: {relation} {inner}, {said}",
    around_why="{shown}: {why}, so {relation} {inner}, {said}",
    midnight_began="{shown}: the midnight that began the day of{at}{why}",
    midnight_ends="{shown}: the midnight that ends the day of{at}{why}",
    clock_on_day_of="{shown}: {clock} on the day of{at}",
    clock_on="{shown}: {clock} on {day}",
    unresolved="{surface}: cannot be resolved without a document date or an earlier date",
    set_line="{surface} → {value}: {words}",
    resolved="{surface} → {said}",
    placed={"within": "the {noun} within", "after": "the first {noun} after", "before": "the latest {noun} before"},
    mentioned_before="mentioned before",
    story_reached=", the time the story has reached",
    placed_line="{surface} → {shown}: {where} {label}{reached} ({why})",
    user_set="{surface} → {value}: set by the user",
    frequencies={"1X": "once", "2X": "twice", "3X": "three times"},
    frequency="{n} times",
    set_with_frequency="{surface} → {value}: {often} {words}",
    quarter_ended=("{surface} → {value} ({reading}): the calendar quarter holding most of "
                   "the three months ended {last}"),
    range_start="{surface} → {value} ({reading}): the first one on or after {label}",
    range_start_label='the start of the range "{text}" ({reading})',
    with_clock="{said} ({clock})",
    said_before=('{surface} → {value} ({reading}): the same date as "{before}" before, '
                 "no other year having been named since"),
    impossible="{surface}: no such date or value ({value}), so it is left without a value",
    clock_shared="the year is written once for both",
    clock_day="the day the story is on: a coarser date since then does not move it",
    clock_not_past="not told in the past: counted from the document date, the present of the text",
    why_narrative="narrative: the text has no present, it keeps the time of its story",
    why_back_story="back-story: an explicit date has moved the story away from the document date",
    why_deictic="deictic: counted from the document date, the present of the text",
    dct_midday="{label} (no time of day: taken at midday)",
    quarter_mentioned='"{surface}" mentioned before ({reading})',
    year_so_far='"{surface}" mentioned before (the year {year} so far)',
    mode_by_user="set by the user ({mode})",
    mode_no_dct="no document date: the text is read in its own story time",
    mode_story=("{far} of the {years} years the text states lie {far_years} or more years "
                "from the document date {dct} (median {median}) and only {present} of its "
                "expressions speak from a present: a story told in its own time"),
    mode_news="the document date is the present of the text",
    year_bc="{year} BC",
)
