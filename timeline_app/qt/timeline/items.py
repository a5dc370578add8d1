"""Batched graphics items of the timeline: lanes, bars, labels and the selection mark.

Each item draws everything it shows in one ``paint`` from numpy arrays (no graphics item per
event), in device pixels: it maps the visible events through the painter's transform, then
resets it, so sizes are in pixels at every zoom level and coordinates stay small (seconds since
1970 are ~1e9). Points themselves are one ``pyqtgraph.ScatterPlotItem`` owned by the view.

Vertical layout of lane ``i`` (view y from ``i`` to ``i + 1``; the view is y-inverted so lane 0
is on top)::

    i        ┌ label rows (stacked upwards from the marker, greedy, as many as fit)
             │ ...
    i + 0.72 ├ points and first bar track (markers)
             │ more bar tracks below
    i + 1    └
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from ..theme import LIGHT, Theme, lane_colors
from .data import MARKER_FRAC, TimelineData

try:  # pyqtgraph's contiguous arrays of QRectF: one drawRects call for thousands of rects
    from pyqtgraph.Qt.internals import PrimitiveArray
except ImportError:  # pragma: no cover - pinned pyqtgraph has it
    PrimitiveArray = None

MARKER_SIZE = 9.0  # point diameter in px
MAX_LABEL_ROWS = 12
MAX_LABELS = 600  # cap on labels drawn per frame, whatever the window size
LABEL_MAX_PX = 340.0  # a 60-character label fits whole at the default font
LABEL_GAP = 8.0


@dataclass(frozen=True, slots=True)
class Mapping:
    """The affine map from view coordinates (seconds, lane) to device pixels."""

    sx: float
    tx: float
    sy: float
    ty: float
    view: QRectF  # visible rect in view coordinates

    @classmethod
    def from_painter(cls, p: QPainter, view: QRectF) -> Mapping:
        t = p.transform()
        return cls(t.m11(), t.m31(), t.m22(), t.m32(), view)

    def x(self, x: np.ndarray | float) -> np.ndarray | float:
        return x * self.sx + self.tx

    def y(self, y: np.ndarray | float) -> np.ndarray | float:
        return y * self.sy + self.ty

    @property
    def lane_px(self) -> float:
        return abs(self.sy)

    def visible_lanes(self, data: TimelineData) -> range:
        top, bottom = sorted((self.view.top(), self.view.bottom()))
        return data.lanes_in(top, bottom)


def bar_geometry(lane_px: float) -> tuple[float, float]:
    """Height of a bar and distance between bar tracks, in pixels."""
    h = min(10.0, max(3.0, lane_px * 0.14))
    return h, h + 2.0


def label_rows(lane_px: float, line_h: float, height: float = 1.0) -> int:
    """Label rows above the marks of a lane ``height`` full lanes tall, at ``lane_px`` per lane."""
    room = lane_px * (height - (1 - MARKER_FRAC)) - MARKER_SIZE / 2 - 6
    return max(0, min(MAX_LABEL_ROWS, int(room // line_h)))


class ViewSpaceItem(pg.GraphicsObject):
    """An item covering the visible area, painted in device pixels (see module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: TimelineData = TimelineData()
        self.theme: Theme = LIGHT
        self._bounds = QRectF()
        self._colors: list[QColor] = []
        self._rgb = np.empty(0, np.int64)

    def set_data(self, data: TimelineData) -> None:
        self.data = data
        self._colors = lane_colors([ln.color for ln in data.lanes])
        self._rgb = np.array([c.rgb() for c in self._colors], dtype=np.int64)
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def boundingRect(self) -> QRectF:
        vb = self.getViewBox()
        return vb.viewRect() if vb is not None else QRectF()

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange: object = None) -> None:
        return None  # never part of auto-range: the view sets its range itself

    def mapping(self, p: QPainter) -> Mapping:
        return Mapping.from_painter(p, self.boundingRect())

    def lane_colors(self) -> list[QColor]:
        """Lane colours, computed once per data change (painting happens every frame)."""
        return self._colors


