"""Event labels, decluttered in screen space (one item draws them all).

Part of the timeline drawing (see :mod:`.timeline_items` for the coordinate conventions).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from .data import TimelineData
from .items import (
    LABEL_GAP,
    LABEL_MAX_PX,
    MARKER_SIZE,
    MAX_LABELS,
    Mapping,
    ViewSpaceItem,
    bar_geometry,
    label_rows,
)


@dataclass(slots=True)
class PlacedLabel:
    index: int  # event index in TimelineData
    rect: QRectF  # device pixels
    anchor: QPointF  # the marker it belongs to
    hidden: int  # events whose label did not fit, clustered into this one
    # their indices (what "+N" opens), in arrays as they were hidden: a story lane of 18,000
    # events hides thousands a frame, which as Python ints cost more than the placing
    parts: list[np.ndarray] = field(default_factory=list)

    @property
    def hidden_ids(self) -> list[int]:
        return [int(i) for part in self.parts for i in part]

    def badge_rect(self, text_width: float) -> QRectF:
        """Where "+N" is drawn (and clicked): right of the text, inside the label's rect."""
        return QRectF(self.rect.left() + text_width + 4, self.rect.top(),
                      max(0.0, self.rect.right() - self.rect.left() - text_width - 4), self.rect.height())

    def hide(self, ids: np.ndarray | list[int]) -> None:
        part = np.asarray(ids, dtype=np.int64)
        if len(part):
            self.parts.append(part)
            self.hidden += len(part)


# Visible candidates of one lane above which only one a pixel is tried (see layout).
DENSE_LANE = 2000


