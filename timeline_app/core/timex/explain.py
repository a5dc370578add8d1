"""Explanations: the reasoning behind a value, in words the detail pane shows.

"Tuesday → 2016-06-28 (Tue 28 Jun 2016): the latest Tuesday on or before the dateline Thu 30
Jun 2016 (past tense "launched")". The sentences are the language's (``core/lang/<code>/
explanations.py``); this module chooses which one, with what.
"""

from __future__ import annotations

from ..lang.language import Explanations, Tense
from ..model import TimexType
from ..values import parse_value
from .anchors import Anchor, Choice, bare_midnight, place_holiday, place_named, resolve_meaning
from .meanings import Around, Clock, Fixed, Holiday, InYear, Literal, Meaning, Named, SamePeriod, Shift, Turn


def _noun(m: Named | Holiday, value: str, surface: str, p: Explanations) -> str:
    """What kind of day or period the expression names: "Tuesday", "March", "summer"."""
    if isinstance(m, Holiday):  # its name, without a year the text adds ("Christmas Eve 2015")
        return p.with_year.sub("", surface)
    parsed = parse_value(value[:10])
    start = parsed[0].start if parsed else None
    if m.kind == "weekday" and start:
        return p.weekday_name(start)
    if m.kind == "month" and start:
        return p.month_name(start)
    if m.kind == "monthday" and start:
        return p.monthday.format(day=start.day, month=p.month_name(start))
    if m.kind == "season":
        return p.season_names.get(m.season or "", "season")
    kind = p.kind_names.get(m.kind, m.kind)
    if m.kind in ("quarter", "half"):
        return p.period_noun.format(ordinal=p.ordinal_words.get(m.index, ''), kind=kind).strip()
    return kind


def _shown(value: str, p: Explanations) -> str:
    reading = p.in_words(value)
    return p.shown.format(value=value, reading=reading) if reading != value else value


def describe(m: Meaning, value: str, anchor: Anchor | None, tense: tuple[Tense, str] | None,
             surface: str, p: Explanations) -> str:
    """The reasoning, in words: 'the Tuesday before the dateline Thu 30 Jun 2016 (past tense
    "launched")'."""
    why = p.tense_why.format(tense=tense[0], evidence=tense[1]) if tense else ""
    at = f" {anchor.label}" if anchor else ""
    shown = _shown(value, p)
    if isinstance(m, Fixed):
        return p.stated_in_full.format(shown=shown)
    if isinstance(m, SamePeriod):
        if m.year is None:
            shift = p.same_period_shift.format(away=p.years_away[m.years]) if m.years else ""
            return p.same_period.format(shown=shown, at=at, shift=shift)
        return (p.same_period_in.format(shown=shown, at=at, year=m.year) if anchor
                else p.stated_in_full.format(shown=shown))
    if isinstance(m, InYear):
        return p.in_year.format(shown=shown, away=p.years_away[m.years], at=at)
    if isinstance(m, Literal) and not value.startswith("P") and parse_value(value) is not None:
        return p.event_date.format(shown=shown)
    if isinstance(m, Literal):
        return p.literals.get(value) or p.duration.format(words=p.duration_words(value))
    if isinstance(m, (Named, Holiday)):
        noun = _noun(m, value, surface, p)
        if isinstance(m, Holiday) and m.year:
            return p.holiday_in.format(shown=shown, noun=noun, year=m.year)
        choice = _choice(m, value, anchor, tense)
        if choice is Choice.SAME:
            weekday = getattr(m, 'kind', '') == 'weekday'
            where = p.same_stretch.format(noun=noun, stretch=p.stretch_week if weekday else p.stretch_year)
        else:
            where = p.choices[choice.value].format(noun=noun)
        return p.named.format(shown=shown, where=where, at=at, why=why)
    if isinstance(m, Shift):
        unit = p.unit_names.get(m.unit, m.unit)
        if m.pod and m.unit == "D" and m.n in (-1, 0, 1):  # "overnight", "tonight", "tomorrow morning"
            part = p.part_of_day_names.get(m.pod, m.pod)
            return p.part_of_day.format(shown=shown, part=part, relation=p.part_of_day_relations[int(m.n) + 1], at=at)
        if m.n == 0:
            return p.unit_of.format(shown=shown, unit=unit, at=at)
        direction = p.directions[0] if m.n < 0 else p.directions[1]
        return p.units_away.format(shown=shown, count=p.count_of(abs(m.n), unit), direction=direction, at=at)
    if isinstance(m, Turn):
        era = p.turn_eras[0] if m.years == 100 else p.turn_eras[1]
        return p.turn.format(value=value, era=era, at=at)
    if isinstance(m, Around):
        unit = p.unit_names.get(m.unit, m.unit)
        inner = resolve_meaning(m.inner, anchor, tense[0] if tense else None)
        if inner is None:
            return shown
        said = describe(m.inner, inner, anchor, tense, surface, p).split(": ", 1)[-1]
        relation = p.around_relations[m.n].format(unit=unit) if m.n in p.around_relations \
            else p.around_other.format(n=m.n, unit=unit)
        if m.why:
            return p.around_why.format(shown=shown, why=m.why, relation=relation, inner=p.in_words(inner), said=said)
        return p.around.format(shown=shown, relation=relation, inner=p.in_words(inner), said=said)
    if isinstance(m, Clock):
        clock = value[11:] if len(value) > 11 else value
        if bare_midnight(m) and anchor is not None:
            if value[:10] < anchor.when.strftime("%Y-%m-%d"):
                return p.midnight_began.format(shown=shown, at=at, why=why)
            return p.midnight_ends.format(shown=shown, at=at, why=why)
        if m.day is None:
            return p.clock_on_day_of.format(shown=shown, clock=clock, at=at)
        day = describe(m.day, value[:10], anchor, tense, surface, p).split(": ", 1)[-1]
        return p.clock_on.format(shown=shown, clock=clock, day=day)
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
            tense: tuple[Tense, str] | None, p: Explanations) -> str:
    if value is None:
        return p.unresolved.format(surface=surface)
    if type_ is TimexType.SET:
        return p.set_line.format(surface=surface, value=value, words=p.set_words(value))
    return p.resolved.format(surface=surface, said=describe(m, value, anchor, tense, surface, p))


def explain_placed(surface: str, m: Meaning, value: str, how: str, anchor: Anchor, why: str,
                   p: Explanations) -> str:
    """A name placed in story time: 'April → 1940-04 (April 1940): the April within "1940"
    mentioned before (1940), the time the story has reached (story time: ...)'."""
    shown = _shown(value, p)
    inner = m.day if isinstance(m, Clock) else m
    noun = _noun(inner, value, surface, p) if isinstance(inner, (Named, Holiday)) else surface
    where = p.placed[how].format(noun=noun)
    reached = p.story_reached if anchor.id != "dct" and p.mentioned_before in anchor.label else ""
    return p.placed_line.format(surface=surface, shown=shown, where=where, label=anchor.label, reached=reached, why=why)
