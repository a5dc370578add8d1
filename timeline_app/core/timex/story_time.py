"""Story time: the temporal focus of a text, the two clocks of news, and the document mode.

A reader keeps track of *when* the text is at: "In 1940, Germany turned west. In April ...
On May 10 ... Two days later ..." is April 1940, 10 May 1940, 12 May 1940, because each date
sets the time the story has reached — the **temporal focus** — and the next underspecified
one ("April", "May 10", "the summer") is read inside or just after it. News has a second
clock, the document date (DCT): deictic expressions ("yesterday", "on Friday", "last week")
always count from it, while anaphoric and underspecified ones follow the focus once an
explicit date has moved the story away from the DCT ("In 2009 ... In June of that year ...").

The **document mode** says which clocks a text has: ``news`` (the DCT is its present) or
``narrative`` (no present: history, biographies, Wikipedia pages). It is chosen per document
(:func:`choose_mode`), always with a reason, and the user can override it.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..lang.language import Explanations, StoryCues, Tense
from ..model import DCT, DocumentMode, Granularity, Interval, Mode
from ..values import add_months, format_day, format_week, parse_value
from .anchors import Anchor, add_units, holiday_in, needs, season_start
from .meanings import Around, Clock, Fixed, Holiday, Literal, Meaning, Named, Shift

MODE_CHOICES = ("auto", "news", "narrative")

# Story years: a story told before year 1 ("In 490 BC ... The following year ...") is counted
# on a calendar moved this many years on. A multiple of 400 years, so the Gregorian calendar
# (leap years, weekdays) repeats exactly; astronomical year -479 (480 BC) is story year 4321.
ERA_SHIFT = 4800
_BC_VALUE = re.compile(r"BC(\d{4})(.*)")
_STORY_YEAR = re.compile(r"(\d{4})(.*)")


def story_interval(value: str) -> tuple[Interval, Granularity] | None:
    """The interval of a value before year 1 in story years ("BC0480-08" → August 4321)."""
    found = _BC_VALUE.fullmatch(value)
    if found is None:
        return None
    return parse_value(f"{1 - int(found[1]) + ERA_SHIFT:04d}{found[2]}")


def from_story_years(value: str) -> str | None:
    """A value counted in story years back on the calendar ("4321-08" → BC0480-08); None for
    one coarser than a year, whose BC form TIMEX3 does not settle."""
    found = _STORY_YEAR.fullmatch(value)
    if found is None:
        return None
    year = int(found[1]) - ERA_SHIFT
    return f"BC{1 - year:04d}{found[2]}" if year <= 0 else f"{year:04d}{found[2]}"


def user_mode(choice: str | None) -> Mode | None:
    """``--mode`` as given: None for ``auto`` (or nothing), else the mode; ValueError if unknown.

    The CLI imports this module only for it; it stays light (no rules are loaded here)."""
    if choice is None or choice == "auto":
        return None
    return Mode(choice)


# A text whose stated dates nearly all lie years away from its DCT, and that seldom speaks of
# its own present, tells a story of its own time (a Wikipedia page on a war, downloaded
# decades later), not news of the day. News backgrounders state a few old years too, so it
# takes many of them, and news keeps saying "today", "on Friday", "last year".
_FAR_YEARS = 5
_FAR_SHARE = 0.9
_MIN_YEARS = 8
_DEICTIC_PER_YEAR = 0.5


def stated_years(meanings: Sequence[Meaning | None]) -> list[int]:
    """The years that the text states outright ("1940", "May 10, 1940", "480 BC" as -479)."""
    out = []
    for m in meanings:
        if isinstance(m, Fixed):
            year = year_of(m.value)
            if year is not None:
                out.append(year)
    return out


_YEAR_VALUE = re.compile(r"(BC)?(\d{4})(?![\dX])")


def year_of(value: str) -> int | None:
    """The astronomical year of a value stated to the year or finer ("BC0480" → -479)."""
    found = _YEAR_VALUE.match(value)
    if found is None:
        return None
    year = int(found[2])
    return 1 - year if found[1] else year


def choose_mode(dct: DCT | None, meanings: Sequence[Meaning | None], requested: Mode | None,
                p: Explanations) -> DocumentMode:
    """The document's mode, with the reason a person can check (in the words of ``p``)."""
    if requested is not None:
        return DocumentMode(requested, p.mode_by_user.format(mode=requested), by_user=True)
    if dct is None:
        return DocumentMode(Mode.NARRATIVE, p.mode_no_dct)
    years = stated_years(meanings)
    if len(years) >= _MIN_YEARS:
        dct_year = int(dct.value[:4])
        far = [y for y in years if abs(y - dct_year) >= _FAR_YEARS]
        present = sum(1 for m in meanings if m is not None and deictic(m))
        if len(far) >= _FAR_SHARE * len(years) and present <= _DEICTIC_PER_YEAR * len(years):
            median = int(statistics.median(years))
            shown = p.year_bc.format(year=1 - median) if median <= 0 else str(median)
            return DocumentMode(Mode.NARRATIVE, p.mode_story.format(
                far=len(far), years=len(years), far_years=_FAR_YEARS, dct=dct.value[:10], median=shown,
                present=present))
    return DocumentMode(Mode.NEWS, p.mode_news)


