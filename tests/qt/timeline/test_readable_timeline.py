"""A timeline readable with many articles (issue 21): +N expands, hover tells, Fit frames the
dense part, outliers stay named in the overview, labels are tied to their marks."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from qt_helpers import make_result

from timeline_app.core.session import Session
from timeline_app.qt.timeline.data import epoch_seconds
from timeline_app.qt.timeline.view import TimelineView


def shown(qtbot, session: Session, width: int = 1100, height: int = 500) -> TimelineView:  # type: ignore[no-untyped-def]
    v = TimelineView(session, theme="light")
    qtbot.addWidget(v)
    v.resize(width, height)
    v.show()
    qtbot.waitExposed(v)
    v.fit_all()
    paint(v)
    return v


def paint(v: TimelineView) -> None:
    QApplication.processEvents()
    v.plot.viewport().repaint()


def crowded() -> Session:
    """One article with 40 events on consecutive days: most labels must be counted into +N."""
    s = Session()
    s.add_result(make_result("hand/crowded.txt", [
        (f"Convoy {n} reached the town on that day.", "that day", f"2016-06-{1 + n % 28:02d}T{n // 28 + 8:02d}:00")
        for n in range(40)]))
    return s


def viewport_pos(v: TimelineView, x: float, y: float) -> QPointF:
    scene = v.vb.mapViewToScene(QPointF(x, y))
    return QPointF(v.plot.mapFromScene(scene))


def test_clicking_plus_n_opens_the_hidden_events(qtbot) -> None:  # type: ignore[no-untyped-def]
    v = shown(qtbot, crowded())
    badges = [lab for lab in v.labels_item.placed if lab.hidden]
    assert badges, "40 events on a narrow lane must cluster"
    lab = max(badges, key=lambda b: b.hidden)
    hidden = set(lab.hidden_ids)
    before = v.x_range()
    badge = lab.badge_rect(v.labels_item.text_of(lab.index)[1])
    qtbot.mouseClick(v.plot.viewport(), Qt.MouseButton.LeftButton, pos=badge.center().toPoint())
    paint(v)
    after = v.x_range()
    assert after[1] - after[0] < before[1] - before[0]  # zoomed in on them
    d = v.data
    assert all(after[0] <= d.xc[i] <= after[1] for i in hidden | {lab.index})
    labelled = {p.index for p in v.labels_item.placed}
    assert len(labelled & hidden) >= 1  # some of what was hidden now has its own label


def test_hovering_a_mark_tells_label_date_and_source(qtbot) -> None:  # type: ignore[no-untyped-def]
    s = Session()
    s.add_result(make_result("hand/news.txt", [
        ("AMMAN (Reuters) - Rebels were pushed back on Wednesday.", "Wednesday", "2016-06-29"),
        ("The talks ended on Friday.", "Friday", "2016-06-24")], title="Rebels retreat"))
    v = shown(qtbot, s)
    i = next(k for k, label in enumerate(v.data.labels) if "pushed back" in label)
    pos = viewport_pos(v, float(v.data.xc[i]), float(v.data.marker_y(int(v.data.lane[i]))))
    qtbot.mouseMove(v.plot.viewport(), pos.toPoint())
    qtbot.waitUntil(lambda: "pushed back" in v.hover_text, timeout=2000)
    assert "Wed 29 Jun 2016" in v.hover_text
    assert "Rebels retreat" in v.hover_text and "Reuters" in v.hover_text
    badge_free = v.labels_item.placed[0]
    assert badge_free.hidden == 0


def test_hovering_plus_n_lists_what_it_hides(qtbot) -> None:  # type: ignore[no-untyped-def]
    v = shown(qtbot, crowded())
    lab = next(lab for lab in v.labels_item.placed if lab.hidden)
    badge = lab.badge_rect(v.labels_item.text_of(lab.index)[1])
    qtbot.mouseMove(v.plot.viewport(), badge.center().toPoint())
    qtbot.waitUntil(lambda: "more event" in v.hover_text, timeout=2000)
    assert v.data.labels[lab.hidden_ids[0]] in v.hover_text


def test_fit_frames_the_dense_weeks_and_the_overview_names_the_outliers(qtbot) -> None:  # type: ignore[no-untyped-def]
    s = Session()
    for a in range(4):
        sentences = [(f"Fighting {a}-{n} broke out near the town on that day.", "that day", f"2016-06-{2 + n * 2:02d}")
                     for n in range(12)]
        if a == 0:
            sentences += [("The group has held the town since 1989.", "1989", "1989"),
                          ("The two sides last met in 2005.", "2005", "2005")]
        s.add_result(make_result(f"hand/n{a}.txt", sentences))
    v = shown(qtbot, s)
    x0, x1 = v.x_range()
    assert x0 > epoch_seconds(__import__("datetime").datetime(2016, 1, 1))  # not back to 1989
    assert x1 - x0 < 60 * 86400
    names = v.overview.outlier_names()
    assert any("1989" in n or "held the town" in n for n in names)
    v.fit_everything()
    x0, _ = v.x_range()
    assert x0 < epoch_seconds(__import__("datetime").datetime(1989, 1, 2))


def test_labels_are_tied_to_their_marks_and_never_overlap(qtbot) -> None:  # type: ignore[no-untyped-def]
    s = Session()
    for a in range(5):
        s.add_result(make_result(f"hand/l{a}.txt", [
            (f"Aid convoy number {n} of {a} reached the besieged town on that day.", "that day",
             f"2016-06-{1 + (n * 3 + a) % 28:02d}") for n in range(10)]))
    v = shown(qtbot, s, 1280, 560)
    placed = v.labels_item.placed
    for a, b in itertools.combinations(placed, 2):
        assert not a.rect.intersects(b.rect)
    assert len(placed) >= 3 * 5
    over_mark = 0
    for lab in placed:
        # Above its mark, in its lane; the leader runs down from under the label to the mark.
        assert lab.rect.bottom() <= lab.anchor.y()
        assert v.data.lane[lab.index] == int(v.vb.mapSceneToView(v.plot.mapToScene(lab.anchor.toPoint())).y())
        over_mark += lab.rect.left() - 1 <= lab.anchor.x() <= lab.rect.right() + 1
    assert over_mark >= 0.9 * len(placed)  # beside its mark (only labels slid at the edges are not)


def test_plus_and_minus_zoom_around_the_selected_event(qtbot) -> None:  # type: ignore[no-untyped-def]
    v = shown(qtbot, crowded())
    i = 5
    v.select_index(i, announce=False)
    x = float(v.data.xc[i])
    x0, x1 = v.x_range()
    before = (x - x0) / (x1 - x0)
    qtbot.keyClick(v, Qt.Key.Key_Plus)
    x0, x1 = v.x_range()
    assert x0 <= x <= x1 and abs((x - x0) / (x1 - x0) - before) < 0.01  # the event stays where it was


def test_lane_height_follows_what_the_lane_holds(qtbot) -> None:  # type: ignore[no-untyped-def]
    s = Session()
    s.add_result(make_result("hand/one.txt", [("The talks ended on that day.", "that day", "2016-06-20")]))
    s.add_result(make_result("hand/many.txt", [
        (f"Convoy {n} reached the town on that day.", "that day", f"2016-06-{10 + n:02d}") for n in range(8)]))
    v = shown(qtbot, s)
    one, many = v.data.lane_h(0), v.data.lane_h(1)
    assert one < 0.7 < many == 1.0  # one event, one label row; eight events, three rows
    assert v.data.lane_at(one / 2) == 0 and v.data.lane_at(one + many / 2) == 1
    placed_rows = {round(p.rect.top()) for p in v.labels_item.placed if v.data.lane[p.index] == 1}
    assert len(placed_rows) >= 2  # the busy lane stacks its labels
