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

Modules: this one (the API and :class:`Project`), :mod:`.project_schema` (DDL, versions,
migrations, header check), :mod:`.project_tables` (session ↔ rows), :mod:`.project_sqlite`
(connections, snapshot, errors), :mod:`.project_lock` (one writer), :mod:`.autosave`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from ... import __version__
from ...resources import resource_path
from .. import session as session_mod
from ..model import Analysis, ArticleResult
from ..session import Session
from . import journal, tables
from . import sqlite as sq
from .lock import ProjectLock, ProjectLockedError, held_here
from .schema import (
    CURRENT_VERSION,
    ProjectError,
    ProjectVersionError,
    create_current,
    migrate,
    read_header,
)

__all__ = ["EXTENSION", "Project", "ProjectError", "ProjectInfo", "ProjectLockedError",
           "ProjectSummary", "ProjectVersionError", "load_project", "open_project", "read_summary",
           "rules_version", "save_project", "update_project"]

log = logging.getLogger(__name__)

EXTENSION = ".timeline"


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
    damaged: tuple[str, ...] = ()  # what was left out because it no longer matches its digest

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

    Under the project's lock (taken here when this process does not hold it already): the
    temporary files of earlier saves that were killed are removed, and the journal of a killed
    save of the file being replaced goes with that file (:func:`.journal.settle_before_replace`).
    """
    path = _abs(path)
    own: ProjectLock | None = None
    if not held_here(path):
        try:
            own = ProjectLock.acquire(path)
        except ProjectLockedError:
            raise
        except ProjectError:  # a file system without locks: save all the same, sweep nothing
            own = None
    locked = own is not None or held_here(path)
    try:
        if locked:
            sq.remove_stale_temps(path)
        _write_new(session, path, meta, locked)
    finally:
        if own is not None:
            own.release()


def _write_new(session: Session, path: Path, meta: Mapping[str, str] | None, locked: bool) -> None:
    tmp = sq.temp_beside(path)
    try:
        conn = sq.connect_rw(tmp)
        try:
            conn.execute("BEGIN IMMEDIATE")
            create_current(conn)
            tables.write_tables(conn, session, {**_meta(), "file_id": secrets.token_hex(8), **(meta or {})})
            conn.execute("COMMIT")
        finally:
            conn.close()
        with contextlib.suppress(OSError):  # keep the permissions of the file being replaced
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        if locked:
            journal.settle_before_replace(path)
        os.replace(tmp, path)
        sq.fsync_dir(path.parent)
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
    mem = sq.snapshot(path, None)
    try:
        with sq.sqlite_errors(path, "read"):
            rows = mem.execute("SELECT key, title FROM article ORDER BY position, id").fetchall()
            meta = dict(mem.execute("SELECT name, value FROM meta"))
            (corrections,) = mem.execute("SELECT count(*) FROM correction").fetchone()
            if not all(isinstance(v, str) for row in rows for v in row) or \
                    not all(isinstance(v, str) for item in meta.items() for v in item):
                raise ProjectError(f"{path}: the project file is damaged (a title or key is not text)")
    finally:
        mem.close()
    return ProjectSummary(path, tuple(k for k, _ in rows), tuple(t for _, t in rows), corrections, meta)


def project_results(path: Path | str) -> list[ArticleResult]:
    """A project's articles as the data writers take them: with the user's corrections and labels.

    For ``extract`` and ``export`` given a ``.timeline`` file. A file that cannot be read is one
    failed result naming it, like an unreadable article; the project's own problems (a journal
    set aside, a damaged article left out) are failed results too, so they are reported.
    """
    try:
        session, _info = load_project(path)
    except ProjectError as exc:
        return [ArticleResult(source=str(path), article=None, errors=(str(exc),))]
    notes = [ArticleResult(source=str(path), article=None, errors=(p,)) for p in session.problems]
    return session.results() + notes


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
    notes: list[str] = []
    mem = sq.snapshot(path, lock, notes)
    try:
        with sq.sqlite_errors(path, "read"):
            found = mem.execute("PRAGMA user_version").fetchone()[0]
            if found > CURRENT_VERSION:
                raise ProjectVersionError(path, found)
            if found < CURRENT_VERSION:
                mem.execute("BEGIN")
                migrate(mem, found)  # the in-memory copy only: the file changes on save
                mem.execute("COMMIT")
            stored = tables.read_tables(mem, path)
    finally:
        mem.close()
    with sq.sqlite_errors(path, "read"):  # a row that passed the checks but that the session refuses
        session = _session_from(stored, into)
    session.problems.extend(notes + stored.damaged)
    meta = stored.meta
    info = ProjectInfo(path=path, file_version=found, saved_rules_version=meta.get("rules_version"),
                       rules_version=rules_version(), app_version=meta.get("app_version"),
                       saved_at=meta.get("saved_at"), meta=dict(meta), damaged=tuple(stored.damaged))
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
        if info.damaged and not read_only:  # a save would drop what was left out: Save As instead
            read_only = True
            reason = "parts of the file are damaged and were left out; Save As keeps the rest"
            if lock is not None:
                lock.release()
                lock = None
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


# -- reading and writing ----------------------------------------------------------------------------


def _session_from(stored: tables.Stored, into: Session | None = None) -> Session:
    """Rebuild a session: current extraction of each article, then the corrections on top."""
    session = into if into is not None else Session()
    session.clear()
    session.view_state.clear()  # in place: a view may hold the dict
    session.view_state.update(stored.view_state)
    # Corrections first: add_result() re-derives an article through them as it is added.
    session.corrections = list(stored.corrections)
    session.story_decisions = list(stored.story_decisions)
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


def _save_in_place(session: Session, path: Path, meta: Mapping[str, str] | None = None) -> None:
    try:
        conn = sq.connect_rw(path)
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
                # The meta page first: any journal of this save then holds the file's identity,
                # which tells it apart from the journal of another file (see .journal.belongs).
                conn.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('saved_at', ?)",
                             (tables.now(),))
                conn.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('file_id', ?)",
                             (secrets.token_hex(8),))
                tables.write_tables(conn, session, {**_meta(), **(meta or {})})
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # COMMIT itself may have failed
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise sq.project_error(path, "save", exc) from exc


def _view_json(view_state: Mapping[str, object]) -> str:
    return json.dumps(view_state, sort_keys=True, default=repr)


def _meta() -> dict[str, str]:
    return {"app_version": __version__, "rules_version": rules_version(), "saved_at": tables.now()}


def _abs(path: Path | str) -> Path:
    return Path(os.path.abspath(os.fspath(path)))
