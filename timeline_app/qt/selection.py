"""What the user has selected, shared by every view.

A selection names an article (its session key) and optionally one event or one time
expression of it. Ids are the analysis ids (``e3``, ``t7``, ``u1``); after a correction
re-derives an article, :meth:`SelectionModel.revalidate` drops what no longer exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..core.model import Event, TimeExpression
from ..core.session import Entry, Session


@dataclass(frozen=True, slots=True)
class Selection:
    key: str
    event: str | None = None
    timex: str | None = None

    def resolve(self, session: Session) -> tuple[Entry, Event | None, TimeExpression | None] | None:
        """The entry, event and expression this selection names, or None when gone.

        For an event the expression is the one anchoring it; for a lone expression the event
        is the one it anchors, when there is one.
        """
        try:
            entry = session.entry(self.key)
        except KeyError:
            return None
        by_id = entry.timex_by_id
        event = timex = None
        if self.event is not None:
            event = next((e for e in entry.analysis.events if e.id == self.event), None)
            if event is None:
                return None
            timex = by_id.get(event.timex) if event.timex else None
        elif self.timex is not None:
            timex = by_id.get(self.timex)
            if timex is None:
                return None
            event = next((e for e in entry.analysis.events if e.timex == timex.id), None)
        return entry, event, timex


class SelectionModel(QObject):
    """The current selection; ``changed(selection_or_None, source)`` tells who set it."""

    changed = Signal(object, str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._current: Selection | None = None

    @property
    def current(self) -> Selection | None:
        return self._current

    def set_session(self, session: Session) -> None:
        self._session = session
        self.set(None, "session")

    def set(self, selection: Selection | None, source: str = "") -> None:
        if selection == self._current:
            return
        self._current = selection
        self.changed.emit(selection, source)

    def resolved(self) -> tuple[Entry, Event | None, TimeExpression | None] | None:
        return self._current.resolve(self._session) if self._current else None

    def revalidate(self) -> None:
        """After the session changed: keep the selection if it still exists, else narrow it."""
        sel = self._current
        if sel is None:
            return
        if sel.resolve(self._session) is not None:
            self.changed.emit(sel, "session")  # the same ids may now mean new values
            return
        try:
            self._session.entry(sel.key)
        except KeyError:
            self.set(None, "session")
            return
        self.set(Selection(sel.key), "session")
