"""How a session maps onto the project file's tables (the schema is in :mod:`.project_schema`).

Written: each article as ingested (the DCT as found, not a user override: overrides are
corrections; with a web page's offset, zone, reason and candidates in ``dct_detail``), its
page address, its boilerplate, lane position and colour, the corrections in order, the view
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
import math
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model import (
    DCT,
    Article,
    DctCandidate,
    DctOrigin,
    Granularity,
    Interval,
    Span,
    TimeExpression,
    TimexType,
)
from ..session import Correction, CorrectionKind, Session
from ..stories import Decision
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
    damaged: list[str] = dataclasses.field(default_factory=list)  # what was left out, and why
    story_decisions: list[Decision] = dataclasses.field(default_factory=list)


_SHA256 = re.compile(r"[0-9a-f]{64}")


class _Damage(ValueError):
    """A row that SQLite reads fine but that no save of ours can have written."""


def _text(value: object, what: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Damage(f"{what} is {type(value).__name__}, not text")
    return value


def _offset(value: object, what: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Damage(f"{what} is {value!r}, not an offset")
    return value


def _span(start: object, end: object, length: int, what: str, *, optional: bool = False) -> Span | None:
    s, e = _offset(start, f"{what} start", optional=optional), _offset(end, f"{what} end", optional=optional)
    if s is None or e is None:
        if (s is None) != (e is None):
            raise _Damage(f"{what} has only one end")
        return None
    if not s <= e <= length:
        raise _Damage(f"{what} {s}..{e} is not within the text (0..{length})")
    return Span(s, e)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number a view can show")


def _finite(value: str) -> float:
    number = float(value)
    if not math.isfinite(number):  # 1e999
        raise ValueError(f"{value} is not a number a view can show")
    return number


def _loads(value: str) -> object:
    """JSON as a save writes it: no NaN or Infinity (they would wedge a view)."""
    return json.loads(value, parse_constant=_no_constant, parse_float=_finite)


def read_tables(conn: sqlite3.Connection, path: Path) -> Stored:
    """Read and check every row; raises ProjectError naming what is damaged.

    An article whose columns no longer match their stored digest (a changed byte in its text,
    title, DCT…) is left out and named in :attr:`Stored.damaged`, and the rest are read; so are
    corrections when they no longer match theirs (``meta.corrections_digest``). Anything else
    that is impossible (text that is not text, offsets out of the text, unknown kinds) is a
    :class:`ProjectError`: a save of ours never writes it.
    """
    try:
        return _read_tables(conn, path)
    except _Damage as exc:
        raise ProjectError(f"{path}: the project file is damaged ({exc})") from exc


def _read_tables(conn: sqlite3.Connection, path: Path) -> Stored:
    meta: dict[str, str] = {}
    for name, value in conn.execute("SELECT name, value FROM meta"):
        meta[_text(name, "a meta name") or ""] = _text(value, f"meta {name!r}") or ""
    boiler: dict[int, list[tuple[object, object]]] = {}
    for article_id, start, end in conn.execute(
            "SELECT article_id, span_start, span_end FROM boilerplate ORDER BY article_id, span_start"):
        boiler.setdefault(article_id, []).append((start, end))
    articles: list[StoredArticle] = []
    damaged: list[str] = []
    rows = conn.execute(
        "SELECT id, key, source, title, format, text, dct_value, dct_origin, dct_confidence, "
        "dct_start, dct_end, dct_updated, gold, color, digest, dct_detail, url FROM article "
        "ORDER BY position, id")
    for (aid, key, source, title, fmt, text, dct_value, dct_origin, dct_conf, dct_start, dct_end,
         dct_updated, gold, color, digest, detail, url) in rows:
        key = _text(key, "an article key")
        for value, what in ((source, "source"), (title, "title"), (fmt, "format"), (text, "text")):
            _text(value, f"article {key!r} {what}")
        for value, what in ((dct_value, "DCT"), (dct_origin, "DCT origin"), (dct_updated, "DCT update"),
                            (gold, "gold"), (color, "colour"), (detail, "DCT detail"), (url, "address")):
            _text(value, f"article {key!r} {what}", optional=True)
        # A digest that is not a sha256 is not one we wrote (a damaged digest itself): nothing to check.
        if _SHA256.fullmatch(str(digest)) and article_digest((
                source, title, fmt, text, dct_value, dct_origin, dct_conf, dct_start, dct_end, dct_updated,
                gold), (detail, url)) != digest:
            damaged.append(f"{path}: article {key!r} is damaged (its content no longer matches the "
                           f"digest saved with it) and was left out; the other articles are opened")
            continue
        try:
            text = _text(text, f"article {key!r} text")
            assert text is not None
            dct = None
            if dct_value is not None:
                if not isinstance(dct_conf, (int, float)) or not 0 <= dct_conf <= 1:
                    raise _Damage(f"article {key!r} DCT confidence is {dct_conf!r}")
                span = _span(dct_start, dct_end, len(text), f"article {key!r} dateline", optional=True)
                dct = DCT(value=_text(dct_value, "a DCT") or "", origin=DctOrigin(dct_origin),
                          confidence=float(dct_conf), start=span.start if span else None,
                          end=span.end if span else None,
                          updated=_text(dct_updated, "a DCT update time", optional=True),
                          **_dct_detail_from(detail, len(text), f"article {key!r} DCT detail"))
            spans = tuple(_span(s, e, len(text), f"article {key!r} boilerplate")  # type: ignore[misc]
                          for s, e in boiler.get(aid, ()))
            gold_timexes = ()
            if gold is not None:
                items = _loads(_text(gold, f"article {key!r} gold") or "null")
                if not isinstance(items, list):
                    raise _Damage(f"article {key!r} gold is not a list")
                gold_timexes = tuple(timex_from(d) for d in items)
                for t in gold_timexes:
                    _span(t.start, t.end, len(text), f"article {key!r} gold TIMEX3")
            article = Article(source=_text(source, f"article {key!r} source") or "",
                              title=_text(title, f"article {key!r} title") or "", text=text, dct=dct,
                              boilerplate=spans, format=_text(fmt, f"article {key!r} format") or "",
                              gold_timexes=gold_timexes, url=url)
            color = _text(color, f"article {key!r} colour", optional=True)
        except _Damage:
            raise
        except Exception as exc:
            raise _Damage(f"article {key!r}: {exc}") from exc
        articles.append(StoredArticle(key, article, color))  # type: ignore[arg-type]
    corrections: list[Correction] = []
    rows = conn.execute("SELECT kind, article, value, span_start, span_end, text, label "
                        "FROM correction ORDER BY position").fetchall()
    expected = meta.get("corrections_digest")
    if expected is not None and corrections_digest(rows) != expected:
        damaged.append(f"{path}: the corrections are damaged (they no longer match the digest saved "
                       f"with them) and were left out; the articles are opened without them")
        rows = []
    for kind, article, value, start, end, text, label in rows:
        try:
            corrections.append(Correction(
                CorrectionKind(kind), _text(article, "a correction's article") or "",
                value=_text(value, "a correction's value", optional=True),
                start=_offset(start, "a correction's start", optional=True),
                end=_offset(end, "a correction's end", optional=True),
                text=_text(text, "a correction's text", optional=True),
                label=_text(label, "a correction's label", optional=True)))
            c = corrections[-1]
            if (c.start is None) != (c.end is None) or c.start is not None and c.start > c.end:  # type: ignore[operator]
                raise _Damage(f"a correction's span {c.start}..{c.end} is impossible")
        except _Damage:
            raise
        except Exception as exc:
            raise _Damage(f"correction: {exc}") from exc
    view_state: dict[str, object] = {}
    for name, value in conn.execute("SELECT name, value FROM view_state"):
        try:
            view_state[_text(name, "a view state name") or ""] = _loads(_text(value, "view state") or "")
        except ValueError:
            log.warning("%s: ignoring unreadable view state %r", path, name)
    decisions = _story_decisions(conn, path, damaged)
    return Stored(articles, corrections, view_state, meta, damaged, decisions)


def _story_decisions(conn: sqlite3.Connection, path: Path, damaged: list[str]) -> list[Decision]:
    """The user's splits and merges of story events; an unreadable one is left out and said."""
    out: list[Decision] = []
    for kind, members in conn.execute("SELECT kind, members FROM story_decision ORDER BY position"):
        try:
            keys = tuple((str(a), int(s), int(e)) for a, s, e in json.loads(members))
            if kind not in ("merge", "split") or not keys:
                raise ValueError(f"kind {kind!r} with {len(keys)} events")
            out.append(Decision(kind, keys))
        except (ValueError, TypeError) as exc:
            damaged.append(f"{path}: a story split or merge is damaged and was left out ({exc})")
    return out


