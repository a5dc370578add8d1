"""Recent files and projects share one list type, and the window hands projects over explicitly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from timeline_app.qt.recent import RecentList, fill_menu


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


def test_recent_list_keeps_the_newest_first_without_duplicates(tmp_path: Path) -> None:
    recent = RecentList(_settings(tmp_path), "x/recent", limit=3)
    recent.remember([Path("a"), Path("b")])
    recent.remember([Path("c"), Path("a")])
    assert recent.items() == [Path("a"), Path("c"), Path("b")]
    recent.remember([Path("d")])
    assert recent.items() == [Path("d"), Path("a"), Path("c")]  # the limit drops the oldest
    recent.forget(Path("a"))
    assert recent.items() == [Path("d"), Path("c")]
    recent.clear()
    assert recent.items() == []


def test_menu_greys_out_missing_files_and_clears(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    here = tmp_path / "here.txt"
    here.write_text("x")
    recent = RecentList(_settings(tmp_path), "x/recent")
    recent.remember([tmp_path / "gone.txt", here])
    menu = QMenu()
    opened: list[Path] = []
    fill_menu(menu, recent, opened.append, label=lambda n, p: f"{n} {p.name}", empty="Nothing")
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text() for a in entries] == ["1 here.txt", "2 gone.txt", "Clear List"]
    assert entries[0].isEnabled() and not entries[1].isEnabled()
    entries[0].trigger()
    assert opened == [here]
    entries[2].trigger()
    fill_menu(menu, recent, opened.append, label=lambda n, p: p.name, empty="Nothing")
    assert [a.text() for a in menu.actions()] == ["Nothing"] and not menu.actions()[0].isEnabled()


def test_window_without_projects_says_so_and_with_them_hands_over(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_project(tmp_path / "p.timeline")
    assert any("opening projects is not available" in p for p in window.session.problems)

    class Handler:
        def __init__(self) -> None:
            self.opened: list[Path] = []
            self.titles = 0

        def open_project(self, path: Path) -> bool:
            self.opened.append(path)
            return True

        def update_title(self) -> None:
            self.titles += 1

    handler = Handler()
    window.attach_projects(handler)
    assert handler.titles == 1  # the title is the project's from the hand-over on
    window.open_paths([tmp_path / "q.timeline"])
    assert handler.opened == [tmp_path / "q.timeline"]