def deictic(m: Meaning) -> bool:
    """An expression that speaks from the present of the text: "yesterday", "last week", "on
    Friday", "two years ago", "now"."""
    if isinstance(m, Clock):
        return m.day is not None and deictic(m.day)
    if isinstance(m, Shift):
        return m.anchor == "dct"
    if isinstance(m, Named):
        return m.anchor == "dct" and (m.rel is not None or m.kind in ("weekday", "weekend"))
    return isinstance(m, Literal) and m.value == "PRESENT_REF"


# Which clock an expression was read on, for the explanation.
CLOCK_DCT = "dct"
CLOCK_FOCUS = "focus"


def underspecified(m: Meaning, mode: Mode) -> bool:
    """A name of a calendar part without the rest ("April", "May 10", "the summer"): placed by
    the time talked about. In news a weekday is deictic ("on Friday" is the DCT's Friday); in
    a narrative it is the Friday of the story. Quarters stay with the DCT in news, where
    they name reporting periods."""
    if isinstance(m, Clock):
        return m.day is not None and underspecified(m.day, mode)
    if isinstance(m, Holiday):
        return m.year is None and m.rel is None
    if not isinstance(m, Named) or m.rel is not None:
        return False
    if m.kind in ("month", "monthday", "season"):
        return True
    return mode is Mode.NARRATIVE and m.kind in ("weekday", "weekend", "quarter", "half")


def _interval_end(a: Anchor) -> datetime:
    if a.end is not None:
        return a.end
    return add_units(a.when, a.unit if a.unit != "SE" else "M", 1)


@dataclass(frozen=True, slots=True)
class Placed:
    """An underspecified name placed in story time: its value, and how it relates to the focus."""

    value: str
    how: str  # "within" | "after" | "before"


def _occurrences(m: Named | Holiday, around: datetime) -> list[tuple[datetime, datetime, str]]:
    """The name's occurrences near ``around``: (start, end, value), in time order."""
    years = range(around.year - 2, around.year + 3)
    out: list[tuple[datetime, datetime, str]] = []
    if isinstance(m, Holiday):
        week = m.spec == "easter-week"
        for y in years:
            try:
                day = holiday_in(m.spec, y)
            except ValueError:
                continue
            out.append((day, day + timedelta(days=7 if week else 1), (format_week if week else format_day)(day)))
        return out
    if m.kind == "month":
        out = [(datetime(y, m.index, 1), add_months(datetime(y, m.index, 1), 1), f"{y:04d}-{m.index:02d}")
               for y in years]
    elif m.kind == "monthday":
        for y in years:
            try:
                start = datetime(y, m.index, m.day or 1)
            except ValueError:  # 29 February in a common year
                continue
            out.append((start, start + timedelta(days=1), format_day(start) + (f"T{m.pod}" if m.pod else "")))
    elif m.kind == "season":
        code = m.season or "SU"
        out = [(season_start(y, code), add_months(season_start(y, code), 3), f"{y:04d}-{code}")
               for y in years]
    elif m.kind in ("quarter", "half"):
        months, letter = (3, "Q") if m.kind == "quarter" else (6, "H")
        for y in years:
            start = datetime(y, months * (m.index - 1) + 1, 1)
            out.append((start, add_months(start, months), f"{y:04d}-{letter}{m.index}"))
    elif m.kind == "weekday":
        monday = around - timedelta(days=around.weekday())
        for k in range(-2, 3):
            day = monday + timedelta(weeks=k, days=m.index - 1)
            out.append((day, day + timedelta(days=1), format_day(day) + (f"T{m.pod}" if m.pod else "")))
    elif m.kind == "weekend":
        saturday = around - timedelta(days=around.weekday()) + timedelta(days=5)
        for k in range(-2, 3):
            day = saturday + timedelta(weeks=k)
            out.append((day, day + timedelta(days=2), format_week(day) + "-WE"))
    return out


