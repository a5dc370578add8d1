"""Project files: round trip, refusal of damaged/foreign/newer files, v1 migration, rule changes."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Mapping
from pathlib import Path

import pytest

from timeline_app.core import session as session_mod
from timeline_app.core.model import (
    DCT,
    Analysis,
    Article,
    DctOrigin,
    Event,
    Granularity,
    Interval,
    Span,
    TimeExpression,
    TimexType,
)
from timeline_app.core.project import store as project_mod
from timeline_app.core.project.lock import lock_path
from timeline_app.core.project.schema import APPLICATION_ID, CURRENT_VERSION
from timeline_app.core.project.store import (
    Project,
    ProjectError,
    ProjectVersionError,
    load_project,
    open_project,
    read_summary,
    rules_version,
    save_project,
)
from timeline_app.core.session import Correction, CorrectionKind, Session
from timeline_app.core.values import parse_value

# -- a hand-made extraction, so these tests do not depend on what the tagger finds today ---------
RULES_A = {"on Tuesday": "2016-06-28", "in 2014": "2014", "last March": "2016-03", "yesterday": "2016-06-29"}
# "The new rules": find "Tuesday" without "on" (other span), no longer find "in 2014", and
# resolve "last March" differently.
RULES_B = {"Tuesday": "2016-06-21", "last March": "2015-03", "yesterday": "2016-06-29"}


def make_analyzer(rules: Mapping[str, str]):  # type: ignore[no-untyped-def]
    pattern = re.compile("|".join(re.escape(k) for k in sorted(rules, key=len, reverse=True)))

    def analyze(article: Article, forced: Mapping[Span, str] | None = None) -> Analysis:
        forced = forced or {}
        timexes, events = [], []
        for n, m in enumerate(pattern.finditer(article.text), start=1):
            span = Span(m.start(), m.end())
            value = forced.get(span, rules[m.group()])
            parsed = parse_value(value)
            interval, gran = parsed if parsed else (None, None)
            timexes.append(TimeExpression(id=f"t{n}", start=span.start, end=span.end, text=m.group(),
                                          type=TimexType.DATE, value=value, interval=interval,
                                          granularity=gran, rule="fake", corrected=span in forced))
            # the sentence around the expression is the event
            start = article.text.rfind(".", 0, span.start) + 1
            end = article.text.find(".", span.end)
            end = len(article.text) if end == -1 else end + 1
            while article.text[start] == " ":
                start += 1
            events.append(Event(id=f"e{n}", label=article.text[start:end][:40], start=start, end=end,
                                timex=f"t{n}", interval=interval))
        return Analysis(timexes=tuple(timexes), events=tuple(events))

    return analyze


@pytest.fixture
def rules_a(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", make_analyzer(RULES_A))


TEXT_A = ("DAMASCUS, June 30 (Reuters) - Rebels had launched an attack on Tuesday. "
          "The war began in 2014. Talks collapsed last March. Nothing happened yesterday. "
          "69 users have voted.")
TEXT_B = "Oslo - A treaty was signed on Tuesday. Elections were held in 2014. Snow fell last March."

GOLD = TimeExpression(id="t1", start=58, end=68, text="on Tuesday", type=TimexType.DATE, value="2016-06-28",
                      interval=Interval(dt.datetime(2016, 6, 28), dt.datetime(2016, 6, 29)),
                      granularity=Granularity.DAY, rule="gold", explanation="annotated", quant=None)


def build_session() -> tuple[Session, list[Correction]]:
    """Two articles, every kind of correction, colours, a reordering and view state."""
    s = Session()
    a = s.add_article(Article(
        source="/news/damascus.txt", title="Rebels attack", text=TEXT_A, format="html",
        dct=DCT("2016-06-30", DctOrigin.DATELINE, confidence=0.8, start=10, end=17, updated="2016-07-01"),
        boilerplate=(Span(TEXT_A.index("69 users"), len(TEXT_A)),), gold_timexes=(GOLD,)))
    b = s.add_article(Article(source="/news/oslo.md", title="Treaty", text=TEXT_B, format="markdown",
                              dct=DCT("2016-07-02", DctOrigin.FILENAME, confidence=0.5)))
    ea = s.entry(a)
    t2014 = next(t for t in ea.analysis.timexes if t.text == "in 2014")
    tuesday = next(t for t in ea.analysis.timexes if t.text == "on Tuesday")
    march_event = next(e for e in ea.analysis.events if "March" in e.label)
    start = TEXT_A.index("Rebels")
    corrections = [
        s.set_dct(a, "2016-07-01"),
        s.set_value(a, t2014, "2013"),
        s.set_value(a, tuesday, "2016-06-27"),
        s.add_event(a, start, start + 6, "2016-06-01", label="Rebels"),
        s.delete_event(a, march_event),
        s.set_dct(b, "2016-07-03"),
    ]
    s.set_color(a, "#d62728")
    s.set_color(b, "#1f77b4")
    s.move(b, 0)
    s.view_state.update({"range": [1466985600.0, 1467331200.0], "selected": a,
                         "panes": {"detail": True, "sizes": [300, 700]}, "zoom": 2.5})
    return s, corrections


def snapshot(s: Session) -> dict[str, object]:
    """Everything a project must preserve, in comparable form."""
    return {
        "keys": s.keys(),
        "originals": {e.key: s._originals[e.key] for e in s.entries},
        "articles": [e.article for e in s.entries],
        "analyses": [e.analysis for e in s.entries],
        "orphans": [e.orphans for e in s.entries],
        "colors": [e.color for e in s.entries],
        "corrections": list(s.corrections),
        "view_state": s.view_state,
    }


def test_round_trip_preserves_everything(tmp_path: Path, rules_a: None) -> None:
    s, corrections = build_session()
    path = tmp_path / "work.timeline"
    save_project(s, path)
    reopened = open_project(path)
    assert snapshot(reopened) == snapshot(s)
    # spot checks that the comparison covers what matters
    assert reopened.keys() == ["/news/oslo.md", "/news/damascus.txt"]
    a = reopened.entry("/news/damascus.txt")
    assert a.article.dct is not None and a.article.dct.value == "2016-07-01" and a.article.dct.origin is DctOrigin.USER
    original = reopened._originals["/news/damascus.txt"]
    assert original.dct == DCT("2016-06-30", DctOrigin.DATELINE, 0.8, 10, 17, "2016-07-01")
    assert original.boilerplate == (Span(TEXT_A.index("69 users"), len(TEXT_A)),)
    assert original.gold_timexes == (GOLD,) and original.format == "html"
    assert {t.text: t.value for t in a.analysis.timexes}["in 2014"] == "2013"
    assert any(e.user_added and e.label == "Rebels" for e in a.analysis.events)
    assert not any("March" in e.label for e in a.analysis.events)
    assert reopened.corrections == corrections
    assert a.color == "#d62728"


def test_round_trip_with_the_real_extraction(tmp_path: Path) -> None:
    s = Session()
    key = s.add_article(Article(source="syria.txt", title="t", text=TEXT_A,
                                dct=DCT("2016-06-30", DctOrigin.DATELINE, 0.9, 10, 17)))
    s.set_dct(key, "2016-07-01")
    save_project(s, tmp_path / "real.timeline")
    assert snapshot(open_project(tmp_path / "real.timeline")) == snapshot(s)


def test_saving_again_updates_in_place_and_drops_removed_articles(tmp_path: Path, rules_a: None) -> None:
    s, _ = build_session()
    path = tmp_path / "work.timeline"
    save_project(s, path)
    with Project.open(path) as p:
        p.session.remove("/news/oslo.md")
        p.session.set_color("/news/damascus.txt", None)
        p.session.view_state["zoom"] = 7
        assert p.modified
        p.save()
        assert not p.modified
        expected = snapshot(p.session)
    assert snapshot(open_project(path)) == expected
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM boilerplate").fetchone() == (1,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_save_as_writes_a_new_file_and_moves_the_lock(tmp_path: Path, rules_a: None) -> None:
    s, _ = build_session()
    project = Project(s)
    assert project.path is None and not project.writable
    with pytest.raises(ProjectError, match="Save As"):
        project.save()
    first, second = tmp_path / "one.timeline", tmp_path / "two.timeline"
    project.save_as(first)
    assert lock_path(first).exists()
    project.save_as(second)
    assert not lock_path(first).exists() and lock_path(second).exists()
    assert snapshot(open_project(first)) == snapshot(open_project(second)) == snapshot(s)
    assert not list(tmp_path.glob("*.tmp"))  # no temporary file left behind
    project.close()
    assert not lock_path(second).exists()


def test_save_as_over_an_existing_file_replaces_it(tmp_path: Path, rules_a: None) -> None:
    target = tmp_path / "old.timeline"
    target.write_bytes(b"not a project at all")
    s, _ = build_session()
    with Project(s) as p:
        p.save_as(target)
    assert snapshot(open_project(target)) == snapshot(s)


def test_info_tells_the_rules_and_versions(tmp_path: Path, rules_a: None) -> None:
    s, _ = build_session()
    save_project(s, tmp_path / "p.timeline")
    _, info = load_project(tmp_path / "p.timeline")
    assert info.file_version == CURRENT_VERSION and not info.migrated
    assert info.saved_rules_version == rules_version() and not info.rules_changed
    assert info.app_version and info.saved_at
    summary = read_summary(tmp_path / "p.timeline")
    assert summary.titles == ("Treaty", "Rebels attack") and summary.corrections == 6


def test_rules_version_follows_the_rule_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules" / "en"
    rules.mkdir(parents=True)
    (rules / "weekday.txt").write_text("Monday\n")
    monkeypatch.setattr(project_mod, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    before = rules_version()
    (rules / "weekday.txt").write_text("Monday\nTuesday\n")
    assert rules_version() != before
    assert len(before) == 16


# -- corrections survive a rule change ------------------------------------------------------------
def test_corrections_win_over_a_new_extraction_and_unmatched_ones_are_orphans(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", make_analyzer(RULES_A))
    s, corrections = build_session()
    path = tmp_path / "p.timeline"
    save_project(s, path)
    saved_rules = rules_version()

    # Reopen with "newer rules": other spans, other values; and a rule-file hash that differs.
    monkeypatch.setattr(session_mod, "analyze", make_analyzer(RULES_B))
    monkeypatch.setattr(project_mod, "rules_version", lambda: "new-rules")
    reopened, info = load_project(path)
    assert info.rules_changed and info.saved_rules_version == saved_rules
    a = reopened.entry("/news/damascus.txt")
    values = {t.text: t.value for t in a.analysis.timexes}
    # the new extraction is what is shown...
    assert values["Tuesday"] == "2016-06-21" and "in 2014" not in values and "on Tuesday" not in values
    # ...the user's decisions still win where their span still exists
    assert a.article.dct is not None and a.article.dct.value == "2016-07-01"
    assert not any("March" in e.label for e in a.analysis.events)  # still deleted
    assert any(e.user_added and e.label == "Rebels" for e in a.analysis.events)
    # ...and the two value corrections whose spans are gone are kept, shown as orphans
    orphaned = {c.text for c in a.orphans}
    assert orphaned == {"in 2014", "on Tuesday"}
    assert reopened.corrections == corrections  # nothing dropped
    # saved again with the new rules, reopened with the old ones: the orphans come back to life
    save_project(reopened, path)
    monkeypatch.setattr(session_mod, "analyze", make_analyzer(RULES_A))
    again = open_project(path).entry("/news/damascus.txt")
    assert not again.orphans
    assert {t.text: t.value for t in again.analysis.timexes}["in 2014"] == "2013"


def test_a_value_correction_wins_over_a_changed_rule_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", make_analyzer(RULES_A))
    s = Session()
    key = s.add_article(Article("a.txt", "a", "It snowed last March. Then nothing.",
                                dct=DCT("2016-06-30", DctOrigin.DATELINE)))
    march = s.entry(key).analysis.timexes[0]
    s.set_value(key, march, "2016-02")
    save_project(s, tmp_path / "p.timeline")
    monkeypatch.setattr(session_mod, "analyze", make_analyzer(RULES_B))  # now says 2015-03
    entry = open_project(tmp_path / "p.timeline").entry(key)
    assert [t.value for t in entry.analysis.timexes] == ["2016-02"] and not entry.orphans


def test_a_correction_follows_its_text_when_the_span_moved(tmp_path: Path, rules_a: None) -> None:
    s = Session()
    key = s.add_article(Article("a.txt", "a", "It snowed last March. Then nothing.",
                                dct=DCT("2016-06-30", DctOrigin.DATELINE)))
    s.set_value(key, s.entry(key).analysis.timexes[0], "2016-02")
    # the stored correction points 5 characters off (as if an older ingest had kept a prefix)
    s.corrections = [Correction(CorrectionKind.VALUE, key, value="2016-02", start=15, end=25, text="last March")]
    save_project(s, tmp_path / "p.timeline")
    entry = open_project(tmp_path / "p.timeline").entry(key)
    assert [t.value for t in entry.analysis.timexes] == ["2016-02"] and not entry.orphans


# -- damaged, foreign and newer files -------------------------------------------------------------
@pytest.fixture
def good_file(tmp_path: Path, rules_a: None) -> Path:
    s, _ = build_session()
    # enough text for several pages, so truncations can fall on page boundaries
    s.add_article(Article("big.txt", "big", "Words on Tuesday. " * 3000))
    path = tmp_path / "good.timeline"
    save_project(s, path)
    return path


def _damage(good: bytes, how: str) -> bytes:
    page = 4096
    if how == "empty":
        return b""
    if how == "50 bytes":
        return good[:50]
    if how == "header only":
        return good[:100]
    if how == "mid-page":
        return good[:page * 3 + 1234]
    if how == "half, on a page boundary":
        return good[:(len(good) // page // 2) * page]
    if how == "last page missing":
        return good[:-page]
    if how == "garbage":
        import random
        rnd = random.Random(4)
        return bytes(rnd.randrange(256) for _ in range(len(good)))
    if how == "text":
        return b"DAMASCUS - not a project, just text.\n" * 100
    if how == "scrambled pages":
        # keep the header, overwrite the b-tree pages with noise
        return good[:page] + bytes((i * 7 + 13) % 256 for i in range(len(good) - page))
    raise AssertionError(how)


DAMAGES = ["empty", "50 bytes", "header only", "mid-page", "half, on a page boundary", "last page missing",
           "garbage", "text", "scrambled pages"]


@pytest.mark.parametrize("how", DAMAGES)
def test_damaged_files_are_refused_and_left_untouched(good_file: Path, how: str) -> None:
    bad = good_file.with_name("bad.timeline")
    data = _damage(good_file.read_bytes(), how)
    bad.write_bytes(data)
    for attempt in (lambda: Project.open(bad), lambda: Project.open(bad, read_only=True),
                    lambda: open_project(bad), lambda: read_summary(bad)):
        with pytest.raises(ProjectError) as info:
            attempt()
        assert str(bad) in str(info.value)
        assert bad.read_bytes() == data
    assert sorted(p.name for p in bad.parent.iterdir()) == ["bad.timeline", "good.timeline"]  # no sidecars


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.timeline"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    data = other.read_bytes()
    with pytest.raises(ProjectError, match="another program"):
        Project.open(other)
    assert other.read_bytes() == data


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project file"):
        Project.open(tmp_path / "nope.timeline")
    assert not list(tmp_path.iterdir())


def test_a_newer_version_is_refused_with_both_versions_named(good_file: Path) -> None:
    with sqlite3.connect(good_file) as conn:
        conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.close()
    data = good_file.read_bytes()
    with pytest.raises(ProjectVersionError) as info:
        Project.open(good_file)
    message = str(info.value)
    assert str(good_file) in message and f"version {CURRENT_VERSION + 1}" in message
    assert f"1 to {CURRENT_VERSION}" in message and "newer version of timeline-app" in message
    assert good_file.read_bytes() == data
    assert not lock_path(good_file).exists()


def test_opening_writes_nothing(good_file: Path) -> None:
    data = good_file.read_bytes()
    with Project.open(good_file):
        pass
    open_project(good_file)
    assert good_file.read_bytes() == data


# -- migration ------------------------------------------------------------------------------------
# The version-1 schema exactly as version 1 of the app wrote it (frozen here on purpose: the test
# must keep failing if someone edits the historic DDL in project_schema instead of adding a version).
V1_DDL = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE article (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, position INTEGER NOT NULL,
    source TEXT NOT NULL, title TEXT NOT NULL, format TEXT NOT NULL, text TEXT NOT NULL,
    dct_value TEXT, dct_origin TEXT, dct_confidence REAL, dct_start INTEGER, dct_end INTEGER,
    dct_updated TEXT, gold TEXT, digest TEXT NOT NULL);
CREATE TABLE boilerplate (article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL);
CREATE INDEX boilerplate_article ON boilerplate(article_id);
CREATE TABLE correction (position INTEGER PRIMARY KEY, kind TEXT NOT NULL, article TEXT NOT NULL,
    value TEXT, span_start INTEGER, span_end INTEGER, text TEXT, label TEXT);
"""


