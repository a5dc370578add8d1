"""Issue 20, item 10: every export failure in the GUI is a dialog and a Problems entry; none is silent."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from timeline_app.core.formats import FORMATS
from timeline_app.core.pipeline import process_file
from timeline_app.qt.export.actions import ExportActions
from timeline_app.resources import default_article


@pytest.fixture
def loaded(window):  # type: ignore[no-untyped-def]
    window.session.add_result(process_file(default_article()))
    window.adapter.flush()
    return window, ExportActions(window)


def test_a_writer_that_raises_is_said_and_listed(loaded, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window, actions = loaded
    said: list[str] = []
    actions.show_error = said.append  # type: ignore[method-assign]

    def broken(_results: object) -> str:
        raise AssertionError("Content line can not contain unescaped new line characters.")

    monkeypatch.setitem(FORMATS, "ics", dataclasses.replace(FORMATS["ics"], write=broken))
    path = tmp_path / "events.ics"
    path.write_text("old calendar")
    actions.choose_data_path = lambda: (path, "ics")  # type: ignore[method-assign]
    assert actions.export_data() is None  # before, the exception left the slot: nothing said
    assert said and "new line" in said[0]
    assert any("events.ics" in p and "failed" in p for p in window.problems.problems())
    assert path.read_text() == "old calendar"


def test_an_image_that_cannot_be_written_is_said_and_listed(loaded, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    window, actions = loaded
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    dialog = actions.image_dialog()
    qtbot.addWidget(dialog)
    dialog.choose_path = lambda: tmp_path / "missing" / "timeline.png"  # type: ignore[method-assign]
    dialog.save()
    assert warned and "does not exist" in warned[0]
    assert any("timeline.png" in p and "failed" in p for p in window.problems.problems())
