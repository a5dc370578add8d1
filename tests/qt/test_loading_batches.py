"""Issue 23: results arriving while files load are batched into few view refreshes, one view per
event-loop turn, and the files are read ahead by the reading process in input order.

No timings here (benchmarks/gui_scale.py measures them): the tests count refreshes and check
what the views show at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from qt_helpers import make_result, settle

from timeline_app.core.lanes import STORY_LANE
from timeline_app.qt import file_loading
from timeline_app.qt.view_refresh import ViewRefresh

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from loading_helpers import crashing_read

ARTICLE = ("Report {n}\n\nBEIRUT, June 30, 2016 — Rebels launched an operation on Tuesday to take the "
           "town. They were pushed back on Wednesday, a source said.\n")


def _result(n: int):  # type: ignore[no-untyped-def]
    return make_result(f"hand/a{n:03d}.txt", [
        (f"Rebels attacked post {n} on Tuesday.", "Tuesday", "2016-06-28"),
        (f"They left post {n} on Wednesday.", "Wednesday", "2016-06-29"),
    ])


def _events_drawn(window) -> int:  # type: ignore[no-untyped-def]
    """Events on the article lanes (the story lane, when shown, adds merged ones)."""
    return sum(1 for key, _ in window.timeline.data.refs if key != STORY_LANE)


def _count(monkeypatch: pytest.MonkeyPatch, obj: object, name: str) -> list[int]:
    calls = [0]
    real = getattr(obj, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(obj, name, counted)
    return calls


def test_steps_run_one_per_turn_in_order_and_flush_runs_the_rest(qapp) -> None:  # type: ignore[no-untyped-def]
    ran: list[str] = []
    passes: list[float] = []
    refresh = ViewRefresh(done=passes.append)
    for name in ("a", "b", "c"):
        refresh.add(name, lambda n=name: ran.append(n), heavy=name == "c")
    refresh.request(heavy=False)
    assert ran == [] and refresh.pending()  # nothing runs inside request()
    QCoreApplication.processEvents()
    assert ran == ["a"]  # one step per turn
    refresh.request(heavy=True)  # "a" again while the pass goes on: it waits for b and c
    QCoreApplication.processEvents()
    assert ran == ["a", "b"]
    refresh.flush()
    assert ran == ["a", "b", "c", "a"] and not refresh.pending()
    assert len(passes) == 2


def test_results_arriving_together_make_one_refresh_of_each_view(  # type: ignore[no-untyped-def]
        window, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = _count(monkeypatch, window.timeline, "refresh")
    table = _count(monkeypatch, window.table, "refresh")
    monkeypatch.setattr(window.loader, "is_busy", lambda: True)  # as while a job runs
    for n in range(200):  # what the loader's queued signals deliver in one burst
        window._add_result(_result(n))
    qtbot.waitUntil(lambda: not window.adapter.pending(), timeout=10000)
    assert timeline[0] == 1
    assert table[0] <= 1  # the heavy views: at most once per HEAVY_REFRESH_S while loading
    window._load_finished(False)  # the job's end: every view, the table included
    assert window.adapter.pending()  # ... on later turns, not inside the slot
    qtbot.waitUntil(lambda: not window.adapter.pending(), timeout=10000)
    assert timeline[0] == 2 and table[0] <= 2
    assert _events_drawn(window) == 400
    assert window.table.model.rowCount() == 400
    assert window.counts.text().startswith("200 articles · 400 events")


def test_loading_files_refreshes_the_views_less_often_than_files_arrive(  # type: ignore[no-untyped-def]
        window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = _count(monkeypatch, window.timeline, "refresh")
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(60):
        (folder / f"a{n:03d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    window.open_paths([folder])
    settle(window, qtbot)
    assert len(window.session.entries) == 60
    assert timeline[0] < 30  # each arrival did not rebuild the timeline
    assert _events_drawn(window) == sum(len(e.analysis.events) for e in window.session.entries) > 60
    assert not window.progress.isVisibleTo(window)


def test_files_read_ahead_arrive_in_order_and_a_crash_costs_only_its_file(  # type: ignore[no-untyped-def]
        window, qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    names = ["a.txt", "b-crash.txt", "c.txt", "d.txt", "e-crash.txt", "f.txt", "g.txt"]
    for n, name in enumerate(names):
        (folder / name).write_text(ARTICLE.format(n=n), encoding="utf-8")
    assert file_loading.AHEAD > 1  # the files after a crash were already sent to the dead child
    window.loader.read = crashing_read
    window.open_paths([folder])
    settle(window, qtbot)
    assert [Path(e.article.source).name for e in window.session.entries] == ["a.txt", "c.txt", "d.txt",
                                                                             "f.txt", "g.txt"]
    problems = window.problems.problems()
    assert sum("reading process stop" in p for p in problems) == 2
    assert any("b-crash.txt" in p for p in problems) and any("e-crash.txt" in p for p in problems)


def test_stories_are_merged_once_the_files_are_in(window, qtbot,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window.loader, "is_busy", lambda: True)
    window._load_started()  # what the loader's started signal calls
    for n in range(30):  # thirty reports of the same two happenings
        window._add_result(make_result(f"hand/same{n:02d}.txt", [
            ("Rebels attacked the border post on Tuesday.", "Tuesday", "2016-06-28"),
            ("The army retook the border post on Wednesday.", "Wednesday", "2016-06-29"),
        ]))
    qtbot.waitUntil(lambda: not window.adapter.pending(), timeout=10000)
    assert window.session.latest_stories() == []  # no merge while the files are read
    assert not window.timeline._merging.busy()
    assert not any(key == STORY_LANE for key, _ in window.timeline.data.refs)
    monkeypatch.setattr(window.loader, "is_busy", lambda: False)
    window._load_finished(False)
    settle(window, qtbot)  # the job's end merges them (in a worker while its libraries load)
    story_events = [i for i, (key, _) in enumerate(window.timeline.data.refs) if key == STORY_LANE]
    assert len(story_events) == 2
    assert all(window.timeline.data.labels[i].startswith("30 sources") for i in story_events)
