"""Autosave and crash recovery, without Qt: the GUI calls :meth:`Autosaver.tick` from a timer.

Rules:
- once something changed, it is written within ``interval`` seconds (30 by default) of the first
  unsaved change, and never more often than that: a crash loses at most one interval;
- a project with a writable file is saved into that file (one transaction, see
  :mod:`timeline_app.core.project.store`); an unsaved project (or one open read-only) is saved to a
  recovery file in ``<user data dir>/recovery``, locked while this process runs it;
- :meth:`Autosaver.close` (clean quit) saves a pending change to the project and removes the
  recovery file; after a crash the file stays, unlocked, and :func:`find_recoverable` lists it.

The clock is injectable (``clock=lambda: t``) so tests need no sleeping.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .. import session as session_mod
from ..session import Session
from .lock import ProjectLock, ProjectLockedError, is_locked
from .store import EXTENSION, Project, ProjectError, load_project, read_summary, update_project

log = logging.getLogger(__name__)

INTERVAL_S = 30.0
APP_NAME = "timeline-app"

Clock = Callable[[], float]


def recovery_dir() -> Path:
    """Where recovery files go: ``<user data dir>/timeline-app/recovery`` (platformdirs)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "recovery"


@dataclass(frozen=True, slots=True)
class Recoverable:
    """A recovery file left by a session that did not end cleanly."""

    path: Path
    modified: dt.datetime  # when it was last written
    titles: tuple[str, ...] = ()
    corrections: int = 0
    origin: Path | None = None  # the project it was a read-only copy of, if any
    problem: str | None = None  # set when the file cannot be read (it can only be discarded)

    def describe(self) -> str:
        when = self.modified.strftime("%Y-%m-%d %H:%M")
        if self.problem:
            return f"{when}: unreadable ({self.problem})"
        what = ", ".join(self.titles[:3]) + (f" and {len(self.titles) - 3} more" if len(self.titles) > 3 else "")
        n = len(self.titles)
        return (f"{when}: {n} article{'s' * (n != 1)}" + (f" ({what})" if what else "")
                + f", {self.corrections} correction{'s' * (self.corrections != 1)}")


def find_recoverable(directory: Path | None = None) -> list[Recoverable]:
    """Recovery files no running instance holds, newest first."""
    directory = directory or recovery_dir()
    found: list[Recoverable] = []
    if not directory.is_dir():
        return found
    for path in directory.glob(f"*{EXTENSION}"):
        if is_locked(path):  # a running window's own recovery file
            continue
        try:
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            continue
        try:
            summary = read_summary(path)
        except ProjectError as exc:
            found.append(Recoverable(path, modified, problem=str(exc)))
            continue
        origin = summary.meta.get("recovery_for") or None
        found.append(Recoverable(path, modified, summary.titles, summary.corrections,
                                 Path(origin) if origin else None))
    found.sort(key=lambda r: r.modified, reverse=True)
    return found


