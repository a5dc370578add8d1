"""Loading files off the GUI thread, in a reading process that can be stopped.

A worker in a ``QThread`` hands each file to a child process
(:class:`timeline_app.core.reading_process.Reader`, which runs
:func:`timeline_app.core.pipeline.process_file`) and sends every :class:`ArticleResult` to the
GUI thread (queued signal), where the window adds it to the session. A few paths are sent ahead
(:data:`AHEAD`), so the child goes from one file to the next without waiting for the thread;
results come back in the order given. Files dropped while a load runs join the same job. Cancelling stops at once, in the middle of a file if need be: the child
is killed. A file that the child cannot finish in time, or that kills it, is that file's error
and a new child reads the rest; nothing a file does can stop the thread or the window.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from ..core import reading_process
from ..core.ingest.files import ARTICLE_SUFFIXES, articles_in
from ..core.model import ArticleResult
from ..core.project.store import EXTENSION
from ..core.reading_process import Reader
from ..core.time_limit import FILE_TIME_LIMIT_S

POLL_S = 0.05  # how often the loading thread looks at Cancel while a file is read
# Paths sent to the child ahead of the one it reads, so it never waits for the parent between
# files (one at a time, the round trip cost as much as reading a short article).
AHEAD = 4
SUPPORTED_EXTENSIONS = ARTICLE_SUFFIXES
PROJECT_EXTENSION = EXTENSION


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path], list[str]]:
    """Split what the user gave into article files, project files and problems.

    Folders are searched with :func:`~timeline_app.core.ingest.files.articles_in`, the walker the
    CLI uses too; a file named explicitly is always tried, whatever its extension, so the pipeline
    can say what is wrong with it.
    """
    files: list[Path] = []
    projects: list[Path] = []
    problems: list[str] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = articles_in(path)
            if not found:
                problems.append(f"{path}: no articles in this folder "
                                f"({', '.join(sorted(SUPPORTED_EXTENSIONS))})")
            for f in found:
                add(f)
        elif path.suffix.lower() == PROJECT_EXTENSION:
            projects.append(path)
        elif path.exists():
            add(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, projects, problems


class _Worker(QObject):
    result = Signal(object)
    progress = Signal(int, int, str)
    done = Signal(bool)

    def __init__(self, paths: list[Path], read: reading_process.Read = reading_process.read_path) -> None:
        super().__init__()
        self.read = read
        self._paths = list(paths)
        self._lock = threading.Lock()
        self._cancelled = False
        self._closed = False  # set once run() has taken its last file
        self._reader: Reader | None = None

    def add(self, paths: list[Path]) -> bool:
        """Append files to the running job; False when it has already finished."""
        with self._lock:
            if self._closed or self._cancelled:
                return False
            self._paths.extend(paths)
            return True

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True

    def cancelled(self) -> bool:
        with self._lock:
            return self._cancelled

    @Slot()
    def run(self) -> None:
        done = 0
        try:
            done = self._run()
        except Exception as exc:  # noqa: BLE001 - the thread must end properly whatever happens
            self.result.emit(ArticleResult(source="", article=None, errors=(f"loading stopped: {exc!r}",)))
        finally:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
            with self._lock:
                self._closed = True
                total = len(self._paths)
            self.progress.emit(done, total, "")
            self.done.emit(self._cancelled)

    def _run(self) -> int:
        """Read every path, :data:`AHEAD` of them sent to the child at a time; the count done.

        The child reads its paths in order, so the oldest one sent is the one being read: its
        clock starts when the result before it arrives, and when the child dies or runs out of
        time that file is the one to blame. The paths sent after it go to the next child.
        """
        done = 0  # results emitted: the file being read is self._paths[done]
        sent = 0  # paths sent to the current child
        head_since = 0.0  # when the file being read became the oldest one sent
        while True:
            with self._lock:
                if self._cancelled or done >= len(self._paths):
                    self._closed = True
                    return done
                total = len(self._paths)
                todo = self._paths[sent:min(total, done + AHEAD)]
            if self._reader is None or not self._reader.alive():
                if self._reader is not None:
                    self._reader.kill()
                self._reader = Reader(self.read)
                sent = done
                if not self._wait_ready(self._reader):
                    return done
                todo = self._paths[done:min(total, done + AHEAD)]
            if sent == done:
                head_since = time.monotonic()
                self.progress.emit(done, total, str(self._paths[done]))
            for path in todo:
                try:
                    self._reader.send(str(path))
                except OSError:  # the reader died: the file being read is blamed below
                    break
                sent += 1
            result = self._next_result(self._paths[done], head_since)
            if result is None:  # cancelled in the middle of a file
                return done
            self.result.emit(result)
            done += 1
            if self._reader is None:  # that file ended the child: the rest go to a new one
                sent = done
            elif sent > done:  # the next file sent is being read now
                head_since = time.monotonic()
                self.progress.emit(done, total, str(self._paths[done]))

    def _next_result(self, path: Path, since: float) -> ArticleResult | None:
        """The result of ``path``, the oldest file sent (None when cancelled); a child that
        dies or runs out of time is killed and ``self._reader`` set to None."""
        reader = self._reader
        assert reader is not None
        deadline = since + reading_process.deadline_s()
        while True:
            if self.cancelled():
                self._drop_reader()
                return None
            if reader.poll(POLL_S):
                try:
                    return reader.receive()
                except (EOFError, OSError):
                    self._drop_reader()
                    return reading_process.died(path, reader.exit_description())
            if not reader.alive():
                self._drop_reader()
                return reading_process.died(path, reader.exit_description())
            if time.monotonic() > deadline:
                self._drop_reader()
                return reading_process.overtime(path, FILE_TIME_LIMIT_S)

    def _drop_reader(self) -> None:
        if self._reader is not None:
            self._reader.kill()
            self._reader = None

    def _wait_ready(self, reader: Reader) -> bool:
        """Wait for a new reader to start (not counted as the file's time); False when cancelled."""
        while not self.cancelled():
            if reader.poll(POLL_S):
                with contextlib.suppress(EOFError, OSError):  # died at once: the send reports it
                    reader.receive_ready()
                return True
            if not reader.alive():
                return True
        self._drop_reader()
        return False


class Loader(QObject):
    """Runs one loading job at a time; :meth:`load` while busy adds to the running job."""

    #: an ArticleResult, delivered in the GUI thread
    resultReady = Signal(object)
    #: (files done, files in the job, file being read)
    progress = Signal(int, int, str)
    started = Signal()
    #: True when the job was cancelled
    finished = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._pending: list[Path] = []
        #: what the reading process runs for each path (a module-level function: it is pickled)
        self.read: reading_process.Read = reading_process.read_path
        reading_process.warm_up()

    def is_busy(self) -> bool:
        return self._thread is not None

    def load(self, paths: Iterable[Path]) -> None:
        todo = list(paths)
        if not todo:
            return
        if self._worker is not None and self._worker.add(todo):
            return
        if self._worker is not None:  # the job is ending: start the next when it has
            self._pending.extend(todo)
            return
        thread = QThread(self)
        worker = _Worker(todo, self.read)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.result.connect(self.resultReady)
        worker.progress.connect(self.progress)
        worker.done.connect(self._done)
        # Direct: the thread's event loop must end even while the GUI thread waits for it.
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread, self._worker = thread, worker
        self.started.emit()
        thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the job ends (tests, quitting)."""
        thread = self._thread
        return thread.wait(msecs) if thread is not None else True

    @Slot(bool)
    def _done(self, cancelled: bool) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.wait()
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
        pending, self._pending = self._pending, []
        if pending and not cancelled:
            self.load(pending)
            return
        self.finished.emit(cancelled)
