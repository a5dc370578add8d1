"""A process killed with SIGKILL in the middle of a save loop leaves a file at its last commit."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from project_faults import kill_while_saving

from timeline_app.core import session as session_mod
from timeline_app.core.model import Analysis
from timeline_app.core.project.store import Project, load_project

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

# Each round adds a ~400 kB article, removes the one two rounds back, adds an event correction on
# the new one and stores the round number: a save rewrites hundreds of pages, so a kill at a
# random moment often lands inside a transaction.
SAVE_LOOP = textwrap.dedent("""
    import sys
    from timeline_app.core import session as session_mod
    from timeline_app.core.model import Analysis, Article
    session_mod.analyze = lambda article, forced=None: Analysis()  # the extraction is not on trial
    from timeline_app.core.project.store import Project, save_project
    from timeline_app.core.session import Session

    path = sys.argv[1]
    save_project(Session(), path)
    project = Project.open(path)
    s = project.session
    n = 0
    while True:
        n += 1
        s.add_article(Article(source=f"a{n}.txt", title=f"round {n}", text=f"round {n} " * 40000))
        if n > 2:
            s.remove(f"a{n - 2}.txt")
        s.add_event(f"a{n}.txt", 0, 5, "2016-06-30", label=f"round {n}")
        s.view_state["n"] = n
        project.save()
        print(n, flush=True)
""")


def _expected(n: int) -> dict[str, object]:
    rounds = [r for r in (n - 1, n) if r >= 1]
    return {"keys": [f"a{r}.txt" for r in rounds], "titles": [f"round {r}" for r in rounds],
            "events": [f"round {r}" for r in rounds]}


@pytest.mark.parametrize("run", range(5))
def test_sigkill_during_save_loop_leaves_last_committed_state(tmp_path: Path, run: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", lambda article, forced=None: Analysis())
    path = tmp_path / "loop.timeline"
    child, printed = kill_while_saving([SAVE_LOOP, str(path)], random.Random(run).uniform(0.05, 0.8))
    assert child.returncode == -signal.SIGKILL
    last_printed = printed[-1]
    interrupted = path.with_name(path.name + "-journal").exists()

    session, _ = load_project(path)  # rolls back the journal of a killed save, if any
    n = session.view_state["n"]
    assert isinstance(n, int)
    # the last save it reported, or the one whose COMMIT finished just before its print
    assert n in (last_printed, last_printed + 1), (n, last_printed, interrupted)
    want = _expected(n)
    assert session.keys() == want["keys"]
    assert [e.article.title for e in session.entries] == want["titles"]
    assert [c.label for c in session.corrections] == want["events"]
    assert session.entry(f"a{n}.txt").article.text == f"round {n} " * 40000
    # and the killed process's lock died with it
    with Project.open(path) as again:
        again.session.view_state["n"] = n + 100
        again.save()
    assert load_project(path)[0].view_state["n"] == n + 100
    # (a kill just as a save began can leave an empty, not-hot journal: the next save removes it)
    assert not path.with_name(path.name + "-journal").exists()
    print(f"run {run}: killed after {len(printed)} saves, file at save {n}, "
          f"{'a journal was left: killed mid-save' if interrupted else 'no journal left'}")


def test_rollback_of_a_killed_save_never_happens_in_a_damaged_file(tmp_path: Path) -> None:
    """A stray journal beside a file that is not a project does not make us write to it."""
    bad = tmp_path / "bad.timeline"
    bad.write_bytes(b"\0" * 8192)
    bad.with_name("bad.timeline-journal").write_bytes(b"\1" * 512)
    from timeline_app.core.project.store import ProjectError

    with pytest.raises(ProjectError):
        Project.open(bad)
    assert bad.read_bytes() == b"\0" * 8192



# Deterministic variant: the child kills itself at a chosen point INSIDE the save transaction,
# with a tiny page cache so SQLite has already written changed pages into the file itself (the
# journal holds the originals). The next open must roll back to exactly the previous save.
KILL_INSIDE = textwrap.dedent("""
    import os, signal, sys
    from timeline_app.core.project import sqlite as project_sqlite, tables as project_tables
    from timeline_app.core import session as session_mod
    from timeline_app.core.model import Analysis, Article
    session_mod.analyze = lambda article, forced=None: Analysis()
    from timeline_app.core.project.store import Project, save_project
    from timeline_app.core.session import Session

    path, where = sys.argv[1], sys.argv[2]
    s = Session()
    for n in range(3):
        s.add_article(Article(source=f"old{n}.txt", title=f"old {n}", text=f"old {n} " * 40000))
    s.view_state["n"] = 1
    save_project(s, path)
    project = Project.open(path)
    s = project.session

    connect = project_sqlite.connect_rw
    def small_cache(p):
        conn = connect(p)
        conn.execute("PRAGMA cache_size = 5")  # spill dirty pages into the file mid-transaction
        return conn
    project_sqlite.connect_rw = small_cache

    def die(*args, **kwargs):
        print("dying", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    if where == "after-articles":
        project_tables.view_rows = die  # called once articles and corrections are written
    else:
        write = project_tables.write_tables
        project_tables.write_tables = lambda *a, **k: (write(*a, **k), die())

    for n in range(3):
        s.remove(f"old{n}.txt")
    s.add_article(Article(source="new.txt", title="new", text="new " * 100000))
    s.add_event("new.txt", 0, 3, "2016-06-30")
    s.view_state["n"] = 2
    project.save()
    print("not killed", flush=True)
""")


@pytest.mark.parametrize("where", ["after-articles", "before-commit"])
def test_sigkill_inside_the_transaction_rolls_back_to_the_previous_save(tmp_path: Path, where: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", lambda article, forced=None: Analysis())
    path = tmp_path / "inside.timeline"
    child = subprocess.run([sys.executable, "-c", KILL_INSIDE, str(path), where], capture_output=True,
                           text=True, timeout=120, check=False)
    assert child.returncode == -signal.SIGKILL and child.stdout == "dying\n", child.stderr
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0  # killed with a hot journal
    session, _ = load_project(path)
    assert session.view_state == {"n": 1}
    assert session.keys() == ["old0.txt", "old1.txt", "old2.txt"] and session.corrections == []
    assert [e.article.text for e in session.entries] == [f"old {n} " * 40000 for n in range(3)]
    assert not journal.exists()
