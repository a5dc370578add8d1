"""The story lane: merged events above the article lanes, their count of sources, the marked
disagreement, grouping lanes by story, and the detail pane listing every source sentence."""

from __future__ import annotations

from qt_helpers import make_result

from timeline_app.core.lanes import STORY_LANE, LaneSettings
from timeline_app.core.session import Session
from timeline_app.qt.panes.details import DetailPane
from timeline_app.qt.selection import Selection
from timeline_app.qt.timeline.view import TimelineView

REPORTS = [
    ("Three suicide bombers attacked Istanbul's Ataturk airport on Tuesday, killing 41 people.", "on Tuesday", "2016-06-28"),
    ("The attack on Ataturk airport in Istanbul came on Wednesday, the minister said.", "on Wednesday", "2016-06-29"),
    ("Suicide bombers struck Istanbul's Ataturk airport on Tuesday.", "on Tuesday", "2016-06-28"),
]


def session_of_reports() -> Session:
    s = Session()
    for n, (sentence, expression, value) in enumerate(REPORTS, start=1):
        s.add_result(make_result(f"paper{n}.txt", [(sentence, expression, value)]))
    return s


def test_story_lane_on_top_with_sources_and_disagreement(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = session_of_reports()
    view = TimelineView(session)
    qtbot.addWidget(view)
    view.set_story_lane(True)
    data = view.data
    assert data.lanes[0].key == STORY_LANE and len(data.lanes) == 4
    [i] = range(data.lane_slice(0).start, data.lane_slice(0).stop)
    assert data.labels[i].startswith("⚠ 3 sources · ")
    assert bool(data.fuzzy[i])  # drawn dashed: the sources disagree on the date
    view.set_story_lane(False)
    assert STORY_LANE not in [ln.key for ln in view.data.lanes]


def test_grouping_by_story(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = session_of_reports()
    settings = LaneSettings.of(session)
    settings.grouping = "story"
    session.view_state["lanes"] = settings.to_json()
    view = TimelineView(session)
    qtbot.addWidget(view)
    keys = [ln.key for ln in view.data.lanes]
    assert keys == ["story:s1", "story:"]
    assert len(range(view.data.lane_slice(0).start, view.data.lane_slice(0).stop)) == 3


def test_detail_pane_lists_every_source_sentence(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = session_of_reports()
    pane = DetailPane(session)
    qtbot.addWidget(pane)
    pane.set_selection(Selection(STORY_LANE, event="s1"))
    html = pane.browser.toPlainText()
    assert "sources disagree" in html and "Wed 29 Jun 2016" in html
    for sentence, _, _ in REPORTS:
        assert sentence in html


def test_a_large_session_is_merged_in_a_worker_and_drawn_when_done(qtbot) -> None:  # type: ignore[no-untyped-def]
    from timeline_app.qt.timeline.story_merging import SYNC_EVENTS

    session = Session()
    papers = SYNC_EVENTS // 20 + 2
    for n in range(1, papers + 1):  # every paper reports the bombing, and 19 deeds of its own
        own = [(f"Zq{n}x{k} wv{n}y{k} on 2016-05-{k:02d}.", f"2016-05-{k:02d}", f"2016-05-{k:02d}")
               for k in range(1, 20)]
        session.add_result(make_result(f"paper{n}.txt", [REPORTS[0], *own]))
    view = TimelineView(session)
    qtbot.addWidget(view)
    view.set_story_lane(True)
    # the view drew at once, without stories: they are being merged in the worker
    assert STORY_LANE not in [ln.key for ln in view.data.lanes] and view.merging_stories()
    with qtbot.waitSignal(view.storiesMerged, timeout=30000):
        pass
    assert view.data.lanes[0].key == STORY_LANE
    labels = [view.data.labels[i] for i in range(view.data.lane_slice(0).start, view.data.lane_slice(0).stop)]
    assert labels == [f"{papers} sources · {REPORTS[0][0].rstrip('.')}"]
