"""Explanations: the reasoning behind a value, in words the detail pane shows.

"Tuesday → 2016-06-28 (Tue 28 Jun 2016): the latest Tuesday on or before the dateline Thu 30
Jun 2016 (past tense "launched")".
"""

from __future__ import annotations

import re

from ..lang.en.dates import ORDINAL_WORDS, human
from ..lang.en.tense import Tense
from ..model import TimexType
from ..values import (
    PART_OF_DAY_NAMES,
    SEASON_NAMES,
    duration_words,
    parse_value,
    set_words,
)
from .anchors import Anchor, Choice, bare_midnight, place_holiday, place_named, resolve_meaning
from .meanings import Around, Clock, Fixed, Holiday, InYear, Literal, Meaning, Named, SamePeriod, Shift, Turn

DCT_LABEL = {"dateline": "the dateline", "html-meta": "the publication date",
              "json-ld": "the publication date", "time-element": "the publication date",
              "timeml": "the document date", "filename": "the date in the file name",
              "user": "the date you set", "archive": "the archive's date"}
_YEARS_AWAY = {-1: "a year before", 0: "in", 1: "a year after"}


UNIT_NAME = {"Y": "year", "M": "month", "W": "week", "WE": "weekend", "D": "day", "Q": "quarter",
              "H": "half-year", "DE": "decade", "CE": "century", "SE": "season", "HOUR": "hour",
              "MIN": "minute", "FN": "fortnight"}


_WITH_YEAR = re.compile(r",?\s+(?:of\s+)?\d{4}$")


def _noun(m: Named | Holiday, value: str, surface: str) -> str:
    """What kind of day or period the expression names: "Tuesday", "March", "summer"."""
    if isinstance(m, Holiday):  # its name, without a year the text adds ("Christmas Eve 2015")
        return _WITH_YEAR.sub("", surface)
    parsed = parse_value(value[:10])
    start = parsed[0].start if parsed else None
    if m.kind == "weekday" and start:
        return start.strftime("%A")
    if m.kind == "month" and start:
        return start.strftime("%B")
    if m.kind == "monthday" and start:
        return f"{start.day} {start:%B}"
    if m.kind == "season":
        return SEASON_NAMES.get(m.season or "", "season")
    if m.kind in ("quarter", "half"):
        return f"{ORDINAL_WORDS.get(m.index, '')} {m.kind}".strip()
    return m.kind


