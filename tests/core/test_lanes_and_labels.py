"""Lanes (grouping, names, hidden lanes, sorting) and the user's event labels (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.lanes import lanes, sort_key, source_of, visible_lanes
from timeline_app.core.model import DCT, Article, DctOrigin
from timeline_app.core.project.store import open_project, save_project
from timeline_app.core.session import Session

TEXT_A = "BEIRUT, June 30, 2016 (Reuters) - The rebels retreated on Wednesday. The army attacked on Tuesday."
TEXT_B = "The talks collapsed on Monday."
TEXT_C = "AMMAN (Reuters) - Aid reached the town on Friday."


@pytest.fixture()
def session() -> Session:
    s = Session()
    s.add_article(Article(source="news/a.txt", title="Rebels retreat", text=TEXT_A,
                          dct=DCT("2016-06-30", DctOrigin.USER)))
    s.add_article(Article(source="blog/b.html", title="Talks end | Jordan Times", text=TEXT_B,
                          dct=DCT("2016-06-20", DctOrigin.USER)))
    s.add_article(Article(source="news/c.txt", title="Aid arrives", text=TEXT_C, dct=None))
    return s


def test_a_lane_per_article_or_per_source(session: Session) -> None:
    assert [ln.members for ln in lanes(session)] == [("news/a.txt",), ("blog/b.html",), ("news/c.txt",)]
    assert [source_of(e.article) for e in session.entries] == ["Reuters", "Jordan Times", "Reuters"]
    settings = session.lane_settings()
    settings.grouping = "source"
    session.set_lane_settings(settings)
    grouped = lanes(session)
    assert [(ln.title, ln.members) for ln in grouped] == [
        ("Reuters", ("news/a.txt", "news/c.txt")), ("Jordan Times", ("blog/b.html",))]


def test_renamed_and_hidden_lanes(session: Session) -> None:
    changes = []
    session.subscribe(changes.append)
    settings = session.lane_settings()
    settings.names["news/a.txt"] = "Syria"
    settings.hidden.add("blog/b.html")
    session.set_lane_settings(settings)
    assert [ln.title for ln in visible_lanes(session)] == ["Syria", "Aid arrives"]
    assert [c.kind for c in changes] == ["lanes"]


def test_sorting_lanes_by_dct_title_and_count(session: Session) -> None:
    by_dct = sort_key(session, "dct")
    assert sorted(session.keys(), key=by_dct.__getitem__) == ["blog/b.html", "news/a.txt", "news/c.txt"]
    by_count = sort_key(session, "count")
    assert min(session.keys(), key=by_count.__getitem__) == "news/a.txt"
    session.reorder(sorted(session.keys(), key=sort_key(session, "title").__getitem__))
    assert session.keys() == ["news/c.txt", "news/a.txt", "blog/b.html"]
    with pytest.raises(ValueError):
        sort_key(session, "colour")


def test_a_label_edit_is_a_correction_undone_by_revert(session: Session) -> None:
    event = session.entry("news/a.txt").analysis.events[0]
    before = event.label
    c = session.set_label("news/a.txt", event, "  Rebels pushed back  from the town ")
    relabelled = session.entry("news/a.txt").analysis.events[0]
    assert relabelled.label == "Rebels pushed back from the town" and relabelled.corrected
    assert relabelled.interval == event.interval
    session.revert(c)
    assert session.entry("news/a.txt").analysis.events[0].label == before
    with pytest.raises(ValueError):
        session.set_label("news/a.txt", event, "   ")


def test_labels_and_lanes_survive_save_and_reopen(session: Session, tmp_path: Path) -> None:
    event = session.entry("news/a.txt").analysis.events[1]
    session.set_label("news/a.txt", event, "Army attacks")
    settings = session.lane_settings()
    settings.names["news/c.txt"] = "Aid"
    settings.hidden.add("blog/b.html")
    session.set_lane_settings(settings)
    save_project(session, tmp_path / "p.timeline")
    again = open_project(tmp_path / "p.timeline")
    assert [e.label for e in again.entry("news/a.txt").analysis.events][1] == "Army attacks"
    assert [ln.title for ln in visible_lanes(again)] == ["Rebels retreat", "Aid"]
