"""Split a story event and merge two, from the Edit menu and the detail pane, through the undo
stack; the article pane reads a story's sources."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from qt_helpers import make_result

from timeline_app.core.lanes import STORY_LANE
from timeline_app.qt.editing.stories import MergeStoryDialog, SplitStoryDialog
from timeline_app.qt.selection import Selection

AIRPORT = [
    ("Three suicide bombers attacked Istanbul's Ataturk airport on Tuesday, killing 41 people.", "on Tuesday",
     "2016-06-28"),
    ("Suicide bombers struck Istanbul's Ataturk airport on Tuesday, officials said.", "on Tuesday", "2016-06-28"),
    ("The Ataturk airport attack in Istanbul on Tuesday killed 41.", "on Tuesday", "2016-06-28"),
]
FLOOD = [
    ("Floods swept through the Danube delta villages on Friday.", "on Friday", "2016-07-01"),
    ("Villages of the Danube delta were flooded on Friday.", "on Friday", "2016-07-01"),
]


@pytest.fixture
def reports(window):  # type: ignore[no-untyped-def]
    for n, report in enumerate(AIRPORT + FLOOD, start=1):
        window.session.add_result(make_result(f"paper{n}.txt", [report]))
    window.adapter.flush()
    return window


def shared(window) -> list:  # type: ignore[no-untyped-def]
    return sorted((s.sources, s.label) for s in window.session.stories() if s.sources > 1)


def select_airport(window) -> None:  # type: ignore[no-untyped-def]
    story = next(s for s in window.session.stories() if "Ataturk" in s.label and s.sources > 1)
    window.selection.set(Selection(STORY_LANE, event=story.id), "timeline")


def test_selecting_a_story_shows_its_first_source_and_the_pane_switches_sources(reports) -> None:  # type: ignore[no-untyped-def]
    w = reports
    select_airport(w)
    assert w.article.current_key == "paper1.txt"
    marked = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in w.article.text.extraSelections()}
    assert (0, len(AIRPORT[0][0])) in marked  # the source sentence is highlighted
    w.details.browser.anchorClicked.emit(QUrl("source:2"))
    assert w.article.current_key == "paper3.txt"
    marked = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in w.article.text.extraSelections()}
    assert (0, len(AIRPORT[2][0])) in marked


def test_split_a_story_and_undo_it(reports, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    w = reports
    before = shared(w)
    assert [n for n, _ in before] == [2, 3]
    select_airport(w)
    assert w.split_story_action.isEnabled() and w.merge_story_action.isEnabled()

    def take_the_third_apart(dialog: SplitStoryDialog) -> bool:
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # none ticked yet
        for i in range(dialog.list.count()):  # all ticked is no split either
            dialog.list.item(i).setCheckState(Qt.CheckState.Checked)
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        for i in range(2):
            dialog.list.item(i).setCheckState(Qt.CheckState.Unchecked)
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return True

    monkeypatch.setattr(SplitStoryDialog, "exec", take_the_third_apart)
    w.details.browser.anchorClicked.emit(QUrl("story:split"))  # the detail pane's link
    assert [n for n, _ in shared(w)] == [2, 2]
    assert len(w.session.story_decisions) == 1 and not w.undo_stack.isClean()
    w.undo_stack.undo()
    assert shared(w) == before and w.session.story_decisions == []
    w.undo_stack.redo()
    assert [n for n, _ in shared(w)] == [2, 2]


def test_merge_two_story_events_from_the_menu_and_undo(reports, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    w = reports
    select_airport(w)

    def pick_the_flood(dialog: MergeStoryDialog) -> bool:
        assert dialog.list.count() == 1 and "Danube" in dialog.list.item(0).text()
        dialog.list.setCurrentRow(0)
        return True

    monkeypatch.setattr(MergeStoryDialog, "exec", pick_the_flood)
    w.merge_story_action.trigger()
    assert [n for n, _ in shared(w)] == [5]
    (story,) = [s for s in w.session.stories() if s.sources > 1]
    assert story.user
    w.undo_stack.undo()
    assert [n for n, _ in shared(w)] == [2, 3]
