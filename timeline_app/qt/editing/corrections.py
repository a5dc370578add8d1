"""Edit menu actions that correct the session: set DCT, edit value, edit label, add event, delete event.

Each builds a :class:`Correction`, applies it through the undo stack (so Ctrl+Z reverts it
with ``Session.revert``) and reports a refused value in a message box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from ...core.session import Correction, CorrectionKind, Session
from ...core.values import is_valid, parse_value
from ..panes.article import ArticleView
from ..selection import Selection, SelectionModel
from .dialogs import DctDialog, ValueDialog
from .undo import push_correction


class Corrections:
    """The logic behind Edit › Set DCT…, Edit value…, Add event…, Delete event."""

    def __init__(self, parent: QWidget, session: Callable[[], Session], selection: SelectionModel,
                 article_view: ArticleView, undo_stack: QUndoStack) -> None:
        self._parent = parent
        self._session = session
        self._selection = selection
        self._article = article_view
        self._stack = undo_stack

    # -- what is possible now ----------------------------------------------------------
    def current_key(self) -> str | None:
        sel = self._selection.current
        return sel.key if sel is not None else self._article.current_key

    def can_edit_value(self) -> bool:
        resolved = self._selection.resolved()
        return resolved is not None and resolved[2] is not None

    def can_delete(self) -> bool:
        resolved = self._selection.resolved()
        return resolved is not None and resolved[1] is not None

    # -- doing it ----------------------------------------------------------------------
    def check(self, correction: Correction) -> None:
        """Refuse a value that is not valid TIMEX3 for the expression's own type.

        (The session accepts any type's syntax: "2016-13-45" reads as a SET pattern.)
        """
        if correction.kind is not CorrectionKind.VALUE or not correction.value:
            return
        entry = self._session().entry(correction.article)
        timex = next((t for t in entry.analysis.timexes
                      if (t.start, t.end) == (correction.start, correction.end)), None)
        if timex is not None and not is_valid(correction.value, timex.type):
            raise ValueError(f"{correction.value!r} is not a valid TIMEX3 {timex.type} value")

    def apply(self, correction: Correction) -> bool:
        try:
            self.check(correction)
            push_correction(self._stack, self._session(), correction)
        except (ValueError, KeyError) as exc:
            QMessageBox.warning(self._parent, "Correction refused", str(exc))
            return False
        return True

    def set_dct(self) -> bool:
        key = self.current_key()
        if key is None:
            return False
        entry = self._session().entry(key)
        dialog = DctDialog(entry.article.title or key, entry.article.dct.value if entry.article.dct else None,
                           self._parent)
        if not dialog.exec():
            return False
        return self.apply(Correction(CorrectionKind.DCT, key, value=dialog.value()))

    def ask_mode(self, title: str, current: str, reason: str) -> str | None:
        """The mode the user picks, or None when cancelled (tests replace this)."""
        choices = ["news", "narrative"]
        item, ok = QInputDialog.getItem(
            self._parent, "Document mode",
            f"Read “{title[:80]}” as\n(now {current}: {reason})\n\nnews: the DCT is the present of the text;\n"
            "narrative: no present, dates follow the story's own time.",
            choices, choices.index(current) if current in choices else 0, False)
        return item if ok else None

    def set_mode(self) -> bool:
        """Edit › Document mode…: read the article as news or as a narrative (undoable)."""
        key = self.current_key()
        if key is None:
            return False
        entry = self._session().entry(key)
        mode = entry.analysis.mode
        current = str(mode.value) if mode is not None else "news"
        chosen = self.ask_mode(entry.article.title or key, current, mode.reason if mode is not None else "")
        if chosen is None or chosen == current and mode is not None and mode.by_user:
            return False
        return self.apply(Correction(CorrectionKind.MODE, key, value=chosen))

    def edit_value(self) -> bool:
        resolved = self._selection.resolved()
        if resolved is None or resolved[2] is None:
            return False
        entry, _event, timex = resolved
        dialog = ValueDialog("Edit value", timex.text, timex.value, timex.type, self._parent)
        if not dialog.exec():
            return False
        return self.apply(Correction(CorrectionKind.VALUE, entry.key, value=dialog.value(),
                                     start=timex.start, end=timex.end, text=timex.text))

    def add_event(self) -> bool:
        span = self._article.selected_span()
        if span is None:
            QMessageBox.information(self._parent, "Add event",
                                    "Select the words of the event (or its date) in the article first.")
            return False
        key, start, end = span
        entry = self._session().entry(key)
        text = entry.article.text[start:end]
        # Suggest the value of an expression inside the selection, else the DCT's day.
        inside = next((t for t in entry.analysis.timexes
                       if t.start < end and start < t.end and t.value and parse_value(t.value)), None)
        suggestion = inside.value if inside else (entry.article.dct.value[:10] if entry.article.dct else "")
        dialog = ValueDialog("Add event", text[:80], suggestion, None, self._parent, placeable=True,
                             label=" ".join(text.split())[:90])
        if not dialog.exec():
            return False
        if not self.apply(Correction(CorrectionKind.ADD_EVENT, key, value=dialog.value(), start=start, end=end,
                                     text=text, label=dialog.label())):
            return False
        # The new event is selected (and so shown on the timeline and in the table).
        added = next((e for e in self._session().entry(key).analysis.events
                      if e.user_added and (e.start, e.end) == (start, end)), None)
        if added is not None:
            self._selection.set(Selection(key, event=added.id), "corrections")
        return True

    def ask_label(self, current: str, sentence: str) -> str | None:
        """The user's new label, or None when cancelled (tests replace this)."""
        text, ok = QInputDialog.getText(self._parent, "Edit label", f"Label for “{sentence[:120]}”",
                                        QLineEdit.EchoMode.Normal, current)
        return text if ok else None

    def edit_label(self) -> bool:
        """Give the selected event a label of the user's own: a correction, undoable, saved."""
        resolved = self._selection.resolved()
        if resolved is None or resolved[1] is None:
            return False
        entry, event, _timex = resolved
        sentence = " ".join(entry.article.text[event.start:event.end].split())
        label = self.ask_label(event.label, sentence)
        if label is None or " ".join(label.split()) == event.label:
            return False
        return self.apply(Correction(CorrectionKind.LABEL, entry.key, start=event.start, end=event.end,
                                     text=entry.article.text[event.start:event.end], label=" ".join(label.split())))

    def delete_event(self) -> bool:
        resolved = self._selection.resolved()
        if resolved is None or resolved[1] is None:
            return False
        entry, event, _timex = resolved
        return self.apply(Correction(CorrectionKind.DELETE_EVENT, entry.key, start=event.start, end=event.end,
                                     text=entry.article.text[event.start:event.end]))
