"""What a language package gives the stages: its word lists and cue patterns, as typed parts.

Every ``core/lang/<code>/__init__.py`` defines ``LANGUAGE = Language(...)``; a stage reads the
part it needs through :func:`timeline_app.core.lang.language` with the language of the article.
A field is a pattern when the stage matches it at a position it chooses (``search``/``match``/
``fullmatch`` with bounds), a plain string when the stage compares a slice of the text with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

Pattern = re.Pattern[str]


class Tense(StrEnum):
    """The tense a language's cues tell of the clause around an expression (what decides "Tuesday")."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True, slots=True)
class StoryCues:
    """The words around an expression that change how it is read in its story (normalize, story time)."""

    since: Pattern  # ends right before a date that is a landmark for a comparison ("since February")
    the_decade: Pattern  # inside "by the end of the decade": the decade just named
    range_from: Pattern  # ends right before the first name of a range ("from September")
    range_to: Pattern  # the whole gap between the two names of a range ("through")
    in_before: Pattern  # ends right before a duration that may be a time ahead ("in five years")
    coordinated: Pattern  # the whole gap between two names that share one year ("April and June 1955")
    clock_to_day: Pattern  # the whole gap between a clock time and its day ("3 p.m. local time on Friday")
    pod_to_day: Pattern  # the whole gap between a part of the day and its day ("morning raids on Friday")
    deictic_words: Pattern  # inside a part of the day that names its own day ("this morning")
    attribute_before: Pattern  # ends right before a date that qualifies a noun ("the Dec. 21, 1988, bombing")
    noun_after: Pattern  # matched right after such a date: the noun it qualifies
    by_before: Pattern  # ends right before the end point of a development ("by December")
    later: str  # how an expression starts when it is the end of its period ("later this week")
    the: str  # how a noun phrase starts ("the first order in a decade": no time ahead)
    every: tuple[str, ...]  # how a set that quantifies over every member starts ("every Monday")
    past_perfect: str  # how a past perfect's evidence starts ("had entered Russia in June")
    # The tense of the clause around text[start:end] and the word that shows it, or None:
    # (text, start, end, window=12, deadline_decides=True).
    tense_near: Callable[..., tuple[Tense, str] | None]


@dataclass(frozen=True, slots=True)
class DatelineWords:
    """How a dateline in the head of an article says its date and what the date is (ingest's dateline)."""

    month: str  # regex source with a group ``month``: any month name or abbreviation
    month_numbers: dict[str, int]  # a ``month`` group, lower case → its number
    weekday: str  # regex source: one weekday name or abbreviation
    day: str  # regex source with a group ``day``: a day of the month, with its ordinal ending if any
    time_after: Pattern  # matched right after a date: its clock time (groups hour, minute, ampm, tz)
    time_before: Pattern  # ends right before a date: its clock time ("4:15 PM ET, ")
    cue: Pattern  # ends right before a date: what it is (group ``updated`` or ``published``)
    byline: Pattern  # matched at the start of a line that publishes its first date ("By Reuters")
    cue_words: frozenset[str]  # lower-case words a date-only line may hold besides the date
    agency_prefix: Pattern  # the whole text before the date of "WASHINGTON, March 22, 2013 (AP) —"
    agency_suffix: Pattern  # matched right after that date: the agency and the dash
    agency_first: Pattern  # the whole text before the date of "KABUL (Reuters) - Sunday 4 October 2015 -"
    dash_after: Pattern  # matched right after that date: the dash that closes the dateline


@dataclass(frozen=True, slots=True)
class BoilerplateLines:
    """The lines of page furniture (ingest's boilerplate): each pattern must match a whole line."""

    rules: tuple[tuple[str, str], ...]  # (pattern, why), matched stripped and case-insensitive


@dataclass(frozen=True, slots=True)
class PeriodCues:
    """The words of earnings reports and games around a period (the timex stage's company periods)."""

    last_years_figure: Pattern  # matched right after "last year": its figure follows ("last year's $1.55 billion")
    reported_over: Pattern  # ends right before "the nine months" reported so far ("for the nine months")
    months_of_something: Pattern  # matched right after those months: they belong to something else
    period_ended: Pattern  # the whole gap between a quarter and the date that closes it ("ended")
    game_words: Pattern  # near "the second half": the half of a game ("scored", "penalty")
    the: str  # how "the nine months" starts
    period: str  # right after "the nine-month": the results of the year so far (" period")


@dataclass(frozen=True, slots=True)
class BuilderWords:
    """The words the builders compare a rule's groups with, beyond the rule tables."""

    spelled_year: Callable[[str], int | None]  # a year in words ("nineteen ninety-six" → 1996), or None
    forward: tuple[str, ...]  # directions that count forward ("three days later"), as table keys
    before: str  # the direction that counts back from a date ("the day before Tuesday"), as a table key
    morning: str  # how a part of the day named after a clock time ends when it is a.m. ("4 in the morning")
    last: tuple[str, ...]  # ordinals that name the last of a month's weeks ("the last week of March")
    first: str  # the edge of a year counted from its start ("the first three months of 2016"), lower case
    century: str  # the era of a turn of a hundred years ("the turn of the century"), lower case


@dataclass(frozen=True, slots=True)
class Sentences:
    """How sentences end and what an event of one is called (the tagger's dots, the events stage)."""

    abbreviations: frozenset[str]  # lower case, without their dot: a dot after one ends no sentence
    # (sentence, expression span within it or None, limit) → a short label that says what happened
    event_label: Callable[..., str]
    # (sentence, expression span within it or None, title) → whether it reports something that happened
    is_event_sentence: Callable[..., bool]
    # (text, start, sentence_start) → the landmark word when the date at start places no event
    landmark: Callable[..., str | None]


