"""The timeline widget: one lane per article, events as points and bars, zoomable from an
hour to two thousand years.

Reusable without the main window, for image export with the same rendering code::

    view = TimelineView(session, overview=False, theme="light")
    view.resize(1600, 900)
    view.fit_all()                      # or view.set_visible_range(start_dt, end_dt)
    QApplication.processEvents()        # let pyqtgraph lay out before painting
    view.render(painter, QPoint())      # QPainter on a QImage, QPdfWriter or QSvgGenerator

:meth:`TimelineView.set_theme` takes ``"light"``, ``"dark"`` or ``"system"``;
:attr:`TimelineView.plot` is the ``pyqtgraph.PlotWidget`` when only the plot should be drawn.

Drawing is batched (see :mod:`.timeline_items`): one scatter item for every point, one item
for every bar, one for every label, so 100,000 events stay fluid. Interaction follows the
GUIDE: wheel zooms around the cursor, drag pans, double-click fits; ``+``/``-`` zoom, arrow
keys move between events (left/right in time, up/down between lanes), ``Home`` fits all,
``F`` fits the selection; Shift+wheel scrolls lanes, Ctrl+wheel changes lane height.
"""

from __future__ import annotations

import math
from datetime import datetime
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QKeyEvent, QPen
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from ..core.session import Session
from .overview import OverviewStrip
from .selection import Selection
from .theme import Theme, lane_color, theme_named
from .timeline_axes import CalendarAxis, LaneAxis
from .timeline_data import DAY, TimelineData, TimelineDataBuilder, epoch_seconds, from_epoch_seconds
from .timeline_items import (MARKER_FRAC, MARKER_SIZE, BarsItem, LabelsItem, LanesItem, SelectionItem,
                             bar_geometry)

HOUR = 3600.0
YEAR = 365.2425 * DAY
MIN_X_RANGE = HOUR
MAX_X_RANGE = 2000 * YEAR
MIN_LANE_PX = 12.0  # below this lanes are unreadable: the view scrolls instead
FIT_LANE_PX = 50.0  # lane height aimed at by "fit all" when there are many lanes (one label row)
MAX_LANE_PX = 320.0
ZOOM_STEP = 2.0
HIT_PX = 7.0


class TimelineViewBox(pg.ViewBox):
    """Wheel zooms time around the cursor; Shift+wheel scrolls lanes; Ctrl+wheel sizes lanes."""

    def __init__(self) -> None:
        super().__init__(enableMenu=False, invertY=True, defaultPadding=0.0)
        self.setMouseEnabled(x=True, y=True)

    def wheelEvent(self, ev: object, axis: int | None = None) -> None:
        mods = ev.modifiers()
        if ev.orientation() == Qt.Orientation.Horizontal:  # sideways scroll on touchpads pans
            width = self.viewRange()[0][1] - self.viewRange()[0][0]
            self.translateBy(x=-ev.delta() / 1200.0 * width)
            self.sigRangeChangedManually.emit([True, False])
            ev.accept()
        elif mods & Qt.KeyboardModifier.ShiftModifier:
            self.translateBy(y=-ev.delta() / 120.0)
            self.sigRangeChangedManually.emit([False, True])
            ev.accept()
        elif mods & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(ev, axis=1)
        else:
            super().wheelEvent(ev, axis=0)

    def mouseDragEvent(self, ev: object, axis: int | None = None) -> None:
        # Right-drag zooms time only; lane height has its own gesture (Ctrl+wheel).
        super().mouseDragEvent(ev, axis=0 if ev.button() == Qt.MouseButton.RightButton else axis)


