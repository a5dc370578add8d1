"""Whose journal is it? Keeping a killed save's rollback journal with the file it belongs to.

SQLite finds a file's rollback journal by name only (``NAME.timeline-journal``). A journal left
by a killed in-place save therefore "belongs" to whatever file later sits at that name: if a new
file were renamed into place beside it (Save As, a first save, saving a file deleted behind the
app's back), the next open would roll the old file's pages into the new one — a damaged file, or
silently the pre-crash content. Two rules prevent that:

- before a new file replaces ``NAME.timeline`` (under the project's lock), the old file's journal
  is rolled back into the old file, or removed when that cannot be done: :func:`settle_before_replace`;
- before an open lets SQLite roll a journal back, the rollback is tried on a copy and the result
  is compared with the file itself (:func:`belongs`): a journal that damages the file, or that
  brings back another file's identity (``meta.file_id``, written first by every in-place save),
  is foreign; it is renamed aside (kept, never applied) by :func:`set_aside`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import sqlite3
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 10.0


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def settle_before_replace(path: Path) -> None:
    """No journal of the file at ``path`` may outlive its replacement. The caller holds the lock.

    Rolled back first, so that a crash between here and the rename leaves the old file whole.
    """
    journal = journal_of(path)
    if not journal.exists():
        return
    if path.exists():
        with contextlib.suppress(Exception):  # a damaged old file: it is being replaced anyway
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                conn.close()
    with contextlib.suppress(FileNotFoundError):
        journal.unlink()
        log.info("%s: removed the journal of a crashed save before replacing the file", path)


def _inspect(db: Path) -> tuple[bool, str | None]:
    """(sound, file_id) of a database file, opened read-write so a journal beside it is applied."""
    try:
        conn = sqlite3.connect(str(db), isolation_level=None, timeout=BUSY_TIMEOUT_S)
        try:
            sound = conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
            row = conn.execute("SELECT value FROM meta WHERE name = 'file_id'").fetchone()
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 - any failure means "not a sound database"
        return False, None
    return sound, (row[0] if row and isinstance(row[0], str) else None)


def belongs(path: Path) -> bool:
    """Whether rolling the journal beside ``path`` back gives a sound file that is still this file.

    Works on copies in a temporary folder; the project file and its journal are only read.
    """
    journal = journal_of(path)
    with tempfile.TemporaryDirectory(prefix="timeline-journal-") as tmp:
        rolled = Path(tmp) / "rolled.timeline"
        alone = Path(tmp) / "alone.timeline"
        shutil.copyfile(path, rolled)
        shutil.copyfile(journal, journal_of(rolled))
        shutil.copyfile(path, alone)
        rolled_sound, rolled_id = _inspect(rolled)
        alone_sound, alone_id = _inspect(alone)
    if not rolled_sound:
        # A genuine journal mends a half-written file; one that damages a sound file is foreign.
        return not alone_sound
    # Different identities: the rollback would bring back another file's pages.
    return rolled_id is None or alone_id is None or rolled_id == alone_id


def set_aside(path: Path) -> Path:
    """Rename a foreign journal out of SQLite's way, keeping it (nothing is deleted)."""
    journal = journal_of(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = journal.with_name(f"{journal.name}.{stamp}.foreign")
    journal.replace(kept)
    log.warning("%s: a journal that belongs to another file was set aside as %s", path, kept.name)
    return kept
