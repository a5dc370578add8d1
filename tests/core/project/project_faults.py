"""Helpers for the fault tests: a child process that is SIGKILLed inside a project save."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

# The child writes a project of three "old" articles, opens it, and starts an in-place save of a
# session holding one "mid" article; it kills itself inside the transaction, with a tiny page cache
# so that SQLite has already written changed pages into the file (the journal holds the originals).
KILLED_IN_PLACE_SAVE = textwrap.dedent("""
    import os, signal, sys
    from timeline_app.core.project import sqlite as project_sqlite, tables as project_tables
    from timeline_app.core import session as session_mod
    from timeline_app.core.model import Analysis, Article
    session_mod.analyze = lambda article, forced=None: Analysis()
    from timeline_app.core.project.store import Project, save_project
    from timeline_app.core.session import Session

    path = sys.argv[1]
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
        conn.execute("PRAGMA cache_size = 5")
        return conn
    project_sqlite.connect_rw = small_cache
    write = project_tables.write_tables
    def die(*args, **kwargs):
        write(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    project_tables.write_tables = die
    for n in range(3):
        s.remove(f"old{n}.txt")
    s.add_article(Article(source="mid.txt", title="mid", text="mid " * 100000))
    s.view_state["n"] = 2
    project.save()
""")


def crash_an_in_place_save(path: Path) -> Path:
    """Leave ``path`` as a killed in-place save does: its hot journal beside it. Returns the journal."""
    child = subprocess.run([sys.executable, "-c", KILLED_IN_PLACE_SAVE, str(path)], capture_output=True,
                           text=True, timeout=120, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    return journal


def kill_while_saving(args: list[str], delay: float) -> tuple[subprocess.Popen[str], list[int]]:
    """Start ``python -c args…``, wait for its first printed save, SIGKILL it ``delay`` seconds later.

    The child prints one number per save it completed; the numbers it printed come back, with the
    finished process (its return code is -SIGKILL when the kill, not an error, ended it).
    """
    child = subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    printed: list[int] = []
    first = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            printed.append(int(line))
            first.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert first.wait(60), child.stderr.read() if child.poll() is not None and child.stderr else "no output"
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        reader.join(10)
    return child, printed
