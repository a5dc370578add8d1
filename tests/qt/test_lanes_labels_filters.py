"""Issue 21 in the window: lanes sorted, hidden, renamed, recoloured, grouped; a label edited,
undone, saved and reopened; the table's filter and Find acting on the timeline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from qt_helpers import make_result, settle

from timeline_app.core.project.store import open_project
from timeline_app.qt.main_window import MainWindow
from timeline_app.qt.project_actions import ProjectActions
from timeline_app.qt.selection import Selection
from timeline_app.qt.settings import AppSettings


def load(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    s = window.session
    s.add_result(make_result("hand/b-talks.txt", [
        ("The talks collapsed on Monday.", "Monday", "2016-06-27"),
        ("The envoy left on Tuesday.", "Tuesday", "2016-06-28")], dct="2016-06-29", title="Talks collapse"))
    s.add_result(make_result("hand/a-rebels.txt", [
        ("Rebels were pushed back on Wednesday.", "Wednesday", "2016-06-29"),
        ("The army attacked on Tuesday.", "Tuesday", "2016-06-28"),
        ("Aid arrived on Friday.", "Friday", "2016-06-24")], dct="2016-06-30", title="Rebels retreat"))
    s.add_result(make_result("hand/c-aid.txt", [
        ("A convoy reached the town on Sunday.", "Sunday", "2016-06-26")], dct="2016-06-27", title="Aid arrives"))
    settle(window, qtbot)


def titles(window: MainWindow) -> list[str]:
    return [ln.title for ln in window.timeline.data.lanes]


def test_lanes_sorted_hidden_renamed_recoloured_and_grouped(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot)
    lanes = window.timeline.lane_actions
    assert titles(window) == ["Talks collapse", "Rebels retreat", "Aid arrives"]
    lanes.sort("dct")
    settle(window, qtbot)
    assert titles(window) == ["Aid arrives", "Talks collapse", "Rebels retreat"]
    lanes.sort("count")
    settle(window, qtbot)
    assert titles(window)[0] == "Rebels retreat"
    lanes.sort("title")
    settle(window, qtbot)
    assert titles(window) == ["Aid arrives", "Rebels retreat", "Talks collapse"]
    lanes.move("hand/c-aid.txt", 1)
    settle(window, qtbot)
    assert titles(window) == ["Rebels retreat", "Aid arrives", "Talks collapse"]
    lanes.ask_name = lambda current: "Syria: the rebels"  # type: ignore[method-assign]
    lanes.rename("hand/a-rebels.txt")
    lanes.hide("hand/b-talks.txt")
    lanes.recolor("hand/c-aid.txt", "#aa0000")
    settle(window, qtbot)
    assert titles(window) == ["Syria: the rebels", "Aid arrives"]
    assert window.timeline.data.lanes[1].color == "#aa0000"
    assert len(window.timeline.data) == 4  # the hidden lane's events are not drawn
    menu = lanes.menu("hand/a-rebels.txt")
    texts = [a.text() for a in menu.actions()]
    assert "Rename…" in texts and "Show hidden lanes (1)" in texts
    lanes.show_all()
    lanes.group("source")
    settle(window, qtbot)
    assert titles(window) == ["hand"]  # one source: the folder they came from
    assert len(window.timeline.data) == 6


def test_a_label_edit_undoes_and_survives_save_and_reopen(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    actions = ProjectActions(window, recovery_dir=tmp_path / "recovery", tick_ms=60_000)
    try:
        load(window, qtbot)
        entry = window.session.entry("hand/a-rebels.txt")
        event = next(e for e in entry.analysis.events if "army" in e.label)
        window.selection.set(Selection(entry.key, event=event.id), "test")
        assert window.edit_label_action.isEnabled()
        window.corrections.ask_label = lambda current, sentence: "Army attacks the town"  # type: ignore[method-assign]
        window.edit_label_action.trigger()
        settle(window, qtbot)
        assert "Army attacks the town" in window.timeline.data.labels
        i = window.timeline.data.labels.index("Army attacks the town")
        assert window.timeline.data.corrected[i]  # drawn apart from found events
        window.undo_action.trigger()
        settle(window, qtbot)
        assert "Army attacks the town" not in window.timeline.data.labels
        window.redo_action.trigger()
        settle(window, qtbot)
        assert "Army attacks the town" in window.timeline.data.labels
        path = tmp_path / "labels.timeline"
        actions.choose_save_path = lambda: path  # type: ignore[method-assign]
        actions.save_as_action.trigger()
        again = open_project(path)
        assert any(e.label == "Army attacks the town" and e.corrected
                   for e in again.entry("hand/a-rebels.txt").analysis.events)
    finally:
        actions.shutdown(save=False)


def test_find_and_filters_dim_or_hide_events_on_the_timeline(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load(window, qtbot)
    table, view = window.table, window.timeline
    table.search.setText("army")
    qtbot.waitUntil(lambda: view.filter()[0] is not None, timeout=2000)
    assert view.filter()[0] == {("hand/a-rebels.txt", "e2")}
    # Find with a single match selects it.
    assert window.selection.current == Selection("hand/a-rebels.txt", event="e2")
    match = view.labels_item.match
    assert match is not None and int(match.sum()) == 1 and len(view.data) == 6  # dimmed, still drawn
    QApplication.processEvents()
    view.plot.viewport().repaint()
    assert all(view.data.labels[p.index] == "The army attacked on Tuesday" or p.index == view.selected_index()
               for p in view.labels_item.placed)
    table.mode.setCurrentIndex(table.mode.findData("hide"))
    assert len(view.data) == 1 and view.data.labels == ["The army attacked on Tuesday"]
    table.search.clear()
    qtbot.waitUntil(lambda: view.filter()[0] is None, timeout=2000)
    assert len(view.data) == 6


def test_the_image_export_dims_what_the_timeline_dims(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from timeline_app.qt.export.image import ImageOptions, TimelinePage

    load(window, qtbot)
    window.timeline.set_filter({("hand/c-aid.txt", "e1")}, "hide")
    options = ImageOptions(width=900).with_filter_of(window.timeline)
    with TimelinePage(window.session, options) as page:
        assert len(page.view.data) == 1


def test_window_title_shows_no_unsaved_mark_after_launch(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(settings=AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    actions = ProjectActions(window, recovery_dir=tmp_path / "recovery", tick_ms=60_000)
    try:
        window.show()
        load(window, qtbot)  # what launching does with the bundled article, or files given
        qtbot.wait(50)
        assert actions.project.modified and "•" not in window.windowTitle()
        assert actions.settle_changes() == "discard"  # closing asks nothing
        window.session.set_color("hand/c-aid.txt", "#00aa00")  # a colour alone is not work yet
        entry = window.session.entry("hand/c-aid.txt")
        window.session.set_label(entry.key, entry.analysis.events[0], "Convoy arrives")
        qtbot.waitUntil(lambda: "•" in window.windowTitle(), timeout=2000)
    finally:
        actions.shutdown(save=False)


def test_project_dialogs_start_in_the_folder_last_used(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    actions = ProjectActions(window, recovery_dir=tmp_path / "recovery", tick_ms=60_000)
    try:
        window.settings.set_last_dir(tmp_path / "articles")
        assert actions._start_dir() == str(tmp_path / "articles")
    finally:
        actions.shutdown(save=False)


def test_the_data_export_writes_only_what_the_filter_keeps(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from timeline_app.qt.export.actions import ExportActions

    load(window, qtbot)
    actions = ExportActions(window)
    everything = tmp_path / "all.csv"
    actions.choose_data_path = lambda: (everything, "csv")  # type: ignore[method-assign]
    assert actions.export_data() == everything
    window.table.search.setText("army")
    qtbot.waitUntil(lambda: window.timeline.filter()[0] is not None, timeout=2000)
    kept = tmp_path / "kept.csv"
    actions.choose_data_path = lambda: (kept, "csv")  # type: ignore[method-assign]
    assert actions.export_data() == kept
    all_rows = list(csv.DictReader(everything.open(encoding="utf-8")))
    kept_rows = list(csv.DictReader(kept.open(encoding="utf-8")))
    assert len(all_rows) == 6
    assert [r["event_id"] for r in kept_rows] == ["e2"] and kept_rows[0]["source"].endswith("a-rebels.txt")
    assert "5 events left out by the filter" in window.statusBar().currentMessage()
