"""Stories in the session: kept up to date as articles come and go and dates are corrected; the
user's splits and merges are undoable and saved in the project."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from timeline_app.core.model import DCT, Article, DctOrigin
from timeline_app.core.project.store import open_project, save_project
from timeline_app.core.session import Session

QUAKE = [
    ("2016-08-24", ("A magnitude 6.2 earthquake struck central Italy early on Wednesday, killing at least "
                    "38 people in the mountain town of Amatrice.")),
    ("2016-08-24", "A powerful earthquake hit the town of Amatrice in central Italy on Wednesday."),
    ("2016-08-25", "The earthquake that flattened much of Amatrice on Wednesday killed at least 120 people."),
]


def session_of(reports: list[tuple[str, str]]) -> tuple[Session, list[str]]:
    s = Session()
    keys = [s.add_article(Article(source=f"r{n}.txt", title=f"r{n}", text=text,
                                  dct=DCT(dct, DctOrigin.DATELINE)))
            for n, (dct, text) in enumerate(reports, start=1)]
    return s, keys


def several(s: Session):
    return [st for st in s.stories() if st.sources > 1]


def test_articles_coming_and_going() -> None:
    s, keys = session_of(QUAKE[:2])
    assert [st.sources for st in several(s)] == [2]
    s.add_article(Article(source="r3.txt", title="r3", text=QUAKE[2][1], dct=DCT(QUAKE[2][0], DctOrigin.DATELINE)))
    assert [st.sources for st in several(s)] == [3]
    s.remove(keys[0])
    assert [st.sources for st in several(s)] == [2]


def test_the_stories_are_kept_until_something_changes() -> None:
    s, _ = session_of(QUAKE)
    assert s.stories() is s.stories()


def test_a_corrected_date_moves_the_report_out_of_the_story() -> None:
    s, keys = session_of(QUAKE)
    s.set_dct(keys[2], "2017-01-20")  # its "Wednesday" is now five months later
    [story] = several(s)
    assert {m.article for m in story.members} == {keys[0], keys[1]}


def test_split_and_merge_are_undoable() -> None:
    s, keys = session_of(QUAKE)
    [story] = several(s)
    changes = []
    s.subscribe(changes.append)
    split = s.split_story(story, [m for m in story.members if m.article == keys[2]])
    assert [st.sources for st in several(s)] == [2]
    assert changes[-1].kind == "stories"
    alone = next(st for st in s.stories() if st.members[0].article == keys[2])
    rest = next(st for st in s.stories() if st.sources == 2)
    merge = s.merge_stories(rest, alone)
    assert [st.sources for st in several(s)] == [3]
    s.revert_story_decision(merge)
    s.revert_story_decision(split)
    assert s.story_decisions == [] and [st.sources for st in several(s)] == [3]
    with pytest.raises(ValueError):
        s.split_story(story, list(story.members))
    with pytest.raises(ValueError):
        s.merge_stories(story)


def test_removing_an_article_drops_its_part_of_a_decision() -> None:
    s, keys = session_of(QUAKE)
    [story] = several(s)
    s.split_story(story, [m for m in story.members if m.article == keys[2]])
    s.remove(keys[2])
    assert s.story_decisions == []


def test_decisions_are_saved_in_the_project(tmp_path: Path) -> None:
    s, keys = session_of(QUAKE)
    [story] = several(s)
    s.split_story(story, [m for m in story.members if m.article == keys[2]])
    path = tmp_path / "quake.timeline"
    save_project(s, path)
    reopened = open_project(path)
    assert reopened.story_decisions == s.story_decisions
    assert [st.refs for st in several(reopened)] == [st.refs for st in several(s)]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT kind FROM story_decision").fetchall() == [("split",)]
