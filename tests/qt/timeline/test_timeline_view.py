"""The timeline widget on its own: ranges, keys, wheel, labels, rendering, UTC calendar values."""

from __future__ import annotations

import itertools
from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication
from qt_helpers import make_result, syria_like

from timeline_app.core.session import Session
from timeline_app.qt.selection import Selection
from timeline_app.qt.timeline.data import epoch_seconds
from timeline_app.qt.timeline.view import MAX_X_RANGE, MIN_X_RANGE, TimelineView

DAY = 86400.0


@pytest.fixture
def view(qtbot):  # type: ignore[no-untyped-def]
    session = Session()
    session.add_result(syria_like("hand/a.txt"))
    session.add_result(syria_like("hand/b.txt"))
    return shown_view(qtbot, session, 1200, 500)


def shown_view(qtbot, session: Session, width: int, height: int, theme: str = "light") -> TimelineView:  # type: ignore[no-untyped-def]
    """A timeline of the session, shown at that size and fitted to all its events."""
    v = TimelineView(session, theme=theme)
    qtbot.addWidget(v)
    v.resize(width, height)
    v.show()
    qtbot.waitExposed(v)
    v.fit_all()
    return v


def width(v: TimelineView) -> float:
    x0, x1 = v.x_range()
    return x1 - x0


