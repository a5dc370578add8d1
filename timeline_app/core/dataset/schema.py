"""The Parquet dataset's three tables, and how one article's extract JSON becomes their rows.

A dataset is a folder::

    DATASET/_dataset.json            what made it (engine, inputs, counts, schema version)
    DATASET/articles/part-NNNNN.parquet
    DATASET/timexes/part-NNNNN.parquet
    DATASET/events/part-NNNNN.parquet

Rows are made from :func:`timeline_app.core.formats.tabular.article_json` — the very dict that
``extract --format jsonl`` prints as one line — so the dataset holds the same facts as the JSON
lines, table by table, and :func:`article_json_from_rows` gives the line back. ``id`` is the
article's position in the input order (the line number of ``extract --format jsonl``'s output,
from 0); ``article_id`` in the other two tables refers to it.

Intervals are naive ``timestamp[us]`` (calendar dates, as everywhere in the app); a value that
has no interval (durations, PAST_REF…) has nulls there.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = 1
TABLES = ("articles", "timexes", "events")

_TS = pa.timestamp("us")
_STR = pa.string()

ARTICLES = pa.schema([
    ("id", pa.int64()), ("source", _STR), ("title", _STR),
    ("dct_value", _STR), ("dct_origin", _STR), ("dct_confidence", pa.float64()),
    ("dct_start", pa.int32()), ("dct_end", pa.int32()), ("dct_updated", _STR),
    # A web page's DCT evidence as JSON (utc_offset, zone, reason, candidates), when it has any.
    ("dct_evidence", _STR),
    ("mode", _STR), ("mode_reason", _STR),
    ("text_length", pa.int32()),
    # The text is kept so that articles pulled into the app show with their sentences linked;
    # being its own column, the overview and the search never read it.
    ("text", pa.large_string()),
    ("errors", pa.list_(_STR)),
    ("url", _STR),  # the page's canonical URL, else the file's (formats.placed.article_url)
    # The page furniture kept in the text (spans of it), so an article pulled back is marked as read.
    ("boilerplate", pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32())]))),
])
TIMEXES = pa.schema([
    ("article_id", pa.int64()), ("id", _STR), ("start", pa.int32()), ("end", pa.int32()),
    ("text", _STR), ("type", _STR), ("value", _STR), ("mod", _STR), ("anchor", _STR),
    ("interval_start", _TS), ("interval_end", _TS), ("granularity", _STR),
    ("rule", _STR), ("explanation", _STR),
])
EVENTS = pa.schema([
    ("article_id", pa.int64()), ("id", _STR), ("start", pa.int32()), ("end", pa.int32()),
    ("label", _STR), ("timex", _STR), ("interval_start", _TS), ("interval_end", _TS),
])
SCHEMAS: dict[str, pa.Schema] = {"articles": ARTICLES, "timexes": TIMEXES, "events": EVENTS}

Row = dict[str, Any]


class Rows:
    """Column-wise buffers for the three tables; :meth:`tables` turns them into Arrow tables."""

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, list[Any]]] = {
            name: {field.name: [] for field in schema} for name, schema in SCHEMAS.items()}

    def __len__(self) -> int:
        return len(self.columns["articles"]["id"])

    def add(self, ordinal: int, article: Mapping[str, Any]) -> None:
        """Add one article (an ``article_json`` dict) as article ``ordinal``."""
        for table, row in article_rows(ordinal, article):
            cols = self.columns[table]
            for name, value in row.items():
                cols[name].append(value)

    def tables(self) -> dict[str, pa.Table]:
        return {name: pa.Table.from_pydict(self.columns[name], schema=SCHEMAS[name]) for name in TABLES}


_EVIDENCE_KEYS = ("utc_offset", "zone", "reason", "candidates")


def _evidence_json(dct: Mapping[str, Any]) -> str | None:
    evidence = {k: dct[k] for k in _EVIDENCE_KEYS if k in dct}
    return json.dumps(evidence, ensure_ascii=False) if evidence else None


def article_rows(ordinal: int, a: Mapping[str, Any]) -> Iterable[tuple[str, Row]]:
    """The rows of one article: ("articles", row), then its timexes and its events."""
    dct = a.get("dct") or {}
    mode = a.get("mode") or {}
    text = a.get("text")
    yield "articles", {
        "id": ordinal, "source": a["source"], "title": a.get("title"),
        "dct_value": dct.get("value"), "dct_origin": dct.get("origin"),
        "dct_confidence": dct.get("confidence"), "dct_start": dct.get("start"), "dct_end": dct.get("end"),
        "dct_updated": dct.get("updated"),
        "dct_evidence": _evidence_json(dct),
        "mode": mode.get("value"), "mode_reason": mode.get("reason"),
        "text_length": None if text is None else len(text), "text": text,
        "errors": list(a.get("errors") or ()),
        "url": a.get("url"),
        "boilerplate": list(a.get("boilerplate") or ()),
    }
    for t in a.get("timexes") or ():
        start, end = _interval(t.get("interval"))
        yield "timexes", {
            "article_id": ordinal, "id": t["id"], "start": t["start"], "end": t["end"], "text": t["text"],
            "type": t["type"], "value": t.get("value"), "mod": t.get("mod"), "anchor": t.get("anchor"),
            "interval_start": start, "interval_end": end, "granularity": t.get("granularity"),
            "rule": t.get("rule"), "explanation": t.get("explanation"),
        }
    for e in a.get("events") or ():
        start, end = _interval(e.get("interval"))
        yield "events", {
            "article_id": ordinal, "id": e["id"], "start": e["start"], "end": e["end"], "label": e["label"],
            "timex": e.get("timex"), "interval_start": start, "interval_end": end,
        }


def _interval(interval: Mapping[str, str] | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    if not interval:
        return None, None
    return dt.datetime.fromisoformat(interval["start"]), dt.datetime.fromisoformat(interval["end"])


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _interval_json(row: Mapping[str, Any]) -> dict[str, str] | None:
    if row["interval_start"] is None:
        return None
    return {"start": _iso(row["interval_start"]), "end": _iso(row["interval_end"])}  # type: ignore[dict-item]


def article_json_from_rows(article: Row, timexes: Iterable[Row], events: Iterable[Row]) -> dict[str, Any]:
    """The ``article_json`` dict back from one article's rows (the inverse of :func:`article_rows`).

    Keys that the JSON leaves out when empty (the DCT's span, ``updated``) are left out here too,
    so a line of ``extract --format jsonl`` and this dict compare equal.
    """
    out: dict[str, Any] = {"source": article["source"], "title": article["title"]}
    if article.get("url") is not None or article["text"] is not None:
        out["url"] = article.get("url")  # an article that was read has one (older datasets: None)
    if article["dct_value"] is None:
        out["dct"] = None
    else:
        dct: dict[str, Any] = {"value": article["dct_value"], "origin": article["dct_origin"],
                               "confidence": article["dct_confidence"]}
        if article["dct_start"] is not None:
            dct["start"], dct["end"] = article["dct_start"], article["dct_end"]
        if article["dct_updated"]:
            dct["updated"] = article["dct_updated"]
        if article.get("dct_evidence"):
            dct.update(json.loads(article["dct_evidence"]))
        out["dct"] = dct
    out["mode"] = None if article["mode"] is None else {"value": article["mode"], "reason": article["mode_reason"]}
    out["text"] = article["text"]
    out["boilerplate"] = [{"start": b["start"], "end": b["end"]} for b in article.get("boilerplate") or ()]
    out["timexes"] = [{
        "id": t["id"], "start": t["start"], "end": t["end"], "text": t["text"], "type": t["type"],
        "value": t["value"], "mod": t["mod"], "anchor": t["anchor"], "interval": _interval_json(t),
        "granularity": t["granularity"], "rule": t["rule"], "explanation": t["explanation"],
    } for t in timexes]
    text = article["text"] or ""
    out["events"] = [{
        "id": e["id"], "label": e["label"], "start": e["start"], "end": e["end"], "timex": e["timex"],
        "interval": _interval_json(e), "sentence": " ".join(text[e["start"]:e["end"]].split()),
    } for e in events]
    out["errors"] = list(article["errors"] or ())
    return out
