"""Moving around the timeline: ranges, zoom, pan, fitting, centring, stepping between events.

:class:`NavigationMixin` is part of :class:`.timeline_view.TimelineView` (split out to keep the
modules short); it works on the view's ``vb`` (the :class:`TimelineViewBox`), ``data``
(:class:`.timeline_data.TimelineData`) and selection. :class:`TimelineViewBox` makes the mouse
follow timeline conventions: the wheel zooms time around the cursor, Shift+wheel scrolls
lanes, Ctrl+wheel changes lane height, right-drag zooms time.
"""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ..selection import Selection
from .data import DAY, FULL_ROWS, MARKER_FRAC, epoch_seconds, from_epoch_seconds
from .items import MARKER_SIZE

HOUR = 3600.0
YEAR = 365.2425 * DAY
MIN_X_RANGE = HOUR
MAX_X_RANGE = 2000 * YEAR
MIN_LANE_PX = 12.0  # below this lanes are unreadable: the view scrolls instead
FIT_LANE_PX = 50.0  # the least lane height "fit" aims at when there are many lanes (one label row)
DENSE_SHARE = 0.9  # "fit" frames the shortest span holding this share of the events
MAX_LANE_PX = 320.0
ZOOM_STEP = 2.0


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


class NavigationMixin:
    """Ranges and movement of a :class:`TimelineView` (see the module docstring)."""

    # Provided by TimelineView.
    vb: TimelineViewBox
    _auto_fit: bool
    _selected: int | None

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
        """Zoom time by ``factor`` (>1 zooms in) around ``center`` (default: the selected event
        when it is in view, else the middle)."""
        x0, x1 = self.x_range()
        c = (x0 + x1) / 2 if center is None else center
        if center is None and self._selected is not None and x0 <= float(self.data.xc[self._selected]) <= x1:
            c = float(self.data.xc[self._selected])  # +/- zoom around the selected event in view
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

    def _fit_lane_px(self) -> float:
        """Pixels per full lane when fitted: room for :data:`FULL_ROWS` label rows (a lane with
        fewer events is shorter: see :func:`.data.lane_height`)."""
        line_h = self.labels_item.line_height()
        return max(FIT_LANE_PX, (FULL_ROWS * line_h + MARKER_SIZE / 2 + 8) / MARKER_FRAC)

    def _lane_slots(self) -> float:
        """How much lane height (in full lanes) the view shows when fitted."""
        n = self.data.y_total
        h = self._plot_height()
        if n == 0:
            return 1.0
        fit_px = self._fit_lane_px()
        if h / n >= fit_px:  # every lane fits readably; none taller than MAX_LANE_PX
            return max(float(n), h / MAX_LANE_PX)
        return max(1.0, h / fit_px)  # as many as fit; the rest scroll

    def dense_bounds(self) -> tuple[float, float]:
        """Where the events are dense: the shortest span holding :data:`DENSE_SHARE` of them
        (with the articles' DCTs), padded. Two events on "since 1989" and "in 2005" do not
        squeeze the news of the last weeks into the edge; the overview still shows them."""
        lo_all, hi_all = self._bounds()
        d = self.data
        xs = np.sort(np.concatenate([d.xc, [ln.dct for ln in d.lanes if not np.isnan(ln.dct)]]))
        n = len(xs)
        if n < 10:
            return lo_all, hi_all
        k = max(2, math.ceil(DENSE_SHARE * n))
        widths = xs[k - 1:] - xs[:n - k + 1]
        i = int(np.argmin(widths))
        lo, hi = float(xs[i]), float(xs[i + k - 1])
        if hi - lo > 0.5 * (hi_all - lo_all):
            return lo_all, hi_all  # no far outliers: everything
        inside = (d.x0 >= lo) & (d.x1 <= hi + DAY)
        if inside.any():
            hi = max(hi, float(d.x1[inside].max()))
        pad = max((hi - lo) * 0.06, 12 * HOUR)
        return lo - pad, hi + pad

    def _update_y_limits(self) -> None:
        slots = self._lane_slots()
        n = max(1.0, self.data.y_total)
        y_max = max(n, slots)
        max_range = min(y_max, max(1.0, self._plot_height() / MIN_LANE_PX))
        self.vb.setLimits(yMin=0.0, yMax=y_max, minYRange=min(1.0, y_max), maxYRange=max_range)

    def fit_all(self) -> None:
        """Where the events are dense (see :meth:`dense_bounds`); as many lanes as fit at a
        readable height, from the top.

        Until the user (or a caller) moves the view, it re-fits as articles arrive.
        """
        lo, hi = self.dense_bounds()
        self._set_x_range(lo, hi)
        self._fit_lanes()

    def fit_everything(self) -> None:
        """Every event in time, outliers too (Shift+Home)."""
        lo, hi = self._bounds()
        self._set_x_range(lo, hi)
        self._fit_lanes()
        self._auto_fit = False

    def _fit_lanes(self) -> None:
        top, _ = self.lane_range()
        slots = self._lane_slots()
        n = self.data.y_total
        if slots >= n:
            top = 0.0
        else:  # keep the top lane, starting at its top
            lane = self.data.lane_at(max(0.0, top))
            top = min(float(self.data.lane_top[lane]) if lane is not None else 0.0, n - slots)
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
        a, b = float(self.data.lane_top[lane]), float(self.data.lane_top[lane + 1])
        if y0 <= a and b <= y1:
            return
        h = y1 - y0
        top = min(max(0.0, (a + b) / 2 - h / 2), max(0.0, self.data.y_total - h))
        self.set_lane_range(top, h)

    def _ensure_visible(self, i: int) -> None:
        x0, x1 = self.x_range()
        d = self.data
        if not (x0 <= d.xc[i] <= x1) or (d.kind[i] == 1 and d.x1[i] < x0):
            self.center_on()
        else:
            self._ensure_lane_visible(int(d.lane[i]))

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
        lanes = d.lanes_in(y0, y1)
        vis = np.nonzero((d.xc >= x0) & (d.xc <= x1) & (d.lane >= lanes.start) & (d.lane < lanes.stop))[0]
        return int(vis[0]) if len(vis) else 0
