"""One writer per project: an exclusive lock on a sidecar file held while the project is open.

``report.timeline`` is guarded by ``.report.timeline.lock`` in the same folder, which holds who
has it open (pid, host, user, since) so the second opener can be told. The lock itself is the
operating system's:

- POSIX: ``fcntl.flock(LOCK_EX | LOCK_NB)``. flock locks belong to an open file description, so
  two windows of the *same* process conflict too (POSIX ``fcntl`` record locks would not), and the
  kernel drops the lock when the process dies, even by SIGKILL: no stale locks after a crash.
- Windows: ``msvcrt.locking`` on one byte far past the owner text (Windows byte locks are
  mandatory, so locking the text itself would hide it from the second opener); also released
  by the OS when the process dies.
- Elsewhere (no fcntl/msvcrt): the file is created with ``O_CREAT | O_EXCL``; a lock whose owner
  is on this host and no longer running is taken over. Less robust (a crash on another host
  leaves the lock until someone deletes it) but never lets two writers in on one machine.

Releasing unlinks the sidecar *while still holding the lock*; an opener that raced with the
unlink notices that the file it locked is no longer the one at the path, and retries.

Network file systems: flock works on NFS (Linux emulates it with byte-range locks) and SMB; a
file system that refuses locks makes :meth:`ProjectLock.acquire` raise :class:`ProjectError`
and the app offers to open the project read-only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from .schema import ProjectError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt  # type: ignore[import-not-found]
except ImportError:
    msvcrt = None  # type: ignore[assignment]

_WINDOWS_LOCK_OFFSET = 1 << 20  # the locked byte, beyond any owner text
# Paths this process holds: a second window of the same process is refused even where the OS
# lock could not tell two handles of one process apart.
_held: set[str] = set()
_held_guard = threading.Lock()


@dataclass(frozen=True, slots=True)
class LockOwner:
    pid: int | None = None
    host: str | None = None
    user: str | None = None
    since: str | None = None

    def describe(self) -> str:
        if self.pid is None:
            return "another window or program"
        here = self.host == socket.gethostname()
        who = "this program" if here and self.pid == os.getpid() else f"process {self.pid}"
        where = "" if here else f" on {self.host}"
        user = f" (user {self.user})" if self.user else ""
        since = f", since {self.since}" if self.since else ""
        return f"{who}{where}{user}{since}"


class ProjectLockedError(ProjectError):
    """The project is open for writing elsewhere: open it read-only, or not at all."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        self.path, self.owner = path, owner
        super().__init__(f"{path}: the project is already open in {owner.describe()}. "
                         "It can be opened read-only.")


def lock_path(project: Path) -> Path:
    """The sidecar beside the real file: two symlinks to one project share one lock."""
    real = Path(os.path.realpath(project))
    return real.with_name(f".{real.name}.lock")


def _key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


class ProjectLock:
    """An acquired lock; :meth:`release` (or process death) lets the next opener in."""

    def __init__(self, project: Path, fd: int, sidecar: Path) -> None:
        self.project, self._fd, self.sidecar = project, fd, sidecar

    @classmethod
    def acquire(cls, project: Path | str) -> ProjectLock:
        """Lock ``project`` for this process or raise :class:`ProjectLockedError`.

        Raises :class:`ProjectError` when the folder does not allow a lock file (read-only
        medium, permissions): the project can then only be opened read-only.
        """
        project = Path(project)
        sidecar = lock_path(project)
        key = _key(project)
        with _held_guard:
            if key in _held:
                raise ProjectLockedError(project, read_owner(sidecar))
            _held.add(key)
        try:
            fd = _lock_sidecar(project, sidecar)
        except BaseException:
            with _held_guard:
                _held.discard(key)
            raise
        lock = cls(project, fd, sidecar)
        lock._write_owner()
        return lock

    @property
    def held(self) -> bool:
        return self._fd >= 0

    def _write_owner(self) -> None:
        owner = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(),
                 "since": dt.datetime.now().isoformat(timespec="seconds")}
        data = json.dumps(owner).encode()
        # The owner text only tells a second opener who has the project; the lock is the OS's.
        # On a full disk it cannot be written, and the lock holds all the same.
        with contextlib.suppress(OSError):
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, data)
            os.ftruncate(self._fd, len(data))

    def release(self) -> None:
        if self._fd < 0:
            return
        with contextlib.suppress(OSError):
            # Unlink first, still locked: whoever opened the old file will see it is gone.
            if _same_file(self._fd, self.sidecar):
                self.sidecar.unlink()
        with contextlib.suppress(OSError):
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            elif msvcrt is not None:  # pragma: no cover - Windows
                os.lseek(self._fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
        os.close(self._fd)
        self._fd = -1
        with _held_guard:
            _held.discard(_key(self.project))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        if getattr(self, "_fd", -1) >= 0:
            self.release()


def held_here(project: Path | str) -> bool:
    """Whether this process holds the project's lock (through any :class:`ProjectLock`)."""
    with _held_guard:
        return _key(Path(project)) in _held


def is_locked(project: Path | str) -> bool:
    """Whether someone (this process included) holds the project's lock right now."""
    try:
        ProjectLock.acquire(project).release()
    except ProjectLockedError:
        return True
    except ProjectError:
        return False
    return False


def read_owner(sidecar: Path) -> LockOwner:
    try:
        data = json.loads(sidecar.read_bytes().decode("utf-8", "replace") or "{}")
    except (OSError, ValueError):
        return LockOwner()
    if not isinstance(data, dict):
        return LockOwner()
    pid = data.get("pid")
    return LockOwner(pid=pid if isinstance(pid, int) else None, host=_str(data.get("host")),
                     user=_str(data.get("user")), since=_str(data.get("since")))


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some containers; it is only for the message
        return None


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _lock_sidecar(project: Path, sidecar: Path) -> int:
    if fcntl is None and msvcrt is None:  # pragma: no cover - exotic platforms
        return _lock_exclusive_create(project, sidecar)
    for _ in range(100):
        try:
            fd = os.open(sidecar, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ProjectError(f"{project}: cannot create the lock file {sidecar.name} "
                               f"({exc.strerror or exc}); the project can only be opened read-only") from None
        try:
            _os_lock(fd)
        except BlockingIOError:
            os.close(fd)
            raise ProjectLockedError(project, read_owner(sidecar)) from None
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EACCES, errno.EAGAIN):  # Windows reports a held lock so
                raise ProjectLockedError(project, read_owner(sidecar)) from None
            raise ProjectError(f"{project}: the file system refuses locks ({exc.strerror or exc}); "
                               "the project can only be opened read-only") from None
        if _same_file(fd, sidecar):
            return fd
        # The previous holder unlinked the file between our open and lock: try the new one.
        os.close(fd)
    raise ProjectError(f"{project}: cannot lock the project (the lock file keeps changing)")


def _os_lock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)


def _lock_exclusive_create(project: Path, sidecar: Path) -> int:  # pragma: no cover - exotic platforms
    for _ in range(2):
        try:
            return os.open(sidecar, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            owner = read_owner(sidecar)
            if owner.host == socket.gethostname() and owner.pid is not None and not _alive(owner.pid):
                with contextlib.suppress(OSError):
                    sidecar.unlink()  # a crashed process's lock on this machine
                continue
            raise ProjectLockedError(project, owner) from None
        except OSError as exc:
            raise ProjectError(f"{project}: cannot create the lock file {sidecar.name} "
                               f"({exc.strerror or exc}); the project can only be opened read-only") from None
    raise ProjectLockedError(project, read_owner(sidecar))


def _alive(pid: int) -> bool:  # pragma: no cover - exotic platforms
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
