"""Axes of the timeline: calendar dates along the bottom, article lanes down the left.

:class:`CalendarAxis` is ``pyqtgraph.DateAxisItem(utcOffset=0)`` with zoom levels that never
consult the local time zone (pyqtgraph's hour ticks do, even with ``utcOffset=0``) and that
name the month and year under the finer ticks, so a label like ``06:00`` is never without
its day: the coarser tick of each level gets a second line (``Tue 28`` / ``Jun 2016``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems import DateAxisItem as _date_axis
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsSceneHoverEvent, QToolTip

from ...core.lanes import STORY_LANE
from ..theme import LIGHT, Theme, lane_color
from .data import MARKER_FRAC, Lane

DAY = _date_axis.DAY_SPACING
HOUR = _date_axis.HOUR_SPACING
MINUTE = _date_axis.MINUTE_SPACING
MONTH = _date_axis.MONTH_SPACING
YEAR = _date_axis.YEAR_SPACING
TickSpec = _date_axis.TickSpec


class _UtcZoomLevel(_date_axis.ZoomLevel):
    """A zoom level of calendar values: no shifting of ticks into local time."""

    def extendTimeRangeForSpacing(self, spacing: int, minVal: float, maxVal: float) -> tuple[float, float]:
        return minVal, maxVal

    def moveTicksToLocalTimeCoords(self, ticks: np.ndarray, spacing: int, skipFactor: int) -> np.ndarray:
        return ticks


def _zoom_levels() -> dict[float, _date_axis.ZoomLevel]:
    s_step, m_step, y_step = _date_axis.makeSStepper, _date_axis.makeMStepper, _date_axis.makeYStepper
    years = _UtcZoomLevel([
        TickSpec(YEAR, y_step(1), "%Y", autoSkip=[1, 2, 5, 10, 25, 50]),
        TickSpec(MONTH, m_step(1), "%b"),
    ], "YYYY")
    months = _UtcZoomLevel([
        TickSpec(MONTH, m_step(1), "%b\n%Y"),
        TickSpec(DAY, s_step(DAY), "%d", autoSkip=[1, 5]),
    ], "MMM")
    days = _UtcZoomLevel([
        TickSpec(DAY, s_step(DAY), "%a %d\n%b %Y"),
        TickSpec(HOUR, s_step(HOUR), "%H:%M", autoSkip=[1, 3, 6]),
    ], "MMM 00")
    hours = _UtcZoomLevel([
        TickSpec(DAY, s_step(DAY), "%a %d\n%b %Y"),
        TickSpec(MINUTE, s_step(MINUTE), "%H:%M", autoSkip=[1, 5, 15, 30]),
    ], "MMM 00")
    seconds = _UtcZoomLevel([
        TickSpec(1, s_step(1), "%H:%M:%S", autoSkip=[1, 5, 15, 30]),
    ], "99:99:99")
    return {np.inf: years, 5 * DAY: months, 6 * HOUR: days, 15 * MINUTE: hours, 30: seconds}


class CalendarAxis(pg.DateAxisItem):
    """Bottom axis of calendar dates (naive datetimes read as UTC), always two lines tall.

    The second line names the day (or month) under the first tick of each one; when no such
    tick is visible (zoomed into a few hours of one day) a context label at the left edge
    names it instead, so the hours are never without their date.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(orientation="bottom", utcOffset=0, **kwargs)
        self.zoomLevels = _zoom_levels()
        self.setStyle(autoExpandTextSpace=False)
        self._fit_height()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        values = super().tickValues(minVal, maxVal, size)
        self.last_ticks = (minVal, maxVal, size, values)
        return values

    def grid_ticks(self, lo: float, hi: float, size: float) -> list[tuple[float, list[float]]]:
        """Tick levels for [lo, hi] over ``size`` pixels (reusing the axis's own when current)."""
        if not hasattr(self, "fontMetrics"):  # the axis has not laid itself out yet
            return []
        last = getattr(self, "last_ticks", None)
        if last is not None and abs(last[0] - lo) < 1e-6 * (hi - lo) and abs(last[1] - hi) < 1e-6 * (hi - lo):
            return last[3]
        return super().tickValues(lo, hi, size)

    def _fit_height(self) -> None:
        line = QFontMetricsF(self.style["tickFont"] or QFont()).height()
        self.setHeight(int(2 * line + 12))

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        strings = super().tickStrings(values, scale, spacing)
        # strftime pads years below 1000 on some platforms ("0800"); lines after the first too.
        return ["\n".join(part.lstrip("0") if part.isdigit() and len(part) == 4 else part
                          for part in s.split("\n")) for s in strings]

    def context_text(self) -> str | None:
        """The day or month the visible range starts in, when the ticks alone do not say."""
        level = getattr(self, "zoomLevel", None)
        fmt = None
        if level is self.zoomLevels[5 * DAY]:
            fmt = "%B %Y"
        elif level is not None and level is not self.zoomLevels[np.inf]:
            fmt = "%a %d %b %Y"
        if fmt is None:
            return None
        try:
            start = _date_axis.utcfromtimestamp(max(self.range[0], _date_axis.MIN_REGULAR_TIMESTAMP))
        except (OverflowError, OSError, ValueError):
            return None
        return start.strftime(fmt)

    def drawPicture(self, p: QPainter, axisSpec: object, tickSpecs: object, textSpecs: list) -> None:
        super().drawPicture(p, axisSpec, tickSpecs, textSpecs)
        text = self.context_text()
        if not text:
            return
        fm = QFontMetricsF(p.font())
        width = fm.horizontalAdvance(text) + 16
        bounds = self.boundingRect()
        if any("\n" in t and r.left() < bounds.left() + width for r, _f, t in textSpecs):
            return  # a day/month label is already there
        top = max(r.top() for r, _f, _t in textSpecs) if textSpecs else bounds.top() + 8
        rect = QRectF(bounds.left() + 2, top + fm.height(), width, fm.height())
        p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text)