@dataclass(frozen=True, slots=True)
class Explanations:
    """The sentences that give the reasoning behind a value (the timex stage's explain).

    Templates are ``str.format`` strings; ``shown`` is a value with its reading ("2016-06-28 (Tue 28
    Jun 2016)"), ``at`` the anchor's label with a leading space or nothing, ``why`` the tense
    evidence with a leading space or nothing. explain keeps the logic: which template, with what.
    """

    in_words: Callable[[str], str]  # a value read for explanations ("Tue 28 Jun 2016")
    weekday_name: Callable[[datetime], str]  # "Tuesday"
    month_name: Callable[[datetime], str]  # "March"
    monthday: str  # {day} {month}: "10 May"
    ordinal_words: Mapping[int, str]  # 1 → "first" (quarters and halves)
    kind_names: Mapping[str, str]  # a named period's kind in words ("quarter")
    period_noun: str  # {ordinal} {kind}: "third quarter"
    season_names: Mapping[str, str]  # "SU" → "summer"
    part_of_day_names: Mapping[str, str]  # "MO" → "morning"
    unit_names: Mapping[str, str]  # "W" → "week"
    set_words: Callable[[str], str]  # a SET value in words ("every Monday")
    duration_words: Callable[[str], str]  # a duration value in words ("three days")
    count_of: Callable[[float, str], str]  # (3, "day") → "3 days"
    dct_labels: Mapping[str, str]  # a DCT's origin → what it is ("the dateline")
    dct_label: str  # a DCT of another origin
    years_away: Mapping[int, str]  # -1 → "a year before"
    with_year: Pattern  # the year a holiday's surface adds ("Christmas Eve 2015"), searched at its end
    shown: str  # {value} ({reading})
    tense_why: str  # {tense} {evidence}: ' (past tense "launched")'
    stated_in_full: str
    same_period: str  # {shown} {at} {shift}
    same_period_shift: str  # {away}
    same_period_in: str  # {shown} {at} {year}
    in_year: str  # {shown} {away} {at}
    event_date: str  # {shown}
    literals: Mapping[str, str]  # PRESENT_REF, PAST_REF, FUTURE_REF
    duration: str  # {words}
    holiday_in: str  # {shown} {noun} {year}
    same_stretch: str  # {noun} {stretch}
    stretch_week: str
    stretch_year: str
    choices: Mapping[str, str]  # an anchors.Choice value → where the arithmetic placed it ({noun})
    named: str  # {shown} {where} {at} {why}
    part_of_day: str  # {shown} {part} {relation} {at}
    part_of_day_relations: tuple[str, str, str]  # the day before, of, after
    unit_of: str  # {shown} {unit} {at}
    units_away: str  # {shown} {count} {direction} {at}
    directions: tuple[str, str]  # back, forward
    turn: str  # {value} {era} {at}
    turn_eras: tuple[str, str]  # a hundred years, a thousand
    around_relations: Mapping[int, str]  # -1, 0, 1 → {unit}
    around_other: str  # {n} {unit}
    around: str  # {shown} {relation} {inner} {said}
    around_why: str  # {shown} {why} {relation} {inner} {said}
    midnight_began: str  # {shown} {at} {why}
    midnight_ends: str  # {shown} {at} {why}
    clock_on_day_of: str  # {shown} {clock} {at}
    clock_on: str  # {shown} {clock} {day}
    unresolved: str  # {surface}
    set_line: str  # {surface} {value} {words}
    resolved: str  # {surface} {said}
    placed: Mapping[str, str]  # how a name was placed in story time ("within") → {noun}
    mentioned_before: str  # in an anchor's label: an expression of the text, not the DCT
    story_reached: str
    placed_line: str  # {surface} {shown} {where} {label} {reached} {why}
    # normalize's own sentences: the cases decided before a meaning is described
    user_set: str  # {surface} {value}
    frequencies: Mapping[str, str]  # a SET's freq → how often ("2X" → "twice")
    frequency: str  # {n}: how often, beyond those
    set_with_frequency: str  # {surface} {value} {often} {words}
    quarter_ended: str  # {surface} {value} {reading} {last}
    range_start: str  # {surface} {value} {reading} {label}
    range_start_label: str  # {text} {reading}: the anchor of a range's end
    with_clock: str  # {said} {clock}
    said_before: str  # {surface} {value} {reading} {before}
    impossible: str  # {surface} {value}
    clock_shared: str  # why a name took the year of the next date
    clock_day: str  # why a bare clock time took the day the story is on
    clock_not_past: str  # why a name stayed on the DCT beside a back-story
    why_narrative: str  # the story's clock, in a narrative
    why_back_story: str  # the story's clock, in news
    why_deictic: str  # the DCT's clock
    dct_midday: str  # {label}: a DCT without its time of day, for counting hours
    quarter_mentioned: str  # {surface} {reading}: the label of a quarter a duration reported
    year_so_far: str  # {surface} {year}: the label of the year so far a duration reported
    # story time's reasons for the document mode
    mode_by_user: str  # {mode}
    mode_no_dct: str
    mode_story: str  # {far} {years} {far_years} {dct} {median} {present}
    mode_news: str
    year_bc: str  # {year}: a year before year one, in words ("480 BC")


@dataclass(frozen=True, slots=True)
class Language:
    """One language's Python knowledge, part by part."""

    code: str
    story: StoryCues
    dateline: DatelineWords
    boilerplate: BoilerplateLines
    periods: PeriodCues
    builders: BuilderWords
    explanations: Explanations
    sentences: Sentences
