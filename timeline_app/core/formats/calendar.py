"""Events for calendars: iCalendar (``.ics``), one entry per placed event.

The writer takes the same :class:`ArticleResult` sequence as the other formats (``timeline-app
extract --format ics`` and File › Export data), and writes one entry per event that has an
interval; events that cannot be placed are left out, as on the timeline.

Dates are naive calendar dates (no time zone, see :class:`~timeline_app.core.model.Interval`):
in iCalendar a day or a coarser value (month, week, quarter, year…) is an all-day span of
``DATE`` values with the exclusive ``DTEND`` of RFC 5545 §3.6.1; clock times are floating
``DATE-TIME`` values, which calendar programs show at that time in any zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from ... import __version__
from ..model import ArticleResult
from .names import readable
from .placed import article_url, is_all_day, placed_events

PRODID = f"-//timeline-app//timeline-app {__version__}//EN"

def _line(text: str) -> vText:
    """One line of text for a property: a line break in the source (a wrapped paragraph, "last\nTuesday")
    is white space, and icalendar refuses raw line breaks in properties it does not know (X-…)."""
    return vText(" ".join(text.split()))


def to_calendar(results: Sequence[ArticleResult], stamp: datetime | None = None) -> Calendar:
    """One VEVENT per placed event. ``stamp`` (UTC) is the DTSTAMP, now by default."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    titles = [readable(r.article.title) for r in results if r.article is not None]
    name = titles[0] if len(titles) == 1 else f"{len(titles)} articles"
    cal.add("x-wr-calname", _line(f"Timeline: {name}"))
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
        ev.add("summary", _line(p.label))
        ev.add("description", vText(p.sentence))
        title = readable(p.article.title or p.source)
        ev.add("categories", [_line(title)])
        ev.add("x-timeline-article", _line(title))
        ev.add("x-timeline-source", _line(readable(p.source)))
        ev.add("url", article_url(p.article))
        if p.timex is not None:
            ev.add("x-timeline-expression", _line(p.timex.text))
            ev.add("x-timeline-value", _line(p.timex.value or ""))
            if p.timex.mod:
                ev.add("x-timeline-mod", _line(p.timex.mod))
            if p.timex.explanation:
                ev.add("comment", vText(p.timex.explanation))
        ev.add("transp", "TRANSPARENT")  # past news is not busy time in anyone's calendar
        cal.add_component(ev)
    return cal


def to_ics(results: Sequence[ArticleResult]) -> str:
    return to_calendar(results).to_ical().decode("utf-8")