def discard_recovery(path: Path) -> None:
    """Delete a recovery file the user does not want (refused while an instance holds it)."""
    with ProjectLock.acquire(path):
        for p in (path, path.with_name(path.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()


def new_recovery_path(directory: Path | None = None) -> Path:
    directory = directory or recovery_dir()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return directory / f"unsaved-{stamp}-{os.getpid()}-{secrets.token_hex(3)}{EXTENSION}"


class Autosaver:
    """Saves ``project`` at most every ``interval`` seconds while it has unsaved changes.

    A recovery file adopted through :meth:`recover` is kept up to date and removed on a clean
    close like one this autosaver created.
    """

    def __init__(self, project: Project, *, interval: float = INTERVAL_S, clock: Clock = time.monotonic,
                 directory: Path | None = None, recovery_lock: ProjectLock | None = None) -> None:
        self.project = project
        self.interval = interval
        self._clock = clock
        self._directory = directory
        self._pending_since: float | None = None
        self._written = project.saved_state  # the state last written anywhere by us
        self.last_error: str | None = None
        self.saves = 0  # how many autosaves happened (for status messages and tests)
        # An adopted recovery file (see recover()) already holds the project's current state.
        self._recovery_lock = recovery_lock
        self.recovery_path: Path | None = recovery_lock.project if recovery_lock else None
        if recovery_lock is not None:
            self._written = project.state()
        self._unsubscribe = project.session.subscribe(self._on_change)

    @classmethod
    def recover(cls, path: Path, *, into: Session | None = None, **kwargs: object) -> Autosaver:
        """Reopen a recovery file as an unsaved project and keep autosaving into it.

        ``into`` fills an existing session (see :func:`load_project`). Raises
        :class:`ProjectLockedError` when another instance has just taken it, and
        :class:`ProjectError` when it cannot be read (it is left as it is).
        """
        lock = ProjectLock.acquire(path)
        try:
            session, info = load_project(path, lock, into)
        except BaseException:
            lock.release()
            raise
        project = Project(session, None, info=info)
        project.mark_unsaved()  # recovered work is in no project file: quitting must ask
        return cls(project, recovery_lock=lock, **kwargs)  # type: ignore[arg-type]

    # -- state -------------------------------------------------------------------------------------
    def _on_change(self, _change: session_mod.Change) -> None:
        if self._pending_since is None:
            self._pending_since = self._clock()

    @property
    def dirty(self) -> bool:
        """Changes neither the project file nor the recovery file has.

        View state alone (scrolling, zooming) is saved quietly into a project file, but is no
        reason to write a recovery file: there is no work in it to lose.
        """
        state, saved = self.project.state(), self.project.saved_state
        if state in (self._written, saved):
            return False
        return self.project.writable or state[0] not in (self._written[0], saved[0])

    def due_in(self) -> float | None:
        """Seconds until the next autosave, or None when nothing is pending."""
        if self._pending_since is None or not self.dirty:
            return None
        return max(0.0, self._pending_since + self.interval - self._clock())

    # -- the timer's work ---------------------------------------------------------------------------
    def tick(self) -> bool:
        """Save if a change has waited ``interval`` seconds; returns whether it saved.

        Never raises: a failed save is kept in :attr:`last_error` and retried an interval later.
        """
        if not self.dirty:
            self._pending_since = None
            if self.project.writable and not self.project.needs_save:
                self._drop_recovery()  # the work is in the project file now (e.g. after Save As)
            return False
        now = self._clock()
        if self._pending_since is None:  # a view-state change: those announce nothing
            self._pending_since = now
        if now - self._pending_since < self.interval:
            return False
        try:
            self.save_now()
        except (ProjectError, OSError, sqlite3.Error) as exc:
            self.last_error = str(exc)
            self._pending_since = now  # try again one interval later, not at every tick
            log.warning("autosave failed: %s", exc)
            return False
        return True

    def save_now(self) -> None:
        """Write now: into the project when it has a writable file, else to the recovery file."""
        state = self.project.state()
        if self.project.writable:
            self.project.save()
            self._drop_recovery()
        else:
            path = self._ensure_recovery()
            origin = str(self.project.path) if self.project.path is not None else ""
            update_project(self.project.session, path, {"recovery_for": origin})
        self._written = state
        self._pending_since = None
        self.last_error = None
        self.saves += 1

    def _ensure_recovery(self) -> Path:
        if self.recovery_path is None:
            path = new_recovery_path(self._directory)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._recovery_lock = ProjectLock.acquire(path)
            self.recovery_path = path
        return self.recovery_path

    def _drop_recovery(self) -> None:
        if self.recovery_path is None:
            return
        for p in (self.recovery_path, self.recovery_path.with_name(self.recovery_path.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        if self._recovery_lock is not None:
            self._recovery_lock.release()
            self._recovery_lock = None
        self.recovery_path = None

    # -- quitting -----------------------------------------------------------------------------------
    def close(self, *, save: bool = True) -> None:
        """Clean end: save pending changes into the project file (``save``), drop the recovery file.

        An unsaved project's changes are not kept: the GUI asks the user before closing. If the
        final save fails, the recovery file is written and kept so nothing is lost.
        """
        self._unsubscribe()
        self._unsubscribe = lambda: None
        try:
            if save and self.project.writable and self.project.needs_save:
                self.project.save()
        except ProjectError as exc:
            self.last_error = str(exc)
            log.warning("final save failed, keeping a recovery file: %s", exc)
            with contextlib.suppress(ProjectError, ProjectLockedError, OSError, sqlite3.Error):
                update_project(self.project.session, self._ensure_recovery(),
                               {"recovery_for": str(self.project.path or "")})
            if self._recovery_lock is not None:
                self._recovery_lock.release()
                self._recovery_lock = None
            return
        self._drop_recovery()
