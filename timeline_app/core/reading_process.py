"""Reading files in a child process that can be stopped: the GUI's loader uses it.

A thread cannot be stopped in the middle of a parse or a tagging loop; a process can. The
loader sends paths to :func:`serve` in a child process and gets back one ``ArticleResult`` per
path. Cancelling, a file that runs past its time (the child's own ``SIGALRM`` limit, or the
parent's deadline a little later) or a file that kills the child (out of memory, a crash in a C
library) then costs only that file: the parent kills or loses the child, reports the file, and
starts a new child for the rest.

The child has a memory limit (``RLIMIT_AS``, where the platform has it): a file that would need
more makes Python raise ``MemoryError`` there, which is that file's error line.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
from collections.abc import Callable
from pathlib import Path

from . import pipeline
from .model import ArticleResult
from .time_limit import FILE_TIME_LIMIT_S

MEMORY_LIMIT = 4 * 1024**3  # address space of a reading process: a few articles need ~100 MB
GRACE_S = 10.0  # the parent's deadline comes this long after the child's own time limit

Read = Callable[[str], ArticleResult]
READY = "ready"


def read_path(path: str) -> ArticleResult:
    return pipeline.process_file(path)


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows
        return
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def serve(conn: multiprocessing.connection.Connection, read: Read, memory_limit: int | None) -> None:
    """The child's loop: a path in, its result out, until ``None`` or the pipe closes."""
    if memory_limit:
        _limit_memory(memory_limit)
    conn.send(READY)  # the parent's clock for the first file starts now, not at the fork
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        try:
            result = read(path)
        except MemoryError:
            result = ArticleResult(source=path, article=None, errors=(
                (f"{path}: left out: reading it needs more than {memory_limit or 0:,} bytes of memory, "
                f"the limit for one file"),))
        except BaseException as exc:  # noqa: BLE001 - the file's error, and the child lives on
            result = ArticleResult(source=path, article=None, errors=(f"{path}: cannot read this file ({exc!r})",))
        try:
            conn.send(result)
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled
            conn.send(ArticleResult(source=path, article=None, errors=(f"{path}: cannot pass on its result ({exc})",)))


def context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (a fresh, Qt-free process forks the readers), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["timeline_app.core.reading_process"])  # readers start warm
        return ctx
    return multiprocessing.get_context("spawn")


def warm_up() -> None:
    """Start the fork server now, in a thread of its own (the window does when it opens): the first
    file of the first load then waits for no Python start-up and imports (~0.5 s, more on a busy
    machine)."""
    import threading

    def start() -> None:
        if context().get_start_method() == "forkserver":
            from multiprocessing import forkserver

            with contextlib.suppress(Exception):  # the first Reader starts it then
                forkserver.ensure_running()

    threading.Thread(target=start, name="reader-warm-up", daemon=True).start()


class Reader:
    """One child process reading one file at a time."""

    def __init__(self, read: Read = read_path, memory_limit: int | None = MEMORY_LIMIT) -> None:
        ctx = context()
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=serve, args=(child, read, memory_limit), daemon=True,
                                    name="timeline-reader")
        self._process.start()
        child.close()

    def send(self, path: str) -> None:
        self._conn.send(path)

    def poll(self, timeout: float) -> bool:
        try:
            return self._conn.poll(timeout)
        except (EOFError, OSError):
            return True  # recv() will tell

    def receive_ready(self) -> None:
        """The child's first message; raises EOFError/OSError when it died instead."""
        if self._conn.recv() != READY:
            raise EOFError("the reading process did not start")

    def receive(self) -> ArticleResult:
        """The result; raises EOFError/OSError when the child died instead."""
        result = self._conn.recv()
        if not isinstance(result, ArticleResult):  # a child that lost its way: treated as dead
            raise EOFError("the reading process sent something else")  # noqa: TRY004
        return result

    def alive(self) -> bool:
        return self._process.is_alive()

    def exit_description(self) -> str:
        code = self._process.exitcode
        if code is not None and code < 0:
            import signal

            with contextlib.suppress(ValueError):
                return f"stopped by {signal.Signals(-code).name}"
        return f"exited with status {code}"

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self._process.kill()
        self._process.join(5)
        self._conn.close()

    def close(self) -> None:
        """Ask the child to end; kill it if it does not within a second."""
        with contextlib.suppress(Exception):
            self._conn.send(None)
        self._process.join(1)
        if self._process.is_alive():
            self.kill()
        else:
            self._conn.close()


def deadline_s() -> float:
    return FILE_TIME_LIMIT_S + GRACE_S


def died(path: Path | str, how: str) -> ArticleResult:
    return ArticleResult(source=str(path), article=None,
                         errors=(f"{path}: left out: reading it made the reading process stop ({how})",))


def overtime(path: Path | str, seconds: float) -> ArticleResult:
    return ArticleResult(source=str(path), article=None,
                         errors=(f"{path}: left out: it took longer than {seconds:g} s, the limit for one file",))
