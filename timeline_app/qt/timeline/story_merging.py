"""Story merging off the GUI thread: the view draws the stories merged last while a worker merges
the articles as they are now, and redraws when it is done.

Merging 1,000 articles takes about a second, 100,000 events several: on the GUI thread that
froze the window. A session of a few hundred events is still merged at once, in the GUI thread
(a few tens of milliseconds), so the story lane is there as soon as the articles are. One
merge runs at a time, and it starts once the articles have stopped changing for
:data:`QUIET_MS`: articles added one after another (a script, a project's articles) would
otherwise have the worker merge every state on the way, taking the core the window needs.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.session import Session
from ...core.stories import Story, StoryJob
from ..app import hold_collection

log = logging.getLogger(__name__)

#: Up to this many events the stories are merged at once in the GUI thread (well under 100 ms).
SYNC_EVENTS = 400
#: A merge starts when the articles have not changed for this long (milliseconds).
QUIET_MS = 300

_preloading: threading.Thread | None = None


def preload() -> None:
    """Import what merging needs (scikit-learn and scipy: a second or more on a busy machine) in a
    background thread, once, so the first merge does not import it in the GUI thread; the window
    calls this when files start loading."""
    global _preloading
    if _preloading is None:
        _preloading = threading.Thread(target=_import_libraries, name="story-preload", daemon=True)
        _preloading.start()


def _import_libraries() -> None:
    from ...core.stories.similarity import vectors

    vectors(["an earthquake struck the town", "the town was struck"])


def _at_once(session: Session) -> bool:
    """Merge in the GUI thread: a small session, unless the libraries are still being imported
    (the GUI thread would wait for the import)."""
    if _preloading is not None and _preloading.is_alive():
        return False
    return sum(len(e.analysis.events) for e in session.entries) <= SYNC_EVENTS


def known_stories(session: Session) -> list[Story]:
    """The stories to show now: merged at once when the session is small, else those merged last."""
    return session.stories() if _at_once(session) else session.latest_stories()


class StoryMerging(QObject):
    """Keeps one session's stories merged in a worker thread; ``merged`` fires in the GUI thread."""

    merged = Signal()
    _done = Signal(object, object)  # job, stories: emitted by the worker, received in the GUI thread

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._thread: threading.Thread | None = None
        self._holding = False  # the GUI-thread collector is paused while a merge runs
        self._done.connect(self._finished)
        # While files load, no merge starts: each would be out of date a moment later, and they
        # took the core the reading process and the window need (the window merges at the end).
        self.paused = False
        self._seen: tuple[object, ...] | None = None  # the articles as the last look found them
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._settled)

    def stories(self) -> list[Story]:
        """The stories to draw now; starts a merge in the worker when they are out of date."""
        if self.paused:
            return self.session.latest_stories()
        if _at_once(self.session):
            return self.session.stories()
        if not self.busy():
            job = self.session.story_job()
            if job is not None and job.signature != self._seen:
                self._seen = job.signature  # changed since the last look: wait until they settle
                self._quiet.start()
            elif job is not None and not self._quiet.isActive():
                self._start(job)
        return self.session.latest_stories()

    def pending(self) -> bool:
        """A merge is running or waits for the articles to settle."""
        return self.busy() or self._quiet.isActive()

    def _settled(self) -> None:
        if self.paused or self.busy():
            return
        job = self.session.story_job()
        if job is None:
            return
        if job.signature != self._seen:  # changed without a redraw asking: wait again
            self._seen = job.signature
            self._quiet.start()
            return
        self._start(job)

    def release(self) -> None:
        """Let the collector run again (when done, or when the view drops this helper)."""
        if self._holding:
            self._holding = False
            hold_collection(False)

    def busy(self) -> bool:
        """A merge is running, or its result has not reached the GUI thread yet."""
        return self._thread is not None

    def wait(self, timeout: float | None = None) -> None:
        """Block until the running merge is done (tests, closing); its result still arrives queued."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _start(self, job: StoryJob) -> None:
        def work() -> None:
            try:
                stories = job.run()
            except Exception:  # a bug in merging must not retry forever: no stories this time
                log.exception("merging stories failed")
                stories = []
            try:
                self._done.emit(job, stories)
            except RuntimeError:  # the view was closed meanwhile: nobody waits for them
                pass

        if not self._holding:
            hold_collection(True)
            self._holding = True
        self._thread = threading.Thread(target=work, name="story-merge", daemon=True)
        self._thread.start()

    def _finished(self, job: StoryJob, stories: list[Story]) -> None:
        self._thread = None
        self.session.finish_stories(job, stories)
        self.release()
        self.merged.emit()  # the view redraws, which starts the next merge if the articles changed
