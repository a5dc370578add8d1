"""Issue 20, item 7: every output is written whole or not at all; a failure is one clear message.

Disk-full cases run on a small tmpfs mounted for the test (root only); elsewhere they are skipped,
saying why.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.core import atomic
from timeline_app.core.model import Article
from timeline_app.core.project import Project, ProjectError, save_project
from timeline_app.core.session import Session

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "syria.txt"


@dataclass
class Done:
    returncode: int
    stderr: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """The command in this process: what a user types, without a new interpreter per case."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    def command(*args: str) -> Done:
        capsys.readouterr()
        try:
            status = main(list(args))
        except SystemExit as exc:
            status = int(exc.code or 0)
        return Done(status, capsys.readouterr().err)
    return command


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs, so that a test can fill it."""
    where = tmp_path / "disk"
    where.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("disk-full tests mount a small tmpfs, which needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(where)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> None:
    handle = open(folder / "filler", "ab")  # noqa: SIM115 - closing a full file raises too
    with contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 512)
            handle.flush()
    with contextlib.suppress(OSError):
        handle.close()


def no_temporaries(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith((".tmp", ".part"))]


def test_extract_to_a_missing_folder_or_a_folder_is_one_message(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    for target, why in ((tmp_path / "nowhere" / "out.json", "does not exist"), (tmp_path, "is a folder")):
        done = run("extract", str(SEED), "-o", str(target))
        assert done.returncode == 2
        assert "Traceback" not in done.stderr and why in done.stderr and str(target) in done.stderr


def test_extract_onto_a_full_disk_keeps_the_old_output(full_disk: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    inputs = []
    for i in range(4):  # an output larger than what is left
        inputs.append(tmp_path / f"a{i}.txt")
        shutil.copyfile(SEED, inputs[-1])
    out = full_disk / "events.json"
    out.write_text('{"articles": []}\n', encoding="utf-8")
    fill(full_disk)
    done = run("extract", *map(str, inputs), "-o", str(out))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert f"{out}: cannot write" in done.stderr and "the old file is unchanged" in done.stderr
    assert out.read_text(encoding="utf-8") == '{"articles": []}\n'  # truncated to 4 KB before
    assert no_temporaries(full_disk)


def test_export_onto_a_full_disk_keeps_the_old_image(full_disk: Path, run) -> None:  # type: ignore[no-untyped-def]
    out = full_disk / "fig.png"
    out.write_bytes(b"old image")
    fill(full_disk)
    done = run("export", str(SEED), "-o", str(out))
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert str(out) in done.stderr
    assert out.read_bytes() == b"old image"  # a 0-byte file before
    assert no_temporaries(full_disk)


def test_projects_on_a_full_disk_open_and_refuse_to_save_clearly(full_disk: Path) -> None:
    s = Session()
    s.add_article(Article(source="a.txt", title="A", text="talks " * 3000))
    path = full_disk / "p.timeline"
    save_project(s, path)
    fill(full_disk)
    with Project.open(path) as project:  # a raw OSError before (the lock's owner text)
        assert project.session.keys() == ["a.txt"]
        project.session.add_article(Article(source="b.txt", title="B", text="more " * 3000))
        with pytest.raises(ProjectError, match="full"):
            project.save()
    with pytest.raises(ProjectError, match="full"):
        Project(s).save_as(full_disk / "q.timeline")
    assert no_temporaries(full_disk)
    assert Project.open(path).session.keys() == ["a.txt"]


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    pid = int(dead.stdout)
    out = tmp_path / "events.csv"
    stale = tmp_path / f".events.csv.{pid}-0badc0de.part"
    stale.write_text("half a file")
    live = tmp_path / f".events.csv.{os.getpid()}-0000beef.part"  # a writer still running (us)
    live.write_text("being written")
    atomic.write_text(out, "a,b\n")
    assert out.read_text() == "a,b\n"
    assert not stale.exists() and live.exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    out.write_text("old")
    with pytest.raises(RuntimeError), atomic.atomic_path(out) as tmp:
        tmp.write_text("half")
        raise RuntimeError("the writer failed half-way")
    assert out.read_text() == "old" and no_temporaries(tmp_path)
