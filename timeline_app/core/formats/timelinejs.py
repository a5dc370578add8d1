"""Events for the web: a TimelineJS 3 document, one slide per placed event."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape

from ..model import ArticleResult, Granularity
from ..stories import Story, merged, stories_of_results
from .names import readable
from .placed import PlacedEvent, article_url, is_all_day, placed_events, when


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
    title = readable(p.article.title or p.source)
    detail = ""
    if p.timex is not None:
        detail = f"<p><small>“{escape(p.timex.text)}” = {escape(p.timex.value or '?')}</small></p>"
    url = article_url(p.article)
    slide["text"] = {"headline": escape(p.label),
                     "text": f"<p>{escape(p.sentence)}</p>{detail}"
                             f"<p><small><a href=\"{escape(url)}\">{escape(title)}</a></small></p>"}
    slide["group"] = title
    slide["unique_id"] = p.uid.split("@")[0]
    return slide


def _span_dates(start: datetime, end: datetime, granularity: Granularity | None) -> dict[str, object]:
    clock = granularity in (Granularity.HOUR, Granularity.MINUTE, Granularity.SECOND, Granularity.PART_OF_DAY)
    out: dict[str, object] = {"start_date": _tl_date(start, clock=clock)}
    if not clock and end - start > timedelta(days=1):
        out["end_date"] = _tl_date(end - timedelta(days=1), clock=False)  # inclusive in TimelineJS
    return out


def story_slide(story: Story, titles: Sequence[str]) -> dict[str, object]:
    """One slide per story event, in a group of its own: every source sentence with its article
    and how it words the date, and the disagreement when the sources differ."""
    slide = _span_dates(story.interval.start, story.interval.end, story.granularity)
    items = "".join(
        f"<li>{escape(m.sentence or m.label)} <small>— {escape(titles[m.position - 1])}"
        f"{': “' + escape(m.reading) + '”' if m.reading else ''}</small></li>" for m in story.members)
    mark = "⚠ " if story.disagreement else ""
    slide["text"] = {"headline": escape(f"{mark}{story.label} ({story.sources} sources)"),
                     "text": f"<p><small>{escape(story.reason)}</small></p><ul>{items}</ul>"}
    slide["group"] = "Stories"
    slide["unique_id"] = story.id
    return slide


def to_timelinejs_dict(results: Sequence[ArticleResult],
                       stories: Sequence[Story] | None = None) -> dict[str, object]:
    """A TimelineJS 3 document: a title slide, one event slide per placed event and, with several
    articles, one slide per story event (``stories`` as in the JSON writer)."""
    articles = [r.article for r in results if r.article is not None]
    events = [timelinejs_event(p) for p in placed_events(results)]
    shown = len(events)
    if len(results) > 1:
        titles = [(r.article.title if r.article is not None else "") or r.source for r in results]
        shared = merged(stories if stories is not None else stories_of_results(results))
        events += [story_slide(s, titles) for s in shared]
    if len(articles) == 1:
        headline = readable(articles[0].title or articles[0].source)
        dct = articles[0].dct.value if articles[0].dct else None
        text = f"{shown} events" + (f" · published {dct[:10]}" if dct else "")
    else:
        headline = f"{len(articles)} articles"
        text = f"{shown} events from {len(articles)} articles"
    return {"title": {"text": {"headline": escape(headline), "text": f"<p>{escape(text)}</p>"},
                      "unique_id": "title"},
            "events": events}


def to_timelinejs(results: Sequence[ArticleResult], stories: Sequence[Story] | None = None) -> str:
    return json.dumps(to_timelinejs_dict(results, stories), ensure_ascii=False, indent=2) + "\n"