def _v1_file(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_DDL)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO meta VALUES ('app_version', '0.0.1'), ('rules_version', 'old')")
    conn.executemany(
        "INSERT INTO article (id, key, position, source, title, format, text, dct_value, dct_origin, "
        "dct_confidence, dct_start, dct_end, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x')",
        [(1, "b.txt", 1, "b.txt", "B", "text", TEXT_B, "2016-07-02", "filename", 0.5, None, None),
         (2, "a.txt", 0, "a.txt", "A", "html", TEXT_A, "2016-06-30", "dateline", 0.8, 10, 17)])
    conn.execute("INSERT INTO boilerplate VALUES (2, ?, ?)", (TEXT_A.index("69 users"), len(TEXT_A)))
    start = TEXT_A.index("in 2014")
    conn.executemany("INSERT INTO correction VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(0, "value", "a.txt", "2013", start, start + 7, "in 2014", None),
                      (1, "dct", "b.txt", "2016-07-05", None, None, None, None)])
    conn.commit()
    conn.close()


def test_a_version_1_file_opens_and_is_migrated_when_saved(tmp_path: Path, rules_a: None) -> None:
    path = tmp_path / "v1.timeline"
    _v1_file(path)
    data = path.read_bytes()
    project = Project.open(path)
    assert project.info is not None and project.info.file_version == 1 and project.info.migrated
    assert path.read_bytes() == data  # migrated in memory only, until saved
    s = project.session
    assert s.keys() == ["a.txt", "b.txt"]  # lane order from position
    a = s.entry("a.txt")
    assert {t.text: t.value for t in a.analysis.timexes}["in 2014"] == "2013"
    assert s._originals["a.txt"].boilerplate == (Span(TEXT_A.index("69 users"), len(TEXT_A)),)
    assert s.entry("b.txt").article.dct is not None and s.entry("b.txt").article.dct.value == "2016-07-05"
    assert [e.color for e in s.entries] == [None, None] and s.view_state == {}
    # version-2 things can be set and saved into the old file, which becomes version 2
    s.set_color("b.txt", "#2ca02c")
    s.view_state["zoom"] = 3
    project.save()
    project.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (CURRENT_VERSION,)
        assert conn.execute("SELECT value FROM view_state WHERE name = 'zoom'").fetchone() == ("3",)
    conn.close()
    again, info = load_project(path)
    assert info.file_version == CURRENT_VERSION
    assert again.entry("b.txt").color == "#2ca02c" and again.view_state == {"zoom": 3}
    assert snapshot(again) == snapshot(s)


