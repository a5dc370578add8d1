"""A web page's DCT in a project: offset, zone, reason and candidates survive a save and a reopen
(schema version 4), and a version-3 file opens, keeps its data and is migrated when saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_project import RULES_A, TEXT_A, make_analyzer

from timeline_app.core import session as session_mod
from timeline_app.core.model import DCT, Article, DctCandidate, DctOrigin, Span
from timeline_app.core.project import tables
from timeline_app.core.project.schema import APPLICATION_ID, CURRENT_VERSION
from timeline_app.core.project.store import Project, ProjectError, load_project, open_project, save_project
from timeline_app.core.session import Session

PAGE_DCT = DCT(
    "2023-11-08T18:09", DctOrigin.HTML_META, confidence=0.9, start=10, end=17, updated="2023-11-09T08:00",
    utc_offset="-07:00", zone="PDT", reason="meta and the shown dateline agree",
    candidates=(
        DctCandidate("2023-11-08T18:09", DctOrigin.HTML_META, "published", "meta article:published_time", 0.9,
                     utc_offset="-07:00", verdict="chosen"),
        DctCandidate("2023-11-08T18:09", DctOrigin.DATELINE, "published", "the dateline in the text", 0.72,
                     zone="PDT", start=10, end=17, verdict="agrees"),
        DctCandidate("2023-11-20", DctOrigin.URL, "unknown", "url https://example.org/2023/11/20/", 0.3,
                     verdict="another day, weaker"),
    ))


@pytest.fixture(autouse=True)
def rules_a(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", make_analyzer(RULES_A))


def _page_session() -> Session:
    s = Session()
    s.add_article(Article(source="/pages/attack.html", title="Rebels attack", text=TEXT_A, format="html",
                          dct=PAGE_DCT, boilerplate=(Span(TEXT_A.index("69 users"), len(TEXT_A)),),
                          url="https://example.org/2023/11/20/attack"))
    return s


def test_a_pages_dct_and_address_survive_save_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "pages.timeline"
    save_project(_page_session(), path)
    again = open_project(path)
    article = again.entry("/pages/attack.html").article
    assert article.dct == PAGE_DCT  # offset, zone, reason and every candidate with its verdict and span
    assert article.url == "https://example.org/2023/11/20/attack"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (CURRENT_VERSION,) == (4,)
    conn.close()


def test_a_dct_without_detail_writes_no_detail(tmp_path: Path) -> None:
    s = Session()
    s.add_article(Article(source="a.txt", title="A", text=TEXT_A, dct=DCT("2016-06-30", DctOrigin.FILENAME, 0.5)))
    path = tmp_path / "plain.timeline"
    save_project(s, path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT dct_detail, url FROM article").fetchall() == [(None, None)]
    conn.close()
    assert open_project(path).entry("a.txt").article.dct == DCT("2016-06-30", DctOrigin.FILENAME, 0.5)


def test_a_changed_candidate_is_damage_the_digest_catches(tmp_path: Path) -> None:
    path = tmp_path / "pages.timeline"
    save_project(_page_session(), path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE article SET dct_detail = replace(dct_detail, '2023-11-20', '2023-11-21')")
    conn.close()
    _, info = load_project(path)
    assert any("attack.html" in d and "damaged" in d for d in info.damaged)


def test_an_impossible_detail_is_a_project_error(tmp_path: Path) -> None:
    path = tmp_path / "pages.timeline"
    save_project(_page_session(), path)
    with sqlite3.connect(path) as conn:  # as a buggy writer would: with a digest that matches
        conn.execute("UPDATE article SET dct_detail = '{\"candidates\": 3}'")
        row = conn.execute("SELECT source, title, format, text, dct_value, dct_origin, dct_confidence, "
                           "dct_start, dct_end, dct_updated, gold, dct_detail, url FROM article").fetchone()
        conn.execute("UPDATE article SET digest = ?", (tables.article_digest(row[:11], row[11:]),))
    conn.close()
    with pytest.raises(ProjectError, match="candidates are not a list"):
        open_project(path)


# -- a version-3 file, as version 3 of the app wrote it (frozen here: not built from schema.py) ------
V3_DDL = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE article (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, position INTEGER NOT NULL,
    source TEXT NOT NULL, title TEXT NOT NULL, format TEXT NOT NULL, text TEXT NOT NULL,
    dct_value TEXT, dct_origin TEXT, dct_confidence REAL, dct_start INTEGER, dct_end INTEGER,
    dct_updated TEXT, gold TEXT, digest TEXT NOT NULL, color TEXT);
CREATE TABLE boilerplate (article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL);
CREATE INDEX boilerplate_article ON boilerplate(article_id);
CREATE TABLE correction (position INTEGER PRIMARY KEY, kind TEXT NOT NULL, article TEXT NOT NULL,
    value TEXT, span_start INTEGER, span_end INTEGER, text TEXT, label TEXT);
CREATE TABLE view_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE story_decision (position INTEGER PRIMARY KEY, kind TEXT NOT NULL, members TEXT NOT NULL);
"""


