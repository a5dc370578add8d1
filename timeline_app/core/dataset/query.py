"""A dataset as the app sees it: events per day over the whole archive, a search, and the
matching articles rebuilt as :class:`ArticleResult` for the lanes.

Everything is columnar (pyarrow compute, numpy): opening reads two timestamp columns and the
article ids, never one Python object per event, so a million events open in well under a
second; the columns a search needs (labels, types, sources, titles) are read on its first use.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..model import (
    DCT,
    Analysis,
    Article,
    ArticleResult,
    DctCandidate,
    DctOrigin,
    DocumentMode,
    Event,
    Interval,
    Mode,
    Span,
)
from ..project.tables import timex_from
from .parquet import DatasetError, info, read_table
from .schema import SCHEMAS, article_json_from_rows

_DAY_US = 86_400_000_000
EPOCH_DAY = dt.date(1970, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class Density:
    """Events per day: ``counts[i]`` events on day ``first_day + i`` (days since 1970-01-01).

    An event of a day (or finer) counts on its day; a coarser one (a month, a year) is spread
    evenly over the days of its interval, so a year-level mention is not a spike on 1 January.
    """

    first_day: int
    counts: np.ndarray  # float64

    @property
    def seconds(self) -> np.ndarray:
        """The start of each day in seconds since the epoch (the timeline's x unit)."""
        return (self.first_day + np.arange(len(self.counts) + 1, dtype=np.float64)) * 86_400.0

    @property
    def total(self) -> float:
        return float(self.counts.sum())

    def binned(self, x0: float, x1: float, max_bins: int) -> tuple[np.ndarray, np.ndarray]:
        """Bin edges (seconds) and mean events per day of each bin, for the days of [x0, x1).

        Zoomed out, bins of several days keep the curve to at most ``max_bins`` steps, so a
        frame costs the same over a week or over centuries; the unit stays events per day.
        """
        n = len(self.counts)
        lo = min(max(0, int(x0 // 86_400) - self.first_day), n)
        hi = max(lo, min(n, int(-(-x1 // 86_400)) - self.first_day))
        if hi <= lo:
            return np.zeros(0), np.zeros(0)
        days = hi - lo
        k = max(1, -(-days // max(1, max_bins)))
        chunk = self.counts[lo:hi]
        if k > 1:
            pad = (-days) % k
            chunk = np.concatenate([chunk, np.zeros(pad)]).reshape(-1, k).sum(axis=1)
            widths = np.full(len(chunk), float(k))
            widths[-1] = k - pad  # the last bin may hold fewer days
            chunk = chunk / widths
        starts = self.first_day + lo + np.arange(len(chunk) + 1, dtype=np.float64) * k
        starts[-1] = self.first_day + hi
        return starts * 86_400.0, chunk


@dataclass(frozen=True, slots=True)
class Query:
    words: str = ""
    start: dt.datetime | None = None  # events whose interval overlaps [start, end)
    end: dt.datetime | None = None
    source: str = ""  # a part of the article's source (path or URL), any case
    type: str = ""  # DATE, TIME…: the type of the expression anchoring the event


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: Query
    events: int
    article_ids: tuple[int, ...]  # most matching events first, then input order
    density: Density


def density_of(starts_us: np.ndarray, ends_us: np.ndarray) -> Density:
    """Events per day from interval bounds in microseconds since the epoch (see :class:`Density`)."""
    if len(starts_us) == 0:
        return Density(0, np.zeros(0))
    first = np.floor_divide(starts_us, _DAY_US)
    last = np.floor_divide(ends_us - 1, _DAY_US)  # the last day the interval touches
    lo, hi = int(first.min()), int(last.max())
    size = hi - lo + 1
    days = last - first + 1
    point = days <= 1
    counts = np.bincount(first[point] - lo, minlength=size).astype(np.float64)
    if not point.all():
        # Spread each coarse event over its days: +w at its first day, -w after its last, cumsum.
        f, d = first[~point] - lo, days[~point]
        w = 1.0 / d
        diff = np.bincount(f, weights=w, minlength=size + 1)
        diff -= np.bincount(f + d, weights=w, minlength=size + 1)
        counts += np.cumsum(diff)[:size]
    return Density(lo, counts)


class DatasetView:
    """An opened dataset. Cheap to open; :meth:`search` and :meth:`load` read more as needed."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.info = info(root)
        events = read_table(root, "events", ["article_id", "interval_start", "interval_end"])
        placed = events.filter(pc.is_valid(events["interval_start"]))
        self.n_events = events.num_rows
        self.n_articles = int(self.info.get("articles", 0))
        self._starts = _micros(placed["interval_start"])
        self._ends = _micros(placed["interval_end"])
        self.density = density_of(self._starts, self._ends)
        self._events: pa.Table | None = None
        self._articles: pa.Table | None = None
        self._article_row: np.ndarray | None = None  # article id → its row in _articles
        self._types: pa.Array | None = None
        self._lock = threading.RLock()  # the pane warms the columns on a pool thread while a search may start
        self._groups: dict[str, list[tuple[Path, int, int, int]]] = {}

    # -- search -------------------------------------------------------------------------
    def events_table(self) -> pa.Table:
        """Events with what a search reads (label, interval, article), read on first use."""
        with self._lock:
            if self._events is None:
                self._events = read_table(self.root, "events", ["article_id", "timex", "label", "interval_start",
                                                                "interval_end"]).combine_chunks()
            return self._events

    def articles_table(self) -> pa.Table:
        """Articles' id, source and title (a row per article: small beside the events)."""
        with self._lock:
            if self._articles is None:
                table = read_table(self.root, "articles", ["id", "source", "title"])
                ids = table["id"].to_numpy()
                row = np.full(int(ids.max()) + 1 if len(ids) else 0, -1, dtype=np.int64)
                row[ids] = np.arange(len(ids))
                self._articles, self._article_row = table, row
            return self._articles

    def event_types(self) -> pa.Array:
        """The type (DATE, TIME…) of each event's expression, aligned with :meth:`events_table`."""
        with self._lock:
            if self._types is None:
                events = self.events_table().select(["article_id", "timex"])
                events = events.append_column("row", pa.array(np.arange(events.num_rows)))
                timexes = read_table(self.root, "timexes", ["article_id", "id", "type"])
                joined = events.join(timexes, keys=["article_id", "timex"], right_keys=["article_id", "id"],
                                     join_type="left outer").sort_by("row")  # a join does not keep the order
                self._types = joined["type"].combine_chunks()
            return self._types

    def warm(self) -> None:
        """Read what a search needs ahead of the first one (the pane does it on a pool thread)."""
        self.events_table()
        self.articles_table()

    def sources(self, limit: int = 2000) -> list[str]:
        return sorted(set(self.articles_table()["source"].to_pylist()))[:limit]

    def search(self, query: Query) -> SearchResult:
        """Events that match every part of the query, and their articles, most matches first."""
        events = self.events_table()
        articles = self.articles_table()
        assert self._article_row is not None
        owner = self._article_row[events["article_id"].to_numpy()]  # each event's article row
        mask = _bools(pc.is_valid(events["interval_start"]))
        if query.start is not None:
            mask &= _bools(pc.greater(events["interval_end"], pa.scalar(query.start, pa.timestamp("us"))))
        if query.end is not None:
            mask &= _bools(pc.less(events["interval_start"], pa.scalar(query.end, pa.timestamp("us"))))
        if query.type:
            mask &= _bools(pc.equal(self.event_types(), query.type.upper()))
        if query.source.strip():
            mask &= _bools(pc.match_substring(articles["source"], query.source.strip(), ignore_case=True))[owner]
        for word in query.words.split():
            in_title = _bools(pc.match_substring(articles["title"], word, ignore_case=True))[owner]
            mask &= _bools(pc.match_substring(events["label"], word, ignore_case=True)) | in_title
        found = events.filter(pa.array(mask))
        density = density_of(_micros(found["interval_start"]), _micros(found["interval_end"]))
        return SearchResult(query, found.num_rows, _ranked(found["article_id"].to_numpy()), density)

    # -- articles for the lanes ---------------------------------------------------------
    def load(self, article_ids: Sequence[int]) -> list[ArticleResult]:
        """The given articles, in the order given, as the app's results (with their text)."""
        wanted = sorted(set(article_ids))
        articles = self._rows("articles", "id", wanted).to_pylist()
        timexes = _grouped(self._rows("timexes", "article_id", wanted))
        events = _grouped(self._rows("events", "article_id", wanted))
        by_id = {a["id"]: a for a in articles}
        out = []
        for aid in article_ids:
            row = by_id.get(aid)
            if row is not None:
                out.append(result_from_json(article_json_from_rows(row, timexes.get(aid, []), events.get(aid, []))))
        return out

    def _rows(self, table: str, key: str, wanted: list[int]) -> pa.Table:
        """The rows of ``table`` whose ``key`` is in ``wanted``, reading only the row groups that hold them.

        Ids grow with the input order, so each row group's min/max statistics say which ids it
        can hold: a few articles cost a few row groups, not the whole text column.
        """
        with self._lock:
            if table not in self._groups:
                self._groups[table] = list(_row_groups(self.root / table, key))
            groups = self._groups[table]
        ids = np.asarray(wanted, dtype=np.int64)
        parts: list[pa.Table] = []
        chosen: dict[Path, list[int]] = {}
        for path, index, lo, hi in groups:
            if np.any((ids >= lo) & (ids <= hi)):
                chosen.setdefault(path, []).append(index)
        for path, indices in chosen.items():
            got = pq.ParquetFile(path).read_row_groups(indices, use_threads=True)
            parts.append(got.filter(pc.is_in(got[key], value_set=pa.array(ids))))
        if not parts:
            return SCHEMAS[table].empty_table()
        return pa.concat_tables(parts)


def _row_groups(folder: Path, key: str) -> Iterator[tuple[Path, int, int, int]]:
    """(file, row group, min key, max key) of every row group of a table's parts."""
    for path in sorted(folder.glob("part-*.parquet")):
        meta = pq.ParquetFile(path).metadata
        column = meta.schema.names.index(key)
        for index in range(meta.num_row_groups):
            stats = meta.row_group(index).column(column).statistics
            if stats is None or not stats.has_min_max:
                yield path, index, -(2**62), 2**62  # no statistics: the group must be read
            else:
                yield path, index, int(stats.min), int(stats.max)


def _bools(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An Arrow boolean column as numpy, null as False."""
    return pc.fill_null(values, False).to_numpy(zero_copy_only=False).astype(bool)


def _micros(column: pa.ChunkedArray) -> np.ndarray:
    return column.cast(pa.int64()).to_numpy(zero_copy_only=False)


def _ranked(ids: np.ndarray) -> tuple[int, ...]:
    if len(ids) == 0:
        return ()
    unique, counts = np.unique(ids, return_counts=True)
    order = np.lexsort((unique, -counts))  # most matches first, then input order
    return tuple(int(i) for i in unique[order])


def _grouped(table: pa.Table) -> dict[int, list[dict[str, Any]]]:
    # Rows of one article keep their file order: the filter keeps the order of the parts read.
    out: dict[int, list[dict[str, Any]]] = {}
    for row in table.to_pylist():
        out.setdefault(row["article_id"], []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: _id_number(r["id"]))
    return out


def _id_number(ident: str) -> tuple[int, str]:
    digits = ident.lstrip("te")
    return (int(digits), ident) if digits.isdigit() else (0, ident)


def result_from_json(a: dict[str, Any]) -> ArticleResult:
    """An ``article_json`` dict (a line of ``extract --format jsonl``) as an :class:`ArticleResult`."""
    errors = tuple(a.get("errors") or ())
    if a.get("text") is None:
        return ArticleResult(source=a["source"], article=None, errors=errors or (f"{a['source']}: no text",))
    d = a.get("dct")
    dct = None if not d else DCT(
        value=d["value"], origin=DctOrigin(d["origin"]), confidence=d["confidence"], start=d.get("start"),
        end=d.get("end"), updated=d.get("updated"), utc_offset=d.get("utc_offset"), zone=d.get("zone"),
        reason=d.get("reason") or "", candidates=tuple(
            DctCandidate(value=c["value"], origin=DctOrigin(c["origin"]), kind=c["kind"], source=c["source"],
                         strength=c["strength"], utc_offset=c.get("utc_offset"), verdict=c.get("verdict") or "")
            for c in d.get("candidates") or ()))
    boilerplate = tuple(Span(b["start"], b["end"]) for b in a.get("boilerplate") or ())
    article = Article(source=a["source"], title=a.get("title") or a["source"], text=a["text"], dct=dct,
                      boilerplate=boilerplate)
    timexes = tuple(timex_from(t) for t in a.get("timexes") or ())
    events = tuple(Event(id=e["id"], label=e["label"], start=e["start"], end=e["end"], timex=e.get("timex"),
                         interval=_interval(e.get("interval"))) for e in a.get("events") or ())
    m = a.get("mode")
    mode = DocumentMode(Mode(m["value"]), m["reason"]) if m else None
    return ArticleResult(source=a["source"], article=article, analysis=Analysis(timexes, events, mode), errors=errors)


def _interval(d: dict[str, str] | None) -> Interval | None:
    if not d:
        return None
    return Interval(dt.datetime.fromisoformat(d["start"]), dt.datetime.fromisoformat(d["end"]))


def open_dataset(root: str | Path) -> DatasetView:
    try:
        return DatasetView(root)
    except DatasetError:
        raise
    except (OSError, pa.ArrowException) as exc:
        raise DatasetError(f"{root}: cannot open the dataset ({exc})") from None


__all__: Iterable[str] = ("DatasetView", "Density", "Query", "SearchResult", "density_of", "open_dataset",
                          "result_from_json")
