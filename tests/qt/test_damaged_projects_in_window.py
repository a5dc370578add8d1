"""Issue 20, item 2: nothing opened from a damaged project can wedge the window.

A BLOB where a title belongs used to wedge it, and saved view ranges of ±inf or 1e300 made
pyqtgraph raise "Cannot set range". Now the first is refused with a dialog, and ranges no view can
show are not restored.
"""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from timeline_app.core import session as session_mod
from timeline_app.core.model import Analysis, Article
from timeline_app.core.project import save_project
from timeline_app.core.session import Session
from timeline_app.qt.main_window import MainWindow
from timeline_app.qt.project_actions import ProjectActions
from timeline_app.qt.settings import AppSettings


@pytest.fixture(autouse=True)
def _no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", lambda article, forced=None: Analysis())


@pytest.fixture
def opened(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    window = MainWindow(settings=AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    actions = ProjectActions(window, recovery_dir=tmp_path / "recovery", tick_ms=60_000)
    errors: list[str] = []
    actions.show_error = lambda title, message: errors.append(message)  # type: ignore[method-assign]
    return window, actions, errors


def _project(path: Path, x_range: object) -> Path:
    s = Session()
    s.add_article(Article(source="a.txt", title="A", text="The talks began on Tuesday."))
    s.view_state["timeline.x_range"] = x_range
    s.view_state["timeline.lane_range"] = [0.0, 1.0]
    save_project(s, path)
    return path


@pytest.mark.parametrize("x_range", [[1e300, 2e300], [-1e300, 1e300], [5.0, 5.0]])
def test_ranges_no_view_can_show_are_not_restored(opened, tmp_path: Path, x_range: list[float]) -> None:  # type: ignore[no-untyped-def]
    window, actions, errors = opened
    assert actions.open_project(_project(tmp_path / "p.timeline", x_range))
    assert errors == []
    x0, x1 = window.timeline.x_range()
    assert math.isfinite(x0) and math.isfinite(x1) and x0 < x1 and abs(x1) < 1e13


def test_a_blob_title_is_refused_with_a_message(opened, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _window, actions, errors = opened
    path = _project(tmp_path / "p.timeline", [0.0, 86400.0])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE article SET title = ?", (b"\xff\x00",))
    conn.commit()
    conn.close()
    assert not actions.open_project(path)
    assert errors and "damaged" in errors[0] and str(path) in errors[0]
