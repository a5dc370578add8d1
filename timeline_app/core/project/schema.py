"""The project file's SQLite schema, its versions and the migrations between them.

A project is one SQLite database. Two numbers in its 100-byte header identify it before any SQL
runs: ``PRAGMA application_id`` (:data:`APPLICATION_ID`, "TLNE") says it is a timeline project
and not some other program's database, and ``PRAGMA user_version`` is the schema version.

Version history (a file records the version it was written with; older files are migrated,
newer ones are refused because this build cannot know what they hold):

1. articles (text, source, title, format, DCT with origin/confidence/span, gold TIMEX3 of TimeML
   input), their boilerplate spans, the user's corrections, and a ``meta`` table.
2. adds lane colours (``article.color``) and the view state (``view_state`` table).
3. adds the user's splits and merges of story events (``story_decision`` table).
4. adds what a web page's DCT carries beyond its value (``article.dct_detail``: UTC offset, zone,
   the reason it won and the candidates weighed, as JSON) and the page's own address
   (``article.url``). Rows migrated from version 3 have both NULL: their DCT is what it was.

Migrations run inside the caller's transaction (SQLite's DDL is transactional), so a file is
either wholly at the old version or wholly at the new one.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

APPLICATION_ID = 0x544C4E45  # "TLNE": a timeline project, whatever its schema version
CURRENT_VERSION = 4
SQLITE_MAGIC = b"SQLite format 3\x00"


class ProjectError(Exception):
    """A project file that cannot be opened or written; the message names the file and the reason."""


class ProjectVersionError(ProjectError):
    """A project written by a newer version of the app (a schema this build does not know)."""

    def __init__(self, path: Path | str, found: int, supported: int = CURRENT_VERSION) -> None:
        self.path, self.found, self.supported = Path(path), found, supported
        super().__init__(
            f"{path}: this project was saved by a newer version of timeline-app (project format "
            f"version {found}; this version reads formats 1 to {supported}). Update timeline-app "
            f"to open it; the file has not been changed.")


# -- DDL -----------------------------------------------------------------------------------------
# Version 1, frozen: migrations start from exactly this. Never edit it; add a version instead.
SCHEMA_V1 = """
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE article (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,   -- the session's entry key (stable lane identity)
    position       INTEGER NOT NULL,       -- lane order
    source         TEXT NOT NULL,
    title          TEXT NOT NULL,
    format         TEXT NOT NULL,
    text           TEXT NOT NULL,          -- the exact text every offset indexes
    dct_value      TEXT,                   -- the DCT as found (user overrides are corrections)
    dct_origin     TEXT,
    dct_confidence REAL,
    dct_start      INTEGER,
    dct_end        INTEGER,
    dct_updated    TEXT,
    gold           TEXT,                   -- JSON: gold TIMEX3s of TimeML input, or NULL
    digest         TEXT NOT NULL           -- sha256 of the columns above: skip unchanged rows on save
);
CREATE TABLE boilerplate (
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL
);
CREATE INDEX boilerplate_article ON boilerplate(article_id);
CREATE TABLE correction (
    position   INTEGER PRIMARY KEY,        -- order of application: the last DCT override wins
    kind       TEXT NOT NULL,
    article    TEXT NOT NULL,              -- article.key
    value      TEXT,
    span_start INTEGER,
    span_end   INTEGER,
    text       TEXT,                       -- the span's text when corrected: re-attaches it
    label      TEXT
);
"""

# Version 1 → 2: lane colours and view state.
MIGRATE_1_TO_2 = """
ALTER TABLE article ADD COLUMN color TEXT;
CREATE TABLE view_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL                     -- JSON
);
"""

# Version 2 → 3: the user's splits and merges of story events, in order.
MIGRATE_2_TO_3 = """
CREATE TABLE story_decision (
    position INTEGER PRIMARY KEY,          -- order of application
    kind     TEXT NOT NULL,                -- merge | split
    members  TEXT NOT NULL                 -- JSON: [[article key, event start, event end], ...]
);
"""

# Version 3 → 4: the rest of a page's DCT (offset, zone, reason, candidates) and the page's address.
MIGRATE_3_TO_4 = """
ALTER TABLE article ADD COLUMN dct_detail TEXT;  -- JSON object, or NULL when the DCT has none of it
ALTER TABLE article ADD COLUMN url TEXT;
"""

Migration = Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Migration:
    def run(conn: sqlite3.Connection) -> None:
        # One statement at a time: executescript() would COMMIT the caller's transaction.
        for statement in _statements(sql):
            conn.execute(statement)
    return run


def _statements(sql: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


# MIGRATIONS[n] turns a version-n file into a version-(n+1) file.
MIGRATIONS: dict[int, Migration] = {1: _script(MIGRATE_1_TO_2), 2: _script(MIGRATE_2_TO_3),
                                    3: _script(MIGRATE_3_TO_4)}


def create_current(conn: sqlite3.Connection) -> None:
    """Create the current schema in an empty database, inside the caller's transaction."""
    _script(SCHEMA_V1)(conn)
    migrate(conn, 1)


def migrate(conn: sqlite3.Connection, found: int) -> None:
    """Bring a version-``found`` database to :data:`CURRENT_VERSION`, inside the caller's transaction."""
    for version in range(found, CURRENT_VERSION):
        MIGRATIONS[version](conn)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def set_version(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(f"PRAGMA user_version = {int(version)}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


# -- looking at a file before SQLite does ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Header:
    page_size: int
    pages: int | None  # the header's page count when it is trustworthy
    application_id: int
    user_version: int


def read_header(path: Path) -> Header:
    """Check the file is a whole timeline project as far as its header can tell; raise ProjectError.

    Only reads the file. Catches what SQLite itself would accept silently or report vaguely: an
    empty file (SQLite treats it as a new database), another program's file, a truncated copy.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such project file") from None
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read the project: {exc.strerror or exc}") from None
    if size == 0:
        raise ProjectError(f"{path}: the file is empty, not a timeline project")
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise ProjectError(f"{path}: not a timeline project (the file is not an SQLite database"
                           + (", or it is cut short)" if len(head) < 100 and SQLITE_MAGIC.startswith(head[:16])
                              else ")"))
    (raw_page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise ProjectError(f"{path}: the project file is damaged (bad header)")
    change_counter, pages = struct.unpack(">II", head[24:32])
    (valid_for,) = struct.unpack(">I", head[92:96])
    (user_version,) = struct.unpack(">i", head[60:64])
    (application_id,) = struct.unpack(">i", head[68:72])
    application_id &= 0xFFFFFFFF
    if application_id != APPLICATION_ID:
        raise ProjectError(f"{path}: not a timeline project (an SQLite database of another program)")
    trusted_pages = pages if pages and change_counter == valid_for else None
    hot_journal = _journal(path).exists()
    # With a journal beside it the file may be mid-transaction; SQLite's rollback mends its size.
    if not hot_journal:
        if size % page_size:
            raise ProjectError(f"{path}: the project file is truncated or damaged "
                               f"({size} bytes is not a whole number of {page_size}-byte pages)")
        if trusted_pages is not None and size < trusted_pages * page_size:
            raise ProjectError(f"{path}: the project file is truncated ({size} bytes of "
                               f"{trusted_pages * page_size})")
    return Header(page_size, trusted_pages, application_id, user_version)


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")
