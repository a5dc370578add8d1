"""Loading files off the GUI thread.

A worker in a ``QThread`` calls :func:`timeline_app.core.pipeline.process_file` for each file
and sends every :class:`ArticleResult` to the GUI thread (queued signal), where the window
adds it to the session. Files dropped while a load runs join the same job. Cancelling stops
after the file being processed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from ..core import pipeline
from ..core.ingest.files import ARTICLE_SUFFIXES, articles_in
from ..core.project.store import EXTENSION

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

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
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

    @Slot()
    def run(self) -> None:
        i = 0
        while True:
            with self._lock:
                if self._cancelled or i >= len(self._paths):
                    self._closed = True
                    break
                path, total = self._paths[i], len(self._paths)
            self.progress.emit(i, total, str(path))
            self.result.emit(pipeline.process_file(path))
            i += 1
        with self._lock:
            total = len(self._paths)
        self.progress.emit(i, total, "")
        self.done.emit(self._cancelled)


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
        worker = _Worker(todo)
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