def describe(m: Meaning, value: str, anchor: Anchor | None, tense: tuple[Tense, str] | None,
              surface: str) -> str:
    """The reasoning, in words: 'the Tuesday before the dateline Thu 30 Jun 2016 (past tense
    "launched")'."""
    why = f' ({tense[0]} tense "{tense[1]}")' if tense else ""
    at = f" {anchor.label}" if anchor else ""
    reading = human(value)
    shown = f"{value} ({reading})" if reading != value else value
    if isinstance(m, Fixed):
        return f"{shown}, stated in full"
    if isinstance(m, SamePeriod):
        if m.year is None:
            shift = f", {_YEARS_AWAY[m.years]}" if m.years else ""
            return f"{shown}: the same period as{at}{shift}"
        return f"{shown}: the same period as{at}, in {m.year}" if anchor else f"{shown}, stated in full"
    if isinstance(m, InYear):
        return f"{shown}: {_YEARS_AWAY[m.years]} the year of{at}"
    if isinstance(m, Literal) and not value.startswith("P") and parse_value(value) is not None:
        return f"{shown}: the date of the event this expression names"  # "the Sept. 11 attacks"
    if isinstance(m, Literal):
        return {"PRESENT_REF": "the present, as of the document date",
                "PAST_REF": "some time in the past, not placeable on the timeline",
                "FUTURE_REF": "some time in the future, not placeable on the timeline"}.get(
            value, f"a duration of {duration_words(value)}")
    if isinstance(m, (Named, Holiday)):
        noun = _noun(m, value, surface)
        if isinstance(m, Holiday) and m.year:
            return f"{shown}: {noun} in {m.year}"
        choice = _choice(m, value, anchor, tense)
        same = f"the {noun} of the same {'week' if getattr(m, 'kind', '') == 'weekday' else 'year'} as"
        where = {Choice.BEFORE: f"the last {noun} before", Choice.AFTER: f"the next {noun} after",
                 Choice.SAME: same, Choice.NEXT: f"the next {noun} on or after",
                 Choice.LATEST: f"the latest {noun} on or before", Choice.NEAREST: f"the {noun} nearest",
                 Choice.REPORTED: f"the first {noun} not ended three months before",
                 Choice.SLIP: f"the {noun} within three days after"}[choice]
        return f"{shown}: {where}{at}{why}"
    if isinstance(m, Shift):
        unit = UNIT_NAME.get(m.unit, m.unit)
        if m.pod and m.unit == "D" and m.n in (-1, 0, 1):  # "overnight", "tonight", "tomorrow morning"
            part = PART_OF_DAY_NAMES.get(m.pod, m.pod)
            return f"{shown}: the {part} {('before', 'of', 'after')[int(m.n) + 1]}{at}"
        if m.n == 0:
            return f"{shown}: the {unit} of{at}"
        count = abs(m.n)
        direction = "before" if m.n < 0 else "after"
        return f"{shown}: {count:g} {unit}{'s' if count != 1 else ''} {direction}{at}"
    if isinstance(m, Turn):
        era = "century" if m.years == 100 else "millennium"
        return f"{value}: the turn of the {era} nearest{at}"
    if isinstance(m, Around):
        unit = UNIT_NAME.get(m.unit, m.unit)
        inner = resolve_meaning(m.inner, anchor, tense[0] if tense else None)
        if inner is None:
            return shown
        said = describe(m.inner, inner, anchor, tense, surface).split(": ", 1)[-1]
        relation = {-1: f"the {unit} before", 0: f"the {unit} of", 1: f"the {unit} after"}.get(
            m.n, f"{m.n:+d} {unit}s from")
        if m.why:
            return f"{shown}: {m.why}, so {relation} {human(inner)}, {said}"
        return f"{shown}: {relation} {human(inner)}, {said}"
    if isinstance(m, Clock):
        clock = value[11:] if len(value) > 11 else value
        if bare_midnight(m) and anchor is not None:
            if value[:10] < anchor.when.strftime("%Y-%m-%d"):
                return f"{shown}: the midnight that began the day of{at}{why}"
            return f"{shown}: the midnight that ends the day of{at}{why}"
        if m.day is None:
            return f"{shown}: {clock} on the day of{at}"
        day = describe(m.day, value[:10], anchor, tense, surface).split(": ", 1)[-1]
        return f"{shown}: {clock} on {day}"
    return shown


def _choice(m: Named | Holiday, value: str, anchor: Anchor | None, tense: tuple[Tense, str] | None) -> Choice:
    """The choice the arithmetic made for this value (what the explanation must describe)."""
    said = tense[0] if tense else None
    if anchor is not None:
        try:
            placed, choice = (place_named(m, anchor.when, said) if isinstance(m, Named)
                              else place_holiday(m, anchor.when, said))
        except (ValueError, OverflowError, StopIteration, IndexError):
            placed, choice = "", None
        if choice is not None and placed == value:
            return choice
    # A value the arithmetic did not give here (the anchor's value came from elsewhere):
    # describe it by the rule the relation and the tense name.
    if m.rel is not None:
        return {-1: Choice.BEFORE, 1: Choice.AFTER, 0: Choice.SAME}[m.rel]
    if said is Tense.FUTURE:
        return Choice.NEXT
    if said is Tense.PAST or said is None and getattr(m, "kind", "") == "weekday":
        return Choice.LATEST
    return Choice.NEAREST


def explain(surface: str, m: Meaning, value: str | None, type_: TimexType, anchor: Anchor | None,
             tense: tuple[Tense, str] | None) -> str:
    if value is None:
        return f"{surface}: cannot be resolved without a document date or an earlier date"
    if type_ is TimexType.SET:
        return f"{surface} → {value}: {set_words(value)}"
    return f"{surface} → {describe(m, value, anchor, tense, surface)}"


_PLACED = {"within": "the {noun} within", "after": "the first {noun} after", "before": "the latest {noun} before"}


def explain_placed(surface: str, m: Meaning, value: str, how: str, anchor: Anchor, why: str) -> str:
    """A name placed in story time: 'April → 1940-04 (April 1940): the April within "1940"
    mentioned before (1940), the time the story has reached (story time: ...)'."""
    reading = human(value)
    shown = f"{value} ({reading})" if reading != value else value
    inner = m.day if isinstance(m, Clock) else m
    noun = _noun(inner, value, surface) if isinstance(inner, (Named, Holiday)) else surface
    where = _PLACED[how].format(noun=noun)
    reached = ", the time the story has reached" if anchor.id != "dct" and "mentioned before" in anchor.label else ""
    return f"{surface} → {shown}: {where} {anchor.label}{reached} ({why})"
