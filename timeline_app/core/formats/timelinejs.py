"""Events for the web: a TimelineJS 3 document, one slide per placed event."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape

from ..model import ArticleResult, Granularity
from .placed import PlacedEvent, is_all_day, placed_events, when


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
