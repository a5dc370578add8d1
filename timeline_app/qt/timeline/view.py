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

from ...core.session import Session
from ..selection import Selection
from ..theme import Theme, lane_color, theme_named
from .axes import CalendarAxis, LaneAxis
from .data import DAY, TimelineData, TimelineDataBuilder, epoch_seconds
from .items import (
    MARKER_FRAC,
    MARKER_SIZE,
    BarsItem,
    LanesItem,
    SelectionItem,
    bar_geometry,
)
from .labels import LabelsItem
from .navigation import HOUR, MAX_X_RANGE, MIN_X_RANGE, ZOOM_STEP, NavigationMixin, TimelineViewBox
from .overview import OverviewStrip

HIT_PX = 7.0


class TimelineView(NavigationMixin, QWidget):
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
