"""Issue 20, item 1: a journal left by a killed save never ends up rolled back into another file."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from project_faults import crash_an_in_place_save

from timeline_app.core import session as session_mod
from timeline_app.core.model import Analysis, Article
from timeline_app.core.project import Project, load_project, save_project
from timeline_app.core.session import Session

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


@pytest.fixture(autouse=True)
def _no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", lambda article, forced=None: Analysis())


def _new_session(name: str) -> Session:
    s = Session()
    s.add_article(Article(source=f"{name}.txt", title=name, text=f"{name} " * 5000))
    s.view_state["n"] = name
    return s


def _assert_holds(path: Path, name: str) -> None:
    session, _ = load_project(path)
    assert session.keys() == [f"{name}.txt"]
    assert session.entry(f"{name}.txt").article.text == f"{name} " * 5000
    assert session.view_state == {"n": name}


def test_save_as_over_a_file_with_a_crashed_save_keeps_the_new_content(tmp_path: Path) -> None:
    path = tmp_path / "x.timeline"
    journal = crash_an_in_place_save(path)
    project = Project(_new_session("saveas"))
    project.save_as(path)
    project.close()
    assert not journal.exists()  # the old file's journal went with the old file
    _assert_holds(path, "saveas")


def test_a_first_save_over_a_crashed_file_keeps_the_new_content(tmp_path: Path) -> None:
    path = tmp_path / "x.timeline"
    crash_an_in_place_save(path)
    save_project(_new_session("first"), path)
    _assert_holds(path, "first")


def test_saving_a_file_deleted_behind_our_back_leaves_no_stale_journal(tmp_path: Path) -> None:
    path = tmp_path / "x.timeline"
    journal = crash_an_in_place_save(path)
    project = Project.open(path)  # rolls the crashed save back: three old articles
    assert project.session.keys() == ["old0.txt", "old1.txt", "old2.txt"]
    journal_copy = tmp_path / "journal.copy"
    path.unlink()
    # a journal turns up beside the deleted file (a copy of the crash, or a second crash)
    crash_an_in_place_save(tmp_path / "other.timeline")
    shutil.copyfile(tmp_path / "other.timeline-journal", journal)
    shutil.copyfile(journal, journal_copy)
    project.session.view_state["n"] = "deleted"
    project.save()
    project.close()
    assert not journal.exists()
    session, _ = load_project(path)
    assert session.keys() == ["old0.txt", "old1.txt", "old2.txt"]
    assert session.view_state == {"n": "deleted"}


def test_opening_never_rolls_a_foreign_journal_into_a_file(tmp_path: Path) -> None:
    """A journal of another file (copied, or left by an older version) is set aside, not applied."""
    path = tmp_path / "x.timeline"
    save_project(_new_session("mine"), path)
    before = path.read_bytes()
    other = tmp_path / "other.timeline"
    crash_an_in_place_save(other)
    journal = path.with_name(path.name + "-journal")
    shutil.copyfile(other.with_name(other.name + "-journal"), journal)
    session, _ = load_project(path)
    assert session.keys() == ["mine.txt"]
    assert session.entry("mine.txt").article.text == "mine " * 5000
    assert path.read_bytes() == before  # nothing was written into it
    assert not journal.exists()
    kept = list(tmp_path.glob("x.timeline-journal.*"))
    assert len(kept) == 1  # set aside, not deleted
    assert any("journal" in p for p in session.problems)


def test_the_genuine_journal_of_a_crashed_save_is_still_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "x.timeline"
    journal = crash_an_in_place_save(path)
    session, _ = load_project(path)
    assert session.keys() == ["old0.txt", "old1.txt", "old2.txt"]
    assert session.view_state == {"n": 1}
    assert not journal.exists() and not list(tmp_path.glob("x.timeline-journal.*"))



KILLED_SAVE_AS = """
import os, signal, sys
from timeline_app.core import session as session_mod
from timeline_app.core.model import Analysis, Article
session_mod.analyze = lambda article, forced=None: Analysis()
from timeline_app.core.project import Project
from timeline_app.core.session import Session
s = Session()
s.add_article(Article(source="lost.txt", title="lost", text="lost " * 5000))
os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # killed just before the rename
Project(s).save_as(sys.argv[1])
"""


def test_temporary_files_of_killed_saves_are_removed_by_the_next_save(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "x.timeline"
    save_project(_new_session("kept"), path)
    for _ in range(2):
        child = subprocess.run([sys.executable, "-c", KILLED_SAVE_AS, str(path)], capture_output=True,
                               text=True, timeout=60, check=False)
        assert child.returncode == -signal.SIGKILL, child.stderr
    assert len(list(tmp_path.glob(".x.timeline.*.tmp"))) == 1  # the second swept the first's
    _assert_holds(path, "kept")  # the target is untouched by a save killed before its rename
    with Project.open(path) as project:
        project.session.view_state["n"] = "kept"
        project.save_as(tmp_path / "y.timeline")  # another target: its own temporaries only
        assert len(list(tmp_path.glob(".x.timeline.*.tmp"))) == 1
    save_project(_new_session("again"), path)
    assert not list(tmp_path.glob(".x.timeline.*"))
    _assert_holds(path, "again")