def _same_stretch(m: Named | Holiday, a: datetime, b: datetime) -> bool:
    """Whether two times lie in the stretch a name repeats in: the week for a weekday, else the year."""
    if isinstance(m, Named) and m.kind in ("weekday", "weekend"):
        return a.isocalendar()[:2] == b.isocalendar()[:2]
    return a.year == b.year


def place_in_story(m: Named | Holiday, focus: Anchor, tense: tuple[Tense, str] | None,
                   cues: StoryCues) -> Placed | None:
    """Where a name falls in a story that has reached ``focus``.

    A coarser focus holds its finer dates ("April" after "1940" is April 1940; "May" after "10
    May 1940" is that May). Otherwise the story moves forward: the next occurrence after the
    focus when it is in the same year ("In August" after "June 22, 1940"), or across the turn
    of the year when that is the nearer one ("In January" after "December 1812" is January
    1813). The occurrence before the focus wins when it is the nearer one ("In April" after
    "May 10, 1940") or when a past perfect tells that the story steps back ("had entered
    Russia in June" after "December 1812").
    """
    start, end = focus.when, _interval_end(focus)
    occurrences = _occurrences(m, start)
    if not occurrences:
        return None
    within = [o for o in occurrences if o[0] < end and start < o[1]]
    if within:
        return Placed(within[0][2], "within")
    after = next((o for o in occurrences if o[0] >= end), None)
    before = next((o for o in reversed(occurrences) if o[1] <= start), None)
    if after is None or before is None:
        chosen = after or before
        return Placed(chosen[2], "after" if chosen is after else "before") if chosen else None
    flashback = tense is not None and tense[0] is Tense.PAST and tense[1].lower().startswith(cues.past_perfect)
    if tense is not None and tense[0] is Tense.FUTURE:
        return Placed(after[2], "after")
    if flashback:
        return Placed(before[2], "before")
    if _same_stretch(m, after[0], start):
        return Placed(after[2], "after")
    if (start - before[0]) < (after[0] - start):
        return Placed(before[2], "before")
    return Placed(after[2], "after")


@dataclass(slots=True)
class StoryTime:
    """The clocks of one document as it is read from start to end.

    ``focus`` is the time the story has reached (the last date resolved, with its
    granularity); ``away`` is true in news once an explicit date has taken the story away
    from the DCT, until a deictic expression brings it back to the present.
    """

    mode: Mode
    dct: Anchor | None
    cues: StoryCues  # the words of the text's language that tell an attribute, an aside, an end point
    text: str = ""
    focus: Anchor | None = None
    last: Anchor | None = None  # the date mentioned last, focus or not ("the same day" names it)
    away: bool = False
    away_at: int = 0  # where the back-story was last carried on (news)
    _sentence_ends: list[int] | None = None

    def clock(self, m: Meaning, need: str | None, tense: tuple[Tense, str] | None = None,
              at: int = 0) -> tuple[Anchor | None, str]:
        """The anchor an expression is read against, and which clock that is."""
        if need is None:
            return None, CLOCK_DCT
        if need == "previous":
            if isinstance(m, Shift) and m.n == 0 and self.last is not None:
                return self.last, CLOCK_FOCUS  # "the same day", "that month": the date just named
            return (self.focus, CLOCK_FOCUS) if self.focus is not None else (self.dct, CLOCK_DCT)
        if self.uses_focus(m, tense, at):
            return self.focus, CLOCK_FOCUS
        return (self.dct, CLOCK_DCT) if self.dct is not None else (self.focus, CLOCK_FOCUS)

    def uses_focus(self, m: Meaning, tense: tuple[Tense, str] | None = None, at: int = 0) -> bool:
        """Whether an expression that would count from the DCT follows the story instead.

        In news only a back-story told in the past does: "will join NATO on March 12", "the
        rights expire Nov. 21" speak from the present whatever date came before.
        """
        if self.focus is None:
            return False
        if self.mode is Mode.NARRATIVE:
            return True  # no present: every relative expression counts from the story's time
        return (self.away and underspecified(m, self.mode) and tense is not None and tense[0] is Tense.PAST
                and self._sentences_since(self.away_at, at) <= BACK_STORY_SENTENCES)

    def _sentences_since(self, start: int, end: int) -> int:
        if self._sentence_ends is None:
            self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return bisect.bisect_left(self._sentence_ends, end) - bisect.bisect_left(self._sentence_ends, start)

    def why(self, clock: str, p: Explanations) -> str:
        """Why that clock, in words (the language's), for the explanation."""
        if clock == CLOCK_FOCUS:
            return p.why_narrative if self.mode is Mode.NARRATIVE else p.why_back_story
        return p.why_deictic

    def _moves_on(self, new: Anchor, m: Meaning) -> bool:
        """Whether a date takes the focus. A coarser date that holds the focus restates where
        the story is ("On December 7, 1941, ... 1941"), and an anaphoric look back ("the
        gains of the previous year", in a narrative also "two years ago") steps outside the
        story for a moment: neither moves it."""
        old = self.focus
        if old is None:
            return True
        old_end, new_end = _interval_end(old), _interval_end(new)
        coarser = new_end - new.when > old_end - old.when
        if coarser and new.when <= old.when and old_end <= new_end:
            return False
        looking_back = needs(m) == "previous" or self.mode is Mode.NARRATIVE and isinstance(m, Shift)
        return not (looking_back and new_end <= old.when)

    def move(self, anchor: Anchor, m: Meaning, clock: str, start: int, end: int) -> None:
        """A resolved date sets the focus; in news an explicit one far from the DCT takes the
        story away from it, and a deictic one brings it back. A date that only qualifies a
        noun ("the Dec. 21, 1988, bombing", "the August 1988 cease-fire") names an event
        and leaves the news where it was. A date after "by" in a narrative ("increased to 200,000
        by December") is the end point of a development told ahead: the narration goes on from
        where it was. Any of them is still the date "the same day" names."""
        self.last = anchor
        if self.mode is Mode.NEWS and self.dct is not None and attributive(self.text, start, end, self.cues):
            return
        if not self._moves_on(anchor, m):
            return
        if self.mode is Mode.NARRATIVE and self.focus is not None \
                and (aside(self.text, start, end) or planned(self.text, start, end, self.cues)
                     or not explicit(m) and self.cues.by_before.search(self.text, max(0, start - 4), start)):
            return
        self.focus = anchor
        if self.mode is not Mode.NEWS or self.dct is None:
            return
        if explicit(m):
            self.away = not _near(anchor, self.dct)
            self.away_at = end
        elif clock == CLOCK_FOCUS:
            self.away_at = end  # the back-story goes on
        elif needs(m) == "dct" and not underspecified(m, self.mode):
            self.away = False  # "yesterday", "on Friday", "last week": back to the present


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
# How many sentence ends a news back-story carries over to a name without a year. None: a
# sentence that goes on with "In December" may be back at the present ("... the following year
# he was appointed attaché. However, cited by police in December ..." is the December before
# the DCT); one that goes on with "in June of that year" or "three months later" says so.
BACK_STORY_SENTENCES = 0


