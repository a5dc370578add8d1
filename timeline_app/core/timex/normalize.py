"""Resolve tagged candidates into TIMEX3 values, intervals and explanations.

Reference times follow story time (GUIDE §3, :mod:`.story_time`): deictic expressions
("yesterday", "this week", "Tuesday") resolve against the DCT, with the tense of the governing
verb choosing past or future; anaphoric ones ("three days later", "the next day") against the
temporal focus, the time the story has reached; underspecified names ("April", "May 10")
against the focus once an explicit date has moved the story away from the DCT, and in a
narrative (no DCT, or a story far from it) always. With nothing to count from, an expression
stays unresolved but listed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ...rules.loader import RuleSet, default_ruleset
from .. import lang
from ..lang.language import Explanations, PeriodCues, StoryCues, Tense
from ..model import DCT, Granularity, Span, TimeExpression, TimexType
from ..values import is_valid, parse_value
from .anchors import (
    GRAN_UNIT,
    Anchor,
    add_units,
    anchor_from,
    bare_midnight,
    format_at,
    needs,
    resolve_meaning,
)
from .builders import Built, NoMeaning, build
from .company_periods import game_half, last_years_figure, quarter_ended, year_to_date
from .explain import explain, explain_placed
from .meanings import (
    Around,
    Clock,
    Fixed,
    Holiday,
    Literal,
    Meaning,
    Named,
    SamePeriod,
    Shift,
)
from .story_time import (
    CLOCK_FOCUS,
    DocumentMode,
    Mode,
    Placed,
    StoryTime,
    choose_mode,
    explicit,
    from_story_years,
    place_in_story,
    story_interval,
    underspecified,
)
from .tagger import Candidate

# Reporting periods: "a year earlier" after "the third quarter" means that quarter a year before.
_PERIOD_UNITS = frozenset({"Q", "H"})
_DAY_OR_FINER = frozenset({"D", "HOUR", "MIN", "SEC"})


def _tense_for(m: Meaning, text: str, c: Candidate, cues: StoryCues) -> tuple[Tense, str] | None:
    """The tense that places a name without a year ("Tuesday", "March"), or None."""
    if isinstance(m, Around):
        m = m.inner
    placed_by_tense = (isinstance(m, (Named, Holiday)) and m.rel is None
                       or isinstance(m, Clock) and (isinstance(m.day, Named) or bare_midnight(m)))
    if not placed_by_tense:
        return None
    # A deadline ("extended until Nov. 16") is read as the nearest such date, since months
    # are far apart; within a week the clause tense still tells ("had filed by Wednesday").
    weekday = isinstance(m, Named) and m.kind in ("weekday", "weekend") or isinstance(m, Clock)
    return cues.tense_near(text, c.start, c.end, deadline_decides=not weekday)


def _range_start(m: Meaning, text: str, c: Candidate, first: TimeExpression | None,
                 first_meaning: Meaning | None, cues: StoryCues, p: Explanations) -> Anchor | None:
    """The start of a range this name ends: "from September through May" is the May after
    that September, "between Monday and Friday" the Friday after that Monday. Only a name of
    the same kind: "from Sept. 14 to Thursday" ends on the Thursday of the report."""
    if not (isinstance(m, Named) and m.rel is None and isinstance(first_meaning, Named)
            and first_meaning.kind == m.kind and m.kind in ("weekday", "month", "monthday")
            and first is not None and first.interval is not None and first.value is not None
            and first.granularity is not None):
        return None
    if not cues.range_to.fullmatch(text[first.end:c.start]) \
            or not cues.range_from.search(text[max(0, first.start - 12):first.start]):
        return None
    return Anchor(when=first.interval.start, unit=GRAN_UNIT.get(first.granularity, "D"), id=first.id,
                   label=p.range_start_label.format(text=first.text, reading=p.in_words(first.value)))


def _anchor_for(m: Meaning, need: str | None, story: StoryTime, text: str, c: Candidate,
                tense: tuple[Tense, str] | None) -> tuple[Anchor | None, str]:
    """The anchor an expression counts from, and the clock it is on (story_time)."""
    anchor, clock = story.clock(m, need, tense, c.start)
    last, dct = story.focus, story.dct
    if need != "dct" or last is None:
        return anchor, clock
    if isinstance(m, Clock) and m.day is None and last.unit in _DAY_OR_FINER:
        # "The bomb went off at 10:35 a.m.": on the day just talked about. Not a day still to
        # come when the clock is told in the past ("The offer expires in 30 days. Police said
        # the attack happened around 2 a.m.").
        ahead = dct is not None and last.when > dct.when
        said = story.cues.tense_near(text, c.start, c.end) if ahead else None
        if not (said is not None and said[0] is Tense.PAST):
            return last, CLOCK_FOCUS
    if isinstance(m, Shift) and m.n == 0 and m.unit in ("DE", "CE") \
            and last.unit == m.unit and story.cues.the_decade.search(text, c.start, c.end):
        # "In the early 1970s she volunteered ..., and by the end of the decade she had raised
        # the money": the decade just named, not the document's. "this decade" stays deictic.
        return last, CLOCK_FOCUS
    return anchor, clock


_CLOCK_DAY = "story-day"


def _name_key(m: Meaning) -> tuple[str, int, int | None] | None:
    """A day of the month named without its year ("Feb. 9"). Not a bare month: news names the
    same month of two years side by side ("price numbers for August set for release", then
    "the index came in at 100.2 in August"), and each is read by its own clause."""
    if isinstance(m, Named) and m.rel is None and m.pod is None and m.kind == "monthday":
        return m.kind, m.index, m.day
    return None


def _said_before(story: _Story, m: Meaning, value: str | None) -> tuple[str, str] | None:
    """The value and text of the same name said earlier in the text, when it had another value
    and no year has been named since: one date, one value ("will be honoured at the Oscars on
    Feb. 9", later "the actors at the Oscars on Feb. 9 were not nominated"). A year named in
    between ("In 2019 ...", "last year's report") moves the text, and the name is read afresh."""
    key = _name_key(m)
    said = story.said.get(key) if key is not None and value is not None else None
    if said is None or said[1] == value:
        return None
    at, before, surface = said
    if any(year != before[:4] for where, year in story.years if where > at):
        return None
    return before, surface


def _remember(story: _Story, m: Meaning, value: str | None, surface: str) -> None:
    if value is None:
        return
    key = _name_key(m)
    if key is not None:
        story.said[key] = (len(story.out), value, surface)
    elif (explicit(m) or isinstance(m, SamePeriod)
          or isinstance(m, Shift) and m.unit in ("Y", "H", "Q", "DE", "CE")) and value[:4].isdigit():
        story.years.append((len(story.out), value[:4]))


def _story_day(m: Meaning, need: str | None, story: _Story, text: str, c: Candidate) -> Anchor | None:
    """The day the story is on, for a bare clock time after a coarser date: "The first stage
    started on June 3. The race was first run in 2019. The second stage began at 6:25 p.m." is
    6:25 p.m. on June 3. None when the focus is itself a day (the clock takes it anyway), and in
    news unless the clock is told in the past of a day gone by: "They have to be back by noon"
    is the present's noon."""
    focus, day = story.time.focus, story.day
    if not (isinstance(m, Clock) and m.day is None and need == "dct" and day is not None
            and focus is not None and focus.unit not in _DAY_OR_FINER):
        return None
    if story.dct is not None and story.time.mode is Mode.NEWS:
        said = story.time.cues.tense_near(text, c.start, c.end)
        if day.when > story.dct.when or said is None or said[0] is not Tense.PAST:
            return None
    return day


def _placed_in_story(m: Meaning, anchor: Anchor, tense: tuple[Tense, str] | None,
                     cues: StoryCues) -> Placed | None:
    """An underspecified name ("April", "Saturday morning" in a narrative) placed after the focus."""
    if isinstance(m, (Named, Holiday)):
        return place_in_story(m, anchor, tense, cues)
    if isinstance(m, Clock) and isinstance(m.day, (Named, Holiday)):
        day = place_in_story(m.day, anchor, tense, cues)
        if day is None or len(day.value) < 10:
            return None
        hour = f"T{m.hour:02d}" if m.minute is None and m.hour == 24 else f"T{m.hour:02d}:{m.minute or 0:02d}"
        return Placed(day.value[:10] + hour, day.how)
    return None


def _user_type(value: str, type_: TimexType) -> TimexType:
    """The type a user-corrected value implies (a date edited into a duration is a duration)."""
    if is_valid(value, TimexType.DURATION) and type_ is not TimexType.SET:
        return TimexType.DURATION
    if type_ in (TimexType.DATE, TimexType.TIME):
        return TimexType.TIME if "T" in value else TimexType.DATE
    return type_


@dataclass
class _Story:
    """What the resolution of one text has reached: the anchors later expressions count from."""

    dct: Anchor | None
    time: StoryTime  # the temporal focus and the two clocks (the anchor of "the next day")
    periods: PeriodCues  # the words that tell a reported period (its language's)
    period: Anchor | None = None  # the last reporting period named outright (not itself a shift)
    last_meaning: Meaning | None = None  # the meaning of the last expression resolved
    out: list[TimeExpression] = field(default_factory=list)
    day: Anchor | None = None  # the last day the story was on (the day of a bare "at 6:25 p.m.")
    said: dict[tuple[str, int, int | None], tuple[int, str, str]] = field(default_factory=dict)  # name → (at, value, text)
    years: list[tuple[int, str]] = field(default_factory=list)  # (at, year) of each year the text names


def _dct_anchor(dct: DCT | None, p: Explanations) -> Anchor | None:
    if dct is None:
        return None
    origin = p.dct_labels.get(str(dct.origin), p.dct_label)
    return Anchor(when=dct.day, unit="D", id="dct", label=f"{origin} {p.in_words(dct.value[:10])}")


_CLOCK_UNITS = frozenset({"HOUR", "MIN", "SEC"})
_CLOCK_VALUE = re.compile(r"T\d")
_UTC_OFFSET = re.compile(r"(?:Z|[+-]\d\d:?\d\d)$")


def _dct_clock(dct: DCT, day: Anchor, p: Explanations) -> Anchor:
    """The DCT as an anchor for hours and minutes: "Updated 8 hours ago" on a page stamped
    09:49 on 20 January is 01:49 that day, not the day before. A DCT with no time of day is
    taken at midday, so a few hours either way stay on its day."""
    parsed = parse_value(_UTC_OFFSET.sub("", dct.value))  # the page's local time, as it shows it
    if parsed is not None and parsed[1] in (Granularity.HOUR, Granularity.MINUTE, Granularity.SECOND):
        return Anchor(when=parsed[0].start, unit="MIN", id=day.id, label=f"{day.label} {dct.value[11:16]}")
    return Anchor(when=day.when + timedelta(hours=12), unit="D", id=day.id,
                  label=p.dct_midday.format(label=day.label))


def resolve(candidates: Sequence[Candidate], text: str, dct: DCT | None,
            forced: Mapping[Span, str] | None = None, ruleset: RuleSet | None = None,
            mode: Mode | None = None) -> list[TimeExpression]:
    """Turn candidates (in text order) into TimeExpressions with values, intervals and reasons."""
    return resolve_story(candidates, text, dct, forced, ruleset, mode)[0]


def resolve_story(candidates: Sequence[Candidate], text: str, dct: DCT | None,
                  forced: Mapping[Span, str] | None = None, ruleset: RuleSet | None = None,
                  mode: Mode | None = None) -> tuple[list[TimeExpression], DocumentMode]:
    """:func:`resolve`, and the document mode the text was read in (``mode`` None: chosen).

    Each candidate goes through the same steps: its meaning in context (:func:`_meaning_in_context`),
    the anchor, clock and tense it is read against, its value (:func:`_value`), the reasoning
    (:func:`_explanation`), and what it changes for the expressions after it (:func:`_advance`).
    """
    rs = ruleset or default_ruleset()
    words = lang.language(rs.language)  # the words of the language the rules are in
    cues, periods = words.story, words.periods
    forced = forced or {}
    meanings = [_build_or_none(rs, c) for c in candidates]
    doc_mode = choose_mode(dct, [b.meaning if b is not None else None for b in meanings], mode,
                           words.explanations)
    dct_anchor = _dct_anchor(dct, words.explanations)
    story = _Story(dct=dct_anchor, time=StoryTime(doc_mode.value, dct_anchor, cues, text), periods=periods)
    for i, c in enumerate(candidates):
        built = _meaning_in_context(text, candidates, meanings, i, story.dct, cues, periods)
        if built is None:
            continue
        m = built.meaning
        tid = f"t{len(story.out) + 1}"
        surface = text[c.start:c.end]
        need = needs(m)
        tense = _tense_for(m, text, c, cues)
        anchor, clock = _anchor_for(m, need, story.time, text, c, tense)
        placed = _placed_in_story(m, anchor, tense, cues) \
            if clock == CLOCK_FOCUS and anchor is not None and underspecified(m, story.time.mode) else None
        shared = _shared_year(text, candidates, meanings, i, cues) if isinstance(m, Named) and m.rel is None else None
        if shared is not None:
            # "In April and June 1955", "in August/September 1956": the year written once
            # belongs to both.
            anchor, clock = shared, CLOCK_SHARED
            placed = place_in_story(m, shared, None, cues)
        elif placed is not None and story.time.focus is not None:
            placed = _range_opened(text, candidates, meanings, i, story.time.focus, cues) or placed
        if dct is not None and story.dct is not None and anchor is story.dct \
                and isinstance(m, Shift) and m.unit in _CLOCK_UNITS:
            anchor = _dct_clock(dct, story.dct, words.explanations)
        on_day = _story_day(m, need, story, text, c)
        if on_day is not None:
            anchor, clock = on_day, _CLOCK_DAY
        previous = story.out[-1] if story.out else None
        start_of_range = _range_start(m, text, c, previous, story.last_meaning, cues, words.explanations)
        if start_of_range is not None and previous is not None:
            anchor, tense = start_of_range, (Tense.FUTURE, text[previous.end:c.start].strip())
        # "Profit rose in the third quarter from $4 million a year earlier": the same period a
        # year before, so the comparison keeps the period's granularity. Only looking back:
        # "the plant will be closed over the next year" names a year, not a quarter.
        shifted_period = (isinstance(m, Shift) and m.unit == "Y" and m.n == -1 and story.period is not None
                          and (c.rule.build in ("offset", "anaphor") or last_years_figure(text, c.end, periods)))
        quarter_like = isinstance(m, Shift) and m.unit == "Q" and m.anchor == "dct" \
            or isinstance(m, Literal) and m.value == "P3M"
        closed_on = _period_end(text, candidates, meanings, i, story.dct, periods, cues) if quarter_like else None
        value, anchor = _value(built, anchor, tense, story.period, shifted_period, closed_on, placed)
        if anchor is not None and anchor.bc and value is not None and need:
            value = from_story_years(value)  # counted from a date before year 1
        type_ = TimexType(built.type)
        if type_ is TimexType.DATE and isinstance(m, Shift) and value is not None and _CLOCK_VALUE.search(value):
            type_ = TimexType.TIME  # "8 hours ago" from a DCT at 09:49 is a clock time
        corrected = bool(forced) and c.span in forced  # no Span made when nothing is corrected
        if corrected:
            value = forced[c.span]
            type_ = _user_type(value, type_)
        before = _said_before(story, m, value) if placed is None and not corrected else None
        if before is not None:
            value = before[0]
        if value is not None and not corrected and not is_valid(value, type_):
            # Arithmetic or a rule gave no real value ("February 30, 2016"): none is better than a wrong one.
            impossible, value = value, None
        else:
            impossible = None
        explanation = _explanation(surface, built, value, type_, anchor, tense, forced=corrected,
                                   closed_on=closed_on, start_of_range=start_of_range, placed=placed,
                                   clock=_clock_words(story.time, m, clock, need, anchor, value, placed,
                                                      words.explanations),
                                   phrases=words.explanations)
        if before is not None:
            explanation = words.explanations.said_before.format(
                surface=surface, value=value, reading=words.explanations.in_words(value), before=before[1])
        if impossible is not None:
            explanation = words.explanations.impossible.format(surface=surface, value=impossible)
        _remember(story, m, value, surface)
        parsed = parse_value(value) if value and type_ in (TimexType.DATE, TimexType.TIME) else None
        interval, gran = parsed if parsed else (None, None)
        quant = "EVERY" if type_ is TimexType.SET and surface.lower().startswith(cues.every) else None
        freq = built.freq if type_ is TimexType.SET else None
        story.last_meaning = m
        timex = TimeExpression(
            id=tid, start=c.start, end=c.end, text=surface, type=type_, value=value, mod=built.mod,
            anchor=anchor.id if anchor is not None and need else None, interval=interval,
            granularity=gran, rule=c.rule.name, explanation=explanation, quant=quant, freq=freq,
            corrected=corrected,
        )
        story.out.append(timex)
        _advance(story, timex, m, text, c, shifted_period=shifted_period, closed_on=closed_on, clock=clock,
                 p=words.explanations)
    return story.out, doc_mode


def _meaning_in_context(text: str, candidates: Sequence[Candidate], meanings: Sequence[Built | None],
                        i: int, dct: Anchor | None, cues: StoryCues, periods: PeriodCues) -> Built | None:
    """The candidate's meaning once the words around it are read; None when it names no time."""
    c, built = candidates[i], meanings[i]
    if built is None:
        return None
    due = _due_in(text, c, built, cues)
    if due is not None:
        built = due
    m = built.meaning
    if isinstance(m, Named) and m.kind == "half" and m.rel is None and game_half(text, c.start, c.end, periods):
        return None  # "scored twice in the second half": a half of the game, no date
    if isinstance(m, Clock) and m.day is None:
        built = Built(Clock(m.hour, m.minute, day=_day_after_clock(text, candidates, meanings, i, cues)),
                      built.type, built.mod, built.freq)
    attached = _day_after_part_of_day(text, candidates, meanings, i, cues)
    if attached is not None:
        built = Built(attached, built.type, built.mod, built.freq)
    if dct is not None and _week_to_come_on_sunday(built.meaning, built.mod, dct, text, c, cues):
        built = Built(Shift("W", 1), built.type, None)  # all of that week is "later"
    return built


def _value(built: Built, anchor: Anchor | None, tense: tuple[Tense, str] | None, period: Anchor | None,
           shifted_period: bool, closed_on: date | None, placed: Placed | None) -> tuple[str | None, Anchor | None]:
    """The TIMEX3 value, and the anchor it was actually counted from."""
    m = built.meaning
    if placed is not None:
        return placed.value, anchor
    try:
        if closed_on is not None and built.type != "DURATION":
            return quarter_ended(closed_on), anchor
        if isinstance(m, SamePeriod):
            base = period or anchor
            year = m.year if m.year is not None else (base.when.year + m.years if base else None)
            anchor = period or anchor  # no anchor at all when the year is stated
            if year is None:
                return None, anchor
            if period is not None:
                return format_at(period.when.replace(year=year), period.unit), anchor
            return f"{year:04d}", anchor  # no period named: only the year is known
        if shifted_period and period is not None:
            return format_at(add_units(period.when, "Y", m.n), period.unit), period
        return resolve_meaning(m, anchor, tense[0] if tense else None), anchor
    except (ValueError, OverflowError, StopIteration, IndexError):
        return None, anchor  # beyond the calendar datetime can hold (before year 1, after 9999)


def _clock_words(time: StoryTime, m: Meaning, clock: str, need: str | None, anchor: Anchor | None,
                 value: str | None, placed: Placed | None, p: Explanations) -> str | None:
    """Which clock an expression was read on and why, when there was a choice to make: a
    name placed in story time, a year shared with the next date, in a narrative an expression
    that would count from a present, in news a name kept on the DCT beside a back-story."""
    if clock == CLOCK_SHARED:
        return p.clock_shared
    if clock == _CLOCK_DAY:
        return p.clock_day
    if value is None or anchor is None or need != "dct":
        return None
    if placed is not None or clock == CLOCK_FOCUS:
        return time.why(clock, p)
    if time.away and underspecified(m, time.mode):
        return p.clock_not_past
    return None


def _explanation(surface: str, built: Built, value: str | None, type_: TimexType, anchor: Anchor | None,
                 tense: tuple[Tense, str] | None, *, forced: bool, closed_on: date | None,
                 start_of_range: Anchor | None, placed: Placed | None, clock: str | None,
                 phrases: Explanations) -> str:
    """The reasoning in words: the user's value, a frequency, a quarter ended, a range, or the rule's."""
    p = phrases
    if forced:
        return p.user_set.format(surface=surface, value=value)
    freq = built.freq if type_ is TimexType.SET else None
    if freq is not None and value is not None:
        often = p.frequencies.get(freq) or p.frequency.format(n=freq.rstrip('X'))
        return p.set_with_frequency.format(surface=surface, value=value, often=often, words=p.set_words(value))
    if closed_on is not None and type_ is not TimexType.DURATION:
        return p.quarter_ended.format(surface=surface, value=value, reading=p.in_words(value),  # type: ignore[arg-type]
                                      last=p.in_words(closed_on.isoformat()))
    if start_of_range is not None and value is not None:
        return p.range_start.format(surface=surface, value=value, reading=p.in_words(value), label=start_of_range.label)
    if placed is not None and anchor is not None and value is not None:
        return explain_placed(surface, built.meaning, value, placed.how, anchor, clock or "", phrases)
    said = explain(surface, built.meaning, value, type_, anchor, tense, phrases)
    return p.with_clock.format(said=said, clock=clock) if clock else said


def _advance(story: _Story, timex: TimeExpression, m: Meaning, text: str, c: Candidate, *,
             shifted_period: bool, closed_on: date | None, clock: str, p: Explanations) -> None:
    """Move the story on: the date later expressions count from, and the period they compare with."""
    interval, gran, value, surface, tid = timex.interval, timex.granularity, timex.value, timex.text, timex.id
    before_year_one = story_interval(value) if interval is None and value is not None else None
    if before_year_one is not None:
        interval, gran = before_year_one  # not drawable, but the story goes on from it
    if interval is not None and gran is not None and value is not None \
            and not story.time.cues.since.search(text, max(0, c.start - 16), c.start):
        # "the most since February", "the fastest pace since 2009": a landmark for a
        # comparison, not the time talked about, so "a year earlier" does not count from it.
        reached = anchor_from(tid, value, interval, gran, surface)
        reached.bc = before_year_one is not None
        story.time.move(reached, m, clock, c.start, c.end)
        if story.time.focus is reached and reached.unit in _DAY_OR_FINER:
            story.day = reached
        # Comparisons are made with a reported period: one begun by the document date (not
        # "the third quarter of 1990" in a forecast), named outright rather than as a
        # year-ago twin ("the 1988 period").
        if reached.unit in _PERIOD_UNITS and not shifted_period and not isinstance(m, SamePeriod) \
                and (story.dct is None or interval.start <= story.dct.when):
            story.period = reached
    elif timex.type is TimexType.DURATION and closed_on is not None:
        # "Growth in the three months to September was 0.4%, against 0.2% a year earlier":
        # a quarter's results, so the comparison is that quarter a year before.
        quarter = quarter_ended(closed_on)
        span = parse_value(quarter)
        if span is not None:
            story.period = Anchor(when=span[0].start, unit="Q", id=tid,
                                  label=p.quarter_mentioned.format(surface=surface, reading=p.in_words(quarter)))
    elif timex.type is TimexType.DURATION and year_to_date(text, c, value, story.periods):
        # "For the nine months, net income rose from $5 million a year earlier": results for
        # the year so far, compared with the same months of the year before. TIMEX3 has no
        # nine-month value, so that comparison is the year before at year granularity.
        known = story.period or story.dct
        base = known.when if known is not None else None
        if base is not None:
            story.period = Anchor(when=base.replace(month=1, day=1, hour=0, minute=0, second=0), unit="Y",
                                  id=tid, label=p.year_so_far.format(surface=surface, year=base.year))


def _week_to_come_on_sunday(m: Meaning, mod: str | None, dct: Anchor, text: str, c: Candidate,
                            cues: StoryCues) -> bool:
    """Written on a Sunday, the last day of its ISO week, "will visit later this week" and "the
    talks resume this week" speak of the week that starts tomorrow: nothing of this one is to
    come."""
    if not (isinstance(m, Shift) and m.unit == "W" and m.n == 0 and m.anchor == "dct"
            and dct.when.isoweekday() == 7 and mod != "START"):
        return False
    if mod == "END" and text[c.start:c.start + len(cues.later)].lower() == cues.later:
        return True
    said = cues.tense_near(text, c.start, c.end)
    return said is not None and said[0] is Tense.FUTURE


_WHOLE_UNITS = re.compile(r"P(\d+)([YMWD])")


def _due_in(text: str, c: Candidate, built: Built, cues: StoryCues) -> Built | None:
    """"The stock will be redeemed in five years": the time five years after the document date,
    not a length of time, when the clause looks ahead. "Sales doubled in five years" (past) and
    "the first order in a decade" (no verb) stay durations."""
    if built.type != "DURATION" or not isinstance(built.meaning, Literal) or built.mod not in (None, "APPROX"):
        return None
    found = _WHOLE_UNITS.fullmatch(built.meaning.value)
    if found is None or text[c.start:c.start + len(cues.the)].lower() == cues.the \
            or not cues.in_before.search(text, max(0, c.start - 6), c.start):
        return None
    tense = cues.tense_near(text, c.start, c.end)
    if tense is None or tense[0] is not Tense.FUTURE:
        return None
    return Built(Shift(found[2], int(found[1])), "DATE", built.mod)


def _range_opened(text: str, candidates: Sequence[Candidate], meanings: Sequence[Built | None], i: int,
                  focus: Anchor, cues: StoryCues) -> Placed | None:
    """The start of a range in a story ("from October to March" when the story is in March
    1945): the end is placed in the story, and the start is the latest one before it."""
    m = meanings[i].meaning if meanings[i] is not None else None  # type: ignore[union-attr]
    nxt = meanings[i + 1].meaning if i + 1 < len(meanings) and meanings[i + 1] is not None else None  # type: ignore[union-attr]
    c = candidates[i]
    if not (isinstance(m, Named) and isinstance(nxt, Named) and nxt.kind == m.kind and nxt.rel is None
            and cues.range_to.fullmatch(text, c.end, candidates[i + 1].start)
            and cues.range_from.search(text, max(0, c.start - 12), c.start)):
        return None
    end = place_in_story(nxt, focus, None, cues)
    parsed = parse_value(end.value) if end is not None else None
    if parsed is None:
        return None
    ends_at = Anchor(when=parsed[0].start, unit="D", id=f"t{i + 2}", end=parsed[0].end, label="")
    start = place_in_story(m, ends_at, (Tense.PAST, cues.past_perfect), cues)  # the latest one before the end
    return Placed(start.value, "before") if start is not None else None


CLOCK_SHARED = "shared"  # a year written once for two coordinated names


def _shared_year(text: str, candidates: Sequence[Candidate], meanings: Sequence[Built | None],
                 i: int, cues: StoryCues) -> Anchor | None:
    """The year of the date coordinated right after a name without one ("April and June
    1955" → 1955), as an anchor, or None."""
    if i + 1 >= len(candidates) or meanings[i + 1] is None:
        return None
    nxt = meanings[i + 1].meaning  # type: ignore[union-attr]
    if not isinstance(nxt, Fixed) or len(nxt.value) < 7 or nxt.value[4] != "-" \
            or not cues.coordinated.fullmatch(text, candidates[i].end, candidates[i + 1].start):
        return None
    year = int(nxt.value[:4])
    return Anchor(when=datetime(year, 1, 1), unit="Y", id=f"t{i + 2}", end=datetime(year + 1, 1, 1),
                  label=f'the year of "{text[candidates[i + 1].start:candidates[i + 1].end]}" that follows ({year})')


def _build_or_none(rs: RuleSet, c: Candidate) -> Built | None:
    try:
        return build(rs, c)
    except NoMeaning:
        return None




def _is_day(m: Meaning) -> bool:
    return (isinstance(m, Named) and m.kind in ("weekday", "monthday")
            or isinstance(m, Fixed) and len(m.value) == 10
            or isinstance(m, Shift) and m.unit == "D" and m.anchor == "dct")


def _day_after_clock(text: str, candidates: Sequence[Candidate], meanings: Sequence[Built | None],
                     i: int, cues: StoryCues) -> Fixed | Shift | Named | None:
    """The day a bare clock time falls on when the day follows it: "at 3 p.m. local time on
    Friday", "at 10:35 a.m. (0735 GMT) Tuesday" (a restated clock in between shares it)."""
    prev_end = candidates[i].end
    for j in range(i + 1, len(candidates)):
        built = meanings[j]
        if built is None or not cues.clock_to_day.fullmatch(text, prev_end, candidates[j].start):
            return None
        m = built.meaning
        if isinstance(m, Clock) and m.day is None:
            prev_end = candidates[j].end  # a restated clock: "(1200 GMT)"
            continue
        return m if _is_day(m) else None  # type: ignore[return-value]
    return None


def _day_after_part_of_day(text: str, candidates: Sequence[Candidate], meanings: Sequence[Built | None],
                           i: int, cues: StoryCues) -> Meaning | None:
    """The day a bare part of the day belongs to when the day follows it in its phrase:
    "early-morning raids on Friday 14th June 2019" is that Friday's morning, not this one.
    ("this morning", "late yesterday" name their day themselves.)"""
    c, m = candidates[i], meanings[i].meaning  # type: ignore[union-attr]
    if not (isinstance(m, Shift) and m.unit == "D" and m.n == 0 and m.pod and m.anchor == "dct") \
            or cues.deictic_words.search(text, c.start, c.end) or i + 1 >= len(candidates):
        return None
    built = meanings[i + 1]
    if built is None or not cues.pod_to_day.fullmatch(text, c.end, candidates[i + 1].start) \
            or not _is_day(built.meaning):
        return None
    day = built.meaning
    if isinstance(day, Fixed):
        return Fixed(f"{day.value}T{m.pod}")
    return dataclasses.replace(day, pod=m.pod)  # type: ignore[type-var]


def _period_end(text: str, candidates: Sequence[Candidate], meanings: Sequence[Built | None], i: int,
                dct: Anchor | None, periods: PeriodCues, cues: StoryCues) -> date | None:
    """The day that closes "the quarter ended July 31" (the date right after "ended"), or None."""
    if i + 1 >= len(candidates) or meanings[i + 1] is None:
        return None
    nxt, built = candidates[i + 1], meanings[i + 1]
    m = built.meaning  # type: ignore[union-attr]
    month = isinstance(m, Named) and m.kind == "month" or isinstance(m, Fixed) and len(m.value) == 7
    if not periods.period_ended.fullmatch(text, candidates[i].end, nxt.start) or not (_is_day(m) or month):
        return None
    tense = _tense_for(m, text, nxt, cues)
    try:
        value = resolve_meaning(m, dct if needs(m) else None, tense[0] if tense else None)
    except (ValueError, OverflowError, StopIteration, IndexError):
        return None
    if value is None or len(value) not in (7, 10) or value[4] != "-":
        return None
    if len(value) == 7:  # "the three months to September": to the month's last day
        span = parse_value(value)
        return (span[0].end - timedelta(days=1)).date() if span is not None else None
    return date.fromisoformat(value)


def resolve_text(text: str, dct: DCT | None) -> list[TimeExpression]:
    """Tag and resolve a text in one call (tests, worked examples)."""
    from .tagger import tag

    return resolve(tag(text), text, dct)