def _v3_file(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V3_DDL)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO meta VALUES ('app_version', '0.3.0'), ('rules_version', 'old')")
    row = ("/pages/attack.html", "Rebels attack", "html", TEXT_A, "2023-11-08T18:09", "html-meta", 0.9, 10, 17,
           None, None)
    # the digest as version 3 computed it: over these eleven columns
    conn.execute("INSERT INTO article (id, key, position, source, title, format, text, dct_value, dct_origin, "
                 "dct_confidence, dct_start, dct_end, dct_updated, gold, digest, color) "
                 "VALUES (1, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '#d62728')",
                 (row[0], *row, tables.row_digest(row)))
    conn.execute("INSERT INTO boilerplate VALUES (1, ?, ?)", (TEXT_A.index("69 users"), len(TEXT_A)))
    start = TEXT_A.index("in 2014")
    conn.execute("INSERT INTO correction VALUES (0, 'value', ?, '2013', ?, ?, 'in 2014', NULL)",
                 (row[0], start, start + 7))
    conn.execute("INSERT INTO view_state VALUES ('zoom', '3')")
    conn.commit()
    conn.close()


def test_a_version_3_file_opens_keeps_its_data_and_is_migrated_when_saved(tmp_path: Path) -> None:
    path = tmp_path / "v3.timeline"
    _v3_file(path)
    data = path.read_bytes()
    project = Project.open(path)
    assert project.info is not None and project.info.file_version == 3 and project.info.migrated
    assert not project.info.damaged  # the old digest still matches: the new columns are NULL
    assert path.read_bytes() == data  # migrated in memory only, until saved
    s = project.session
    entry = s.entry("/pages/attack.html")
    assert entry.article.dct == DCT("2023-11-08T18:09", DctOrigin.HTML_META, 0.9, 10, 17)
    assert entry.article.boilerplate == (Span(TEXT_A.index("69 users"), len(TEXT_A)),)
    assert {t.text: t.value for t in entry.analysis.timexes}["in 2014"] == "2013"
    assert entry.color == "#d62728" and s.view_state == {"zoom": 3}
    project.save()
    project.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)
        assert conn.execute("SELECT dct_detail, url FROM article").fetchall() == [(None, None)]
    conn.close()
    again, info = load_project(path)
    assert info.file_version == 4 and not info.damaged
    assert again.entry("/pages/attack.html").article.dct == entry.article.dct


def test_a_migrated_file_takes_a_pages_full_dct_on_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "v3.timeline"
    _v3_file(path)
    project = Project.open(path)
    project.session.add_article(Article(source="/pages/new.html", title="New", text=TEXT_A, format="html",
                                        dct=PAGE_DCT, url="https://example.org/new"))
    project.save()
    project.close()
    again = open_project(path)
    assert again.entry("/pages/new.html").article.dct == PAGE_DCT
    assert again.entry("/pages/new.html").article.url == "https://example.org/new"