def test_calendar_values_are_utc_seconds_never_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        assert epoch_seconds(datetime(2016, 6, 28)) == 1467072000.0
        assert epoch_seconds(datetime(1, 1, 1)) == -62135596800.0
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_keyboard_zoom_changes_the_visible_range(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.setFocus()
    before = width(view)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert width(view) == pytest.approx(before / 2, rel=1e-6)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert width(view) == pytest.approx(before * 2, rel=1e-6)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert width(view) == pytest.approx(before, rel=1e-6)


def test_window_shortcuts_zoom_the_timeline(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.session.add_result(syria_like())
    window.adapter.flush()
    window.activateWindow()
    window.timeline.setFocus()
    before = width(window.timeline)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Plus)
    assert width(window.timeline) < before
    qtbot.keyClick(window.timeline, Qt.Key.Key_Home)
    assert width(window.timeline) == pytest.approx(before, rel=1e-6)


def test_zoom_stops_at_an_hour_and_at_two_thousand_years(view) -> None:  # type: ignore[no-untyped-def]
    for _ in range(40):
        view.zoom(2.0)
    assert width(view) == pytest.approx(MIN_X_RANGE, rel=0.01)
    for _ in range(60):
        view.zoom(0.5)
    assert width(view) == pytest.approx(MAX_X_RANGE, rel=0.01)


def test_wheel_zooms_around_the_cursor(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    viewport = view.plot.viewport()
    pos = QPointF(viewport.width() * 0.8, viewport.height() / 2)
    under_before = view.vb.mapSceneToView(view.plot.mapToScene(pos.toPoint())).x()
    w0 = width(view)
    event = QWheelEvent(pos, viewport.mapToGlobal(pos), QPoint(), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)
    assert width(view) < w0
    under_after = view.vb.mapSceneToView(view.plot.mapToScene(pos.toPoint())).x()
    assert under_after == pytest.approx(under_before, abs=w0 * 0.002)


def test_fit_selection_and_centre(view) -> None:  # type: ignore[no-untyped-def]
    view.set_selection(Selection("hand/b.txt", event="e1"))  # Tuesday 2016-06-28
    view.fit_selection()
    x0, x1 = view.x_range()
    t = epoch_seconds(datetime(2016, 6, 28))
    assert x0 < t < t + DAY < x1
    assert x1 - x0 < 5 * DAY
    y0, y1 = view.lane_range()
    assert y0 <= 1 and y1 >= 2  # the second article's lane (1) is visible


def test_overview_window_follows_and_drives_the_view(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.zoom(4.0)
    x0, x1 = view.x_range()
    r0, r1 = view.overview.region.getRegion()
    assert (r0, r1) == pytest.approx((x0, x1))
    shift = (x1 - x0) / 2
    view.overview.region.setRegion((x0 - shift, x1 - shift))  # what dragging does
    assert view.x_range() == pytest.approx((x0 - shift, x1 - shift))


def test_labels_never_overlap(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    # Many events a few hours apart in few lanes: most labels cannot fit and must be counted.
    for a in range(3):
        sentences = [(f"Event number {n} of article {a} happened on that day.", "that day",
                      f"2016-{1 + n // 28:02d}-{1 + n % 28:02d}") for n in range(120)]
        session.add_result(make_result(f"hand/many{a}.txt", sentences))
    v = shown_view(qtbot, session, 1000, 600, theme="dark")
    QApplication.processEvents()  # pyqtgraph lays out the new range
    v.plot.viewport().repaint()
    placed = v.labels_item.placed
    assert 0 < len(placed) < 360
    for a, b in itertools.combinations(placed, 2):
        assert not a.rect.intersects(b.rect), (a, b)
    hidden = sum(p.hidden for p in placed)
    assert len(placed) + hidden == 360  # every event is either labelled or counted
    v.zoom(8.0)
    QApplication.processEvents()
    v.plot.viewport().repaint()
    assert all(not a.rect.intersects(b.rect) for a, b in itertools.combinations(v.labels_item.placed, 2))


def test_renders_without_a_window_for_export(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    session.add_result(syria_like())
    v = TimelineView(session, overview=False, theme="light")
    qtbot.addWidget(v)
    v.resize(900, 300)
    v.set_visible_range(datetime(2014, 1, 1), datetime(2016, 12, 31))
    QApplication.processEvents()
    image = QImage(900, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    v.render(painter, QPoint())
    painter.end()
    pixels = np.array([[image.pixelColor(x, y).rgb() for x in range(0, 900, 7)] for y in range(0, 300, 5)])
    assert len(np.unique(pixels)) > 10  # lanes, bars, points, text: not blank
    x0, x1 = v.x_range()
    assert x0 == pytest.approx(epoch_seconds(datetime(2014, 1, 1)))
    assert x1 == pytest.approx(epoch_seconds(datetime(2016, 12, 31)))


def test_bars_points_and_fuzzy_values(view) -> None:  # type: ignore[no-untyped-def]
    d = view.data
    by_ref = {ref: i for i, ref in enumerate(d.refs)}
    tuesday = by_ref[("hand/a.txt", "e1")]
    year = by_ref[("hand/a.txt", "e3")]
    approx = by_ref[("hand/a.txt", "e4")]
    assert d.kind[tuesday] == 0 and d.kind[year] == 1
    assert d.xc[tuesday] == epoch_seconds(datetime(2016, 6, 28, 12))
    assert (d.x0[year], d.x1[year]) == (epoch_seconds(datetime(2014, 1, 1)), epoch_seconds(datetime(2015, 1, 1)))
    assert d.fuzzy[approx] and not d.fuzzy[year]
    assert d.lanes[0].dct == epoch_seconds(datetime(2016, 6, 30))


def test_scatter_holds_only_the_lanes_near_the_view(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = Session()
    for a in range(60):
        session.add_result(make_result(f"hand/lane{a:02}.txt", [
            (f"Article {a} event {n} on that day.", "that day", f"2016-03-{n + 1:02d}") for n in range(5)]))
    v = shown_view(qtbot, session, 900, 500)
    QApplication.processEvents()
    shown = len(v.points_item.data)
    y0, y1 = v.lane_range()
    assert y1 - y0 < 60  # the view scrolls through the lanes instead of squeezing them
    assert 0 < shown < 300
    lanes = set(np.floor(v.points_item.data["y"]).astype(int))
    assert min(lanes) <= int(y0) and max(lanes) >= int(y1) - 1
    v.set_lane_range(50, y1 - y0)  # scroll to the last lanes: their points are loaded
    QApplication.processEvents()
    lanes = set(np.floor(v.points_item.data["y"]).astype(int))
    assert {50, 55, 59} <= lanes