class LabelsItem(ViewSpaceItem):
    """Event labels, decluttered in screen space and recomputed whenever the view changes.

    Per visible lane, candidates are swept left to right and each label goes on the lowest row
    above the markers where it overlaps nothing, starting at its marker; when the right of the
    marker is taken it may end at its marker instead. A label that fits nowhere is counted into
    the label before it, which shows ``+N`` (and remembers which events, for expanding them).
    Every label is tied to its marker by a leader line. The selected event's label is placed
    first. Events outside the filter (:attr:`match`) get no label. At most :data:`MAX_LABELS`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.selected: int | None = None
        self.match: np.ndarray | None = None  # events that pass the filter; None: all
        self.layout_ms = 0.0  # how long the last placement took
        self.layout_cpu_ms = 0.0
        self.placed: list[PlacedLabel] = []
        self._font = QFont()
        self._bold = QFont()
        self._italic = QFont()
        self._small = QFont()
        self._text_cache: dict[int, tuple[str, float]] = {}
        self._max_px = LABEL_MAX_PX  # narrower when the plot itself is narrow
        self.set_font(QFont())

    def set_font(self, font: QFont) -> None:
        self._font = QFont(font)
        self._bold = QFont(font)
        self._bold.setBold(True)
        self._italic = QFont(font)
        self._italic.setItalic(True)
        self._small = QFont(font)
        self._small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        self._fm = QFontMetricsF(self._font)
        self._fm_bold = QFontMetricsF(self._bold)
        self._fm_small = QFontMetricsF(self._small)
        self._text_cache.clear()
        self.update()

    def line_height(self) -> float:
        """Height of one label row in pixels."""
        return self._fm.height() + 3

    def set_data(self, data: TimelineData) -> None:
        self._text_cache.clear()
        super().set_data(data)

    def set_selected(self, index: int | None) -> None:
        self.selected = index
        self.update()

    def text_of(self, i: int) -> tuple[str, float]:
        """The elided label of event ``i`` and its width in pixels (cached); bold when selected."""
        if i == self.selected:
            text = self._fm_bold.elidedText(self.data.labels[i], Qt.TextElideMode.ElideRight, self._max_px)
            return text, self._fm_bold.horizontalAdvance(text)
        cached = self._text_cache.get(i)
        if cached is None:
            text = self._fm.elidedText(self.data.labels[i], Qt.TextElideMode.ElideRight, self._max_px)
            cached = (text, self._fm.horizontalAdvance(text))
            self._text_cache[i] = cached
        return cached

    def layout(self, m: Mapping) -> list[PlacedLabel]:
        d = self.data
        line_h = self._fm.height() + 3
        if not len(d) or label_rows(m.lane_px, line_h) == 0:
            return []
        badge_w = self._fm_small.horizontalAdvance(" +99")
        placed: list[PlacedLabel] = []
        view_left_px, view_right_px = sorted((m.x(m.view.left()), m.x(m.view.right())))
        view_top_px, view_bottom_px = sorted((m.y(m.view.top()), m.y(m.view.bottom())))
        max_px = max(40.0, min(LABEL_MAX_PX, (view_right_px - view_left_px) * 0.8 - badge_w))
        if max_px != self._max_px:
            self._max_px = max_px
            self._text_cache.clear()
        for lane in m.visible_lanes(d):
            if len(placed) >= MAX_LABELS:
                break
            rows = label_rows(m.lane_px, line_h, d.lane_h(lane))
            if rows == 0:
                continue
            sl = d.lane_slice(lane)
            x0, x1, xc, kind = d.x0[sl], d.x1[sl], d.xc[sl], d.kind[sl]
            vis = np.nonzero((x1 >= m.view.left()) & (x0 <= m.view.right()))[0]
            if not len(vis):
                continue
            # A bar's label sticks to the left edge when the bar starts off screen.
            start_px = np.where(kind[vis] == 0, m.x(xc[vis]) - 3.0, np.maximum(m.x(x0[vis]), view_left_px + 2.0))
            order = np.argsort(start_px, kind="stable")
            xs = start_px[order]
            ids = vis[order] + sl.start
            marker_px = float(m.y(d.marker_y(lane)))
            if not view_top_px <= marker_px <= view_bottom_px + 1:
                continue  # the lane's marks are scrolled out of view: a label would point nowhere
            row_end = [-math.inf] * rows
            blocked: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
            lane_placed: list[PlacedLabel] = []
            if self.selected is not None and sl.start <= self.selected < sl.stop:
                pos = int(np.nonzero(ids == self.selected)[0][0]) if (ids == self.selected).any() else -1
                if pos >= 0:
                    w = self.text_of(self.selected)[1] + badge_w
                    x = max(min(float(xs[pos]), view_right_px - w - 2.0), view_left_px + 2.0)
                    rect = self._row_rect(x, w, marker_px, 0, line_h)
                    blocked[0].append((rect.left(), rect.right() + LABEL_GAP))
                    lane_placed.append(PlacedLabel(self.selected, rect, self._anchor(m, self.selected, lane), 0))
            if self.match is not None:
                keep = self.match[ids]
                xs, ids = xs[keep], ids[keep]
            # A lane denser than the screen (the story lane of 100,000 events zoomed out) tries
            # one candidate a pixel: the others could only stack on rows above it, and are
            # counted into the label to their left like any label that does not fit.
            crowd_x = crowd = None
            if len(xs) > DENSE_LANE:
                first = np.r_[True, np.floor(xs[1:]) != np.floor(xs[:-1])]
                crowd_x, crowd = xs[~first], ids[~first]
                xs, ids = xs[first], ids[first]
            placed_x: list[float] = []
            k = 0
            n = len(xs)
            while k < n and len(placed) + len(lane_placed) < MAX_LABELS:
                i = int(ids[k])
                if i == self.selected:
                    k += 1
                    continue
                w = self.text_of(i)[1] + badge_w
                # Near the right edge a label slides left so it stays whole (its leader shows where).
                x = max(min(float(xs[k]), view_right_px - w - 2.0), view_left_px + 2.0)
                row = self._free_row(blocked, row_end, x, w)
                if row is None:  # the right of the marker is taken: end the label at the marker
                    x = max(min(float(xs[k]) + 6.0 - w, view_right_px - w - 2.0), view_left_px + 2.0)
                    row = self._free_row(blocked, row_end, x, w, sweep=False)
                if row is not None:
                    rect = self._row_rect(x, w, marker_px, row, line_h)
                    row_end[row] = max(row_end[row], x + w + LABEL_GAP)
                    blocked[row].append((x, x + w + LABEL_GAP))
                    lane_placed.append(PlacedLabel(i, rect, self._anchor(m, i, lane), 0))
                    placed_x.append(float(xs[k]))
                    k += 1
                    continue
                # Fits nowhere: jump to the first candidate that could fit on some row,
                # counting the skipped ones into the last label placed.
                nxt = max(k + 1, int(np.searchsorted(xs, min(row_end), side="left")))
                if float(xs[k]) + w > view_right_px - 2.0:
                    # Slid left at the right edge and still nowhere to go: the candidates after
                    # it slide the same way (only a shorter one might fit), so they are counted
                    # in at once instead of tried one by one (hundreds in a dense story lane).
                    nxt = n
                if lane_placed:
                    lane_placed[-1].hide(ids[k:nxt])
                k = nxt
            if k < n and lane_placed:
                lane_placed[-1].hide(ids[k:n])
            if crowd is not None and placed_x:
                # placed_x is in sweep order (rising) after the selected label, which has none
                own = lane_placed[len(lane_placed) - len(placed_x):]
                into = np.maximum(np.searchsorted(np.array(placed_x), crowd_x, side="right") - 1, 0)
                for label, group in zip(own, np.split(crowd, np.searchsorted(into, np.arange(1, len(own))))):
                    label.hide(group[group != self.selected] if self.selected is not None else group)
            placed.extend(lane_placed)
        return placed

    @staticmethod
    def _free_row(blocked: list[list[tuple[float, float]]], row_end: list[float], x: float, w: float,
                  *, sweep: bool = True) -> int | None:
        """The lowest row where [x, x + w] overlaps no label; ``sweep`` rows take the fast path."""
        for r in range(len(blocked)):
            if (not sweep or x >= row_end[r]) and not _hits(blocked[r], x, x + w + LABEL_GAP):
                return r
        return None

    def badge_at(self, pos: QPointF) -> PlacedLabel | None:
        """The placed label whose "+N" is under ``pos`` (device pixels)."""
        for lab in self.placed:
            if lab.hidden and lab.badge_rect(self.text_of(lab.index)[1]).contains(pos):
                return lab
        return None

    def _row_rect(self, x: float, w: float, marker_px: float, row: int, line_h: float) -> QRectF:
        bottom = marker_px - MARKER_SIZE / 2 - 4 - row * line_h
        return QRectF(x, bottom - line_h + 2, w, line_h - 2)

    def _anchor(self, m: Mapping, i: int, lane: int) -> QPointF:
        """Where the label's leader line ends: the point, or the top of the bar on its track."""
        d = self.data
        marker = float(m.y(d.marker_y(lane)))
        if d.kind[i] == 0:
            return QPointF(float(m.x(d.xc[i])), marker - MARKER_SIZE / 2)
        bar_h, spacing = bar_geometry(m.lane_px)
        yc = min(marker + int(d.track[i]) * spacing, float(m.y(d.lane_top[lane + 1])) - bar_h / 2 - 1)
        left = min(m.x(m.view.left()), m.x(m.view.right()))
        return QPointF(max(float(m.x(d.x0[i])), left) + 1.0, yc - bar_h / 2)

    def paint(self, p: QPainter, *args: object) -> None:
        m = self.mapping(p)
        p.resetTransform()
        t0, c0 = time.perf_counter(), time.thread_time()
        self.placed = self.layout(m)
        # Read by benchmarks/gui_scale.py: wall time, and this thread's CPU time (which a busy
        # shared machine does not inflate).
        self.layout_ms = (time.perf_counter() - t0) * 1000.0
        self.layout_cpu_ms = (time.thread_time() - c0) * 1000.0
        if not self.placed:
            return
        colors = self.lane_colors()
        d = self.data
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        # Halos, then leader lines over them (a line from an upper row stays visible across the
        # labels below it), then the text: every label is tied to its mark.
        halo = self.theme.label_halo
        p.setPen(Qt.PenStyle.NoPen)
        for lab in self.placed:
            w = self.text_of(lab.index)[1]
            p.setBrush(self.theme.selection if lab.index == self.selected else halo)
            p.drawRoundedRect(QRectF(lab.rect.left() - 1, lab.rect.top(), w + 6, lab.rect.height()), 3, 3)
        for lab in self.placed:
            if lab.rect.bottom() < lab.anchor.y() - 1:
                c = QColor(colors[int(d.lane[lab.index])])
                c.setAlpha(200)
                p.setPen(QPen(c, 1.2))
                x = min(max(lab.anchor.x(), lab.rect.left() + 1.0), lab.rect.left() + self.text_of(lab.index)[1] + 3)
                p.drawLine(QPointF(x, lab.rect.bottom()), QPointF(lab.anchor.x(), lab.anchor.y()))
                p.drawLine(QPointF(x - 3, lab.rect.bottom()), QPointF(x + 3, lab.rect.bottom()))
        for lab in self.placed:
            text, w = self.text_of(lab.index)
            selected = lab.index == self.selected
            r = QRectF(lab.rect.left(), lab.rect.top(), w + 4, lab.rect.height())
            # The user's own labels are set in italics: corrected, not found.
            corrected = bool(d.corrected[lab.index]) if len(d.corrected) > lab.index else False
            p.setFont(self._bold if selected else self._italic if corrected else self._font)
            p.setPen(QColor("#ffffff") if selected else self.theme.foreground)
            p.drawText(r.adjusted(2, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            if lab.hidden:
                p.setFont(self._small)
                p.setPen(self.theme.muted)
                badge = QRectF(r.right() + 2, r.top(), lab.rect.right() - r.right(), r.height())
                chip = QColor(self.theme.muted)
                chip.setAlpha(40)
                p.setBrush(chip)
                p.setPen(Qt.PenStyle.NoPen)
                p.drawRoundedRect(badge.adjusted(0, 1, -1, -1), 3, 3)  # a button: "+N" opens them
                p.setPen(self.theme.muted)
                p.drawText(badge, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           f"+{lab.hidden}" if lab.hidden < 1000 else "+999")


def _hits(intervals: list[tuple[float, float]], a: float, b: float) -> bool:
    return any(s < b and a < e for s, e in intervals)
