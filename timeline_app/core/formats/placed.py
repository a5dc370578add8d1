"""Placed events: each event with an interval, with its article and its date in words.

The calendar and web writers (:mod:`.calendar`, :mod:`.timelinejs`) and the CSV rows share these,
so every format writes the same events with the same wording.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..model import Article, ArticleResult, Event, Granularity, TimeExpression
from ..values import century_words

# Granularities finer than a day: written with their clock time, never as all-day dates.
CLOCK_GRANULARITIES = frozenset({Granularity.SECOND, Granularity.MINUTE, Granularity.HOUR,
                                 Granularity.PART_OF_DAY})
MOD_WORDS = {"APPROX": "about", "START": "early", "END": "late", "MID": "mid",
             "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "by", "ON_OR_AFTER": "from"}
SEASON_WORDS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


@dataclass(frozen=True, slots=True)
class PlacedEvent:
    """One event with an interval, and what it came from."""

    article: Article
    source: str
    event: Event
    timex: TimeExpression | None

    @property
    def sentence(self) -> str:
        """The event's sentence (or clause) as in the article, on one line."""
        return " ".join(self.article.text[self.event.start:self.event.end].split())

    @property
    def label(self) -> str:
        return " ".join(self.event.label.split()) or self.sentence[:80]

    @property
    def granularity(self) -> Granularity | None:
        return self.timex.granularity if self.timex is not None else None

    @property
    def uid(self) -> str:
        """Stable across runs and re-extraction: the article and the event's span, not its id."""
        key = f"{self.source}\0{self.event.start}\0{self.event.end}".encode()
        return f"{hashlib.sha1(key).hexdigest()[:20]}@timeline-app"


def placed_events(results: Sequence[ArticleResult]) -> Iterator[PlacedEvent]:
    """Every event with an interval, article by article in text order."""
    for r in results:
        if r.article is None:
            continue
        by_id = {t.id: t for t in r.analysis.timexes}
        for e in r.analysis.events:
            if e.interval is not None:
                yield PlacedEvent(r.article, r.source, e, by_id.get(e.timex) if e.timex else None)


def _midnight(d: datetime) -> bool:
    return d.hour == d.minute == d.second == d.microsecond == 0


def is_all_day(p: PlacedEvent) -> bool:
    """Whether the event is written as whole days: its interval runs midnight to midnight."""
    interval = p.event.interval
    assert interval is not None
    return p.granularity not in CLOCK_GRANULARITIES and _midnight(interval.start) and _midnight(interval.end)


def when(p: PlacedEvent) -> str:
    """The event's date as a reader would say it: ``Tue 28 June 2016``, ``about December 2014``."""
    interval = p.event.interval
    assert interval is not None
    s, end = interval.start, interval.end
    last = end - timedelta(days=1)
    g = p.granularity
    if g is Granularity.YEAR:
        text = f"{s.year}"
    elif g is Granularity.MONTH:
        text = f"{s:%B} {s.year}"
    elif g is Granularity.DAY:
        text = f"{s:%a} {s.day} {s:%B} {s.year}"
    elif g is Granularity.QUARTER:
        text = f"Q{(s.month - 1) // 3 + 1} {s.year}"
    elif g is Granularity.HALF:
        text = f"{'first' if s.month == 1 else 'second'} half of {s.year}"
    elif g is Granularity.SEASON:
        text = f"{SEASON_WORDS.get(s.month, 'season')} {s.year}"
    elif g is Granularity.DECADE:
        text = f"the {s.year - s.year % 10}s"
    elif g is Granularity.CENTURY:
        text = century_words(s.year // 100)
    elif g in CLOCK_GRANULARITIES:
        if g is Granularity.PART_OF_DAY:
            text = f"{s:%a} {s.day} {s:%B} {s.year}, {s:%H:%M}–{end:%H:%M}"
        else:
            text = f"{s:%a} {s.day} {s:%B} {s.year}, {s:%H:%M}"
    elif _midnight(s) and _midnight(end) and last > s:
        text = f"{s.day} {s:%b} {s.year} – {last.day} {last:%b} {last.year}"
    elif _midnight(s) and _midnight(end):
        text = f"{s:%a} {s.day} {s:%B} {s.year}"
    else:
        text = f"{s:%d %b %Y %H:%M} – {end:%d %b %Y %H:%M}"
    mod = p.timex.mod if p.timex is not None else None
    return f"{MOD_WORDS[mod]} {text}" if mod in MOD_WORDS else text
