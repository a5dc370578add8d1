"""Undo and redo of corrections: each command applies or reverts one session Correction.

A correction is validated by applying it before it is pushed, so an invalid value raises
``ValueError`` to the caller (who shows why) and never reaches the undo stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from ...core.session import Correction, CorrectionKind, Session

_DESCRIPTIONS = {
    CorrectionKind.DCT: "Set DCT to {value}",
    CorrectionKind.MODE: "Read as {value}",
    CorrectionKind.VALUE: "Set “{text}” to {value}",
    CorrectionKind.ADD_EVENT: "Add event “{text}”",
    CorrectionKind.DELETE_EVENT: "Delete event “{text}”",
    CorrectionKind.LABEL: "Label “{text}” as “{label}”",
}


def describe(correction: Correction) -> str:
    text = (correction.text or "").strip()
    if len(text) > 30:
        text = text[:29] + "…"
    return _DESCRIPTIONS[correction.kind].format(value=correction.value, text=text, label=correction.label)


class CorrectionCommand(QUndoCommand):
    """``redo`` = Session.apply(correction); ``undo`` = Session.revert(correction)."""

    def __init__(self, session: Session, correction: Correction, *, applied: bool = False) -> None:
        super().__init__(describe(correction))
        self.session = session
        self.correction = correction
        self._skip_redo = applied  # the first redo happens on push: already applied

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.session.apply(self.correction)

    def undo(self) -> None:
        self.session.revert(self.correction)


def push_correction(stack: QUndoStack, session: Session, correction: Correction) -> None:
    """Apply ``correction`` (ValueError when invalid) and record it for undo."""
    session.apply(correction)
    stack.push(CorrectionCommand(session, correction, applied=True))
