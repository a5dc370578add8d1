"""The session's observer interface as Qt signals, with coalescing for bulk changes.

The session calls its observers synchronously for every change; loading 1,000 files makes
1,000 "added" changes. :attr:`SessionAdapter.changed` relays each one at once, while
:attr:`SessionAdapter.settled` fires once per burst (on the next event-loop turn, or later
when redrawing is expensive: :attr:`delay_ms` is raised by whoever measures the redraw).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.session import Change, Session


class Follower(Protocol):
    def flush(self) -> None: ...

    def discard_pending(self) -> None:
        """Forget a pending ``settled``: the caller refreshes the views itself."""
        self._timer.stop()

    def pending(self) -> bool: ...


class SessionAdapter(QObject):
    #: every change, as the session reports it
    changed = Signal(object)
    #: once after a burst of article changes (added, removed, changed, reordered, cleared)
    settled = Signal()
    #: the problems list changed
    problemsChanged = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.delay_ms = 0
        #: what a ``settled`` starts and finishes on later event-loop turns (the window's
        #: :class:`~.view_refresh.ViewRefresh`): flush() and pending() include them
        self.followers: list[Follower] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.settled)
        self._session = session
        self._unsubscribe: Callable[[], None] | None = session.subscribe(self._on_change)
        self._problem_count = len(session.problems)

    @property
    def session(self) -> Session:
        return self._session

    def set_session(self, session: Session) -> None:
        """Follow another session (a project was opened); views get one ``settled``."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._session = session
        self._unsubscribe = session.subscribe(self._on_change)
        self._problem_count = len(session.problems)
        self.changed.emit(Change("cleared"))
        self.problemsChanged.emit()
        self._schedule()

    def flush(self) -> None:
        """Deliver a pending ``settled`` now, and finish the work it started in the
        :attr:`followers` (tests, before saving or exporting)."""
        if self._timer.isActive():
            self._timer.stop()
            self.settled.emit()
        for follower in self.followers:
            follower.flush()

    def discard_pending(self) -> None:
        """Forget a pending ``settled``: the caller refreshes the views itself."""
        self._timer.stop()

    def pending(self) -> bool:
        return self._timer.isActive() or any(f.pending() for f in self.followers)

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start(self.delay_ms)

    def _on_change(self, change: Change) -> None:
        self.changed.emit(change)
        if change.kind == "problems" or len(self._session.problems) != self._problem_count:
            self._problem_count = len(self._session.problems)
            self.problemsChanged.emit()
        if change.kind != "problems":
            self._schedule()
