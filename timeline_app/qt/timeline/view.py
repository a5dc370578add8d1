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

from datetime import datetime
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QKeyEvent, QPen
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from ...core.lanes import source_of
from ...core.session import Session
from ..selection import Selection
from ..theme import Theme, lane_colors, theme_named
from .axes import CalendarAxis, LaneAxis
from .data import DAY, TimelineData, TimelineDataBuilder, epoch_seconds, from_epoch_seconds
from .items import (
    MARKER_FRAC,
    MARKER_SIZE,
    BarsItem,
    LanesItem,
    SelectionItem,
    bar_geometry,
)
from .labels import LabelsItem, PlacedLabel
from .lane_menu import LaneActions
from .navigation import HOUR, MAX_X_RANGE, MIN_X_RANGE, ZOOM_STEP, NavigationMixin, TimelineViewBox
from .overview import OverviewStrip
from .story_merging import StoryMerging

HIT_PX = 7.0


class TimelineView(NavigationMixin, QWidget):
    """Lanes of events over a calendar axis, with an optional overview strip underneath."""

    #: the user picked an event (click, arrow keys): a :class:`Selection`
    eventActivated = Signal(object)
    #: the user picked a lane title: a :class:`Selection` of the article
    laneActivated = Signal(object)
    #: the visible time range changed: (start, end) in epoch seconds
    rangeChanged = Signal(float, float)
    #: a worker thread finished merging stories and the view drew them
    storiesMerged = Signal()

    def __init__(self, session: Session | None = None, parent: QWidget | None = None, *,
                 overview: bool = True, theme: str | Theme = "system") -> None:
        super().__init__(parent)
        self._session = session if session is not None else Session()
        self._builder = TimelineDataBuilder()
        self._merging = self._story_merging(self._session)
        self.fresh_stories = True  # False while files load: the story lane keeps its last merge
        self.data = TimelineData()
        self._selection: Selection | None = None
        self._selected: int | None = None
        self._theme_name: str = theme if isinstance(theme, str) else theme.name
        self.theme: Theme = theme if isinstance(theme, Theme) else theme_named(theme)
        self._auto_fit = True  # keep fitting new data until the user moves the view
        self._time_order: np.ndarray | None = None
        self._points_window: tuple[int, int] | None = None
        self._styles: tuple[np.ndarray, ...] = tuple(np.empty(0, dtype=object) for _ in range(4))
        # The table's filter and Find, acted out here too: events outside it are dimmed or hidden.
        self._filter: set[tuple[str, str]] | None = None
        self.filter_mode = "dim"  # or "hide"
        self.hover_text = ""  # what the tooltip shows (kept for tests and accessibility)

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
        self.lane_axis.laneMenuRequested.connect(self._lane_menu)
        self.lane_actions = LaneActions(self._session, self)
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
        self.lane_actions.session = session
        self._builder = TimelineDataBuilder()
        self._builder.show_stories = getattr(self, "_story_lane", False)
        self._merging.wait()  # the old session's merge: its result is dropped with its helper
        self._merging.release()
        self._merging.deleteLater()
        self._merging = self._story_merging(session)
        self.fresh_stories = True
        self._selection = None
        self._auto_fit = True
        self.refresh()

    def _story_merging(self, session: Session) -> StoryMerging:
        merging = StoryMerging(session, self)
        merging.paused = getattr(self, "_stories_paused", False)
        merging.merged.connect(self._stories_merged)
        self._builder.stories_of = lambda _session: merging.stories()
        return merging

    def _stories_merged(self) -> None:
        fresh, self.fresh_stories = self.fresh_stories, True
        self.refresh()
        self.fresh_stories = fresh
        self.storiesMerged.emit()

    def merging_stories(self) -> bool:
        """A worker is merging stories that the view will draw when it is done."""
        return self._merging.pending()

    def pause_stories(self, paused: bool) -> None:
        """Start no story merge while ``paused`` (files are loading): the story lane keeps the
        stories merged last; unpaused, the next refresh merges the articles as they are."""
        self._stories_paused = paused
        self._merging.paused = paused

    def wait_for_stories(self) -> None:
        """Until the stories being merged in the worker are drawn, the event loop running
        meanwhile (tests, benchmarks)."""
        import time

        from PySide6.QtCore import QCoreApplication

        while self._merging.pending():
            QCoreApplication.processEvents()
            time.sleep(0.002)

    def set_story_lane(self, on: bool) -> None:
        """Show (or hide) the story lane above the others."""
        self._story_lane = on
        self._builder.show_stories = on
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the drawing from the session: call after the session changed."""
        data = self._builder.build(self._session, self._filter if self.filter_mode == "hide" else None,
                                   fresh_stories=self.fresh_stories)
        self.data = data
        self.labels_item.match = self._match_array()
        self._time_order = None
        for gitem in (self.lanes_item, self.bars_item, self.labels_item, self.selection_item):
            gitem.set_data(data)
        self.lane_axis.set_lanes(data.lanes, data.lane_top)
        self._lane_styles()
        self._update_y_limits()
        bounds = self._bounds()
        self.overview.set_data(data, bounds)
        self.overview.set_outliers(self._outliers())
        self._apply_selection()
        if self._auto_fit:
            self.fit_all()
        else:
            x0, x1 = self.x_range()
            self.overview.set_window(x0, x1)
        self._update_points()

    # -- filter --------------------------------------------------------------------------
    def set_filter(self, matches: set[tuple[str, str]] | None, mode: str | None = None) -> None:
        """Dim (or, with ``mode="hide"``, leave out) the events not in ``matches`` (entry key,
        event id); None shows every event as found."""
        if mode is not None:
            if mode not in ("dim", "hide"):
                raise ValueError(f"filter mode is 'dim' or 'hide', not {mode!r}")
            self.filter_mode = mode
        self._filter = None if matches is None else set(matches)
        self.refresh()

    def filter(self) -> tuple[set[tuple[str, str]] | None, str]:
        return self._filter, self.filter_mode

    def _match_array(self) -> np.ndarray | None:
        if self._filter is None or self.filter_mode == "hide":
            return None
        keep = self._filter
        return np.fromiter((ref in keep for ref in self.data.refs), bool, len(self.data))

    def _lane_styles(self) -> None:
        """Brushes and pens per lane for the points (solid, and faint dashed for APPROX); lanes
        of one colour share them (making them a thousand times over was a third of a refresh)."""
        halo = pg.mkPen(self.theme.background, width=1.0)
        made: dict[int, tuple[object, object, object]] = {}
        styles = []
        for c in lane_colors([ln.color for ln in self.data.lanes]):
            style = made.get(c.rgba())
            if style is None:
                light = QColor(c)
                light.setAlpha(90)
                style = made[c.rgba()] = (pg.mkBrush(c), pg.mkBrush(light),
                                          pg.mkPen(c, width=1.2, style=Qt.PenStyle.DashLine))
            styles.append(style)
        solid, faint, fuzzy_pen = ([s[k] for s in styles] for k in range(3))
        plain_pen = [halo] * len(styles)
        self._styles = tuple(np.array(x, dtype=object) for x in (solid, faint, plain_pen, fuzzy_pen))

    def _update_points(self, *, force: bool = True) -> None:
        """Feed the scatter item with the points of the lanes in view, plus a page either side.

        Handing pyqtgraph only these (not all 100,000) keeps both setData and every paint cheap;
        scrolling past the loaded lanes loads the next ones.
        """
        d = self.data
        n = len(d.lanes)
        y0, y1 = self.lane_range()
        shown = d.lanes_in(y0, y1)
        first, last = shown.start, min(n, shown.stop)
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
        match = self.labels_item.match
        dim = ~match[pts] if match is not None else np.zeros(len(pts), bool)
        # Corrected events (the user's value, label or event) are diamonds; found ones are dots.
        symbols = np.where(d.corrected[pts], "d", "o") if d.corrected[pts].any() else "o"
        self.points_item.setData(x=d.xc[pts], y=d.marker_y(lanes), symbol=symbols,
                                 brush=np.where(fz | dim, faint[lanes], solid[lanes]),
                                 pen=np.where(fz, fuzzy_pen[lanes], plain_pen[lanes]))

    def _outliers(self) -> list[tuple[float, str]]:
        """Events outside the dense span, one per distinct time (earliest first)."""
        d = self.data
        if not len(d):
            return []
        lo, hi = self.dense_bounds()
        far = np.nonzero((d.x1 < lo) | (d.x0 > hi))[0]
        seen: dict[float, str] = {}
        for i in far[np.argsort(d.xc[far], kind="stable")][:200]:
            seen.setdefault(float(d.xc[i]), d.labels[i])
        return sorted(seen.items())

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
        return next((i for i, ln in enumerate(self.data.lanes) if ln.key == key or key in ln.members), None)

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
        lane = d.lane_at(view_pt.y())
        if lane is None:
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
        dy_px = (view_pt.y() - float(d.marker_y(lane))) * lane_px
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
        if event is not None and event.interval is not None:
            lines.append(f"<b>{escape(_when(event.interval.start, event.interval.end))}</b>"
                         + (" · your label" if event.corrected else ""))
        if timex is not None:
            mod = f" ({timex.mod})" if timex.mod else ""
            lines.append(f"“{escape(timex.text)}” → <b>{escape(timex.value or '?')}</b>{mod}")
            if timex.explanation:
                lines.append(f"<i>{escape(timex.explanation)}</i>")
        elif event is not None and event.interval is not None:
            lines.append(f"added by you: {event.interval.start:%Y-%m-%d} – {event.interval.end:%Y-%m-%d}")
        if event is not None:  # the whole sentence the label was made from
            sentence = " ".join(entry.article.text[event.start:event.end].split())
            lines.append(f"<span style='color:gray'>{escape(sentence[:400])}</span>")
        lines.append(f"<span>{escape(entry.article.title)} — {escape(source_of(entry.article))}</span>")
        return "<br>".join(lines)

    def badge_tooltip_html(self, lab: PlacedLabel) -> str:
        """What "+N" hides: its events' labels and dates; a click opens them."""
        d = self.data
        rows = [f"<b>{lab.hidden} more event{'s' if lab.hidden != 1 else ''} here</b> (click to open)"]
        for i in lab.hidden_ids[:12]:
            rows.append(f"{escape(_when(from_epoch_seconds(d.x0[i]), from_epoch_seconds(d.x1[i])))}: "
                        f"{escape(d.labels[i])}")
        if lab.hidden > 12:
            rows.append(f"… and {lab.hidden - 12} more")
        return "<br>".join(rows)

    def expand(self, lab: PlacedLabel) -> None:
        """Open a "+N" cluster: zoom to its events so their labels get room; events that share one
        moment cannot be told apart by zooming, so the lane grows a row for each (up to a page)."""
        d = self.data
        ids = [lab.index, *lab.hidden_ids]
        lo, hi = float(d.x0[ids].min()), float(d.x1[ids].max())
        span = hi - lo
        if span > 2 * HOUR and float(d.xc[ids].max() - d.xc[ids].min()) > HOUR:
            pad = span * 0.15
            self.set_x_range(lo - pad, hi + pad)
        else:
            x0, x1 = self.x_range()
            c = (lo + hi) / 2
            w = min(x1 - x0, max(2 * DAY, span * 4))
            self.set_x_range(c - w / 2, c + w / 2)
            lane = int(d.lane[lab.index])
            rows_wanted = min(len(ids), 10)
            room = d.lane_h(lane) - (1 - MARKER_FRAC)  # the lane's share above its marks
            per_lane_px = (rows_wanted * (self.labels_item.line_height() + 1) + MARKER_SIZE + 12) / room
            count = max(d.lane_h(lane), self._plot_height() / per_lane_px)
            self.set_lane_range(max(0.0, float(d.lane_top[lane + 1]) - count), count)
        self._auto_fit = False

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
        badge = self.labels_item.badge_at(QPointF(self.plot.mapFromScene(pos)))
        if badge is not None:
            self.expand(badge)
            return
        i = self.event_at(pos)
        if i is not None:
            self.select_index(i)

    def _hovered(self, pos: QPointF) -> None:
        badge = self.labels_item.badge_at(QPointF(self.plot.mapFromScene(pos))) \
            if self.vb.sceneBoundingRect().contains(pos) else None
        i = self.event_at(pos) if badge is None else None
        if badge is None and i is None:
            self.hover_text = ""
            QToolTip.hideText()
            self.plot.viewport().unsetCursor()
            return
        self.plot.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.hover_text = self.badge_tooltip_html(badge) if badge is not None else self.tooltip_html(i)
        QToolTip.showText(QCursor.pos(), self.hover_text, self.plot)

    def _lane_clicked(self, lane: int) -> None:
        ln = self.data.lanes[lane]
        self.set_selection(Selection(ln.members[0] if ln.members else ln.key))
        self.laneActivated.emit(self._selection)

    def _lane_menu(self, lane: int, screen_pos: object) -> None:
        menu = self.lane_actions.menu(self.data.lanes[lane].key)
        menu.exec(screen_pos.toPoint() if hasattr(screen_pos, "toPoint") else screen_pos)

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
        elif key == Qt.Key.Key_Home and mods & Qt.KeyboardModifier.ShiftModifier:
            self.fit_everything()
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


def _when(start: datetime, end: datetime) -> str:
    """A readable date of an interval: "Tue 28 Jun 2016", "June 2016", "2014", or a range."""
    from datetime import timedelta

    last = end - timedelta(seconds=1)
    if start.hour or start.minute:
        return f"{start:%a %d %b %Y %H:%M}"
    if (end - start).days <= 1:
        return f"{start:%a %d %b %Y}"
    if start.day == 1 and start.month == 1 and last.year == start.year and last.month == 12:
        return f"{start:%Y}"
    if start.day == 1 and last.month == start.month and last.year == start.year:
        return f"{start:%B %Y}"
    return f"{start:%d %b %Y} – {last:%d %b %Y}"