def attributive(text: str, start: int, end: int, cues: StoryCues) -> bool:
    """A date used as a modifier of the noun after it: "the Dec. 21, 1988, bombing"."""
    return bool(cues.attribute_before.search(text, max(0, start - 5), start)) and bool(cues.noun_after.match(text, end))


def aside(text: str, start: int, end: int) -> bool:
    """A date in parentheses: "(as of December 5, 2006)", "a news report (April 28)". The
    narration goes on where it was."""
    lo = text.rfind("(", max(0, start - 80), start)
    if lo < 0 or ")" in text[lo:start] or "\n" in text[lo:start]:
        return False
    hi = text.find(")", end, end + 80)
    return hi >= 0 and "(" not in text[end:hi] and "\n" not in text[end:hi]


def planned(text: str, start: int, end: int, cues: StoryCues) -> bool:
    """A date in a clause that looks ahead from the story ("would be exposed for a campaign
    planned in 1976"): a plan, not a time the story has reached."""
    # Only within the paragraph: a heading above ("Allies close in") is no verb of the clause.
    lo = text.rfind("\n\n", 0, start) + 1
    hi = text.find("\n\n", end)
    hi = len(text) if hi < 0 else hi
    said = cues.tense_near(text[lo:hi], start - lo, end - lo)
    return said is not None and said[0] is Tense.FUTURE


def explicit(m: Meaning) -> bool:
    """A date stated with its year ("1940", "May 10, 1940", "June 2009")."""
    if isinstance(m, Clock):
        return m.day is not None and explicit(m.day)
    if isinstance(m, Around):
        return isinstance(m.inner, Fixed)
    return isinstance(m, Fixed) or isinstance(m, Holiday) and m.year is not None


def _near(focus: Anchor, dct: Anchor) -> bool:
    """Whether a date is near enough the DCT for the DCT clock to place names the same way: it
    overlaps the DCT's year."""
    year_start = dct.when.replace(month=1, day=1, hour=0, minute=0, second=0)
    try:
        return focus.when < add_months(year_start, 12) and year_start < _interval_end(focus)
    except (ValueError, OverflowError):  # a year next to the calendar's end (a DCT in 9999)
        return focus.when.year == dct.when.year


