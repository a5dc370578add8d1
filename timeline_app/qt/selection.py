"""What the user has selected, shared by every view.

A selection names an article (its session key) and optionally one event or one time
expression of it. Ids are the analysis ids (``e3``, ``t7``, ``u1``), which a re-derivation
may renumber (a new DCT can turn an unresolved "Tuesday" into an event before the others), so
the model also remembers the text span of what was selected: after a correction,
:meth:`SelectionModel.revalidate` follows the span to the new id, or narrows the selection to
the article when the thing is gone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..core.lanes import STORY_LANE
from ..core.model import Event, TimeExpression
from ..core.session import Entry, Session
from .timeline.story_merging import known_stories


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
        self._span: tuple[int, int] | None = None

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
        self._span = self._span_of(selection)
        self.changed.emit(selection, source)

    def resolved(self) -> tuple[Entry, Event | None, TimeExpression | None] | None:
        return self._current.resolve(self._session) if self._current else None

    def _span_of(self, selection: Selection | None) -> tuple[int, int] | None:
        resolved = selection.resolve(self._session) if selection else None
        if resolved is None or selection is None:
            return None
        _, event, timex = resolved
        if selection.event is not None and event is not None:
            return (event.start, event.end)
        if timex is not None:
            return (timex.start, timex.end)
        return None

    def revalidate(self) -> None:
        """After the session changed: follow the selected span to its (possibly new) id."""
        sel = self._current
        if sel is None:
            return
        if sel.key == STORY_LANE:  # a story event: kept while a story of that id is shared
            if not any(s.id == sel.event and s.sources > 1 for s in known_stories(self._session)):
                self.set(None, "session")
            return
        try:
            entry = self._session.entry(sel.key)
        except KeyError:
            self.set(None, "session")
            return
        span = self._span
        if span is None or sel.event is None and sel.timex is None:
            return  # an article selection: still valid
        if sel.event is not None:
            match = next((e.id for e in entry.analysis.events if (e.start, e.end) == span), None)
            replacement = Selection(sel.key, event=match) if match else None
        else:
            match = next((t.id for t in entry.analysis.timexes if (t.start, t.end) == span), None)
            replacement = Selection(sel.key, timex=match) if match else None
        if replacement is None:
            self.set(Selection(sel.key), "session")
        elif replacement != sel:
            self.set(replacement, "session")
        # Unchanged: the views re-read it when they refresh; no signal, so nothing scrolls.
