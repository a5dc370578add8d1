"""Issue 20: the window loads a folder of hostile files beside good ones; Cancel works at any moment.

The hostile files of the report (tests/core/test_hostile_files.py makes them) plus a file whose
reading never ends and one that kills its reading process. Every good file loads, every bad one
is a Problems entry, the loader goes on after each, Cancel stops even in the middle of a file,
and the window closes with no reading process left behind.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from loading_helpers import crashing_read, endless_read
from qt_helpers import settle
from test_hostile_files import GOOD, hostile_folder

from timeline_app.core import reading_process


def _names(window) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(Path(e.article.source).name for e in window.session.entries)


def test_a_folder_of_hostile_and_good_files(window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    files = hostile_folder(tmp_path / "news")
    (tmp_path / "news" / "crash.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "news" / "endless.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "news" / "greedy.txt").write_text(GOOD, encoding="utf-8")
    window.loader.read = crashing_read
    given = [tmp_path / "news", *([files["fifo"]] if "fifo" in files else [])]
    window.open_paths(given)
    settle(window, qtbot)
    assert _names(window) == ["a-good.txt", "endless.txt", "formfeed.html", "z-good.txt"]  # crashing_read reads endless
    problems = window.problems.problems()
    for bad in ("deep.tml", "tags.html", "crash.txt", "greedy.txt", *(("fifo.txt",) if "fifo" in files else ())):
        assert any(bad in p for p in problems), (bad, problems)
    assert any("crash.txt" in p and "reading process stop" in p for p in problems)
    if sys.platform.startswith("linux"):
        assert any("greedy.txt" in p and "memory" in p for p in problems), problems
    window.grab().save(str(tmp_path / "hostile.png"))

    window.loader.read = endless_read
    monkeypatch.setattr(reading_process, "deadline_s", lambda: 3.0)  # the limit, short for the test
    window.open_paths([tmp_path / "news" / "endless.txt", tmp_path / "news" / "a-good.txt"])
    settle(window, qtbot)
    assert any("endless.txt" in p and "longer than" in p for p in window.problems.problems())


def test_cancel_in_the_middle_of_a_file_and_quit(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b-endless.txt").write_text(GOOD, encoding="utf-8")
    (folder / "c.txt").write_text(GOOD, encoding="utf-8")
    window.loader.read = endless_read
    window.open_paths([folder])
    qtbot.waitUntil(lambda: len(window.session.entries) == 1, timeout=30000)
    time.sleep(0.3)  # the reading process is now inside the endless file
    assert window.loader.is_busy()
    t0 = time.monotonic()
    window.cancel_button.click()
    with qtbot.waitSignal(window.loader.finished, timeout=10000) as finished:
        pass
    assert finished.args == [True] and time.monotonic() - t0 < 5
    window.adapter.flush()
    assert _names(window) == ["a.txt"]
    # a new load after a cancel works, and quitting while a file is being read is clean
    window.open_paths([folder / "b-endless.txt"])
    qtbot.waitUntil(window.loader.is_busy, timeout=5000)
    time.sleep(0.2)
    window.close()
    QApplication.processEvents()
    assert not window.loader.is_busy()
    deadline = time.monotonic() + 5
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in multiprocessing.active_children() if p.name == "timeline-reader"]
