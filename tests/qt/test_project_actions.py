"""File › project actions on a main window: save, open, read-only, autosave, recovery, closing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand

from timeline_app.core import session as session_mod
from timeline_app.core.model import Analysis, Article
from timeline_app.core.project.store import Project, load_project, save_project, update_project
from timeline_app.core.session import Session
from timeline_app.qt.main_window import MainWindow
from timeline_app.qt.project_actions import ProjectActions, split_project_args
from timeline_app.qt.selection import Selection
from timeline_app.qt.settings import AppSettings


@pytest.fixture(autouse=True)
def no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", lambda article, forced=None: Analysis())


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


class Harness:
    def __init__(self, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        self.tmp = tmp_path
        self.qtbot = qtbot
        self.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        self.window = self.new_window()
        self.clock = Clock()
        self.recovery = tmp_path / "recovery"
        self.actions = self.make_actions(self.window)
        self.asked: list[str] = []
        self.errors: list[str] = []

    def new_window(self) -> MainWindow:
        window = MainWindow(settings=AppSettings(self.settings))
        self.qtbot.addWidget(window)
        return window

    def make_actions(self, window: MainWindow) -> ProjectActions:
        actions = ProjectActions(window, recovery_dir=self.recovery, clock=self.clock, tick_ms=60_000)
        actions.show_error = lambda title, message: self.errors.append(message)  # type: ignore[method-assign]
        return actions

    def answer_save_changes(self, answer: str) -> None:
        def ask() -> str:
            self.asked.append("save-changes")
            return answer
        self.actions.ask_save_changes = ask  # type: ignore[method-assign, assignment]

    def save_as_path(self, path: Path) -> None:
        self.actions.choose_save_path = lambda: path  # type: ignore[method-assign]


@pytest.fixture
def h(qtbot, tmp_path: Path) -> Harness:  # type: ignore[no-untyped-def]
    harness = Harness(qtbot, tmp_path)
    yield harness
    harness.actions.shutdown(save=False)


def _project_file(path: Path, title: str = "Saved article") -> Path:
    s = Session()
    s.add_article(Article("saved.txt", title, "Rebels attacked on Tuesday."))
    s.view_state["zoom"] = 1
    save_project(s, path)
    return path


def test_file_menu_gets_the_project_actions_in_its_project_section(h: Harness) -> None:
    texts = [a.text() for a in h.window.file_menu.actions()]
    start = texts.index("Open &recent") + 2  # after the project section's separator
    assert texts[start:start + 5] == ["&New Project", "Open &Project…", "Recent Pro&jects", "&Save Project",
                                      "Save Project &As…"]
    assert texts[-1] == "&Quit"
    assert h.actions.save_action.shortcut() == QKeySequence("Ctrl+S")
    assert h.actions.save_as_action.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert h.actions.new_action.shortcut() == QKeySequence("Ctrl+N")
    # no shortcut of ours shadows one of the window's
    theirs = {k.toString() for a in h.window.findChildren(QAction) if a.parent() is h.window
              and a not in (h.actions.new_action, h.actions.save_action, h.actions.save_as_action)
              for k in a.shortcuts()}
    assert not theirs & {"Ctrl+N", "Ctrl+S", "Ctrl+Shift+S"}
    assert not h.actions.recent_menu.isEnabled()  # nothing recent yet


def test_save_as_then_ctrl_s_saves_in_place(h: Harness) -> None:
    h.window.session.add_article(Article("a.txt", "A", "Snow fell last March."))
    target = h.tmp / "work"  # the extension is added
    h.save_as_path(target)
    h.actions.save_action.trigger()  # untitled: Ctrl+S asks where, like Save As
    saved = h.tmp / "work.timeline"
    assert h.actions.project.path == saved and saved.exists()
    assert h.window.windowTitle().startswith("work.timeline — ")
    h.window.session.set_color("a.txt", "#123456")
    assert h.actions.project.modified
    h.qtbot.waitUntil(lambda: h.window.windowTitle().startswith("work.timeline •"))
    h.actions.save_action.trigger()
    assert load_project(saved)[0].entry("a.txt").color == "#123456"
    assert h.actions.recent_projects() == [saved]
    assert h.actions.recent_menu.isEnabled()


def test_open_project_shows_it_in_the_window(h: Harness) -> None:
    path = _project_file(h.tmp / "p.timeline")
    h.window.undo_stack.push(QUndoCommand("old correction"))
    h.actions.choose_open_path = lambda: path  # type: ignore[method-assign]
    h.actions.open_action.trigger()
    session = h.window.session
    assert session is h.actions.project.session and session.keys() == ["saved.txt"]
    assert h.window.timeline.session is session and h.window.adapter.session is session
    assert session.view_state["zoom"] == 1
    assert h.window.undo_stack.count() == 0
    assert h.actions.project.path == path and not h.actions.project.read_only
    assert h.actions.recent_projects() == [path]
    assert h.window.windowTitle().startswith("p.timeline — timeline-app")


def test_project_files_given_to_the_window_are_opened_as_projects(h: Harness) -> None:
    """The command line (``timeline-app P.timeline``), Ctrl+O and drops all go through open_paths."""
    path = _project_file(h.tmp / "cli.timeline")
    h.window.open_paths([str(path)])
    assert h.actions.project.path == path and h.window.session.keys() == ["saved.txt"]
    assert not h.window.session.problems


def test_a_project_open_in_another_window_opens_read_only(qtbot, h: Harness) -> None:  # type: ignore[no-untyped-def]
    path = _project_file(h.tmp / "p.timeline")
    assert h.actions.open_project(path)
    other = h.new_window()
    second = h.make_actions(other)
    offered: list[str] = []
    second.ask_open_read_only = lambda exc: offered.append(str(exc)) or True  # type: ignore[method-assign]
    assert second.open_project(path)
    assert offered and "already open in this program" in offered[0]
    assert second.project.read_only and "(read-only)" in other.windowTitle()
    assert other.session.keys() == ["saved.txt"]
    # Ctrl+S on a read-only project is a Save As, never a write into the shared file
    before = path.read_bytes()
    other.session.set_color("saved.txt", "red")
    second.choose_save_path = lambda: h.tmp / "mine.timeline"  # type: ignore[method-assign]
    assert second.save()
    assert path.read_bytes() == before and second.project.path == h.tmp / "mine.timeline"
    second.shutdown()


def test_refusing_read_only_keeps_the_current_work(qtbot, h: Harness) -> None:  # type: ignore[no-untyped-def]
    path = _project_file(h.tmp / "p.timeline")
    holder = Project.open(path)
    try:
        h.window.session.add_article(Article("mine.txt", "Mine", "Mine on Tuesday."))
        h.actions.ask_open_read_only = lambda exc: False  # type: ignore[method-assign]
        assert not h.actions.open_project(path)
        assert h.window.session.keys() == ["mine.txt"] and h.actions.project.path is None
    finally:
        holder.close()


@pytest.mark.parametrize("content", [b"", b"garbage" * 999, b"SQLite format 3\x00" + b"\x10\x00" + b"\x01" * 600])
def test_a_damaged_file_is_reported_and_nothing_changes(h: Harness, content: bytes) -> None:
    bad = h.tmp / "bad.timeline"
    bad.write_bytes(content)
    h.window.session.add_article(Article("mine.txt", "Mine", "Mine on Tuesday."))
    assert not h.actions.open_project(bad)
    assert h.errors and str(bad) in h.errors[0]
    assert h.window.session.keys() == ["mine.txt"]
    assert bad.read_bytes() == content


def test_opening_with_unsaved_corrections_asks_and_cancel_stops(h: Harness) -> None:
    path = _project_file(h.tmp / "p.timeline")
    key = h.window.session.add_article(Article("mine.txt", "Mine", "Mine on Tuesday."))
    h.window.session.add_event(key, 0, 4, "2016-06-28")
    h.answer_save_changes("cancel")
    assert not h.actions.open_project(path)
    assert h.asked == ["save-changes"] and h.window.session.keys() == ["mine.txt"]
    h.answer_save_changes("discard")
    assert h.actions.open_project(path) and h.window.session.keys() == ["saved.txt"]


def test_autosave_through_the_timer_slot(h: Harness) -> None:
    path = _project_file(h.tmp / "p.timeline")
    h.actions.open_project(path)
    h.window.session.set_color("saved.txt", "green")
    h.clock.now = 29
    h.actions.tick()
    assert load_project(path)[0].entry("saved.txt").color is None
    h.clock.now = 31
    h.actions.tick()
    assert load_project(path)[0].entry("saved.txt").color == "green"
    assert "Autosaved" in h.window.statusBar().currentMessage()
    assert h.actions.timer.isActive()


def test_a_crashed_session_is_offered_at_start_and_cleaned_on_close(h: Harness) -> None:
    # what a crashed instance leaves: an unlocked recovery file
    h.recovery.mkdir()
    left = h.recovery / "unsaved-20260101-000000-1-abc.timeline"
    crashed = Session()
    key = crashed.add_article(Article("lost.txt", "Lost work", "Lost on Tuesday."))
    crashed.add_event(key, 0, 4, "2016-06-28", label="Lost")
    update_project(crashed, left, {"recovery_for": ""})
    offered: list[str] = []
    h.actions.ask_recover = lambda item: offered.append(item.describe()) or "recover"  # type: ignore[method-assign]
    assert h.actions.offer_recovery()
    assert "Lost work" in offered[0]
    assert h.window.session.keys() == ["lost.txt"] and len(h.window.session.corrections) == 1
    assert h.actions.project.modified and h.actions.project.path is None
    assert h.window.windowTitle().startswith("Untitled •")
    assert not h.actions.offer_recovery()  # ours now: not offered twice
    # closing: the user is asked, and once answered the recovery file goes away
    h.answer_save_changes("discard")
    assert h.window.close()
    assert h.asked == ["save-changes"] and not left.exists()


def test_discarding_a_recovery_file(h: Harness) -> None:
    h.recovery.mkdir()
    left = h.recovery / "unsaved-x.timeline"
    crashed = Session()
    crashed.add_article(Article("lost.txt", "Lost work", "Lost on Tuesday."))
    update_project(crashed, left)
    h.actions.ask_recover = lambda item: "discard"  # type: ignore[method-assign]
    assert not h.actions.offer_recovery()
    assert not left.exists() and h.window.session.keys() == []


def test_closing_with_unsaved_changes_can_be_cancelled(h: Harness) -> None:
    path = _project_file(h.tmp / "p.timeline")
    h.actions.open_project(path)
    h.window.show()
    h.window.session.set_color("saved.txt", "blue")
    h.answer_save_changes("cancel")
    assert not h.window.close()
    h.answer_save_changes("save")
    assert h.window.close()
    assert load_project(path)[0].entry("saved.txt").color == "blue"
    assert Project.open(path).close() is None  # the lock was released


def test_closing_saves_view_state_quietly(h: Harness) -> None:
    path = _project_file(h.tmp / "p.timeline")
    h.actions.open_project(path)
    h.window.session.view_state["zoom"] = 42
    assert h.window.close()
    assert h.asked == []
    stored = load_project(path)[0].view_state
    assert stored["zoom"] == 42 and "timeline.x_range" in stored


def test_new_project_clears_the_window(h: Harness) -> None:
    path = _project_file(h.tmp / "p.timeline")
    h.actions.open_project(path)
    h.window.session.view_state["zoom"] = 5
    h.actions.new_action.trigger()
    assert h.window.session.keys() == [] and h.window.session.view_state == {}
    assert h.actions.project.path is None and h.window.windowTitle().startswith("Untitled")
    assert load_project(path)[0].view_state["zoom"] == 5  # the old one was saved on the way out


def test_recent_projects_menu_opens_them(h: Harness) -> None:
    first = _project_file(h.tmp / "one.timeline", "One")
    second = _project_file(h.tmp / "two.timeline", "Two")
    h.actions.open_project(first)
    h.actions.open_project(second)
    h.actions.recent_menu.aboutToShow.emit()
    entries = [a for a in h.actions.recent_menu.actions() if not a.isSeparator()]
    assert [a.toolTip() for a in entries[:2]] == [str(second), str(first)]
    entries[1].trigger()
    assert h.actions.project.path == first


def test_command_line_split() -> None:
    assert split_project_args(["a.txt", "x.timeline", "b.html"]) == (Path("x.timeline"), ["a.txt", "b.html"])
    assert split_project_args(["a.txt"]) == (None, ["a.txt"])


def test_view_state_range_and_selection_come_back(h: Harness) -> None:
    key = h.window.session.add_article(Article("a.txt", "A", "Rebels attacked. Then talks began."))
    h.window.session.add_event(key, 0, 16, "2016-06-28", label="Rebels attacked")
    h.window.session.add_event(key, 17, 34, "2016-07-15", label="Talks began")
    h.window.adapter.flush()
    h.window.selection.set(Selection(key, event="u2"), "table")
    h.window.timeline.set_x_range(1466000000.0, 1467000000.0)
    h.window.timeline.zoom(1.0)
    shown = h.window.timeline.x_range()
    h.save_as_path(h.tmp / "view.timeline")
    assert h.actions.save()
    stored = load_project(h.tmp / "view.timeline")[0].view_state
    assert stored["selection"] == {"key": key, "event": "u2", "timex": None}
    assert stored["timeline.x_range"] == pytest.approx(list(shown))
    h.actions.shutdown()

    window = h.new_window()
    actions = h.make_actions(window)
    try:
        assert actions.open_project(h.tmp / "view.timeline")
        window.adapter.flush()
        assert window.selection.current == Selection(key, event="u2")
        assert window.timeline.x_range() == pytest.approx(shown)
    finally:
        actions.shutdown()
