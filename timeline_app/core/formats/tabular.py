"""Extraction results as data: the JSON contract of GUIDE §5, JSON Lines, CSV, and TimeML collections.

These functions are shared by ``timeline-app extract`` and the GUI's File › Export data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from ..model import Article, ArticleResult, Event, TimeExpression
from ..stories import Story, merged, stories_of_results
from .names import readable, source_fields
from .placed import article_url
from .timeml import write_timeml

CSV_COLUMNS = ("source", "event_id", "label", "start", "end", "interval_start", "interval_end",
               "timex_id", "timex_text", "type", "value", "mod", "granularity", "dct", "explanation",
               "sentence", "title", "url",
               # story events (several articles): the story an event belongs to; a story row has
               # its id in event_id and story, its member events (aN:eM) in members
               "story", "sources", "agreement", "members")


def article_json(result: ArticleResult) -> dict[str, object]:
    """One article per the extract JSON contract (GUIDE §5)."""
    article = result.article
    errors = [readable(e) for e in result.errors]
    if article is None:
        return {**source_fields(result.source), "title": None, "dct": None, "mode": None, "text": None,
                "boilerplate": [], "timexes": [], "events": [], "errors": errors}
    return {
        **source_fields(result.source),
        "title": readable(article.title),
        "url": article_url(article),
        "dct": article.dct.to_json() if article.dct else None,
        "mode": result.analysis.mode.to_json() if result.analysis.mode else None,
        "text": article.text,
        # The page furniture and rights lines kept in the text: read, but no expression or event
        # comes from them; a reader of the JSON needs them to tell the article from its page.
        "boilerplate": [{"start": b.start, "end": b.end} for b in article.boilerplate],
        "timexes": [t.to_json() for t in result.analysis.timexes],
        # The whole sentence beside the cut label: a reader quotes it, a spreadsheet filters on it.
        "events": [{**e.to_json(), "sentence": _sentence(article, e)} for e in result.analysis.events],
        "errors": errors,
    }


def to_json(results: Sequence[ArticleResult], indent: int | None = 2,
            stories: Sequence[Story] | None = None) -> str:
    """The extract contract; with several articles, ``stories`` lists the events they share.

    ``stories`` defaults to a fresh merge of ``results``; a session passes its own, which
    carry the user's splits and merges.
    """
    out: dict[str, object] = {"articles": [article_json(r) for r in results]}
    if len(results) > 1:
        found = stories if stories is not None else stories_of_results(results)
        out["stories"] = [s.to_json() for s in merged(found)]
    return json.dumps(out, ensure_ascii=False, indent=indent)


def to_jsonl(results: Iterable[ArticleResult]) -> Iterable[str]:
    """One JSON object per line and article, so a long run can be streamed."""
    for r in results:
        yield json.dumps(article_json(r), ensure_ascii=False) + "\n"


def csv_rows(results: Iterable[ArticleResult]) -> Iterable[dict[str, object]]:
    """One row per event (the timeline's unit); files that failed get one row with the error."""
    for r in results:
        if r.article is None:
            yield {"source": readable(r.source), "explanation": readable("; ".join(r.errors))}
            continue
        by_id: dict[str, TimeExpression] = {t.id: t for t in r.analysis.timexes}
        dct = r.article.dct.value if r.article.dct else ""
        title, url = readable(r.article.title), article_url(r.article)
        for e in r.analysis.events:
            t = by_id.get(e.timex or "")
            yield {
                "source": readable(r.source), "event_id": e.id, "label": e.label, "start": e.start, "end": e.end,
                "interval_start": e.interval.start.isoformat() if e.interval else "",
                "interval_end": e.interval.end.isoformat() if e.interval else "",
                "timex_id": t.id if t else "", "timex_text": t.text if t else "",
                "type": str(t.type) if t else "", "value": (t.value or "") if t else "",
                "mod": (t.mod or "") if t else "", "granularity": str(t.granularity or "") if t else "",
                "dct": dct, "explanation": t.explanation if t else "",
                "sentence": _sentence(r.article, e), "title": title, "url": url,
            }


def _sentence(article: Article, event: Event) -> str:
    """The event's whole sentence (or clause) on one line, as the calendar and web exports give it."""
    return " ".join(article.text[event.start:event.end].split())


def story_rows(stories: Sequence[Story]) -> Iterable[dict[str, object]]:
    """One row per story event, after the event rows: its date, sources, agreement and members."""
    for s in stories:
        best = s.readings[0]
        yield {"source": "", "event_id": s.id, "label": s.label,
               "interval_start": s.interval.start.isoformat(), "interval_end": s.interval.end.isoformat(),
               "value": best.value or "", "granularity": str(s.granularity or ""), "explanation": s.reason,
               "story": s.id, "sources": s.sources, "agreement": s.agreement, "members": " ".join(s.refs)}


def to_csv(results: Iterable[ArticleResult], stories: Sequence[Story] | None = None) -> str:
    """One row per event; with several articles, each event row names its story and one row per
    story event follows (``stories`` as in :func:`to_json`)."""
    results = list(results)
    shared: list[Story] = []
    if len(results) > 1:
        shared = merged(stories if stories is not None else stories_of_results(results))
    story_of = {ref: s.id for s in shared for ref in s.refs}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for position, result in enumerate(results, start=1):
        for row in csv_rows([result]):
            if story_of:
                row["story"] = story_of.get(f"a{position}:{row.get('event_id', '')}", "")
            writer.writerow(row)
    for row in story_rows(shared):
        writer.writerow(row)
    return out.getvalue()


def to_timeml(results: Sequence[ArticleResult]) -> str:
    """TimeML for one article; several articles are wrapped in a <TimeMLCollection> element."""
    docs = [write_timeml(r.article, r.analysis.timexes, r.article.dct) for r in results if r.article]
    if len(docs) == 1:
        return docs[0]
    bodies = [d.split("?>", 1)[1].strip() if d.startswith("<?xml") else d for d in docs]
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<TimeMLCollection>\n'
    return head + "\n".join(bodies) + "\n</TimeMLCollection>\n"
