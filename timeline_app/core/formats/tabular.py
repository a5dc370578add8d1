"""Extraction results as data: the JSON contract of GUIDE §5, JSON Lines, CSV, and TimeML collections.

These functions are shared by ``timeline-app extract`` and the GUI's File › Export data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from ..model import ArticleResult, TimeExpression
from ..stories import Story, merged, stories_of_results
from .timeml import write_timeml

CSV_COLUMNS = ("source", "event_id", "label", "start", "end", "interval_start", "interval_end",
               "timex_id", "timex_text", "type", "value", "mod", "granularity", "dct", "explanation")


def article_json(result: ArticleResult) -> dict[str, object]:
    """One article per the extract JSON contract (GUIDE §5)."""
    article = result.article
    if article is None:
        return {"source": result.source, "title": None, "dct": None, "mode": None, "text": None,
                "timexes": [], "events": [], "errors": list(result.errors)}
    return {
        "source": result.source,
        "title": article.title,
        "dct": article.dct.to_json() if article.dct else None,
        "mode": result.analysis.mode.to_json() if result.analysis.mode else None,
        "text": article.text,
        "timexes": [t.to_json() for t in result.analysis.timexes],
        "events": [e.to_json() for e in result.analysis.events],
        "errors": list(result.errors),
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
            yield {"source": r.source, "explanation": "; ".join(r.errors)}
            continue
        by_id: dict[str, TimeExpression] = {t.id: t for t in r.analysis.timexes}
        dct = r.article.dct.value if r.article.dct else ""
        for e in r.analysis.events:
            t = by_id.get(e.timex or "")
            yield {
                "source": r.source, "event_id": e.id, "label": e.label, "start": e.start, "end": e.end,
                "interval_start": e.interval.start.isoformat() if e.interval else "",
                "interval_end": e.interval.end.isoformat() if e.interval else "",
                "timex_id": t.id if t else "", "timex_text": t.text if t else "",
                "type": str(t.type) if t else "", "value": (t.value or "") if t else "",
                "mod": (t.mod or "") if t else "", "granularity": str(t.granularity or "") if t else "",
                "dct": dct, "explanation": t.explanation if t else "",
            }


def to_csv(results: Iterable[ArticleResult]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(results):
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