def test_view_state_that_is_not_json_is_skipped_not_fatal(tmp_path: Path, rules_a: None) -> None:
    s, _ = build_session()
    s.view_state["widget"] = object()
    save_project(s, tmp_path / "p.timeline")
    reopened = open_project(tmp_path / "p.timeline")
    assert "widget" not in reopened.view_state and reopened.view_state["zoom"] == 2.5


def test_a_tagger_crash_on_reopening_keeps_the_project_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_mod, "analyze", make_analyzer(RULES_A))
    s, _ = build_session()
    save_project(s, tmp_path / "p.timeline")

    def broken(article: Article, forced: object = None) -> Analysis:
        raise RuntimeError("rule bug")

    monkeypatch.setattr(session_mod, "analyze", broken)
    reopened = open_project(tmp_path / "p.timeline")
    assert reopened.keys() == s.keys() and reopened.corrections == s.corrections
    assert all("rule bug" in e.errors[0] for e in reopened.entries)


def test_project_json_meta_is_plain_text(tmp_path: Path, rules_a: None) -> None:
    """The file stays inspectable with the sqlite3 shell: view state is JSON text."""
    s, _ = build_session()
    save_project(s, tmp_path / "p.timeline")
    with sqlite3.connect(tmp_path / "p.timeline") as conn:
        rows = dict(conn.execute("SELECT name, value FROM view_state"))
    conn.close()
    assert json.loads(rows["panes"]) == {"detail": True, "sizes": [300, 700]}


