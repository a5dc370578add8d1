"""The overview strip: how many events fall when, over the whole loaded range, with the
visible window as a draggable region. Clicking outside the region moves the window there."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..theme import LIGHT, Theme
from .axes import CalendarAxis
from .data import TimelineData

BINS = 400
MAX_OUTLIER_NAMES = 6


class OverviewStrip(QWidget):
    """A small plot under the timeline; emits :attr:`windowChanged` when the user moves the window."""

    windowChanged = Signal(float, float)

    def __init__(self, parent: QWidget | None = None, height: int = 58) -> None:
        super().__init__(parent)
        self.axis = CalendarAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.setFixedHeight(height)
        item = self.plot.getPlotItem()
        item.hideAxis("left")
        item.hideButtons()
        item.setMenuEnabled(False)
        item.layout.setContentsMargins(4, 2, 4, 0)
        self.vb = item.getViewBox()
        self.vb.setMouseEnabled(x=False, y=False)
        self.vb.setDefaultPadding(0.0)
        self.hist = pg.PlotDataItem(stepMode="center", fillLevel=0.0)
        self.plot.addItem(self.hist)
        self.region = pg.LinearRegionItem(orientation="vertical", swapMode="block")
        self.region.setZValue(10)
        self.plot.addItem(self.region, ignoreBounds=True)
        self.region.sigRegionChanged.connect(self._region_moved)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self._updating = False
        self._bounds: tuple[float, float] = (0.0, 1.0)
        self._outlier_items: list[pg.TextItem] = []
        self._theme = LIGHT
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.set_theme(LIGHT)

    def set_outliers(self, outliers: list[tuple[float, str]]) -> None:
        """Name the events far from where the others are dense (what "fit" leaves out), so they
        stay findable: a short label at each, at most :data:`MAX_OUTLIER_NAMES`."""
        for item in self._outlier_items:
            self.plot.removeItem(item)
        self._outlier_items = []
        (lo, hi), (_, top) = self.vb.viewRange()
        px_per_s = max(1.0, float(self.vb.width())) / max(1e-9, hi - lo)
        last = -1e18
        for x, text in outliers:
            if len(self._outlier_items) >= MAX_OUTLIER_NAMES:
                break
            if (x - last) * px_per_s < 170:  # names side by side, never over each other
                continue
            last = x
            item = pg.TextItem(text if len(text) <= 28 else text[:27] + "…", color=self._theme.foreground,
                               anchor=(0.0, 0.0))
            item.setPos(x, top)
            item.setToolTip(text)
            self.plot.addItem(item, ignoreBounds=True)
            self._outlier_items.append(item)

    def outlier_names(self) -> list[str]:
        return [item.toolTip() for item in self._outlier_items]

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.plot.setBackground(theme.background)
        self.axis.setPen(theme.muted)
        self.axis.setTextPen(theme.foreground)
        fill = QColor(theme.muted)
        fill.setAlpha(110)
        self.hist.setPen(pg.mkPen(theme.muted, width=1))
        self.hist.setBrush(fill)
        brush = QColor(theme.selection)
        brush.setAlpha(50)
        hover = QColor(theme.selection)
        hover.setAlpha(80)
        self.region.setBrush(brush)
        self.region.setHoverBrush(hover)
        for line in self.region.lines:
            line.setPen(pg.mkPen(theme.selection, width=2))
            line.setHoverPen(pg.mkPen(theme.selection, width=3))

    def set_data(self, data: TimelineData, bounds: tuple[float, float]) -> None:
        lo, hi = bounds
        self._bounds = bounds
        if len(data):
            counts, edges = np.histogram(data.xc, bins=BINS, range=(lo, hi))
            heights = np.sqrt(counts.astype(float))  # a few events beside thousands stay visible
            self.hist.setData(edges, heights)
            top = float(heights.max()) or 1.0
        else:
            self.hist.setData([lo, hi], [0.0])
            top = 1.0
        self._updating = True
        try:
            self.vb.setRange(xRange=(lo, hi), yRange=(0, top * 1.1), padding=0)
        finally:
            self._updating = False

    def set_window(self, x0: float, x1: float) -> None:
        """Show the visible window; the strip widens to include it when it reaches past the data."""
        self._updating = True
        try:
            lo, hi = min(self._bounds[0], x0), max(self._bounds[1], x1)
            (cur_lo, cur_hi), _ = self.vb.viewRange()
            if abs(cur_lo - lo) > 1 or abs(cur_hi - hi) > 1:
                self.vb.setXRange(lo, hi, padding=0)
            self.region.setRegion((x0, x1))
        finally:
            self._updating = False

    def _region_moved(self) -> None:
        if self._updating:
            return
        x0, x1 = self.region.getRegion()
        self.windowChanged.emit(float(x0), float(x1))

    def _clicked(self, ev: object) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or ev.isAccepted():
            return
        pos = ev.scenePos()
        if not self.vb.sceneBoundingRect().contains(pos):
            return
        x = self.vb.mapSceneToView(pos).x()
        x0, x1 = self.region.getRegion()
        if x0 <= x <= x1:
            return
        half = (x1 - x0) / 2
        self.windowChanged.emit(x - half, x + half)
