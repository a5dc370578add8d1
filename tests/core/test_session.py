"""The session: corrections re-derive the views, undo by revert, observers are told."""

from __future__ import annotations

import pytest

from timeline_app.core.model import DCT, Article, DctOrigin, TimexType
from timeline_app.core.session import Correction, CorrectionKind, Session, value_problem

TEXT = "The rebels had launched an operation on Tuesday. The army was formed some 18 months ago."


@pytest.fixture()
def session() -> Session:
    s = Session()
    s.add_article(Article(source="a.txt", title="A", text=TEXT, dct=DCT("2016-06-30", DctOrigin.DATELINE)))
    return s


def values(session: Session, key: str = "a.txt") -> list[str | None]:
    return [t.value for t in session.entry(key).analysis.timexes]


def test_setting_the_dct_re_resolves_and_undo_restores(session: Session) -> None:
    changes = []
    session.subscribe(changes.append)
    assert values(session) == ["2016-06-28", "2014-12"]
    c = session.set_dct("a.txt", "2016-07-07")
    assert values(session) == ["2016-07-05", "2015-01"]
    assert session.entry("a.txt").article.dct.origin is DctOrigin.USER
    session.revert(c)
    assert values(session) == ["2016-06-28", "2014-12"]
    assert [ch.kind for ch in changes] == ["changed", "changed"]


def test_edit_value_recomputes_interval_and_events(session: Session) -> None:
    t = session.entry("a.txt").analysis.timexes[0]
    c = session.set_value("a.txt", t, "2016-06-21")
    entry = session.entry("a.txt")
    fixed = entry.analysis.timexes[0]
    assert fixed.value == "2016-06-21" and fixed.corrected and "user" in fixed.explanation
    assert fixed.interval.start.day == 21
    assert entry.analysis.events[0].interval.start.day == 21
    session.revert(c)
    assert session.entry("a.txt").analysis.timexes[0].value == "2016-06-28"


def test_invalid_corrections_are_refused(session: Session) -> None:
    t = session.entry("a.txt").analysis.timexes[0]
    with pytest.raises(ValueError):
        session.set_value("a.txt", t, "next tuesday")
    with pytest.raises(ValueError):
        session.set_dct("a.txt", "2016-13-01")
    with pytest.raises(KeyError):
        session.set_dct("nope", "2016-01-01")
    assert session.corrections == []


def test_add_and_delete_events(session: Session) -> None:
    entry = session.entry("a.txt")
    first = entry.analysis.events[0]
    session.delete_event("a.txt", first)
    assert len(session.entry("a.txt").analysis.events) == 1
    start = TEXT.index("The army")
    added = session.add_event("a.txt", start, start + 8, "2015-01", label="Army formed")
    events = session.entry("a.txt").analysis.events
    assert events[-1].user_added and events[-1].label == "Army formed"
    session.revert(added)
    assert not any(e.user_added for e in session.entry("a.txt").analysis.events)


def test_corrections_survive_and_orphans_are_kept(session: Session) -> None:
    t = session.entry("a.txt").analysis.timexes[0]
    session.set_value("a.txt", t, "2016-06-21")
    orphan = Correction(CorrectionKind.VALUE, "a.txt", value="2016-01-01", start=0, end=3, text="The")
    session.apply(orphan)  # "The" is not an expression: kept, shown as orphaned
    assert orphan in session.entry("a.txt").orphans
    assert session.entry("a.txt").analysis.timexes[0].value == "2016-06-21"


def test_failed_file_goes_to_problems_and_keys_are_unique() -> None:
    from timeline_app.core.model import ArticleResult

    s = Session()
    assert s.add_result(ArticleResult(source="bad.bin", article=None, errors=("bad.bin: binary file",))) is None
    assert s.problems == ["bad.bin: binary file"]
    a = Article(source="x.txt", title="x", text="On Tuesday.", dct=None)
    assert s.add_article(a) == "x.txt" and s.add_article(a) == "x.txt (2)"
    s.move("x.txt (2)", 0)
    assert s.keys() == ["x.txt (2)", "x.txt"]


@pytest.mark.parametrize(("value", "type_", "placeable", "problem"), [
    ("2016-06-28", None, True, None),
    ("P18M", TimexType.DURATION, False, None),
    ("P18M", None, True, "an event needs a calendar date or time (e.g. 2016-06-28, 2014-12)"),
    ("2016-13-01", None, False, "not a valid TIMEX3 DATE/TIME/DURATION/SET value"),
    ("2016-06-28", TimexType.DURATION, False, "not a valid TIMEX3 DURATION value"),
    ("", None, False, "type a value"),
])
def test_value_problem_is_the_one_check_of_a_typed_value(value: str, type_: TimexType | None, placeable: bool,
                                                         problem: str | None) -> None:
    assert value_problem(value, type_, placeable=placeable) == problem


def test_the_session_refuses_what_the_dialog_refuses() -> None:
    s = Session()
    key = s.add_article(Article("a.txt", "A", "Talks ended."))
    with pytest.raises(ValueError, match="an event needs a calendar date"):
        s.add_event(key, 0, 12, "P18M")
