"""File › Export image (dialog, preview) and File › Export data on the main window."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest
from PySide6.QtGui import QImage, QKeySequence

from timeline_app.core.pipeline import process_file
from timeline_app.qt.export.actions import DATA_FORMATS, ExportActions, data_format_of
from timeline_app.qt.export.dialog import ExportImageDialog
from timeline_app.resources import default_article


@pytest.fixture
def loaded(window):  # type: ignore[no-untyped-def]
    """The main window with the seed article and the export actions."""
    window.session.add_result(process_file(default_article()))
    window.adapter.flush()
    actions = ExportActions(window)
    return window, actions


def test_actions_sit_in_the_export_section_of_the_file_menu(loaded) -> None:  # type: ignore[no-untyped-def]
    window, actions = loaded
    menu = window.file_menu.actions()
    i = menu.index(window.export_section)
    assert menu[i + 1] is actions.image_action and menu[i + 2] is actions.data_action
    assert actions.image_action.shortcut() == QKeySequence("Ctrl+E")


def test_dialog_preview_and_options(loaded, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, actions = loaded
    dialog = actions.image_dialog()
    qtbot.addWidget(dialog)
    assert dialog.preview_image is not None and not dialog.preview_image.isNull()
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    # The window's theme and whole timeline by default; "current view" copies the window's range.
    assert dialog.options().theme == window.timeline.theme.name
    assert dialog.whole.isChecked() and dialog.options().x_range is None
    dialog.current.setChecked(True)
    assert dialog.options().x_range == window.timeline.x_range()
    assert dialog.options().lane_range == window.timeline.lane_range()
    # Size and resolution: the note tells the pixels and inches that will be written.
    dialog.width.setValue(1920)
    dialog.fit_height.setChecked(False)
    dialog.height.setValue(1080)
    dialog.dpi.setValue(192)
    dialog.update_preview()
    assert "1,920 × 1,080 px" in dialog.size_note.text() and "10.0 × 5.6 in" in dialog.size_note.text()
    # The preview is the page at one pixel per logical pixel: half the pixels at 192 dpi.
    assert (dialog.preview_image.width(), dialog.preview_image.height()) == (960, 540)
    # A page wider than the preview is laid out the same and drawn smaller.
    dialog.dpi.setValue(96)
    dialog.width.setValue(6400)
    dialog.update_preview()
    assert dialog.preview_image.width() == 1600 and "6,400 × 1,080 px" in dialog.size_note.text()
    dialog.show_title.setChecked(False)
    dialog.legend.setChecked(False)
    opts = dialog.options()
    assert opts.title == "" and not opts.legend and opts.dpi == 96 and (opts.width, opts.height) == (6400, 1080)


def test_preview_shows_what_is_written(loaded, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _window, actions = loaded
    dialog = actions.image_dialog()
    qtbot.addWidget(dialog)
    dialog.width.setValue(700)
    dialog.fit_height.setChecked(False)
    dialog.height.setValue(350)
    dialog.title.setText("Retreat")
    dialog.update_preview()
    written = QImage(str(dialog.write(tmp_path / "out.png")))
    preview = dialog.preview_image.convertToFormat(written.format())
    assert written.size() == preview.size() and written == preview


def test_save_writes_the_chosen_format(loaded, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _window, actions = loaded
    dialog = actions.image_dialog()
    qtbot.addWidget(dialog)
    dialog.choose_path = lambda: tmp_path / "timeline.svg"  # type: ignore[method-assign]
    dialog.title.setText("Syria")
    dialog.save()
    assert dialog.result() == ExportImageDialog.DialogCode.Accepted
    root = ElementTree.parse(tmp_path / "timeline.svg").getroot()
    assert "Syria" in ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    dialog.choose_path = lambda: tmp_path / "timeline.pdf"  # type: ignore[method-assign]
    dialog.save()
    assert (tmp_path / "timeline.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("fmt", sorted(DATA_FORMATS))
def test_export_data_in_every_format(loaded, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    window, actions = loaded
    path = tmp_path / f"events{DATA_FORMATS[fmt][1]}"
    actions.choose_data_path = lambda: (path, fmt)  # type: ignore[method-assign]
    assert actions.export_data() == path
    events = [e for e in window.session.entries[0].analysis.events if e.interval is not None]
    data = path.read_bytes()
    if fmt == "csv":
        assert len(list(csv.DictReader(data.decode("utf-8").splitlines()))) == len(events)
    elif fmt == "json":
        assert len(json.loads(data)["articles"][0]["events"]) == len(events)
    elif fmt == "timeml":
        assert ElementTree.fromstring(data).tag == "TimeML"
    elif fmt == "ics":
        assert b"\r\n" in data  # CRLF kept as RFC 5545 wants
        assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == len(events)
    else:
        assert len(json.loads(data)["events"]) == len(events)


def test_export_data_includes_corrections(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, actions = loaded
    key = window.session.entries[0].key
    window.session.set_dct(key, "2016-07-07")
    path = tmp_path / "events.csv"
    actions.choose_data_path = lambda: (path, "csv")  # type: ignore[method-assign]
    actions.export_data()
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert {r["dct"] for r in rows} == {"2016-07-07"}
    tuesday = next(r for r in rows if r["timex_text"] == "Tuesday")
    assert tuesday["value"] == "2016-07-05"


def test_nothing_to_export(window) -> None:  # type: ignore[no-untyped-def]
    actions = ExportActions(window)
    messages: list[str] = []
    actions.show_error = messages.append  # type: ignore[method-assign]
    assert actions.export_image() is None and actions.export_data() is None
    assert len(messages) == 2 and "nothing to export" in messages[0]


def test_data_format_from_file_name() -> None:
    assert data_format_of("a/b.timeline.json") == "timelinejs"
    assert data_format_of("b.JSON") == "json" and data_format_of("x.ics") == "ics"
    assert data_format_of("x.tml") == "timeml" and data_format_of("x.txt") is None