class LanesItem(ViewSpaceItem):
    """Calendar grid lines, alternate lane shading, lane separators and each article's DCT marker.

    The grid is drawn here rather than by the axis (pyqtgraph's ``showGrid``), whose grid is
    replayed from a picture on every paint and costs more than everything else in a frame.
    """

    def __init__(self, axis: object = None) -> None:
        super().__init__()
        self.axis = axis  # a CalendarAxis: where its ticks are, grid lines go

    def _paint_grid(self, p: QPainter, m: Mapping, x_left: float, x_right: float) -> None:
        if self.axis is None:
            return
        lo, hi = sorted((m.view.left(), m.view.right()))
        top, bottom = sorted((m.y(m.view.top()), m.y(m.view.bottom())))
        levels = self.axis.grid_ticks(lo, hi, max(1.0, x_right - x_left))
        for level, (_spacing, values) in enumerate(levels[:2]):
            color = QColor(self.theme.grid)
            color.setAlpha(color.alpha() * (2 if level == 0 else 1))
            pen = QPen(color, 1.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            xs = m.x(np.asarray(values, float)) if len(values) else np.empty(0)
            if level > 0 and len(xs) > 1 and np.min(np.abs(np.diff(xs))) < _MIN_GRID_GAP_PX:
                break  # a line every few pixels is a grey hatch, not a grid: keep the major level
            for x in xs:
                p.drawLine(QPointF(x, top), QPointF(x, bottom))

    def paint(self, p: QPainter, *args: object) -> None:
        m = self.mapping(p)
        p.resetTransform()
        x_left, x_right = sorted((m.x(m.view.left()), m.x(m.view.right())))
        self._paint_grid(p, m, x_left, x_right)
        n = len(self.data.lanes)
        if not n:
            return
        lanes = m.visible_lanes(self.data)
        tops = self.data.lane_top
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.theme.stripe)
        for i in lanes:
            if i % 2 == 1:
                y0, y1 = sorted((m.y(tops[i]), m.y(tops[i + 1])))
                p.drawRect(QRectF(x_left, y0, x_right - x_left, y1 - y0))
        sep = QPen(self.theme.grid)
        sep.setCosmetic(True)
        p.setPen(sep)
        for i in lanes:
            y = m.y(tops[i + 1])
            p.drawLine(QPointF(x_left, y), QPointF(x_right, y))
        if m.lane_px < 6:
            return
        colors = self.lane_colors()
        for i in lanes:
            dct = self.data.lanes[i].dct
            if math.isnan(dct) or not m.view.left() <= dct <= m.view.right():
                continue
            x = m.x(dct)
            top, bottom = sorted((m.y(tops[i]), m.y(tops[i + 1])))
            pen = QPen(colors[i], 1.5, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawLine(QPointF(x, top + 9), QPointF(x, bottom - 1))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colors[i])
            p.drawPolygon(QPolygonF([QPointF(x - 5, top + 1), QPointF(x + 5, top + 1), QPointF(x, top + 9)]))


# Minor grid lines closer than this (in device pixels) are not drawn.
_MIN_GRID_GAP_PX = 6.0


def _rect_batch(rects: np.ndarray) -> tuple[object, ...]:
    """Arguments for ``QPainter.drawRects`` from an (n, 4) array of x, y, w, h."""
    if PrimitiveArray is None:
        return ([QRectF(*r) for r in rects],)
    arr = PrimitiveArray(QRectF, 4)
    arr.resize(len(rects))
    arr.ndarray()[:] = rects
    return arr.drawargs()


