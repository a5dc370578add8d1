"""Corrections through the undo stack: set a DCT (re-resolves), edit a value, add and delete
events, each undone and redone. These use the real tagger on a small hand-written article."""

from __future__ import annotations

from datetime import datetime

import pytest

from timeline_app.core.model import Article, TimexType
from timeline_app.core.session import Correction, CorrectionKind
from timeline_app.qt.editing.dialogs import ValueDialog
from timeline_app.qt.selection import Selection
from timeline_app.qt.timeline.data import epoch_seconds

TEXT = ("Rebels had launched an operation on Tuesday, a spokesman said. "
        "The town was captured by the group in 2014. Talks will resume next month.")


@pytest.fixture
def loaded(window, qtbot):  # type: ignore[no-untyped-def]
    window.session.add_article(Article(source="mem/rebels.txt", title="Rebels", text=TEXT))
    window.adapter.flush()
    return window


def timex(window, text: str):  # type: ignore[no-untyped-def]
    entry = window.session.entry("mem/rebels.txt")
    return next(t for t in entry.analysis.timexes if t.text == text)


def event_xs(window) -> set[float]:  # type: ignore[no-untyped-def]
    return {float(x) for x in window.timeline.data.x0}


def test_setting_a_dct_re_resolves_relative_expressions(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = loaded
    tuesday = timex(w, "Tuesday")
    assert tuesday.value is None  # no DCT: "Tuesday" cannot be resolved...
    assert any(t.text == "Tuesday" for _e, t, _r in w.vague.items())  # ...and waits in the tray
    w.corrections.apply(Correction(CorrectionKind.DCT, "mem/rebels.txt", value="2016-06-30"))
    w.adapter.flush()
    assert timex(w, "Tuesday").value == "2016-06-28"  # the Tuesday before the DCT ("had launched")
    assert epoch_seconds(datetime(2016, 6, 28)) in event_xs(w)  # on the timeline
    assert not any(t.text == "Tuesday" for _e, t, _r in w.vague.items())
    assert w.timeline.data.lanes[0].dct_value == "2016-06-30"
    assert "2016-06-30" in w.article.info.text()
    w.undo_stack.undo()
    w.adapter.flush()
    assert timex(w, "Tuesday").value is None
    assert epoch_seconds(datetime(2016, 6, 28)) not in event_xs(w)
    w.undo_stack.redo()
    w.adapter.flush()
    assert timex(w, "Tuesday").value == "2016-06-28"


def test_an_edit_and_its_undo(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = loaded
    year = timex(w, "2014")
    w.selection.set(Selection("mem/rebels.txt", timex=year.id), "test")
    assert w.edit_value_action.isEnabled()
    w.corrections.apply(Correction(CorrectionKind.VALUE, "mem/rebels.txt", value="2013-05",
                                   start=year.start, end=year.end, text=year.text))
    w.adapter.flush()
    edited = timex(w, "2014")
    assert edited.value == "2013-05"
    assert edited.interval is not None and edited.interval.start == datetime(2013, 5, 1)
    assert epoch_seconds(datetime(2013, 5, 1)) in event_xs(w)
    assert epoch_seconds(datetime(2014, 1, 1)) not in event_xs(w)
    assert w.undo_stack.undoText().startswith("Set “2014” to 2013-05")
    w.undo_stack.undo()
    w.adapter.flush()
    assert timex(w, "2014").value == "2014"
    assert epoch_seconds(datetime(2014, 1, 1)) in event_xs(w)
    assert w.selection.current is not None and w.selection.current.key == "mem/rebels.txt"


def test_invalid_values_are_refused(loaded, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    w = loaded
    warnings: list[str] = []
    monkeypatch.setattr("timeline_app.qt.editing.corrections.QMessageBox.warning",
                        lambda parent, title, text: warnings.append(text))
    year = timex(w, "2014")
    ok = w.corrections.apply(Correction(CorrectionKind.VALUE, "mem/rebels.txt", value="2016-13-45",
                                        start=year.start, end=year.end, text=year.text))
    assert not ok and warnings and w.undo_stack.count() == 0
    dialog = ValueDialog("Edit value", "2014", "2014", TimexType.DATE)
    qtbot.addWidget(dialog)
    ok_button = dialog.buttons.buttons()[0]
    dialog.edit.setText("2016-13-45")
    assert not ok_button.isEnabled() and dialog.problem()
    dialog.edit.setText("2016-W26")
    assert ok_button.isEnabled() and dialog.problem() is None
    assert "2016-06-27" in dialog.preview.text()


def test_add_and_delete_events_with_undo(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = loaded
    key = "mem/rebels.txt"
    start = TEXT.index("a spokesman said")
    end = start + len("a spokesman said")
    w.corrections.apply(Correction(CorrectionKind.ADD_EVENT, key, value="2016-06-29", start=start, end=end,
                                   text=TEXT[start:end], label="Spokesman statement"))
    w.adapter.flush()
    assert "Spokesman statement" in w.timeline.data.labels
    assert epoch_seconds(datetime(2016, 6, 29)) in event_xs(w)
    entry = w.session.entry(key)
    captured = next(e for e in entry.analysis.events if "captured" in e.label)
    n_events = len(entry.analysis.events)
    w.selection.set(Selection(key, event=captured.id), "test")
    assert w.delete_action.isEnabled()
    assert w.corrections.delete_event()
    w.adapter.flush()
    assert len(w.session.entry(key).analysis.events) == n_events - 1
    assert w.selection.current == Selection(key)  # the deleted event is no longer selected
    assert w.table.model.rowCount() == n_events - 1
    w.undo_stack.undo()
    w.adapter.flush()
    assert len(w.session.entry(key).analysis.events) == n_events
    w.undo_stack.undo()
    w.adapter.flush()
    assert "Spokesman statement" not in w.timeline.data.labels


def test_add_event_uses_the_text_selected_in_the_article(loaded, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    w = loaded
    start = TEXT.index("Talks will resume")
    cursor = QTextCursor(w.article.text.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len("Talks will resume"), QTextCursor.MoveMode.KeepAnchor)
    w.article.text.setTextCursor(cursor)
    assert w.article.selected_span() == ("mem/rebels.txt", start, start + len("Talks will resume"))

    def fake_exec(dialog: ValueDialog) -> bool:
        dialog.edit.setText("2016-07-04")
        return True
    monkeypatch.setattr(ValueDialog, "exec", fake_exec)
    assert w.corrections.add_event()
    w.adapter.flush()
    assert epoch_seconds(datetime(2016, 7, 4)) in event_xs(w)
    assert "Talks will resume" in w.timeline.data.labels
