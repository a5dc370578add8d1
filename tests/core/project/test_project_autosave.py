"""Autosave timing (with an injected clock) and crash recovery files."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from timeline_app.core import session as session_mod
from timeline_app.core.model import Analysis, Article
from timeline_app.core.project.autosave import Autosaver, discard_recovery, find_recoverable, recovery_dir
from timeline_app.core.project.store import Project, ProjectLockedError, load_project, save_project
from timeline_app.core.session import Session


@pytest.fixture(autouse=True)
def no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", lambda article, forced=None: Analysis())


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def at(self, offset: float) -> Clock:
        self.now = 1000.0 + offset
        return self


def tick_at(saver: Autosaver, clock: Clock, offset: float) -> bool:
    clock.at(offset)
    return saver.tick()


def _saved_zoom(path: Path) -> object:
    return load_project(path)[0].view_state.get("zoom")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    s = Session()
    s.add_article(Article("a.txt", "A", "Rebels attacked on Tuesday."))
    path = tmp_path / "p.timeline"
    save_project(s, path)
    p = Project.open(path)
    yield p
    p.close()


def test_saves_30_seconds_after_the_first_change_and_not_before(project: Project, tmp_path: Path) -> None:
    clock = Clock()
    saver = Autosaver(project, clock=clock, directory=tmp_path / "rec")
    assert not saver.tick() and saver.due_in() is None  # nothing changed
    clock.at(5)
    project.session.set_color("a.txt", "#ff0000")
    project.session.view_state["zoom"] = 1
    assert saver.due_in() == 30
    for t in (6, 20, 34.9):
        assert not tick_at(saver, clock, t)
    assert _saved_zoom(project.path) is None
    clock.at(35)
    assert saver.tick() and saver.saves == 1
    assert _saved_zoom(project.path) == 1 and not project.modified
    assert not tick_at(saver, clock, 36)  # nothing new: no save
    # a burst of changes is written once, 30 s after its first change
    clock.at(40)
    project.session.set_color("a.txt", "#00ff00")
    clock.at(50)
    project.session.view_state["zoom"] = 2
    project.session.set_color("a.txt", "#0000ff")
    assert not tick_at(saver, clock, 69.9)
    assert tick_at(saver, clock, 70) and saver.saves == 2
    assert _saved_zoom(project.path) == 2
    assert load_project(project.path)[0].entry("a.txt").color == "#0000ff"
    assert not list((tmp_path / "rec").glob("*"))  # a saved project needs no recovery file
    saver.close()


def test_view_state_changes_alone_are_noticed_by_the_tick(project: Project) -> None:
    clock = Clock()
    saver = Autosaver(project, clock=clock)
    project.session.view_state["zoom"] = 9  # the session announces nothing for this
    assert not tick_at(saver, clock, 1)
    assert not project.modified and project.needs_save
    assert not tick_at(saver, clock, 30.9)
    assert tick_at(saver, clock, 31)
    assert _saved_zoom(project.path) == 9
    saver.close()


def test_an_explicit_save_resets_the_wait(project: Project) -> None:
    clock = Clock()
    saver = Autosaver(project, clock=clock)
    project.session.set_color("a.txt", "red")
    project.save()  # the user pressed Ctrl+S
    assert not tick_at(saver, clock, 31) and saver.saves == 0
    saver.close()


def test_close_saves_pending_changes_into_the_project(project: Project) -> None:
    saver = Autosaver(project, clock=Clock())
    project.session.view_state["zoom"] = 4
    saver.close()
    assert _saved_zoom(project.path) == 4


def test_a_failed_autosave_is_reported_and_retried_later(project: Project, tmp_path: Path) -> None:
    clock = Clock()
    saver = Autosaver(project, clock=clock)
    project.session.view_state["zoom"] = 3
    project.session.set_color("a.txt", "red")  # announced: the wait starts now
    assert project.path is not None
    data = b"garbage" * 1000
    project.path.write_bytes(data)  # someone clobbered the file behind our back
    assert not tick_at(saver, clock, 30)
    assert saver.last_error and str(project.path) in saver.last_error
    assert not tick_at(saver, clock, 45)  # not hammering at every tick
    project.path.unlink()
    assert tick_at(saver, clock, 60) and saver.last_error is None
    assert _saved_zoom(project.path) == 3
    saver.close()


def test_an_unsaved_project_autosaves_to_a_recovery_file_removed_on_clean_close(tmp_path: Path) -> None:
    rec = tmp_path / "recovery"
    clock = Clock()
    project = Project(Session())
    saver = Autosaver(project, clock=clock, directory=rec)
    project.session.add_article(Article("b.txt", "Bee", "Snow fell last March."))
    assert not tick_at(saver, clock, 29) and not rec.exists()
    assert tick_at(saver, clock, 30)
    assert saver.recovery_path is not None and saver.recovery_path.parent == rec
    assert load_project(saver.recovery_path)[0].keys() == ["b.txt"]
    assert find_recoverable(rec) == []  # it is ours and we are alive: not offered
    assert project.modified  # a recovery file is not a save
    path = saver.recovery_path
    saver.close()
    assert not path.exists() and list(rec.iterdir()) == []


def test_save_as_moves_the_work_out_of_the_recovery_file(tmp_path: Path) -> None:
    rec = tmp_path / "recovery"
    clock = Clock()
    project = Project(Session())
    saver = Autosaver(project, clock=clock, directory=rec)
    project.session.add_article(Article("b.txt", "Bee", "Snow fell last March."))
    tick_at(saver, clock, 30)
    path = saver.recovery_path
    assert path is not None and path.exists()
    project.save_as(tmp_path / "named.timeline")
    tick_at(saver, clock, 31)
    assert not path.exists() and saver.recovery_path is None
    project.session.view_state["zoom"] = 8
    assert not tick_at(saver, clock, 32)  # a view-state change is noticed by the tick...
    assert not tick_at(saver, clock, 61.9)
    assert tick_at(saver, clock, 62)  # ...and written an interval later
    assert _saved_zoom(tmp_path / "named.timeline") == 8 and list(rec.iterdir()) == []
    saver.close()
    project.close()


def test_a_read_only_project_autosaves_to_recovery_naming_its_origin(project: Project, tmp_path: Path) -> None:
    rec = tmp_path / "recovery"
    assert project.path is not None
    reader = Project.open(project.path, read_only=True)
    clock = Clock()
    saver = Autosaver(reader, clock=clock, directory=rec)
    reader.session.set_color("a.txt", "blue")
    assert tick_at(saver, clock, 30)
    assert saver.recovery_path is not None
    assert load_project(saver.recovery_path)[1].meta["recovery_for"] == str(project.path)
    saver.close()
    reader.close()


CRASHER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from timeline_app.core import session as session_mod
    from timeline_app.core.model import Analysis, Article
    session_mod.analyze = lambda article, forced=None: Analysis()
    from timeline_app.core.project.autosave import Autosaver
    from timeline_app.core.project.store import Project

    now = [0.0]
    project = Project()
    saver = Autosaver(project, clock=lambda: now[0], directory=Path(sys.argv[1]))
    project.session.add_article(Article("crash.txt", "Crashed work", "Rebels attacked on Tuesday."))
    project.session.add_event("crash.txt", 0, 6, "2016-06-28", label="Rebels")
    now[0] = 31.0
    assert saver.tick()
    project.session.view_state["zoom"] = "lost"  # after the last autosave: lost in the crash
    print(saver.recovery_path, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_crash_leaves_a_recovery_file_that_is_offered_and_recovered(tmp_path: Path) -> None:
    rec = tmp_path / "recovery"
    child = subprocess.run([sys.executable, "-c", CRASHER, str(rec)], capture_output=True, text=True, timeout=120,
                           check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr
    left = Path(child.stdout.strip())
    offered = find_recoverable(rec)
    assert [r.path for r in offered] == [left]
    assert offered[0].titles == ("Crashed work",) and offered[0].corrections == 1
    assert offered[0].origin is None and offered[0].problem is None
    assert "1 article" in offered[0].describe()

    clock = Clock()
    saver = Autosaver.recover(left, clock=clock)
    project = saver.project
    assert project.path is None and project.modified  # recovered work must be saved by the user
    assert project.session.keys() == ["crash.txt"] and "zoom" not in project.session.view_state
    assert [e.label for e in project.session.entry("crash.txt").analysis.events] == ["Rebels"]
    assert find_recoverable(rec) == []  # now it is ours again
    with pytest.raises(ProjectLockedError):
        Autosaver.recover(left)  # a second window cannot take it too
    # it keeps autosaving into the same file...
    project.session.set_color("crash.txt", "red")
    project.session.view_state["zoom"] = 2
    assert tick_at(saver, clock, 30) and saver.recovery_path == left
    assert load_project(left)[0].view_state == {"zoom": 2}
    # ...until a clean close removes it
    saver.close()
    assert not left.exists() and find_recoverable(rec) == []


def test_unreadable_recovery_files_are_listed_with_the_problem_and_can_be_discarded(tmp_path: Path) -> None:
    rec = tmp_path / "recovery"
    rec.mkdir()
    bad = rec / "unsaved-x.timeline"
    bad.write_bytes(b"half a file")
    (rec / "notes.txt").write_text("not ours")
    [found] = find_recoverable(rec)
    assert found.path == bad and found.problem and "unreadable" in found.describe()
    discard_recovery(bad)
    assert find_recoverable(rec) == [] and (rec / "notes.txt").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG layout")
def test_recovery_dir_is_in_the_user_data_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert recovery_dir() == tmp_path / "data" / "timeline-app" / "recovery"
    assert find_recoverable() == []


def test_view_state_alone_writes_no_recovery_file(tmp_path: Path) -> None:
    rec = tmp_path / "recovery"
    clock = Clock()
    project = Project(Session())
    saver = Autosaver(project, clock=clock, directory=rec)
    project.session.view_state["zoom"] = 3
    assert not tick_at(saver, clock, 1) and not tick_at(saver, clock, 100)
    assert not rec.exists()
    project.session.add_article(Article("b.txt", "Bee", "Snow fell last March."))
    assert tick_at(saver, clock, 130)
    assert saver.recovery_path is not None
    assert load_project(saver.recovery_path)[0].view_state == {"zoom": 3}  # written along with the work
    saver.close()