class BarsItem(ViewSpaceItem):
    """Every coarser-than-a-day event as a bar across its interval, drawn in batches.

    Soft ends: each bar is painted as a few nested translucent layers, each inset a few
    pixels more, so its ends fade in; APPROX (fuzzy) bars use wider, fainter fades. One
    ``drawRects`` call per (colour, layer), whatever the number of bars. Point events also get
    a faint band over their interval once it is wider than a few pixels (a day at hour zoom).
    """

    SOFT_LAYERS = 4

    def paint(self, p: QPainter, *args: object) -> None:
        d = self.data
        if not len(d):
            return
        m = self.mapping(p)
        lanes = m.visible_lanes(d)
        if not lanes:
            return
        lo, hi = int(d.lane_start[lanes.start]), int(d.lane_start[lanes.stop])
        x0, x1 = d.x0[lo:hi], d.x1[lo:hi]
        vis = (x1 >= m.view.left()) & (x0 <= m.view.right())
        idx = np.nonzero(vis)[0] + lo
        if not len(idx):
            return
        p.resetTransform()
        bar_h, spacing = bar_geometry(m.lane_px)
        px0 = np.clip(m.x(d.x0[idx]), -50.0, 1e5)
        px1 = np.clip(m.x(d.x1[idx]), -50.0, 1e5)
        ymark = m.y(d.marker_y(d.lane[idx]))
        ybottom = m.y(d.lane_top[d.lane[idx] + 1]) - bar_h / 2 - 1
        yc = np.minimum(ymark + d.track[idx] * spacing, ybottom)
        kind = d.kind[idx]
        fuzzy = d.fuzzy[idx]
        width = px1 - px0
        colors = self.lane_colors()
        lane_ids = d.lane[idx]
        p.setPen(Qt.PenStyle.NoPen)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        # Faint day bands behind points at hour zoom: one layer.
        band = (kind == 0) & (width > 6)
        if band.any():
            self._draw_layers(p, colors, lane_ids[band], px0[band], px1[band],
                              ymark[band] - m.lane_px * 0.12, m.lane_px * 0.24, fade=0.0, alpha=0.16, layers=1)
        bars = kind == 1
        for is_fuzzy, fade, alpha in ((False, 6.0, 0.9), (True, 14.0, 0.45)):
            sel = bars & (fuzzy == is_fuzzy)
            if sel.any():
                self._draw_layers(p, colors, lane_ids[sel], px0[sel], px1[sel], yc[sel] - bar_h / 2, bar_h,
                                  fade=fade, alpha=alpha, layers=self.SOFT_LAYERS)
        # Fuzzy bars also get a dashed outline so they read as approximate even in grey print.
        sel = bars & fuzzy
        if sel.any():
            rgb = self._rgb[lane_ids]
            p.setBrush(Qt.BrushStyle.NoBrush)
            for key in np.unique(rgb[sel]):
                mask = sel & (rgb == key)
                pen = QPen(QColor.fromRgb(int(key) & 0xFFFFFFFF), 1.0, Qt.PenStyle.DashLine)
                pen.setCosmetic(True)
                p.setPen(pen)
                r = np.column_stack([px0[mask], yc[mask] - bar_h / 2, np.maximum(width[mask], 1.0),
                                     np.full(int(mask.sum()), bar_h)])
                p.drawRects(*_rect_batch(r))

    def _draw_layers(self, p: QPainter, colors: list[QColor], lane_ids: np.ndarray, px0: np.ndarray,
                     px1: np.ndarray, top: np.ndarray | float, height: float, *, fade: float, alpha: float,
                     layers: int) -> None:
        """Nested translucent rects per colour: alpha adds up towards the middle (soft ends)."""
        color_of_lane = self._rgb[lane_ids]
        top = np.broadcast_to(np.asarray(top, float), px0.shape)
        per_layer = 1.0 - (1.0 - alpha) ** (1.0 / layers)  # layers compose to ``alpha`` in the middle
        for rgb in np.unique(color_of_lane):
            mask = color_of_lane == rgb
            color = QColor.fromRgb(int(rgb) & 0xFFFFFFFF)
            color.setAlphaF(per_layer)
            p.setBrush(color)
            a, b, t = px0[mask], px1[mask], top[mask]
            w = b - a
            for k in range(layers):
                inset = np.minimum(fade * k / max(1, layers - 1), w * 0.25) if layers > 1 else 0.0
                r = np.column_stack([a + inset, t, np.maximum(w - 2 * inset, 1.0), np.full(len(a), height)])
                p.drawRects(*_rect_batch(r))


class SelectionItem(ViewSpaceItem):
    """A ring around the selected point, or an outline around the selected bar."""

    def __init__(self) -> None:
        super().__init__()
        self.index: int | None = None

    def set_index(self, index: int | None) -> None:
        self.index = index
        self.update()

    def paint(self, p: QPainter, *args: object) -> None:
        i = self.index
        d = self.data
        if i is None or i >= len(d):
            return
        m = self.mapping(p)
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(self.theme.selection, 2.5)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        lane = int(d.lane[i])
        ymark = float(m.y(d.marker_y(lane)))
        if d.kind[i] == 0:
            p.drawEllipse(QPointF(float(m.x(d.xc[i])), ymark), MARKER_SIZE * 0.9, MARKER_SIZE * 0.9)
            return
        bar_h, spacing = bar_geometry(m.lane_px)
        yc = min(ymark + int(d.track[i]) * spacing, float(m.y(d.lane_top[lane + 1])) - bar_h / 2 - 1)
        a = max(float(m.x(d.x0[i])), -50.0)
        b = min(float(m.x(d.x1[i])), 1e5)
        p.drawRoundedRect(QRectF(a - 2, yc - bar_h / 2 - 2, max(b - a, 1.0) + 4, bar_h + 4), 3, 3)

