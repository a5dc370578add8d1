"""Projects: a session saved to one SQLite file (``.timeline``) and opened again.

What a project holds: each article as ingested (source, title, format, the exact text, its DCT as
found with origin/confidence/span, boilerplate spans, gold TIMEX3s of TimeML input), every user
correction in the order it was made, lane order (the order of the session's entries) and lane
colours, and the view state (JSON). What it does not hold: the extraction itself. Opening re-runs
the *current* rules (``Session`` does: ``analyze(article) + corrections``), so a project saved
before a rule change shows the new extraction with the user's corrections still winning; a
correction whose text is gone stays in the session and shows as orphaned (``Entry.orphans``).
The hash of the rule files at save time is kept (:func:`rules_version`) to tell that happened.
Not saved: undo history, the session's problem list, per-file errors (they are recomputed).

Crash safety. The file uses SQLite's rollback journal (``journal_mode=DELETE``,
``synchronous=FULL``) and every write is one ``BEGIN IMMEDIATE … COMMIT`` transaction; a process
killed mid-save leaves a "hot" journal that SQLite rolls back on the next open, so the file always
opens at its last committed save. Rollback journal rather than WAL because:

- at rest a project is ONE self-contained file: WAL keeps committed data in ``-wal``/``-shm``
  sidecars until a checkpoint, so copying or mailing just the ``.timeline`` could lose the last
  saves; WAL also does not work on network file systems, which is where shared projects live;
- readers still read while a save runs: they hold a SHARED lock until the writer reaches the
  commit, and only the few milliseconds of the commit itself make them wait (``busy_timeout``);
  WAL's concurrent readers buy nothing when the lock already allows one writer per project;
- a damaged file can be examined strictly read-only (``mode=ro`` URI): a WAL file cannot be
  opened read-only without creating its ``-shm`` file.

Opening never writes before it has checked: the header (:func:`project_schema.read_header`:
magic, application id, version, size against the page count) is read with plain file reads; the
database is then copied read-only into memory (SQLite's backup API), checked with ``PRAGMA
quick_check`` and migrated *in memory*. The file on disk is only written by a save (which
migrates it, in the same transaction) or to roll back a crashed save's hot journal. A damaged,
truncated or foreign file raises :class:`ProjectError` and is left byte-for-byte as it was.

Save As (and saving a session that has no file yet) writes a complete new file beside the target
and renames it into place (``os.replace``), so the target is either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from .. import __version__
from ..resources import resource_path
from . import session as session_mod
from .model import (
    DCT,
    Analysis,
    Article,
    ArticleResult,
    DctOrigin,
    Granularity,
    Interval,
    Span,
    TimeExpression,
    TimexType,
)
from .project_lock import ProjectLock, ProjectLockedError
from .project_schema import (
    CURRENT_VERSION,
    ProjectError,
    ProjectVersionError,
    create_current,
    migrate,
    read_header,
)
from .session import Correction, CorrectionKind, Session

__all__ = ["EXTENSION", "Project", "ProjectError", "ProjectInfo", "ProjectLockedError",
           "ProjectSummary", "ProjectVersionError", "load_project", "open_project", "read_summary",
           "rules_version", "save_project", "update_project"]

log = logging.getLogger(__name__)

EXTENSION = ".timeline"
BUSY_TIMEOUT_S = 10.0  # a reader waits this long for a concurrent commit to finish


# -- what a file holds besides the session ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ProjectInfo:
    """Facts about a project file as it was opened."""

    path: Path
    file_version: int  # schema version found in the file (older ones are migrated on save)
    saved_rules_version: str | None  # hash of the rule files when it was last saved
    rules_version: str  # hash of the rule files this build extracted with on opening
    app_version: str | None = None
    saved_at: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def migrated(self) -> bool:
        return self.file_version < CURRENT_VERSION

    @property
    def rules_changed(self) -> bool:
        """True when the extraction was re-run with rules other than those it was saved with."""
        return self.saved_rules_version != self.rules_version


def rules_version() -> str:
    """A short hash of every file under ``resources/rules``: changes whenever a rule does."""
    root = resource_path("rules")
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
            rel = path.relative_to(root).as_posix().encode()
            data = path.read_bytes()
            digest.update(len(rel).to_bytes(4, "big") + rel + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:16]


# -- public functions -----------------------------------------------------------------------------
def save_project(session: Session, path: Path | str, meta: Mapping[str, str] | None = None) -> None:
    """Write ``session`` as a new project file at ``path``, atomically (temp file + rename).

    Does not lock: :class:`Project` does that for files kept open.
    """
    path = _abs(path)
    tmp = _temp_beside(path)
    try:
        conn = _connect_rw(tmp)
        try:
            conn.execute("BEGIN IMMEDIATE")
            create_current(conn)
            _write(conn, session, {**_meta(), **(meta or {})})
            conn.execute("COMMIT")
        finally:
            conn.close()
        with contextlib.suppress(OSError):  # keep the permissions of the file being replaced
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot save the project ({exc})") from exc
    except OSError as exc:
        raise ProjectError(f"{path}: cannot save the project ({exc.strerror or exc})") from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def update_project(session: Session, path: Path | str, meta: Mapping[str, str] | None = None) -> None:
    """Write ``session`` into an existing project file in one transaction (created if missing).

    The caller holds the project's lock (:class:`Project` and the autosaver do).
    """
    path = _abs(path)
    if path.exists():
        _save_in_place(session, path, meta)
    else:
        save_project(session, path, meta)


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """What a file holds, read without re-running the extraction (for lists of files)."""

    path: Path
    keys: tuple[str, ...]
    titles: tuple[str, ...]
    corrections: int
    meta: Mapping[str, str]


def read_summary(path: Path | str) -> ProjectSummary:
    """Articles and metadata of a project file; raises :class:`ProjectError`, writes nothing."""
    path = _abs(path)
    header = read_header(path)
    if header.user_version > CURRENT_VERSION:
        raise ProjectVersionError(path, header.user_version)
    mem = _snapshot(path, None)
    try:
        with _sqlite_errors(path, "read"):
            rows = mem.execute("SELECT key, title FROM article ORDER BY position, id").fetchall()
            meta = dict(mem.execute("SELECT name, value FROM meta"))
            (corrections,) = mem.execute("SELECT count(*) FROM correction").fetchone()
    finally:
        mem.close()
    return ProjectSummary(path, tuple(k for k, _ in rows), tuple(t for _, t in rows), corrections, meta)


def open_project(path: Path | str) -> Session:
    """Read a project into a new session (re-running the current extraction). No lock is kept."""
    return load_project(path)[0]


def load_project(path: Path | str, lock: ProjectLock | None = None,
                 into: Session | None = None) -> tuple[Session, ProjectInfo]:
    """Read a project: ``(session, info)``; raises :class:`ProjectError` and writes nothing.

    ``lock``, when the caller holds the project's lock, allows rolling back a crashed save's hot
    journal; without it the lock is taken just for that. ``into`` fills an existing session
    (cleared first, its observers told) instead of a new one: a window keeps its views
    subscribed. It is touched only once the whole file has been read and checked.
    """
    path = _abs(path)
    header = read_header(path)
    if header.user_version > CURRENT_VERSION:
        raise ProjectVersionError(path, header.user_version)
    if header.user_version < 1:
        raise ProjectError(f"{path}: not a timeline project (no format version)")
    mem = _snapshot(path, lock)
    try:
        with _sqlite_errors(path, "read"):
            found = mem.execute("PRAGMA user_version").fetchone()[0]
            if found > CURRENT_VERSION:
                raise ProjectVersionError(path, found)
            if found < CURRENT_VERSION:
                mem.execute("BEGIN")
                migrate(mem, found)  # the in-memory copy only: the file changes on save
                mem.execute("COMMIT")
            stored = _read(mem, path)
    finally:
        mem.close()
    session = _session_from(stored, into)
    meta = stored.meta
    info = ProjectInfo(path=path, file_version=found, saved_rules_version=meta.get("rules_version"),
                       rules_version=rules_version(), app_version=meta.get("app_version"),
                       saved_at=meta.get("saved_at"), meta=dict(meta))
    return session, info


# -- an open project --------------------------------------------------------------------------------
State = tuple[int, str]  # (session change count, view state as JSON): what "unsaved" compares


class Project:
    """A session and the file it lives in, locked against other writers while open.

    ``path`` is None for a project not saved yet. ``read_only`` projects (open elsewhere, or in
    a folder we cannot write) refuse :meth:`save`; :meth:`save_as` to a new file still works.
    """

    def __init__(self, session: Session | None = None, path: Path | None = None, *,
                 lock: ProjectLock | None = None, read_only: bool = False,
                 info: ProjectInfo | None = None, read_only_reason: str | None = None) -> None:
        self.session = session if session is not None else Session()
        self.path = path
        self.info = info
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._lock = lock
        self.generation = 0  # bumped by every session change
        self._saved: State = self.state()
        self._unsubscribe = self.session.subscribe(self._on_change)

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, into: Session | None = None) -> Project:
        """Open a project file for editing (locked) or ``read_only``.

        Raises :class:`ProjectLockedError` when it is open for writing elsewhere (then
        ``Project.open(path, read_only=True)`` works), :class:`ProjectVersionError` for a newer
        format, :class:`ProjectError` for anything unreadable. ``into``: see :func:`load_project`.
        """
        path = _abs(path)
        read_header(path)  # a garbage file is refused before even a lock file appears beside it
        lock: ProjectLock | None = None
        reason: str | None = "opened read-only" if read_only else None
        if not read_only:
            if not os.access(path, os.W_OK):
                read_only, reason = True, "the file is write-protected"
            else:
                try:
                    lock = ProjectLock.acquire(path)
                except ProjectLockedError:
                    raise
                except ProjectError as exc:  # a folder or file system that allows no lock file
                    read_only, reason = True, str(exc)
        try:
            session, info = load_project(path, lock, into)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(session, path, lock=lock, read_only=read_only, info=info, read_only_reason=reason)

    # -- state -------------------------------------------------------------------------------------
    def _on_change(self, _change: session_mod.Change) -> None:
        self.generation += 1

    def state(self) -> State:
        return self.generation, _view_json(self.session.view_state)

    @property
    def modified(self) -> bool:
        """Unsaved changes to the content (view state alone does not count: it is saved quietly)."""
        return self.generation != self._saved[0]

    @property
    def needs_save(self) -> bool:
        """Anything the file does not have yet, view state included."""
        return self.state() != self._saved

    def mark_unsaved(self) -> None:
        """Count the current content as unsaved (recovered work that is in no project file)."""
        self._saved = (-1, "")

    @property
    def saved_state(self) -> State:
        return self._saved

    @property
    def writable(self) -> bool:
        return self.path is not None and not self.read_only

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else "Untitled"

    # -- saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        """Write the session into the project file: one transaction, in place."""
        if self.path is None:
            raise ProjectError("this project has no file yet: use Save As")
        if self.read_only:
            raise ProjectError(f"{self.path}: the project is open read-only "
                               f"({self.read_only_reason or 'opened read-only'}); use Save As")
        state = self.state()
        if self.path.exists():
            _save_in_place(self.session, self.path)
        else:  # deleted behind our back: write it anew
            save_project(self.session, self.path)
        self._saved = state

    def save_as(self, path: Path | str) -> None:
        """Write a new file atomically and continue working on it (locked) from now on."""
        path = _abs(path)
        if self.path is not None and path == self.path and not self.read_only:
            self.save()
            return
        lock = ProjectLock.acquire(path)  # refuse to overwrite a project open elsewhere
        state = self.state()
        try:
            save_project(self.session, path)
        except BaseException:
            lock.release()
            raise
        if self._lock is not None:
            self._lock.release()
        self._lock, self.path, self.read_only, self.read_only_reason = lock, path, False, None
        self._saved = state

    def close(self) -> None:
        """Stop observing the session and let other windows/processes open the file."""
        self._unsubscribe()
        self._unsubscribe = lambda: None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- reading ----------------------------------------------------------------------------------------
@dataclass(slots=True)
class _StoredArticle:
    key: str
    article: Article
    color: str | None


@dataclass(slots=True)
class _Stored:
    articles: list[_StoredArticle]
    corrections: list[Correction]
    view_state: dict[str, object]
    meta: dict[str, str]


def _snapshot(path: Path, lock: ProjectLock | None) -> sqlite3.Connection:
    """A consistent in-memory copy of the file, read through a read-only connection."""
    for attempt in range(2):
        mem = sqlite3.connect(":memory:", isolation_level=None)
        try:
            src = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                src.backup(mem)
            finally:
                src.close()
            with _sqlite_errors(path, "check"):
                problem = mem.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                problem = " ".join(problem.replace("*** in database main ***", "").split())
                raise ProjectError(f"{path}: the project file is damaged ({problem})")
            return mem
        except sqlite3.OperationalError as exc:
            mem.close()
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK" and attempt == 0:
                _roll_back_crashed_save(path, lock)
                continue
            raise _project_error(path, "read", exc) from exc
        except sqlite3.Error as exc:
            mem.close()
            raise _project_error(path, "read", exc) from exc
        except BaseException:
            mem.close()
            raise
    raise ProjectError(f"{path}: cannot recover the project from an interrupted save")


def _roll_back_crashed_save(path: Path, lock: ProjectLock | None) -> None:
    """A save was killed mid-way: let SQLite roll its hot journal back (the one write on opening)."""
    own = None
    if lock is None:
        try:
            own = ProjectLock.acquire(path)
        except ProjectLockedError as exc:
            raise ProjectError(f"{path}: a save of this project was interrupted and it is open in "
                               f"{exc.owner.describe()}; close it there first") from None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _project_error(path, "recover", exc) from exc
    finally:
        if own is not None:
            own.release()
    log.info("%s: rolled back an interrupted save", path)


def _read(conn: sqlite3.Connection, path: Path) -> _Stored:
    meta = dict(conn.execute("SELECT name, value FROM meta"))
    boiler: dict[int, list[Span]] = {}
    for article_id, start, end in conn.execute(
            "SELECT article_id, span_start, span_end FROM boilerplate ORDER BY article_id, span_start"):
        boiler.setdefault(article_id, []).append(Span(start, end))
    articles: list[_StoredArticle] = []
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
                              gold_timexes=tuple(_timex_from(d) for d in json.loads(gold)) if gold else ())
        except (ValueError, TypeError, KeyError) as exc:
            raise ProjectError(f"{path}: the project file is damaged (article {key!r}: {exc})") from exc
        articles.append(_StoredArticle(key, article, color))
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
    return _Stored(articles, corrections, view_state, meta)


def _session_from(stored: _Stored, into: Session | None = None) -> Session:
    """Rebuild a session: current extraction of each article, then the corrections on top."""
    session = into if into is not None else Session()
    session.clear()
    session.view_state.clear()  # in place: a view may hold the dict
    session.view_state.update(stored.view_state)
    # Corrections first: add_result() re-derives an article through them as it is added.
    session.corrections = list(stored.corrections)
    corrected = {c.article for c in stored.corrections}
    for item in stored.articles:
        errors: tuple[str, ...] = ()
        analysis = Analysis()
        if item.key not in corrected:  # corrected ones are analysed by the session's rebuild
            try:
                analysis = session_mod.analyze(item.article)
            except Exception as exc:  # noqa: BLE001 - a tagger bug must not make the whole project unreadable
                errors = (f"{item.article.source}: internal error while tagging: {exc!r}",)
        # The stored key is unique, so adding under it as "source" gives back the same key.
        try:
            key = session.add_result(ArticleResult(source=item.key, article=item.article,
                                                   analysis=analysis, errors=errors))
        except Exception as exc:  # noqa: BLE001 - raised by the rebuild's extraction, as above
            key = item.key
            entry = session.entry(key)
            entry.errors = (f"{item.article.source}: internal error while tagging: {exc!r}",)
            session.problems.extend(entry.errors)
        assert key == item.key, (key, item.key)
        session.entry(key).color = item.color
    return session


# -- writing ----------------------------------------------------------------------------------------
def _save_in_place(session: Session, path: Path, meta: Mapping[str, str] | None = None) -> None:
    try:
        conn = _connect_rw(path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                found = conn.execute("PRAGMA user_version").fetchone()[0]
                if found > CURRENT_VERSION:
                    raise ProjectVersionError(path, found)
                if found == 0:
                    create_current(conn)
                elif found < CURRENT_VERSION:
                    migrate(conn, found)  # in the same transaction as the save
                _write(conn, session, {**_meta(), **(meta or {})})
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # COMMIT itself may have failed
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _project_error(path, "save", exc) from exc


def _write(conn: sqlite3.Connection, session: Session, meta: Mapping[str, str]) -> None:
    """Make the tables hold ``session``; unchanged articles (same digest) are not rewritten."""
    existing = {key: (aid, digest) for aid, key, digest in conn.execute("SELECT id, key, digest FROM article")}
    originals = _originals(session)
    for position, entry in enumerate(session.entries):
        article = originals.get(entry.key, entry.article)
        row = _article_row(article)
        digest = _digest(row)
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
                     list(_view_rows(session.view_state)))
    conn.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('created_at', ?)", (_now(),))
    conn.executemany("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", list(meta.items()))


def _originals(session: Session) -> dict[str, Article]:
    """Each entry's article as ingested: the session keeps it apart from the DCT-corrected one.

    (``Session._originals`` is private to the session; a project must save the DCT as found,
    with its origin and span, and the user's override as a correction on top.)
    """
    return dict(getattr(session, "_originals", {}))


def _article_row(a: Article) -> tuple[object, ...]:
    dct = a.dct
    gold = json.dumps([_timex_to(t) for t in a.gold_timexes]) if a.gold_timexes else None
    return (a.source, a.title, a.format, a.text,
            dct.value if dct else None, str(dct.origin) if dct else None,
            dct.confidence if dct else None, dct.start if dct else None,
            dct.end if dct else None, dct.updated if dct else None, gold)


def _digest(row: tuple[object, ...]) -> str:
    return hashlib.sha256(json.dumps(row, ensure_ascii=False).encode()).hexdigest()


def _view_rows(view_state: Mapping[str, object]) -> list[tuple[str, str]]:
    rows = []
    for name, value in view_state.items():
        try:
            rows.append((str(name), json.dumps(value)))
        except (TypeError, ValueError):  # GUI state must never make a save fail
            log.warning("view state %r is not JSON (%s); not saved", name, type(value).__name__)
    return rows


def _view_json(view_state: Mapping[str, object]) -> str:
    return json.dumps(view_state, sort_keys=True, default=repr)


def _meta() -> dict[str, str]:
    return {"app_version": __version__, "rules_version": rules_version(), "saved_at": _now()}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _timex_to(t: TimeExpression) -> dict[str, object]:
    d = dataclasses.asdict(t)
    d["interval"] = t.interval.to_json() if t.interval else None
    return d


def _timex_from(d: dict[str, object]) -> TimeExpression:
    d = dict(d)
    interval = d.pop("interval", None)
    granularity = d.pop("granularity", None)
    return TimeExpression(
        **{k: v for k, v in d.items() if k != "type"},  # type: ignore[arg-type]
        type=TimexType(d["type"]),
        granularity=Granularity(granularity) if granularity else None,
        interval=Interval(dt.datetime.fromisoformat(interval["start"]),  # type: ignore[index]
                          dt.datetime.fromisoformat(interval["end"])) if interval else None)  # type: ignore[index]


# -- SQLite plumbing --------------------------------------------------------------------------------
def _connect_rw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
    conn.execute("PRAGMA journal_mode = DELETE")  # see the module docstring: not WAL
    conn.execute("PRAGMA synchronous = FULL")  # fsync the journal and the file at each commit
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _temp_beside(path: Path) -> Path:
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            # O_EXCL: never reuse someone's file; mode 0o666 lets the umask decide, as for any file.
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise ProjectError(f"{path}: cannot write in {path.parent} ({exc.strerror or exc})") from exc
    raise ProjectError(f"{path}: cannot create a temporary file in {path.parent}")


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _abs(path: Path | str) -> Path:
    return Path(os.path.abspath(os.fspath(path)))


def _project_error(path: Path, doing: str, exc: sqlite3.Error) -> ProjectError:
    name = getattr(exc, "sqlite_errorname", "")
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return ProjectError(f"{path}: cannot {doing} the project: another program is using it")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or isinstance(exc, sqlite3.DatabaseError) and \
            not isinstance(exc, sqlite3.OperationalError):
        return ProjectError(f"{path}: the project file is damaged ({exc})")
    return ProjectError(f"{path}: cannot {doing} the project ({exc})")


@contextlib.contextmanager
def _sqlite_errors(path: Path, doing: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise _project_error(path, doing, exc) from exc
