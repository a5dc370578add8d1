"""Loading files off the GUI thread, in a reading process that can be stopped.

A worker in a ``QThread`` hands each file to a child process
(:class:`timeline_app.core.reading_process.Reader`, which runs
:func:`timeline_app.core.pipeline.process_file`) and sends every :class:`ArticleResult` to the
GUI thread (queued signal), where the window adds it to the session. Files dropped while a load
runs join the same job. Cancelling stops at once, in the middle of a file if need be: the child
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
        i = 0
        reader: Reader | None = None
        try:
            while True:
                with self._lock:
                    if self._cancelled or i >= len(self._paths):
                        self._closed = True
                        break
                    path, total = self._paths[i], len(self._paths)
                self.progress.emit(i, total, str(path))
                result, reader = self._read_one(path, reader)
                if result is None:  # cancelled in the middle of the file
                    break
                self.result.emit(result)
                i += 1
        except Exception as exc:  # noqa: BLE001 - the thread must end properly whatever happens
            self.result.emit(ArticleResult(source="", article=None, errors=(f"loading stopped: {exc!r}",)))
        finally:
            if reader is not None:
                reader.close()
            with self._lock:
                self._closed = True
                total = len(self._paths)
            self.progress.emit(i, total, "")
            self.done.emit(self._cancelled)

    def _read_one(self, path: Path, reader: Reader | None) -> tuple[ArticleResult | None, Reader | None]:
        """The file's result (None when cancelled), and the reader to go on with."""
        if reader is None or not reader.alive():
            reader = Reader(self.read)
            if not self._wait_ready(reader):
                return None, None
        try:
            reader.send(str(path))
        except OSError:  # the reader died as it started
            reader.kill()
            return reading_process.died(path, reader.exit_description()), None
        deadline = time.monotonic() + reading_process.deadline_s()
        while True:
            if self.cancelled():
                reader.kill()
                return None, None
            if reader.poll(POLL_S):
                try:
                    return reader.receive(), reader
                except (EOFError, OSError):
                    reader.kill()
                    return reading_process.died(path, reader.exit_description()), None
            if not reader.alive():
                reader.kill()
                return reading_process.died(path, reader.exit_description()), None
            if time.monotonic() > deadline:
                reader.kill()
                return reading_process.overtime(path, FILE_TIME_LIMIT_S), None

    def _wait_ready(self, reader: Reader) -> bool:
        """Wait for a new reader to start (not counted as the file's time); False when cancelled."""
        while not self.cancelled():
            if reader.poll(POLL_S):
                with contextlib.suppress(EOFError, OSError):  # died at once: the send reports it
                    reader.receive_ready()
                return True
            if not reader.alive():
                return True
        reader.kill()
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