class TimelineView(QWidget):
    """Lanes of events over a calendar axis, with an optional overview strip underneath."""

    #: the user picked an event (click, arrow keys): a :class:`Selection`
    eventActivated = Signal(object)
    #: the user picked a lane title: a :class:`Selection` of the article
    laneActivated = Signal(object)
    #: the visible time range changed: (start, end) in epoch seconds
    rangeChanged = Signal(float, float)

    def __init__(self, session: Session | None = None, parent: QWidget | None = None, *,
                 overview: bool = True, theme: str | Theme = "system") -> None:
        super().__init__(parent)
        self._session = session if session is not None else Session()
        self._builder = TimelineDataBuilder()
        self.data = TimelineData()
        self._selection: Selection | None = None
        self._selected: int | None = None
        self._theme_name: str = theme if isinstance(theme, str) else theme.name
        self.theme: Theme = theme if isinstance(theme, Theme) else theme_named(theme)
        self._auto_fit = True  # keep fitting new data until the user moves the view
        self._time_order: np.ndarray | None = None
        self._points_window: tuple[int, int] | None = None
        self._styles: tuple[np.ndarray, ...] = tuple(np.empty(0, dtype=object) for _ in range(4))

        self.vb = TimelineViewBox()
        self.calendar_axis = CalendarAxis()
        self.lane_axis = LaneAxis()
        self.plot = pg.PlotWidget(viewBox=self.vb, axisItems={"bottom": self.calendar_axis, "left": self.lane_axis})
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.setMouseTracking(True)
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        self.vb.setLimits(minXRange=MIN_X_RANGE, maxXRange=MAX_X_RANGE, yMin=0.0)
        self.vb.disableAutoRange()

        self.lanes_item = LanesItem(self.calendar_axis)
        self.bars_item = BarsItem()
        self.points_item = pg.ScatterPlotItem(pxMode=True, size=MARKER_SIZE, symbol="o", antialias=True)
        self.labels_item = LabelsItem()
        self.selection_item = SelectionItem()
        for z, gitem in enumerate((self.lanes_item, self.bars_item, self.points_item,
                                   self.labels_item, self.selection_item)):
            gitem.setZValue(z - 10)
            self.vb.addItem(gitem, ignoreBounds=True)
        self.labels_item.setZValue(5)  # labels above the selection ring would hide it: ring on top
        self.selection_item.setZValue(6)

        self.overview = OverviewStrip()
        self.overview.setVisible(overview)
        self.overview.windowChanged.connect(self._overview_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.overview)

        self.vb.sigRangeChanged.connect(self._range_changed)
        self.vb.sigRangeChangedManually.connect(self._user_moved)
        self.vb.sigResized.connect(self._resized)
        scene = self.plot.scene()
        scene.sigMouseClicked.connect(self._clicked)
        scene.sigMouseMoved.connect(self._hovered)
        self.lane_axis.laneClicked.connect(self._lane_clicked)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(160)
        self._apply_theme()
        self.refresh()

    # -- data ----------------------------------------------------------------------------
    @property
    def session(self) -> Session:
        return self._session

    def set_session(self, session: Session) -> None:
        """Show another session (a new project); the view starts fitted."""
        self._session = session
        self._builder = TimelineDataBuilder()
        self._selection = None
        self._auto_fit = True
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the drawing from the session: call after the session changed."""
        data = self._builder.build(self._session)
        self.data = data
        self._time_order = None
        for gitem in (self.lanes_item, self.bars_item, self.labels_item, self.selection_item):
            gitem.set_data(data)
        self.lane_axis.set_lanes(data.lanes)
        self._lane_styles()
        self._update_y_limits()
        bounds = self._bounds()
        self.overview.set_data(data, bounds)
        self._apply_selection()
        if self._auto_fit:
            self.fit_all()
        else:
            x0, x1 = self.x_range()
            self.overview.set_window(x0, x1)
        self._update_points()

    def _lane_styles(self) -> None:
        """Brushes and pens per lane for the points (solid, and faint dashed for APPROX)."""
        solid, faint, plain_pen, fuzzy_pen = [], [], [], []
        halo = pg.mkPen(self.theme.background, width=1.0)
        for i, ln in enumerate(self.data.lanes):
            c = lane_color(i, ln.color)
            solid.append(pg.mkBrush(c))
            light = pg.mkColor(c)
            light.setAlpha(90)
            faint.append(pg.mkBrush(light))
            plain_pen.append(halo)
            fuzzy_pen.append(pg.mkPen(c, width=1.2, style=Qt.PenStyle.DashLine))
        self._styles = tuple(np.array(x, dtype=object) for x in (solid, faint, plain_pen, fuzzy_pen))

    def _update_points(self, *, force: bool = True) -> None:
        """Feed the scatter item with the points of the lanes in view, plus a page either side.

        Handing pyqtgraph only these (not all 100,000) keeps both setData and every paint cheap;
        scrolling past the loaded lanes loads the next ones.
        """
        d = self.data
        n = len(d.lanes)
        y0, y1 = self.lane_range()
        first, last = max(0, math.floor(y0)), min(n, math.ceil(y1))
        window = self._points_window
        if not force and window is not None and window[0] <= first and last <= window[1]:
            return
        page = max(4, last - first)
        lo, hi = max(0, first - page), min(n, last + page)
        self._points_window = (lo, hi)
        start, stop = int(d.lane_start[lo]), int(d.lane_start[hi]) if n else 0
        pts = np.nonzero(d.kind[start:stop] == 0)[0] + start
        if not len(pts):
            self.points_item.setData(x=[], y=[])
            return
        solid, faint, plain_pen, fuzzy_pen = self._styles
        lanes = d.lane[pts]
        fz = d.fuzzy[pts]
        self.points_item.setData(x=d.xc[pts], y=lanes + MARKER_FRAC,
                                 brush=np.where(fz, faint[lanes], solid[lanes]),
                                 pen=np.where(fz, fuzzy_pen[lanes], plain_pen[lanes]))

    def _bounds(self) -> tuple[float, float]:
        b = self.data.bounds
        if b is None:
            now = epoch_seconds(datetime.now().replace(hour=0, minute=0, second=0, microsecond=0))
            return now - 30 * DAY, now + 30 * DAY
        lo, hi = b
        pad = max((hi - lo) * 0.04, 6 * HOUR)
        return lo - pad, hi + pad

    # -- ranges --------------------------------------------------------------------------
    def x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.vb.viewRange()
        return float(x0), float(x1)

    def visible_range(self) -> tuple[datetime, datetime]:
        x0, x1 = self.x_range()
        return from_epoch_seconds(x0), from_epoch_seconds(x1)

    def set_x_range(self, x0: float, x1: float) -> None:
        """Show [x0, x1] (epoch seconds), clamped to an hour .. 2,000 years.

        The view then stays there: new data no longer re-fits it (see :meth:`fit_all`).
        """
        self._auto_fit = False
        self._set_x_range(x0, x1)

    def _set_x_range(self, x0: float, x1: float) -> None:
        c, w = (x0 + x1) / 2, min(max(x1 - x0, MIN_X_RANGE), MAX_X_RANGE)
        self.vb.setXRange(c - w / 2, c + w / 2, padding=0)

    def set_visible_range(self, start: datetime, end: datetime) -> None:
        self.set_x_range(epoch_seconds(start), epoch_seconds(end))

    def lane_range(self) -> tuple[float, float]:
        _, (y0, y1) = self.vb.viewRange()
        return float(y0), float(y1)

    def set_lane_range(self, top: float, count: float) -> None:
        """Show ``count`` lane heights from lane ``top`` (0 is the first lane)."""
        self._auto_fit = False
        self._set_lane_range(top, count)

    def _set_lane_range(self, top: float, count: float) -> None:
        self.vb.setYRange(top, top + count, padding=0)

    def zoom(self, factor: float, center: float | None = None) -> None:
        """Zoom time by ``factor`` (>1 zooms in) around ``center`` (default: the middle)."""
        x0, x1 = self.x_range()
        c = (x0 + x1) / 2 if center is None else center
        self._auto_fit = False
        self.set_x_range(c - (c - x0) / factor, c + (x1 - c) / factor)

    def pan(self, fraction: float) -> None:
        x0, x1 = self.x_range()
        d = (x1 - x0) * fraction
        self._auto_fit = False
        self.set_x_range(x0 + d, x1 + d)

    def _plot_height(self) -> float:
        h = self.vb.height()
        return float(h) if h > 20 else 400.0

    def _lane_slots(self) -> float:
        """How many lane heights the view shows when fitted."""
        n = len(self.data.lanes)
        h = self._plot_height()
        if n == 0:
            return 1.0
        if h / n >= FIT_LANE_PX:  # every lane fits readably; none taller than MAX_LANE_PX
            return max(float(n), h / MAX_LANE_PX)
        return max(1.0, h / FIT_LANE_PX)  # as many as fit; the rest scroll

    def _update_y_limits(self) -> None:
        slots = self._lane_slots()
        n = max(1.0, float(len(self.data.lanes)))
        y_max = max(n, slots)
        max_range = min(y_max, max(1.0, self._plot_height() / MIN_LANE_PX))
        self.vb.setLimits(yMin=0.0, yMax=y_max, minYRange=min(1.0, y_max), maxYRange=max_range)

    def fit_all(self) -> None:
        """Everything in time; as many lanes as fit at a readable height, from the top.

        Until the user (or a caller) moves the view, it re-fits as articles arrive.
        """
        lo, hi = self._bounds()
        self._set_x_range(lo, hi)
        top, _ = self.lane_range()
        slots = self._lane_slots()
        n = len(self.data.lanes)
        top = 0.0 if slots >= n else min(max(0.0, math.floor(top)), n - slots)
        self._set_lane_range(top, slots)

    def fit_selection(self) -> None:
        """The selected event (or the selected article's events) filling most of the view."""
        sel = self._selection
        if sel is None:
            return
        d = self.data
        if self._selected is not None:
            i = self._selected
            lo, hi = float(d.x0[i]), float(d.x1[i])
            pad = max((hi - lo) * 0.6, 6 * HOUR)
            self.set_x_range(lo - pad, hi + pad)
            self._ensure_lane_visible(int(d.lane[i]))
            return
        lane = self._lane_of_key(sel.key)
        if lane is None:
            return
        sl = d.lane_slice(lane)
        if sl.stop > sl.start:
            lo, hi = float(d.x0[sl].min()), float(d.x1[sl].max())
            pad = max((hi - lo) * 0.05, 6 * HOUR)
            self.set_x_range(lo - pad, hi + pad)
        self._ensure_lane_visible(lane)

    def center_on(self, selection: Selection | None = None) -> None:
        """Pan (keeping the zoom) so the selected event is in the middle; zoom out if wider."""
        if selection is not None and selection != self._selection:
            self.set_selection(selection)
        i = self._selected
        if i is None:
            if self._selection is not None and (lane := self._lane_of_key(self._selection.key)) is not None:
                self._ensure_lane_visible(lane)
            return
        d = self.data
        x0, x1 = self.x_range()
        w = x1 - x0
        lo, hi = float(d.x0[i]), float(d.x1[i])
        if d.kind[i] == 1 and hi - lo > w * 0.9:
            w = (hi - lo) / 0.8
        c = float(d.xc[i]) if d.kind[i] == 0 else (lo + hi) / 2
        self._auto_fit = False
        self.set_x_range(c - w / 2, c + w / 2)
        self._ensure_lane_visible(int(d.lane[i]))

    def _ensure_lane_visible(self, lane: int) -> None:
        y0, y1 = self.lane_range()
        if y0 <= lane and lane + 1 <= y1:
            return
        h = y1 - y0
        top = min(max(0.0, lane + 0.5 - h / 2), max(0.0, len(self.data.lanes) - h))
        self.set_lane_range(top, h)

    def _ensure_visible(self, i: int) -> None:
        x0, x1 = self.x_range()
        d = self.data
        if not (x0 <= d.xc[i] <= x1) or (d.kind[i] == 1 and d.x1[i] < x0):
            self.center_on()
        else:
            self._ensure_lane_visible(int(d.lane[i]))

    # -- selection -----------------------------------------------------------------------
    def set_selection(self, selection: Selection | None) -> None:
        """Highlight ``selection`` without announcing it (it came from elsewhere)."""
        self._selection = selection
        self._apply_selection()

    def selected_index(self) -> int | None:
        return self._selected

    def _apply_selection(self) -> None:
        sel = self._selection
        index: int | None = None
        if sel is not None:
            resolved = sel.resolve(self._session)
            if resolved is not None and resolved[1] is not None:
                index = self.data.index.get((sel.key, resolved[1].id))
        self._selected = index
        self.labels_item.set_selected(index)
        self.selection_item.set_data(self.data)
        self.selection_item.set_index(index)
        self.lane_axis.set_selected_lane(self._lane_of_key(sel.key) if sel else None)

    def _lane_of_key(self, key: str) -> int | None:
        return next((i for i, ln in enumerate(self.data.lanes) if ln.key == key), None)

    def select_index(self, i: int | None, *, announce: bool = True) -> None:
        if i is None:
            return
        key, event_id = self.data.refs[i]
        self.set_selection(Selection(key, event=event_id))
        if announce:
            self.eventActivated.emit(self._selection)

    def step(self, delta: int) -> None:
        """Select the previous/next event of the selected lane in time (arrow keys)."""
        d = self.data
        if not len(d):
            return
        i = self._selected
        if i is None:
            i = self._first_visible()
        else:
            sl = d.lane_slice(int(d.lane[i]))
            i = min(max(i + delta, sl.start), sl.stop - 1)
        self.select_index(i)
        self._ensure_visible(i)

    def step_lane(self, delta: int) -> None:
        """Select the event nearest in time in the next lane up or down that has events."""
        d = self.data
        if not len(d):
            return
        if self._selected is None:
            self.step(0)
            return
        x = float(d.xc[self._selected])
        lane = int(d.lane[self._selected]) + delta
        while 0 <= lane < len(d.lanes):
            sl = d.lane_slice(lane)
            if sl.stop > sl.start:
                j = sl.start + int(np.argmin(np.abs(d.xc[sl] - x)))
                self.select_index(j)
                self._ensure_visible(j)
                return
            lane += delta

    def _first_visible(self) -> int:
        d = self.data
        x0, x1 = self.x_range()
        y0, y1 = self.lane_range()
        vis = np.nonzero((d.xc >= x0) & (d.xc <= x1) & (d.lane >= math.floor(y0)) & (d.lane < y1))[0]
        return int(vis[0]) if len(vis) else 0

    # -- hit testing ---------------------------------------------------------------------
    def event_at(self, scene_pos: QPointF) -> int | None:
        """The event under a scene position: its label, its point, or its bar."""
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        d = self.data
        if not len(d):
            return None
        view_pt = self.vb.mapSceneToView(scene_pos)
        lane = math.floor(view_pt.y())
        if not 0 <= lane < len(d.lanes):
            return None
        # Labels are placed in device pixels of the plot's viewport.
        dev = self.plot.mapFromScene(scene_pos)
        for lab in reversed(self.labels_item.placed):
            if lab.rect.contains(QPointF(dev)):
                return lab.index
        sl = d.lane_slice(lane)
        if sl.stop == sl.start:
            return None
        (x0, x1), (y0, y1) = self.vb.viewRange()
        w_px = max(1.0, self.vb.width())
        h_px = max(1.0, self.vb.height())
        sec_per_px = (x1 - x0) / w_px
        lane_px = h_px / max(1e-9, y1 - y0)
        dy_px = (view_pt.y() - (lane + MARKER_FRAC)) * lane_px
        xs = d.xc[sl]
        kind = d.kind[sl]
        # Points: within HIT_PX of the marker.
        dist = np.abs(xs - view_pt.x()) / sec_per_px
        pts = np.nonzero((kind == 0) & (dist <= HIT_PX) & (abs(dy_px) <= HIT_PX + 2))[0]
        if len(pts):
            return sl.start + int(pts[np.argmin(dist[pts])])
        # Bars: inside the interval and on the bar's track.
        bar_h, spacing = bar_geometry(lane_px)
        track_y = d.track[sl] * spacing
        inside = (kind == 1) & (d.x0[sl] <= view_pt.x()) & (d.x1[sl] >= view_pt.x()) \
            & (np.abs(dy_px - track_y) <= bar_h / 2 + 3)
        bars = np.nonzero(inside)[0]
        if len(bars):
            return sl.start + int(bars[np.argmin(d.x1[sl][bars] - d.x0[sl][bars])])  # the narrowest
        return None

    def tooltip_html(self, i: int) -> str:
        key, event_id = self.data.refs[i]
        resolved = Selection(key, event=event_id).resolve(self._session)
        if resolved is None:
            return ""
        entry, event, timex = resolved
        lines = [f"<b>{escape(self.data.labels[i])}</b>"]
        if timex is not None:
            mod = f" ({timex.mod})" if timex.mod else ""
            lines.append(f"“{escape(timex.text)}” → <b>{escape(timex.value or '?')}</b>{mod}")
            if timex.explanation:
                lines.append(f"<i>{escape(timex.explanation)}</i>")
        elif event is not None and event.interval is not None:
            lines.append(f"added by you: {event.interval.start:%Y-%m-%d} – {event.interval.end:%Y-%m-%d}")
        lines.append(f"<span>{escape(entry.article.title)}</span>")
        return "<br>".join(lines)

    # -- events --------------------------------------------------------------------------
    def _clicked(self, ev: object) -> None:
        pos = ev.scenePos()
        if not self.vb.sceneBoundingRect().contains(pos):
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if ev.double():
            self.fit_all()
            self._auto_fit = False
            return
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        i = self.event_at(pos)
        if i is not None:
            self.select_index(i)

    def _hovered(self, pos: QPointF) -> None:
        i = self.event_at(pos)
        if i is None:
            QToolTip.hideText()
            self.plot.viewport().unsetCursor()
            return
        self.plot.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(QCursor.pos(), self.tooltip_html(i), self.plot)

    def _lane_clicked(self, lane: int) -> None:
        key = self.data.lanes[lane].key
        self.set_selection(Selection(key))
        self.laneActivated.emit(self._selection)

    def _overview_moved(self, x0: float, x1: float) -> None:
        self._auto_fit = False
        self.set_x_range(x0, x1)

    def _range_changed(self, *args: object) -> None:
        # pyqtgraph would move the items at the next paint, which then paints twice: move now.
        self.vb.updateMatrix()
        self._update_points(force=False)
        x0, x1 = self.x_range()
        self.overview.set_window(x0, x1)
        self.rangeChanged.emit(x0, x1)

    def _user_moved(self, *args: object) -> None:
        self._auto_fit = False

    def _resized(self, *args: object) -> None:
        self._update_y_limits()
        if self._auto_fit:
            QTimer.singleShot(0, self.fit_all)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Home:
            self.fit_all()
        elif key == Qt.Key.Key_F and not mods:
            self.fit_selection()
        elif key == Qt.Key.Key_Left:
            self.pan(-0.2) if mods & Qt.KeyboardModifier.ShiftModifier else self.step(-1)
        elif key == Qt.Key.Key_Right:
            self.pan(0.2) if mods & Qt.KeyboardModifier.ShiftModifier else self.step(1)
        elif key == Qt.Key.Key_Up:
            self.step_lane(-1)
        elif key == Qt.Key.Key_Down:
            self.step_lane(1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            y0, y1 = self.lane_range()
            h = y1 - y0
            self.set_lane_range(y0 - h if key == Qt.Key.Key_PageUp else y0 + h, h)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- theme ---------------------------------------------------------------------------
    def set_theme(self, theme: str | Theme) -> None:
        """``"light"``, ``"dark"``, ``"system"`` (follow the application palette) or a Theme."""
        if isinstance(theme, Theme):
            self._theme_name, self.theme = theme.name, theme
        else:
            self._theme_name, self.theme = theme, theme_named(theme)
        self._apply_theme()

    def _apply_theme(self) -> None:
        t = self.theme
        self.plot.setBackground(t.background)
        axis_pen = QPen(t.muted)
        self.calendar_axis.setPen(axis_pen)
        self.calendar_axis.setTextPen(t.foreground)
        self.lane_axis.setPen(axis_pen)
        self.lane_axis.set_theme(t)
        for gitem in (self.lanes_item, self.bars_item, self.labels_item, self.selection_item):
            gitem.set_theme(t)
        self.overview.set_theme(t)
        self._lane_styles()
        self._update_points()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and self._theme_name == "system":
            self.theme = theme_named("system")
            self._apply_theme()
        super().changeEvent(event)