def test_file_names_that_need_quoting_in_a_uri(tmp_path: Path, rules_a: None) -> None:
    s, _ = build_session()
    path = tmp_path / "dir with space" / "Syria #1 ?50% & more.timeline"
    path.parent.mkdir()
    with Project(s) as p:
        p.save_as(path)
        p.session.view_state["zoom"] = 11
        p.save()
    assert open_project(path).view_state["zoom"] == 11


def test_opening_into_an_existing_session_keeps_its_observers(tmp_path: Path, rules_a: None) -> None:
    s, _ = build_session()
    save_project(s, tmp_path / "p.timeline")
    window_session = Session()
    window_session.add_article(Article("old.txt", "old", "Old text on Tuesday."))
    window_session.view_state["stale"] = True
    view_dict = window_session.view_state
    seen: list[str] = []
    window_session.subscribe(lambda change: seen.append(change.kind))
    with Project.open(tmp_path / "p.timeline", into=window_session) as p:
        assert p.session is window_session and not p.modified
    assert snapshot(window_session) == snapshot(s)
    assert window_session.view_state is view_dict and "stale" not in view_dict
    assert seen == ["cleared", "added", "added"]


def test_a_failed_open_leaves_the_session_alone(tmp_path: Path, rules_a: None) -> None:
    bad = tmp_path / "bad.timeline"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + b"\0" * 200)
    s, _ = build_session()
    before = snapshot(s)
    with pytest.raises(ProjectError):
        Project.open(bad, into=s)
    assert snapshot(s) == before


def test_a_reader_sees_the_last_commit_while_a_save_is_under_way(tmp_path: Path, rules_a: None) -> None:
    s, _ = build_session()
    path = tmp_path / "p.timeline"
    save_project(s, path)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # what a save does first
        writer.execute("UPDATE view_state SET value = '99' WHERE name = 'zoom'")
        writer.execute("DELETE FROM correction")
        assert path.with_name(path.name + "-journal").exists()
        reader = open_project(path)  # not blocked, not confused by the journal
        assert reader.view_state["zoom"] == 2.5 and reader.corrections == s.corrections
        writer.execute("COMMIT")
    finally:
        writer.close()
    after = open_project(path)
    assert after.view_state["zoom"] == 99 and after.corrections == []
