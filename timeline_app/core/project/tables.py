"""How a session maps onto the project file's tables (the schema is in :mod:`.project_schema`).

Written: each article as ingested (the DCT as found, not a user override: overrides are
corrections), its boilerplate, lane position and colour, the corrections in order, the view
state (JSON per key) and ``meta``. An article row carries a digest of its content so a save only
rewrites the articles that changed. Reading gives back :class:`Stored`, from which
:mod:`.project` rebuilds a session by re-running the extraction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model import DCT, Article, DctOrigin, Granularity, Interval, Span, TimeExpression, TimexType
from ..session import Correction, CorrectionKind, Session
from .schema import ProjectError

log = logging.getLogger(__name__)


@dataclass(slots=True)
class StoredArticle:
    key: str
    article: Article
    color: str | None


@dataclass(slots=True)
class Stored:
    articles: list[StoredArticle]
    corrections: list[Correction]
    view_state: dict[str, object]
    meta: dict[str, str]


def read_tables(conn: sqlite3.Connection, path: Path) -> Stored:
    meta = dict(conn.execute("SELECT name, value FROM meta"))
    boiler: dict[int, list[Span]] = {}
    for article_id, start, end in conn.execute(
            "SELECT article_id, span_start, span_end FROM boilerplate ORDER BY article_id, span_start"):
        boiler.setdefault(article_id, []).append(Span(start, end))
    articles: list[StoredArticle] = []
    rows = conn.execute(
        "SELECT id, key, source, title, format, text, dct_value, dct_origin, dct_confidence, "
        "dct_start, dct_end, dct_updated, gold, color FROM article ORDER BY position, id")
    for (aid, key, source, title, fmt, text, dct_value, dct_origin, dct_conf, dct_start, dct_end,
         dct_updated, gold, color) in rows:
        try:
            dct = None if dct_value is None else DCT(
                value=dct_value, origin=DctOrigin(dct_origin), confidence=float(dct_conf),
                start=dct_start, end=dct_end, updated=dct_updated)
            article = Article(source=source, title=title, text=text, dct=dct,
                              boilerplate=tuple(boiler.get(aid, ())), format=fmt,
                              gold_timexes=tuple(timex_from(d) for d in json.loads(gold)) if gold else ())
        except (ValueError, TypeError, KeyError) as exc:
            raise ProjectError(f"{path}: the project file is damaged (article {key!r}: {exc})") from exc
        articles.append(StoredArticle(key, article, color))
    corrections: list[Correction] = []
    for kind, article, value, start, end, text, label in conn.execute(
            "SELECT kind, article, value, span_start, span_end, text, label FROM correction ORDER BY position"):
        try:
            corrections.append(Correction(CorrectionKind(kind), article, value=value, start=start,
                                          end=end, text=text, label=label))
        except ValueError as exc:
            raise ProjectError(f"{path}: the project file is damaged (correction: {exc})") from exc
    view_state: dict[str, object] = {}
    for name, value in conn.execute("SELECT name, value FROM view_state"):
        try:
            view_state[name] = json.loads(value)
        except ValueError:
            log.warning("%s: ignoring unreadable view state %r", path, name)
    return Stored(articles, corrections, view_state, meta)


def write_tables(conn: sqlite3.Connection, session: Session, meta: Mapping[str, str]) -> None:
    """Make the tables hold ``session``; unchanged articles (same digest) are not rewritten."""
    existing = {key: (aid, digest) for aid, key, digest in conn.execute("SELECT id, key, digest FROM article")}
    originals = original_articles(session)
    for position, entry in enumerate(session.entries):
        article = originals.get(entry.key, entry.article)
        row = article_row(article)
        digest = row_digest(row)
        old = existing.pop(entry.key, None)
        if old is not None and old[1] == digest:
            conn.execute("UPDATE article SET position = ?, color = ? WHERE id = ?",
                         (position, entry.color, old[0]))
            continue
        if old is not None:
            conn.execute("DELETE FROM article WHERE id = ?", (old[0],))
        cur = conn.execute(
            "INSERT INTO article (key, position, source, title, format, text, dct_value, dct_origin, "
            "dct_confidence, dct_start, dct_end, dct_updated, gold, digest, color) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.key, position, *row, digest, entry.color))
        conn.executemany("INSERT INTO boilerplate (article_id, span_start, span_end) VALUES (?, ?, ?)",
                         [(cur.lastrowid, s.start, s.end) for s in article.boilerplate])
    for aid, _digest_ in existing.values():
        conn.execute("DELETE FROM article WHERE id = ?", (aid,))
    conn.execute("DELETE FROM correction")
    conn.executemany(
        "INSERT INTO correction (position, kind, article, value, span_start, span_end, text, label) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, str(c.kind), c.article, c.value, c.start, c.end, c.text, c.label)
         for i, c in enumerate(session.corrections)])
    conn.execute("DELETE FROM view_state")
    conn.executemany("INSERT INTO view_state (name, value) VALUES (?, ?)",
                     list(view_rows(session.view_state)))
    conn.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('created_at', ?)", (now(),))
    conn.executemany("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", list(meta.items()))


def original_articles(session: Session) -> dict[str, Article]:
    """Each entry's article as ingested: the session keeps it apart from the DCT-corrected one.

    (``Session._originals`` is private to the session; a project must save the DCT as found,
    with its origin and span, and the user's override as a correction on top.)
    """
    return dict(getattr(session, "_originals", {}))


def article_row(a: Article) -> tuple[object, ...]:
    dct = a.dct
    gold = json.dumps([timex_to(t) for t in a.gold_timexes]) if a.gold_timexes else None
    return (a.source, a.title, a.format, a.text,
            dct.value if dct else None, str(dct.origin) if dct else None,
            dct.confidence if dct else None, dct.start if dct else None,
            dct.end if dct else None, dct.updated if dct else None, gold)


def row_digest(row: tuple[object, ...]) -> str:
    return hashlib.sha256(json.dumps(row, ensure_ascii=False).encode()).hexdigest()


def view_rows(view_state: Mapping[str, object]) -> list[tuple[str, str]]:
    rows = []
    for name, value in view_state.items():
        try:
            rows.append((str(name), json.dumps(value)))
        except (TypeError, ValueError):  # GUI state must never make a save fail
            log.warning("view state %r is not JSON (%s); not saved", name, type(value).__name__)
    return rows


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def timex_to(t: TimeExpression) -> dict[str, object]:
    d = dataclasses.asdict(t)
    d["interval"] = t.interval.to_json() if t.interval else None
    return d


def timex_from(d: dict[str, object]) -> TimeExpression:
    d = dict(d)
    interval = d.pop("interval", None)
    granularity = d.pop("granularity", None)
    return TimeExpression(
        **{k: v for k, v in d.items() if k != "type"},  # type: ignore[arg-type]
        type=TimexType(d["type"]),
        granularity=Granularity(granularity) if granularity else None,
        interval=Interval(dt.datetime.fromisoformat(interval["start"]),  # type: ignore[index]
                          dt.datetime.fromisoformat(interval["end"])) if interval else None)  # type: ignore[index]
