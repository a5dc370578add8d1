"""The document mode in the window: shown in the lane title and the detail pane, changed with
Edit › Document mode… (undoable); the article's expressions re-resolve."""

from __future__ import annotations

import pytest

from timeline_app.core.model import DCT, Article, DctOrigin
from timeline_app.qt.editing.undo import describe
from timeline_app.qt.selection import Selection

TEXT = ("In 1940, Germany turned west. In April, German forces invaded Norway. On May 10, the "
        "offensive in the west began. Two days later, the Panzers crossed the Meuse.")
KEY = "mem/history.txt"


@pytest.fixture
def loaded(window, qtbot):  # type: ignore[no-untyped-def]
    window.session.add_article(Article(source=KEY, title="The war in the west", text=TEXT,
                                       dct=DCT("2016-06-30", DctOrigin.USER)))
    window.adapter.flush()
    return window


def value_of(window, text: str) -> str | None:  # type: ignore[no-untyped-def]
    entry = window.session.entry(KEY)
    return next(t.value for t in entry.analysis.timexes if t.text == text)


def test_mode_shown_changed_and_undone(loaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = loaded
    # A DCT and a story of few dates: read as news, where "In April", a sentence after "In
    # 1940", is the April before the DCT; read as a narrative it is April 1940.
    assert w.session.entry(KEY).analysis.mode.value == "news"
    assert value_of(w, "April") == "2016-04"
    assert w.timeline.data.lanes[0].note == "news"
    assert "read as news" in w.article.info.text()
    w.selection.set(Selection(KEY), "test")
    assert "news — the document date is the present of the text" in w.details.html()
    w.corrections.ask_mode = lambda title, current, reason: "narrative"  # the user's choice
    assert w.set_mode_action.isEnabled()
    w.set_mode_action.trigger()
    w.adapter.flush()
    entry = w.session.entry(KEY)
    assert entry.analysis.mode.value == "narrative" and entry.analysis.mode.by_user
    assert value_of(w, "April") == "1940-04"
    assert w.timeline.data.lanes[0].note == "narrative"
    assert "read as narrative" in w.article.info.text()
    assert "narrative — set by the user" in w.details.html()
    assert w.undo_stack.undoText() == "Read as narrative"
    w.undo_stack.undo()
    w.adapter.flush()
    assert w.session.entry(KEY).analysis.mode.value == "news"
    assert w.timeline.data.lanes[0].note == "news"
    assert value_of(w, "April") == "2016-04"
    w.undo_stack.redo()
    w.adapter.flush()
    assert w.session.entry(KEY).analysis.mode.value == "narrative"


def test_an_article_without_dateline_is_a_narrative(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.session.add_article(Article(source="mem/nodate.txt", title="No date", text=TEXT))
    window.adapter.flush()
    assert window.timeline.data.lanes[0].note == "narrative"
    assert "read as a narrative" in window.article.info.text()
    window.selection.set(Selection("mem/nodate.txt"), "test")
    assert "narrative — no document date" in window.details.html()
    entry = window.session.entry("mem/nodate.txt")
    assert {t.text: t.value for t in entry.analysis.timexes}["Two days later"] == "1940-05-12"


def test_the_undo_text_names_the_mode() -> None:
    from timeline_app.core.session import Correction, CorrectionKind

    assert describe(Correction(CorrectionKind.MODE, "a", value="news")) == "Read as news"
