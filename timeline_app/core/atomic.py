"""Writing an output file so that it is either the old file or the whole new one, never half.

Every output (``extract -o``, image and data exports) is written to ``.NAME.<pid>-<random>.part``
in the target's folder, flushed to disk, and renamed over the target only when complete
(``os.replace`` is atomic within a folder); the folder is then synced so the rename itself
survives. A full disk, a missing folder or a target that is a folder is one
:class:`OutputError` naming the file, and the old file is left as it was. A process killed while
writing leaves its temporary file; the next write to the same target removes those whose process
is gone (the pid in the name tells).

Not guaranteed: a power cut on a file system that reorders metadata and data writes without
barriers, and network file systems whose rename is not atomic.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path


class OutputError(Exception):
    """An output that could not be written; the message names the file and the reason."""


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's, or we cannot tell: leave it
    return True


def remove_stale_temps(path: Path) -> None:
    """Remove temporary files of ``path`` left by writers that were killed."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)-[0-9a-f]+\.part")
    with contextlib.suppress(OSError):
        for candidate in path.parent.iterdir():
            found = pattern.fullmatch(candidate.name)
            if found and not _alive(int(found.group(1))):
                with contextlib.suppress(OSError):
                    candidate.unlink()


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: cannot write: the folder {path.parent} does not exist")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed onto ``path`` if the block succeeds.

    Writers that need a file name (Qt's image writers) write to the yielded path; an exception
    in the block, or a write that leaves no file, keeps the old target and removes the temporary.
    """
    path = Path(os.path.abspath(os.fspath(path)))
    _check_target(path)
    remove_stale_temps(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
    try:
        # O_EXCL: never someone else's file; 0o666 lets the umask decide, as for any new file.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {path.parent} ({_why(exc)})") from exc
    try:
        yield tmp
        if not tmp.is_file():
            raise OutputError(f"{path}: cannot write (nothing was written)")
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # keep the permissions of the file being replaced
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({_why(exc)}); "
                          f"{'the old file is unchanged' if path.exists() else 'nothing was written'}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Text as ``encoding``; a character it cannot hold (a lone surrogate) is written escaped."""
    write_bytes(path, text.encode(encoding, errors="backslashreplace"))
