"""Opening articles: command-line arguments, drag and drop of files and folders, failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from qt_helpers import settle

from timeline_app.core.lanes import STORY_LANE
from timeline_app.qt.file_loading import expand_paths

ARTICLE = ("Rebels pushed back from border town\n\nBEIRUT, June 30, 2016 — Rebels launched an operation "
           "on Tuesday to take the town. They were pushed back on Wednesday, a source said.\n")


def write(path: Path, text: str = ARTICLE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sources(window) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(Path(e.article.source).name for e in window.session.entries)


def test_expand_paths_recurses_folders_with_supported_extensions(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt")
    write(tmp_path / "folder" / "b.md")
    write(tmp_path / "folder" / "deep" / "c.html", "<html><body><p>On Tuesday.</p></body></html>")
    write(tmp_path / "folder" / "notes.pdf")
    write(tmp_path / "folder" / ".hidden" / "d.txt")
    project = tmp_path / "work.timeline"
    files, projects, problems = expand_paths([a, tmp_path / "folder", project, tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["a.txt", "b.md", "c.html"]
    assert projects == [project]
    assert len(problems) == 1 and "missing.txt" in problems[0]


@pytest.fixture()
def run_gui(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """`gui.run(argv)` with settings and user folders in tmp_path; returns the settled window."""
    from PySide6.QtCore import QSettings

    from timeline_app.commands import gui
    from timeline_app.qt.main_window import MainWindow

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    shown: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)

    def run(argv: list[str]) -> MainWindow:
        assert gui.run(argv) == 0
        (window,) = shown
        qtbot.addWidget(window)
        settle(window, qtbot)
        return window

    return run


def test_open_by_arguments(run_gui, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`timeline-app FILE FOLDER` opens the window with those articles loaded."""
    first = write(tmp_path / "first.txt")
    write(tmp_path / "more" / "second.txt")
    window = run_gui([str(first), str(tmp_path / "more")])
    assert sources(window) == ["first.txt", "second.txt"]
    # two lanes of articles (the two files say the same, so the story lane sits above them)
    assert [ln.key for ln in window.timeline.data.lanes if ln.key != STORY_LANE] == \
        [e.key for e in window.session.entries]
    assert window.article.current_key is not None


def test_no_arguments_opens_the_sample_article(run_gui) -> None:  # type: ignore[no-untyped-def]
    from timeline_app.resources import default_article

    window = run_gui([])
    assert [e.article.source for e in window.session.entries] == [str(default_article())]
    # toPlainText() shows no-break spaces as spaces; offsets are unaffected.
    assert window.article.text.toPlainText() == window.session.entries[0].article.text.replace("\xa0", " ")


def drop(target, paths: list[Path]) -> QDropEvent:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return event


def test_drop_files_and_a_folder_on_the_window(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = write(tmp_path / "a.txt")
    folder = tmp_path / "dropped"
    write(folder / "b.txt")
    write(folder / "sub" / "c.md", "# Talks resume\n\nTalks will resume on Tuesday, officials said.\n")
    write(folder / "ignored.pdf")
    event = drop(window, [a, folder])
    assert event.isAccepted()
    settle(window, qtbot)
    assert sources(window) == ["a.txt", "b.txt", "c.md"]
    assert window.table.model.rowCount() == sum(len(e.analysis.events) for e in window.session.entries)


def test_drop_on_the_article_text_opens_rather_than_inserting(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = write(tmp_path / "a.txt")
    drop(window.article.text.viewport(), [a])
    settle(window, qtbot)
    assert sources(window) == ["a.txt"]


def test_a_bad_file_is_reported_while_the_others_load(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = [write(tmp_path / "good1.txt"), write(tmp_path / "good2.txt")]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")  # an empty file is not an article
    folder_as_file = tmp_path / "missing.txt"
    window.open_paths([good[0], bad, good[1], folder_as_file])
    settle(window, qtbot)
    assert sources(window) == ["good1.txt", "good2.txt"]
    problems = window.problems.problems()
    assert any("bad.txt" in p for p in problems), problems
    assert any("missing.txt" in p and "no such file" in p for p in problems), problems
    assert window.problems_dock.isVisible()
    assert not window.problems_dock.isFloating()
    assert "Problems (2)" == window.problems_dock.windowTitle()


def test_cancel_stops_loading(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from loading_helpers import slow_read

    window.loader.read = slow_read  # run by the loader's reading process for each file
    files = [write(tmp_path / f"f{i:03}.txt") for i in range(200)]
    with qtbot.waitSignal(window.loader.started, timeout=5000):
        window.open_paths(files)
    assert window.cancel_button.isVisibleTo(window)
    qtbot.waitUntil(lambda: len(window.session.entries) > 0, timeout=20000)
    window.cancel_button.click()
    with qtbot.waitSignal(window.loader.finished, timeout=30000) as finished:
        pass
    assert finished.args == [True]
    window.adapter.flush()
    assert 0 < len(window.session.entries) < len(files)
    assert not window.progress.isVisibleTo(window)


def test_recent_files_are_remembered(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = write(tmp_path / "a.txt")
    window.open_paths([a])
    settle(window, qtbot)
    assert window.settings.recent_files()[0] == str(a.resolve())
    window._fill_recent()
    assert str(a.resolve()) in [act.text() for act in window.recent_menu.actions()]
