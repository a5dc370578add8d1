"""SQLite plumbing for project files: connections, the checked read-only snapshot, errors.

Writers use the rollback journal with ``synchronous=FULL`` (why not WAL: see :mod:`.project`).
Readers never write: they copy the file through a ``mode=ro`` connection into memory (SQLite's
backup API, one consistent snapshot) and check the copy with ``PRAGMA quick_check``. The one
exception is a "hot" journal left by a save that was killed: SQLite must roll it back through a
writable connection, which is done under the project's lock.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from . import journal
from .lock import ProjectLock, ProjectLockedError
from .schema import ProjectError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 10.0  # a reader waits this long for a concurrent commit to finish


def snapshot(path: Path, lock: ProjectLock | None, notes: list[str] | None = None) -> sqlite3.Connection:
    """A consistent in-memory copy of the file, read through a read-only connection.

    ``notes`` receives what a person should be told about the opening (a journal set aside).
    """
    for attempt in range(2):
        mem = sqlite3.connect(":memory:", isolation_level=None)
        try:
            src = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                src.backup(mem)
            finally:
                src.close()
            with sqlite_errors(path, "check"):
                problem = mem.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                problem = " ".join(problem.replace("*** in database main ***", "").split())
                raise ProjectError(f"{path}: the project file is damaged ({problem})")
            return mem
        except sqlite3.OperationalError as exc:
            mem.close()
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK" and attempt == 0:
                note = roll_back_crashed_save(path, lock)
                if note and notes is not None:
                    notes.append(note)
                continue
            raise project_error(path, "read", exc) from exc
        except sqlite3.Error as exc:
            mem.close()
            raise project_error(path, "read", exc) from exc
        except ProjectError:
            mem.close()
            raise
        except Exception as exc:  # e.g. UnicodeDecodeError: SQLite quoting damaged schema bytes
            mem.close()
            raise damaged(path, exc) from exc
        except BaseException:
            mem.close()
            raise
    raise ProjectError(f"{path}: cannot recover the project from an interrupted save")


def roll_back_crashed_save(path: Path, lock: ProjectLock | None) -> str | None:
    """A save was killed mid-way: let SQLite roll its hot journal back (the one write on opening).

    Only a journal that belongs to this file is applied (:func:`.journal.belongs`); any other is
    renamed aside and the file opened as it is, and the returned note says so.
    """
    own = None
    if lock is None:
        try:
            own = ProjectLock.acquire(path)
        except ProjectLockedError as exc:
            raise ProjectError(f"{path}: a save of this project was interrupted and it is open in "
                               f"{exc.owner.describe()}; close it there first") from None
    try:
        if not journal.journal_of(path).exists():
            return None  # another opener has just rolled it back
        if not journal.belongs(path):
            kept = journal.set_aside(path)
            return (f"{path}: a leftover journal of another file was found beside the project and "
                    f"not applied; it was kept as {kept.name}")
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise project_error(path, "recover", exc) from exc
    except OSError as exc:
        raise ProjectError(f"{path}: cannot recover the project from an interrupted save "
                           f"({exc.strerror or exc})") from exc
    finally:
        if own is not None:
            own.release()
    log.info("%s: rolled back an interrupted save", path)
    return None


def connect_rw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
    conn.execute("PRAGMA journal_mode = DELETE")  # see the module docstring: not WAL
    conn.execute("PRAGMA synchronous = FULL")  # fsync the journal and the file at each commit
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def temp_beside(path: Path) -> Path:
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


def remove_stale_temps(path: Path) -> None:
    """Remove the temporary files of killed saves of ``path``; the caller holds its lock.

    Every save writes ``.NAME.<random>.tmp`` beside the target under the target's lock, so while
    we hold the lock no other save is writing one: any that exist were left by a killed process.
    """
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp*"):
        if leftover.name.endswith((".tmp", ".tmp-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
                log.info("%s: removed %s, left by a save that was interrupted", path, leftover.name)


def fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def project_error(path: Path, doing: str, exc: sqlite3.Error) -> ProjectError:
    name = getattr(exc, "sqlite_errorname", "")
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return ProjectError(f"{path}: cannot {doing} the project: another program is using it")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or isinstance(exc, sqlite3.DatabaseError) and \
            not isinstance(exc, sqlite3.OperationalError):
        return ProjectError(f"{path}: the project file is damaged ({exc})")
    return ProjectError(f"{path}: cannot {doing} the project ({exc})")


def damaged(path: Path, exc: Exception) -> ProjectError:
    """A file that SQLite reads but whose bytes or rows are impossible (see :func:`sqlite_errors`)."""
    return ProjectError(f"{path}: the project file is damaged ({type(exc).__name__}: {exc})")


@contextlib.contextmanager
def sqlite_errors(path: Path, doing: str) -> Iterator[None]:
    """SQLite's errors, and whatever else a damaged file makes reading raise, as ProjectError."""
    try:
        yield
    except ProjectError:
        raise
    except sqlite3.Error as exc:
        raise project_error(path, doing, exc) from exc
    except Exception as exc:
        raise damaged(path, exc) from exc