def corrections_digest(rows: list[tuple[object, ...]]) -> str:
    """sha256 of the correction rows in order, as stored (``meta.corrections_digest``)."""
    return hashlib.sha256(json.dumps([list(r) for r in rows], ensure_ascii=False).encode()).hexdigest()


def write_tables(conn: sqlite3.Connection, session: Session, meta: Mapping[str, str]) -> None:
    """Make the tables hold ``session``; unchanged articles (same digest) are not rewritten."""
    existing = {key: (aid, digest) for aid, key, digest in conn.execute("SELECT id, key, digest FROM article")}
    originals = original_articles(session)
    for position, entry in enumerate(session.entries):
        article = originals.get(entry.key, entry.article)
        row = article_row(article)
        extra = article_extra(article)
        digest = article_digest(row, extra)
        old = existing.pop(entry.key, None)
        if old is not None and old[1] == digest:
            conn.execute("UPDATE article SET position = ?, color = ? WHERE id = ?",
                         (position, entry.color, old[0]))
            continue
        if old is not None:
            conn.execute("DELETE FROM article WHERE id = ?", (old[0],))
        cur = conn.execute(
            "INSERT INTO article (key, position, source, title, format, text, dct_value, dct_origin, "
            "dct_confidence, dct_start, dct_end, dct_updated, gold, digest, color, dct_detail, url) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.key, position, *row, digest, entry.color, *extra))
        conn.executemany("INSERT INTO boilerplate (article_id, span_start, span_end) VALUES (?, ?, ?)",
                         [(cur.lastrowid, s.start, s.end) for s in article.boilerplate])
    for aid, _digest_ in existing.values():
        conn.execute("DELETE FROM article WHERE id = ?", (aid,))
    conn.execute("DELETE FROM correction")
    rows = [(str(c.kind), c.article, c.value, c.start, c.end, c.text, c.label) for c in session.corrections]
    conn.executemany(
        "INSERT INTO correction (position, kind, article, value, span_start, span_end, text, label) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [(i, *row) for i, row in enumerate(rows)])
    conn.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('corrections_digest', ?)",
                 (corrections_digest(rows),))
    conn.execute("DELETE FROM story_decision")
    conn.executemany("INSERT INTO story_decision (position, kind, members) VALUES (?, ?, ?)",
                     [(i, d.kind, json.dumps([list(k) for k in d.members], ensure_ascii=False))
                      for i, d in enumerate(session.story_decisions)])
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


def article_extra(a: Article) -> tuple[str | None, str | None]:
    """The columns version 4 added: the DCT's detail as JSON, and the page's address."""
    return dct_detail_json(a.dct), a.url


def article_digest(row: tuple[object, ...], extra: tuple[object, ...]) -> str:
    """The digest of an article row. Columns added after version 3 count only when set, so a row
    migrated from an older file (where they are NULL) keeps the digest it was saved with."""
    return row_digest((*row, *extra) if any(v is not None for v in extra) else row)


def dct_detail_json(dct: DCT | None) -> str | None:
    """What a DCT carries beyond value, origin, confidence, span and update time; None if nothing."""
    if dct is None:
        return None
    detail: dict[str, object] = {}
    if dct.utc_offset is not None:
        detail["utc_offset"] = dct.utc_offset
    if dct.zone is not None:
        detail["zone"] = dct.zone
    if dct.reason:
        detail["reason"] = dct.reason
    if dct.candidates:
        detail["candidates"] = [{**dataclasses.asdict(c), "origin": str(c.origin)} for c in dct.candidates]
    return json.dumps(detail, ensure_ascii=False) if detail else None


_DETAIL_TEXT = ("utc_offset", "zone")
_CANDIDATE_TEXT = ("value", "kind", "source", "verdict")
_CANDIDATE_OPTIONAL = ("utc_offset", "zone")


def _dct_detail_from(detail: str | None, length: int, what: str) -> dict[str, object]:
    """The DCT keyword arguments stored in ``dct_detail``; raises _Damage on what no save writes."""
    if detail is None:
        return {}
    data = _loads(detail)
    if not isinstance(data, dict) or set(data) - {"utc_offset", "zone", "reason", "candidates"}:
        raise _Damage(f"{what} is not the object a save writes")
    out: dict[str, object] = {k: _text(data[k], f"{what} {k}") for k in _DETAIL_TEXT if k in data}
    out["reason"] = _text(data.get("reason", ""), f"{what} reason")
    items = data.get("candidates", [])
    if not isinstance(items, list):
        raise _Damage(f"{what} candidates are not a list")
    candidates = []
    for item in items:
        if not isinstance(item, dict):
            raise _Damage(f"{what} has a candidate that is not an object")
        strength = item.get("strength")
        if not isinstance(strength, (int, float)) or isinstance(strength, bool):
            raise _Damage(f"{what} has a candidate strength {strength!r}")
        span = _span(item.get("start"), item.get("end"), length, f"{what} candidate", optional=True)
        candidates.append(DctCandidate(
            origin=DctOrigin(item.get("origin")), strength=float(strength),
            **{k: _text(item.get(k), f"{what} candidate {k}") for k in _CANDIDATE_TEXT},  # type: ignore[arg-type]
            **{k: _text(item.get(k), f"{what} candidate {k}", optional=True) for k in _CANDIDATE_OPTIONAL},
            start=span.start if span else None, end=span.end if span else None))
    out["candidates"] = tuple(candidates)
    return out


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
