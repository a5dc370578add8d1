"""One writer per project: a second window or process is told, and can open it read-only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from timeline_app.core import session as session_mod
from timeline_app.core.model import Analysis, Article
from timeline_app.core.project.lock import ProjectLock, is_locked, lock_path, read_owner
from timeline_app.core.project.store import (
    Project,
    ProjectError,
    ProjectLockedError,
    load_project,
    save_project,
)
from timeline_app.core.session import Session


@pytest.fixture(autouse=True)
def no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", lambda article, forced=None: Analysis())


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    s = Session()
    s.add_article(Article("a.txt", "A", "Rebels attacked on Tuesday."))
    s.view_state["zoom"] = 1
    path = tmp_path / "shared.timeline"
    save_project(s, path)
    return path


def test_second_window_in_the_same_process_is_refused(project_file: Path) -> None:
    first = Project.open(project_file)
    with pytest.raises(ProjectLockedError) as info:
        Project.open(project_file)
    assert "already open in this program" in str(info.value) and str(project_file) in str(info.value)
    assert info.value.owner.pid == os.getpid()
    assert is_locked(project_file)
    first.close()
    assert not is_locked(project_file) and not lock_path(project_file).exists()
    Project.open(project_file).close()


def test_a_locked_project_opens_read_only_and_refuses_to_save(project_file: Path, tmp_path: Path) -> None:
    with Project.open(project_file) as writer:
        data = project_file.read_bytes()
        reader = Project.open(project_file, read_only=True)
        assert reader.read_only and not reader.writable
        assert reader.session.keys() == ["a.txt"]
        reader.session.view_state["zoom"] = 5
        with pytest.raises(ProjectError, match="read-only"):
            reader.save()
        assert project_file.read_bytes() == data
        # the writer still writes, the reader's copy can go elsewhere
        writer.session.view_state["zoom"] = 2
        writer.save()
        reader.save_as(tmp_path / "copy.timeline")
        assert reader.writable and reader.path == tmp_path / "copy.timeline"
        reader.close()
    assert load_project(project_file)[0].view_state == {"zoom": 2}
    assert load_project(tmp_path / "copy.timeline")[0].view_state == {"zoom": 5}


def test_save_as_onto_a_project_open_elsewhere_is_refused(project_file: Path) -> None:
    with Project.open(project_file):
        other = Project(Session())
        with pytest.raises(ProjectLockedError):
            other.save_as(project_file)
        assert other.path is None


HOLDER = textwrap.dedent("""
    import os, sys
    from timeline_app.core import session as session_mod
    from timeline_app.core.model import Analysis
    session_mod.analyze = lambda article, forced=None: Analysis()
    from timeline_app.core.project.store import Project, ProjectLockedError
    try:
        project = Project.open(sys.argv[1])
    except ProjectLockedError as exc:
        print("locked:", exc, flush=True)
        sys.exit(3)
    print("open", os.getpid(), flush=True)
    sys.stdin.readline()
    project.close()
""")


def _holder(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_project_open_in_another_process_is_refused_until_it_dies(project_file: Path) -> None:
    child = _holder(project_file)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("open"), child.stderr.read() if child.stderr else line
        with pytest.raises(ProjectLockedError) as info:
            Project.open(project_file)
        assert f"process {child.pid}" in str(info.value)
        assert read_owner(lock_path(project_file)).pid == child.pid
        with Project.open(project_file, read_only=True) as reader:  # reading is still allowed
            assert reader.session.keys() == ["a.txt"]
        os.kill(child.pid, signal.SIGKILL)  # a crash: the OS drops the lock
        child.wait(30)
    finally:
        child.kill()
        child.wait()
    assert lock_path(project_file).exists()  # the dead process's sidecar is still there...
    with Project.open(project_file) as p:  # ...and harmless
        p.save()
        assert read_owner(lock_path(project_file)).pid == os.getpid()


def test_another_process_is_refused_while_we_hold_it(project_file: Path) -> None:
    with Project.open(project_file):
        child = _holder(project_file)
        out, err = child.communicate(timeout=60)
        assert child.returncode == 3, err
        assert "already open in this program" not in out  # told it is *another* process
        assert f"process {os.getpid()}" in out
    child = _holder(project_file)
    out, err = child.communicate("\n", timeout=60)
    assert child.returncode == 0 and out.startswith("open"), err


def test_a_lock_is_released_once_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "x.timeline"
    lock = ProjectLock.acquire(target)
    assert lock.held and lock_path(target).exists()
    lock.release()
    lock.release()
    assert not lock.held and not lock_path(target).exists()


def test_a_file_system_without_locks_opens_read_only(project_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.core.project import store as project_mod

    def refuse(path: Path) -> ProjectLock:
        raise ProjectError(f"{path}: the file system refuses locks (No locks available)")

    monkeypatch.setattr(project_mod.ProjectLock, "acquire", staticmethod(refuse))
    with Project.open(project_file) as p:
        assert p.read_only and "refuses locks" in (p.read_only_reason or "")
        with pytest.raises(ProjectError, match="read-only"):
            p.save()


def test_two_paths_to_one_file_share_the_lock(project_file: Path, tmp_path: Path) -> None:
    link_dir = tmp_path / "elsewhere"
    link_dir.mkdir()
    link = link_dir / "alias.timeline"
    link.symlink_to(project_file)
    with Project.open(project_file), pytest.raises(ProjectLockedError):
        Project.open(link)