class LaneAxis(pg.AxisItem):
    """Left axis listing the lanes: a colour chip and the article title, elided to fit.

    Clicking a title emits :attr:`laneClicked` with the lane index; hovering shows the full
    title and the DCT.
    """

    laneClicked = Signal(int)
    #: right-click on a lane title: (lane index, global screen position) for the lane menu
    laneMenuRequested = Signal(int, object)

    def __init__(self, width: int = 180) -> None:
        super().__init__("left")
        self.lanes: list[Lane] = []
        self.tops = np.zeros(1)
        self.theme: Theme = LIGHT
        self.selected_lane: int | None = None
        self.setWidth(width)
        self.setAcceptHoverEvents(True)
        self._font = QFont()

    def set_lanes(self, lanes: list[Lane], tops: np.ndarray | None = None) -> None:
        """The lanes and where each starts in view y (``tops``: n + 1 values; default one a lane)."""
        self.lanes = lanes
        self.tops = np.arange(len(lanes) + 1, dtype=float) if tops is None else tops
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_selected_lane(self, lane: int | None) -> None:
        if lane != self.selected_lane:
            self.selected_lane = lane
            self.update()

    def _lane_px(self, lane: float) -> float:
        vb = self.linkedView()
        scene_y = vb.mapViewToScene(QPointF(0, lane)).y()
        return self.mapFromScene(QPointF(0, scene_y)).y()

    def lane_at(self, y: float) -> int | None:
        vb = self.linkedView()
        if vb is None or not self.lanes:
            return None
        view_y = vb.mapSceneToView(self.mapToScene(QPointF(0, y))).y()
        i = int(np.searchsorted(self.tops, view_y, side="right")) - 1
        lane = i if 0 <= view_y < float(self.tops[-1]) else -1
        return lane if 0 <= lane < len(self.lanes) else None

    def paint(self, p: QPainter, *args: object) -> None:
        vb = self.linkedView()
        if vb is None:
            return
        rect = self.boundingRect()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(self.theme.grid)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.drawLine(rect.topRight(), rect.bottomRight())
        if not self.lanes:
            return
        top, bottom = sorted(vb.viewRange()[1])
        # Lane names stay in their column: never over the time axis when the lanes scroll.
        p.setClipRect(QRectF(rect.left(), self._lane_px(top), rect.width(), self._lane_px(bottom) - self._lane_px(top)))
        fm = QFontMetricsF(self._font)
        bold = QFont(self._font)
        bold.setBold(True)
        fm_bold = QFontMetricsF(bold)
        first = max(0, int(np.searchsorted(self.tops, top, side="right")) - 1)
        last = min(len(self.lanes), int(np.searchsorted(self.tops, bottom, side="left")))
        for i in range(first, last):
            y0, y1 = sorted((self._lane_px(float(self.tops[i])), self._lane_px(float(self.tops[i + 1]))))
            if y1 - y0 < 4:
                # Too thin for text: a colour tick still shows which lanes are where.
                p.fillRect(QRectF(rect.right() - 6, y0, 4, max(1.0, y1 - y0 - 1)), lane_color(i, self.lanes[i].color))
                continue
            lane = self.lanes[i]
            line_h = fm.height()
            # The title sits on the lane's marker line, level with its points and bars.
            marks = y1 - (1 - MARKER_FRAC) * (self._lane_px(1.0) - self._lane_px(0.0))  # level with the marks
            cy = min(max(marks, y0 + line_h / 2), y1 - line_h / 2)
            chip = QRectF(rect.left() + 6, cy - 5, 10, 10)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(lane_color(i, lane.color))
            p.drawRoundedRect(chip, 2, 2)
            selected = i == self.selected_lane
            metrics = fm_bold if selected else fm
            p.setFont(bold if selected else self._font)
            p.setPen(self.theme.selection if selected else self.theme.foreground)
            room = rect.right() - chip.right() - 10
            text = metrics.elidedText(lane.title, Qt.TextElideMode.ElideRight, room)
            p.drawText(QRectF(chip.right() + 5, cy - line_h / 2, room, line_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            if y1 - y0 > 2.4 * line_h and lane.dct_value:
                p.setPen(self.theme.muted)
                p.drawText(QRectF(chip.right() + 5, cy + line_h / 2, room, line_h),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           metrics.elidedText(f"DCT {lane.dct_value}" + (f" · {lane.note}" if lane.note else ""),
                                              Qt.TextElideMode.ElideRight, room))
            elif y1 - y0 > 2.4 * line_h:
                p.setPen(self.theme.muted)
                # the story lane has no document date: it says what it holds instead
                under = "merged reports" if lane.key == STORY_LANE else "no DCT"
                if lane.note:  # the document mode (story time)
                    under += f" · {lane.note}"
                p.drawText(QRectF(chip.right() + 5, cy + line_h / 2, room, line_h),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, under)

    def mouseClickEvent(self, ev: object) -> None:
        lane = self.lane_at(ev.pos().y())
        if lane is not None and ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.laneClicked.emit(lane)
        elif lane is not None and ev.button() == Qt.MouseButton.RightButton:
            ev.accept()
            self.laneMenuRequested.emit(lane, ev.screenPos())
        else:
            ev.ignore()

    def mouseDragEvent(self, ev: object) -> None:
        ev.ignore()  # no axis dragging: lanes scroll with the plot

    def wheelEvent(self, ev: object) -> None:
        ev.ignore()

    def hoverMoveEvent(self, ev: QGraphicsSceneHoverEvent) -> None:
        lane = self.lane_at(ev.pos().y())
        if lane is None:
            QToolTip.hideText()
            return
        ln = self.lanes[lane]
        dct = f"DCT {ln.dct_value}" if ln.dct_value else "no DCT"
        if ln.note:  # the document mode (story time)
            dct += f" · read as {ln.note}"
        QToolTip.showText(ev.screenPos(), f"<b>{_escape(ln.title)}</b><br>{_escape(ln.key)}<br>{dct}")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

