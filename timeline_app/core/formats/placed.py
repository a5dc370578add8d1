"""Placed events: each event with an interval, with its article and its date in words.

The calendar and web writers (:mod:`.calendar`, :mod:`.timelinejs`) and the CSV rows share these,
so every format writes the same events with the same wording.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..lang.en.dates import CLOCK_GRANULARITIES, Style, in_words
from ..model import Article, ArticleResult, Event, Granularity, TimeExpression


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
        key = f"{self.source}\0{self.event.start}\0{self.event.end}".encode("utf-8", "surrogateescape")
        return f"{hashlib.sha1(key).hexdigest()[:20]}@timeline-app"


def article_url(article: Article) -> str:
    """Where a reader finds the article: the page's canonical URL, else the file (``file://``)."""
    if article.url:
        return article.url
    if "://" in article.source:
        return article.source
    return Path(article.source).absolute().as_uri()


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
    mod = p.timex.mod if p.timex is not None else None
    return in_words(interval.start, interval.end, p.granularity, Style.CALENDAR, mod=mod)
