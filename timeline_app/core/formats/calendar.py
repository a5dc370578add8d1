"""Events for calendars and the web: iCalendar (``.ics``) and TimelineJS 3 JSON.

Both writers take the same :class:`ArticleResult` sequence as the other formats of
:mod:`.serialize` (``timeline-app extract --format ics|timelinejs`` and File › Export data), and
write one entry per event that has an interval; events that cannot be placed are left out, as
on the timeline.

Dates are naive calendar dates (no time zone, see :class:`~timeline_app.core.model.Interval`):
in iCalendar a day or a coarser value (month, week, quarter, year…) is an all-day span of
``DATE`` values with the exclusive ``DTEND`` of RFC 5545 §3.6.1; clock times are floating
``DATE-TIME`` values, which calendar programs show at that time in any zone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ... import __version__
from ..model import Article, ArticleResult, Event, Granularity, TimeExpression
from ..session import Session
from ..values import century_words

PRODID = f"-//timeline-app//timeline-app {__version__}//EN"

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


def session_results(session: Session) -> list[ArticleResult]:
    """The session's articles as they are now (with corrections), for the data writers."""
    return [ArticleResult(source=e.article.source or e.key, article=e.article, analysis=e.analysis,
                          errors=e.errors) for e in session.entries]


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


# -- iCalendar ---------------------------------------------------------------------------------
def to_calendar(results: Sequence[ArticleResult], stamp: datetime | None = None) -> Calendar:
    """One VEVENT per placed event. ``stamp`` (UTC) is the DTSTAMP, now by default."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    titles = [r.article.title for r in results if r.article is not None]
    name = titles[0] if len(titles) == 1 else f"{len(titles)} articles"
    cal.add("x-wr-calname", f"Timeline: {name}")
    seen: set[str] = set()
    for p in placed_events(results):
        interval = p.event.interval
        assert interval is not None
        ev = CalendarEvent()
        uid = p.uid
        if uid in seen:  # two events on one span (an added event over an extracted one)
            uid = f"{p.event.id}-{uid}"
        seen.add(uid)
        ev.add("uid", uid)
        ev.add("dtstamp", stamp)
        if is_all_day(p):
            # date values: RFC 5545 all-day events, DTEND is the day after the last day.
            ev.add("dtstart", interval.start.date())
            ev.add("dtend", interval.end.date())
        else:
            ev.add("dtstart", interval.start)  # naive: floating local time
            ev.add("dtend", interval.end)
        ev.add("summary", p.label)
        ev.add("description", p.sentence)
        title = p.article.title or p.source
        ev.add("categories", [title])
        ev.add("x-timeline-article", title)
        ev.add("x-timeline-source", p.source)
        if p.timex is not None:
            ev.add("x-timeline-expression", p.timex.text)
            ev.add("x-timeline-value", p.timex.value or "")
            if p.timex.mod:
                ev.add("x-timeline-mod", p.timex.mod)
            if p.timex.explanation:
                ev.add("comment", p.timex.explanation)
        ev.add("transp", "TRANSPARENT")  # past news is not busy time in anyone's calendar
        cal.add_component(ev)
    return cal


def to_ics(results: Sequence[ArticleResult]) -> str:
    return to_calendar(results).to_ical().decode("utf-8")


# -- TimelineJS --------------------------------------------------------------------------------
def _tl_date(d: datetime, *, clock: bool) -> dict[str, object]:
    out: dict[str, object] = {"year": d.year, "month": d.month, "day": d.day}
    if clock:
        out["hour"], out["minute"] = d.hour, d.minute
    return out


def timelinejs_event(p: PlacedEvent) -> dict[str, object]:
    """One TimelineJS slide: start_date, end_date for spans longer than a day, text, group."""
    interval = p.event.interval
    assert interval is not None
    clock = not is_all_day(p)
    slide: dict[str, object] = {"start_date": _tl_date(interval.start, clock=clock)}
    if clock:
        if p.granularity is Granularity.PART_OF_DAY or interval.end - interval.start > timedelta(hours=1):
            slide["end_date"] = _tl_date(interval.end, clock=True)
    elif interval.end - interval.start > timedelta(days=1):
        # TimelineJS end dates are inclusive: the last day of the span.
        slide["end_date"] = _tl_date(interval.end - timedelta(days=1), clock=False)
    slide["display_date"] = when(p)
    title = p.article.title or p.source
    detail = ""
    if p.timex is not None:
        detail = f"<p><small>“{escape(p.timex.text)}” = {escape(p.timex.value or '?')}</small></p>"
    slide["text"] = {"headline": escape(p.label),
                     "text": f"<p>{escape(p.sentence)}</p>{detail}<p><small>{escape(title)}</small></p>"}
    slide["group"] = title
    slide["unique_id"] = p.uid.split("@")[0]
    return slide


def to_timelinejs_dict(results: Sequence[ArticleResult]) -> dict[str, object]:
    """A TimelineJS 3 document: a title slide and one event slide per placed event."""
    articles = [r.article for r in results if r.article is not None]
    events = [timelinejs_event(p) for p in placed_events(results)]
    if len(articles) == 1:
        headline = articles[0].title or articles[0].source
        dct = articles[0].dct.value if articles[0].dct else None
        text = f"{len(events)} events" + (f" · published {dct[:10]}" if dct else "")
    else:
        headline = f"{len(articles)} articles"
        text = f"{len(events)} events from {len(articles)} articles"
    return {"title": {"text": {"headline": escape(headline), "text": f"<p>{escape(text)}</p>"},
                      "unique_id": "title"},
            "events": events}


def to_timelinejs(results: Sequence[ArticleResult]) -> str:
    return json.dumps(to_timelinejs_dict(results), ensure_ascii=False, indent=2) + "\n"
