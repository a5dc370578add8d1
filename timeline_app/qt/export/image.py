"""Timeline images (PNG, SVG, PDF) drawn by the GUI's own :class:`TimelineView`.

A page is a title and a line of figures, the timeline itself (a ``TimelineView`` without its
overview strip, laid out at the page's size and drawn through its scene, so the lanes, bars,
decluttered labels and calendar axis are exactly those of the window) and a legend of the
lanes and symbols. The same page is painted on a ``QImage`` (PNG), a ``QSvgGenerator`` (SVG)
or a ``QPdfWriter`` (PDF, one page).

Sizes: the page is laid out in *logical pixels*, the units of the window (96 per inch on most
desktops, :func:`base_dpi`). ``width``/``height`` are output pixels and ``dpi`` the resolution,
so a 3000-pixel-wide PNG at 300 dpi is 10 inches wide with text at the size it has on screen
relative to an inch: the layout is 3000 × 96 / 300 = 960 logical pixels wide, painted at a
device pixel ratio of 300 / 96. SVG and PDF carry the same physical size (``width / dpi``
inches) and stay vector: the SVG's labels are ``<text>`` elements, the PDF's selectable text.
Without a width the page is 1600 logical pixels wide; without a height it is as tall as the
lanes need for their labels.

Usable headless: :func:`ensure_app` picks Qt's offscreen platform when there is no display.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Self

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QBuffer,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QImage,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPicture,
    QPolygonF,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from ...core.atomic import OutputError, atomic_path
from ...core.lang.en.dates import Style, in_words
from ...core.model import Granularity
from ...core.session import Session
from ..theme import Theme, lane_color, theme_named
from ..timeline.axes import CalendarAxis
from ..timeline.data import from_epoch_seconds
from ..timeline.items import MARKER_FRAC, MARKER_SIZE, Mapping
from ..timeline.view import TimelineView

FORMATS = ("png", "svg", "pdf")
# Page presets: name → (label, width, height in inches). A page is printed, so it has a paper size.
PAGES: dict[str, tuple[str, float, float]] = {
    "a4": ("A4 portrait", 210 / 25.4, 297 / 25.4),
    "a4-landscape": ("A4 landscape", 297 / 25.4, 210 / 25.4),
    "letter": ("Letter portrait", 8.5, 11.0),
    "letter-landscape": ("Letter landscape", 11.0, 8.5),
    "slide": ("Slide 16:9", 13.333, 7.5),
}
DEFAULT_PAGE = "a4-landscape"  # with no size given: a page a person would print
DEFAULT_WIDTH = round(PAGES[DEFAULT_PAGE][1] * 96)  # logical px (at 96 dpi), when only a height is given
# Sizes a page may not exceed: past these an image cannot be drawn (QPainter's raster limit is 32767
# px a side; 120 Mpx is 480 MB of pixels before PNG compression even starts).
MAX_SIDE_PX = 32_000
MAX_PIXELS = 120_000_000
MIN_FIT_LANE_PX = 16.0  # lanes squeezed onto a capped page: one label row, labels cluster
MARGIN = 22.0
MIN_LANE_PX = 90.0  # fitted lanes: room for two label rows and two bar tracks
MAX_LEGEND_LANES = 60
MIN_PLOT_PX = 120.0
TOP_AXIS_PX = 1100.0  # plots taller than this get dates along the top as well


# -- application --------------------------------------------------------------------------------
def ensure_app() -> QApplication:
    """The QApplication, created offscreen when there is no display to connect to.

    Without ``DISPLAY``/``WAYLAND_DISPLAY`` (a server, CI, ssh) the default xcb platform would
    abort the process, so ``QT_QPA_PLATFORM=offscreen`` is set unless the user chose a platform.
    """
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if needs_offscreen(os.environ, sys.platform):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication(sys.argv[:1])


# Warnings Qt prints that say nothing about the export (the offscreen platform has no window manager).
_HARMLESS = ("propagateSizeHints", "QFont::setPointSizeF: Point size <= 0")


def quiet_qt_messages() -> None:
    """Keep stderr for real problems: drop Qt's debug output and known harmless warnings."""

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtDebugMsg or kind == QtMsgType.QtInfoMsg or any(h in message for h in _HARMLESS):
            return
        print(f"Qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


def needs_offscreen(env: dict[str, str] | os._Environ[str], platform: str) -> bool:
    """Whether Qt must be told to draw offscreen: a Unix without any display and no choice made."""
    if platform in ("win32", "darwin") or env.get("QT_QPA_PLATFORM"):
        return False
    return not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")


def base_dpi() -> int:
    """Logical pixels per inch: the resolution Qt measures fonts at (96 on most desktops).

    Pages are painted on devices of this resolution, so text measured by the timeline's items
    (``QFontMetricsF`` without a device) has the size it is drawn at.
    """
    return QImage(1, 1, QImage.Format.Format_ARGB32).logicalDpiY() or 96


# -- options ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImageOptions:
    """What to draw and how big. Ranges are in epoch seconds (see :mod:`.timeline_data`)."""

    width: int | None = None  # output pixels; None: DEFAULT_WIDTH logical px at ``dpi``
    height: int | None = None  # output pixels; None: as tall as the lanes need
    dpi: float | None = None  # None: base_dpi() (one output pixel per logical pixel)
    text_scale: float = 1.0  # 1.5: text, marks and lines half as big again, on the same page size
    theme: str = "light"
    title: str | None = None  # None: the article's title, or "N articles"; "": no title line
    legend: bool = True
    x_range: tuple[float, float] | None = None  # None: the whole timeline
    lane_range: tuple[float, float] | None = None  # (first lane, lane count); None: every lane
    # The table's filter as the timeline shows it: (entry key, event id) that pass, "dim"/"hide".
    event_filter: frozenset[tuple[str, str]] | None = None
    filter_mode: str = "dim"
    page: str | None = None  # a key of PAGES: its size at ``dpi`` unless width/height say otherwise

    def with_view(self, view: TimelineView) -> ImageOptions:
        """These options restricted to what ``view`` shows now (File › Export › current view)."""
        return replace(self, x_range=view.x_range(), lane_range=view.lane_range()).with_filter_of(view)

    def with_filter_of(self, view: TimelineView) -> ImageOptions:
        """These options with the events ``view`` dims or hides dimmed or hidden too."""
        matches, mode = view.filter()
        return replace(self, event_filter=None if matches is None else frozenset(matches), filter_mode=mode)


def page_pixels(page: str, dpi: float) -> tuple[int, int]:
    """A preset page's size in output pixels at ``dpi``; ValueError for an unknown page."""
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r} (choose from {', '.join(PAGES)})")
    _label, w_in, h_in = PAGES[page]
    return round(w_in * dpi), round(h_in * dpi)


def sized(options: ImageOptions, dpi: float) -> ImageOptions:
    """The options with the page's size filled in: the preset's, or the default page's when no
    size is given at all. Refuses (ValueError) sizes that cannot be drawn, before anything is."""
    o = options
    page = o.page or (DEFAULT_PAGE if o.width is None and o.height is None else None)
    if page is not None:
        w, h = page_pixels(page, dpi)
        o = replace(o, width=o.width or w, height=o.height or h)
    check_size(o.width, o.height)
    return o


def check_size(width: float | None, height: float | None) -> None:
    for side, name in ((width, "width"), (height, "height")):
        if side is not None and side > MAX_SIDE_PX:
            raise ValueError(f"an image {int(side):,} px in {name} cannot be drawn (the limit is "
                             f"{MAX_SIDE_PX:,} px a side): choose a smaller size, dpi or --page")
    if width is not None and height is not None and width * height > MAX_PIXELS:
        raise ValueError(f"an image of {int(width):,} × {int(height):,} px cannot be drawn (the limit is "
                         f"{MAX_PIXELS // 1_000_000} million pixels): choose a smaller size or dpi")


def format_of(path: str | Path) -> str:
    """``png``, ``svg`` or ``pdf`` from the file name; ValueError for anything else."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ValueError(f"{path}: unknown image format {ext!r} (use .png, .svg or .pdf)")
    return ext


@dataclass(frozen=True, slots=True)
class PageLayout:
    """Where everything goes, in logical pixels."""

    width: float
    height: float
    title: QRectF | None
    subtitle: QRectF | None
    plot: QRectF
    legend: QRectF | None


# -- the page -----------------------------------------------------------------------------------
class TimelinePage:
    """One export page of a session: lays out a TimelineView and paints it with title and legend.

    Use as a context manager (or call :meth:`close`) so the hidden view is released::

        with TimelinePage(session, ImageOptions(width=2400, dpi=192)) as page:
            page.write("timeline.pdf")
    """

    def __init__(self, session: Session, options: ImageOptions | None = None) -> None:
        self.app = ensure_app()
        self.session = session
        self.dpi_base = base_dpi()
        self.dpi = float((options or ImageOptions()).dpi or self.dpi_base)
        self.options = sized(options or ImageOptions(), self.dpi)
        self.theme: Theme = theme_named(self.options.theme)
        # (lanes shown, lanes, their height in view y) when a capped page holds fewer than all
        self.cut: tuple[int, int, float] | None = None
        self.text_scale = float(self.options.text_scale)
        if self.dpi <= 0 or self.text_scale <= 0:
            raise ValueError("dpi and text scale must be positive")
        # Output pixels per logical pixel. The text scale enlarges the drawing, not the page.
        self.scale = self.dpi / self.dpi_base * self.text_scale
        self._fonts()
        self.view = TimelineView(session, overview=False, theme=self.theme)
        if self.options.event_filter is not None:
            self.view.set_filter(set(self.options.event_filter), self.options.filter_mode)
        # Laid out and painted like a window, never shown on a screen.
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.view.show()
        # Laid out, never painted by Qt: the page paints it once, when written.
        self.view.setUpdatesEnabled(False)
        self.layout = self._lay_out()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.view.hide()
        self.view.deleteLater()

    # -- sizes ----------------------------------------------------------------------------------
    @property
    def pixel_size(self) -> QSize:
        """The PNG's size: exactly the requested width and height when given."""
        o = self.options
        w = o.width if o.width else round(DEFAULT_WIDTH * self.dpi / self.dpi_base)
        h = o.height if o.height else round(self.layout.height * self.scale)
        return QSize(max(1, int(w)), max(1, int(h)))

    def _fonts(self) -> None:
        base = QFont()
        pt = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
        self.title_font = QFont(base)
        self.title_font.setPointSizeF(pt * 1.9)
        self.title_font.setBold(True)
        self.subtitle_font = QFont(base)
        self.subtitle_font.setPointSizeF(pt * 1.1)
        self.legend_font = QFont(base)
        self.legend_bold = QFont(base)
        self.legend_bold.setBold(True)

    def _lay_out(self) -> PageLayout:
        o = self.options
        width = (o.width or round(DEFAULT_WIDTH * self.dpi / self.dpi_base)) / self.scale
        inner = max(200.0, width - 2 * MARGIN)
        y = MARGIN
        title_rect = subtitle_rect = None
        if self.title_text():
            h = QFontMetricsF(self.title_font).height()
            title_rect = QRectF(MARGIN, y, inner, h)
            y += h + 2
            h = QFontMetricsF(self.subtitle_font).height()
            subtitle_rect = QRectF(MARGIN, y, inner, h)
            y += h + 12
        legend_h = self._legend_height(inner) if o.legend else 0.0
        below = (legend_h + 14 if legend_h else 0.0) + MARGIN
        # A first layout at a provisional height tells the axis height and the lanes' width.
        provisional = max(MIN_PLOT_PX, (o.height / self.scale - y - below) if o.height else 600.0)
        self._resize_view(inner, provisional)
        if o.height:
            height = o.height / self.scale
            plot_h = max(MIN_PLOT_PX, height - y - below)
        else:
            chrome = self.view.plot.height() - self.view.vb.height()
            plot_h = max(MIN_PLOT_PX, self._fitted_lanes_height(width) + chrome)
            height = y + plot_h + below
        if plot_h > TOP_AXIS_PX:
            self._add_top_axis()
            if not o.height:  # the lanes keep their height; the page grows by the new axis
                self._resize_view(inner, plot_h)
                grown = self.view.plot.height() - self.view.vb.height() - chrome
                plot_h += grown
                height += grown
        if not o.height:  # whole output pixels, so that no format ends in a partly covered row
            height = math.ceil(height * self.scale - 1e-6) / self.scale
        self._resize_view(inner, plot_h)
        plot = QRectF(MARGIN, y, math.floor(inner), math.floor(plot_h))
        legend = QRectF(MARGIN, plot.bottom() + 14, inner, legend_h) if legend_h else None
        return PageLayout(width, height, title_rect, subtitle_rect, plot, legend)

    def _add_top_axis(self) -> None:
        """Dates along the top too, for a page too tall to read the dates off the bottom only."""
        item = self.view.plot.getPlotItem()
        axis = CalendarAxis()
        axis.orientation = "top"  # the same calendar ticks, drawn upwards
        item.setAxisItems({"top": axis})
        item.showAxis("top")
        axis.setPen(QPen(self.theme.muted))
        axis.setTextPen(self.theme.foreground)

    def _resize_view(self, w: float, h: float) -> None:
        v = self.view
        v.lane_axis.setWidth(int(min(320.0, max(160.0, w * 0.17))))
        v.resize(math.floor(w), math.floor(h))
        self._settle()
        # pyqtgraph sizes a date axis to its tick labels (two lines: "Jun / 2016") while painting
        # it: paint the axes once, then let the layout settle again before the real painting.
        scratch = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
        p = QPainter(scratch)
        item = v.plot.getPlotItem()
        for name in ("bottom", "top"):
            axis = item.getAxis(name)
            if axis.isVisible():
                axis.paint(p, None, None)
        p.end()
        self._settle()

    def _settle(self) -> None:
        # Twice: pyqtgraph lays out on posted events, and a resize of a fitted view queues a fit.
        for _ in range(2):
            self.app.processEvents()
            self._apply_ranges()

    def _lanes(self) -> tuple[float, float]:
        n = max(1.0, self.view.data.y_total)  # lanes have heights of their own: their total
        if self.cut is not None:
            return 0.0, self.cut[2]
        return self.options.lane_range or (0.0, float(n))

    def _apply_ranges(self) -> None:
        v = self.view
        v.fit_all()
        if self.options.x_range is not None:
            v.set_x_range(*self.options.x_range)
        top, count = self._lanes()
        # The window keeps lanes at least 12 px tall and scrolls the rest; a page shows them all.
        v.vb.setLimits(yMin=0.0, yMax=max(top + count, v.data.y_total), minYRange=min(1.0, count),
                       maxYRange=count)
        v.set_lane_range(top, count)

    def _fitted_lanes_height(self, page_width: float) -> float:
        """Total lane height so that every lane has room for the label rows it uses (capped)."""
        v = self.view
        top, count = self._lanes()
        x0, x1 = v.x_range()
        vb_w = max(1.0, float(v.vb.width()))
        tall = 4000.0  # tall enough for the label layout's maximum number of rows
        sx = vb_w / max(1e-9, x1 - x0)
        m = Mapping(sx, -x0 * sx, tall, -top * tall, QRectF(x0, top, x1 - x0, count))
        need = 0.0
        for lab in v.labels_item.layout(m):
            marker = (float(v.data.marker_y(int(v.data.lane[lab.index]))) - top) * tall
            need = max(need, marker - lab.rect.top() + 6.0)
        line_h = QFontMetricsF(QFont()).height()
        lane_px = max(MIN_LANE_PX, need / MARKER_FRAC, 2.6 * line_h / MARKER_FRAC)
        # A page of many lanes stays printable: at most ~2.5 page widths tall (labels then cluster);
        # lanes that do not fit even squeezed are left off the page, and the subtitle says so.
        budget = max(600.0, 2.5 * page_width)
        fitting = budget / MIN_FIT_LANE_PX  # in lane heights (lanes have heights of their own)
        if count > fitting and self.options.lane_range is None:
            d = v.data
            shown = max(1, int(np.searchsorted(d.lane_top, fitting, side="right")) - 1)
            self.cut = (shown, len(d.lanes), float(d.lane_top[shown]))
            count = self.cut[2]
        return max(min(lane_px * count, budget), min(min(lane_px, MIN_LANE_PX) * count, budget))

    # -- text -----------------------------------------------------------------------------------
    def title_text(self) -> str:
        return self.options.title if self.options.title is not None else auto_title(self.session)

    def subtitle_text(self) -> str:
        v = self.view
        x0, x1 = v.x_range()
        top, count = self._lanes()
        d = v.data
        shown = 0
        if len(d):
            lanes = d.lanes_in(top, top + count)
            inside = (d.x1 >= x0) & (d.x0 <= x1) & (d.lane >= lanes.start) & (d.lane < lanes.stop)
            shown = int(inside.sum())
        articles = len(d.lanes)
        parts = [f"{shown:,} event{'s' if shown != 1 else ''}",
                 f"{articles:,} article{'s' if articles != 1 else ''}", date_span(x0, x1)]
        if self.cut is not None:
            parts.append(f"the first {self.cut[0]:,} of {self.cut[1]:,} lanes (no more fit the page: "
                         f"choose a taller page or a time range)")
        return " · ".join(parts)

    # -- legend ---------------------------------------------------------------------------------
    def _legend_entries(self) -> list[tuple[QColor, str, str]]:
        out = []
        for i, lane in enumerate(self.view.data.lanes[:MAX_LEGEND_LANES]):
            dct = f"published {pretty_day(lane.dct_value)}" if lane.dct_value else "no publication date"
            out.append((lane_color(i, lane.color), lane.title, dct))
        return out

    def _legend_columns(self, inner: float) -> tuple[int, float]:
        fm = QFontMetricsF(self.legend_font)
        widest = max((fm.horizontalAdvance(f"{t}  {d}") for _, t, d in self._legend_entries()), default=0.0)
        col_w = min(inner, max(220.0, widest + 40.0))
        cols = max(1, int(inner // col_w))
        return cols, inner / cols

    def _legend_height(self, inner: float) -> float:
        line = QFontMetricsF(self.legend_font).height() + 5
        n = len(self.view.data.lanes)
        cols, _ = self._legend_columns(inner)
        rows = math.ceil(min(n, MAX_LEGEND_LANES) / cols) + (1 if n > MAX_LEGEND_LANES else 0)
        return (rows + 1) * line + 8  # lanes, then the symbol key

    def _paint_legend(self, p: QPainter, rect: QRectF) -> None:
        t = self.theme
        fm = QFontMetricsF(self.legend_font)
        line = fm.height() + 5
        cols, col_w = self._legend_columns(rect.width())
        entries = self._legend_entries()
        p.setPen(QPen(t.grid, 1.0))
        p.drawLine(QPointF(rect.left(), rect.top() - 7), QPointF(rect.right(), rect.top() - 7))
        per_col = math.ceil(len(entries) / cols)
        for k, (color, title, dct) in enumerate(entries):
            c, r = divmod(k, per_col)  # down the columns, as a reader scans a list
            x, y = rect.left() + c * col_w, rect.top() + r * line
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(x, y + line / 2 - 6, 12, 12), 2, 2)
            room = col_w - 30
            # The date gets what a short title leaves, and at least 45 % when the title is long.
            dct_w = min(fm.horizontalAdvance(dct) + 2, max(room * 0.45, room - fm.horizontalAdvance(title) - 10))
            title_text = fm.elidedText(title, Qt.TextElideMode.ElideRight, room - dct_w - 10)
            p.setFont(self.legend_font)
            p.setPen(t.foreground)
            p.drawText(QRectF(x + 18, y, room, line), Qt.AlignmentFlag.AlignVCenter, title_text)
            p.setPen(t.muted)
            p.drawText(QRectF(x + 18 + fm.horizontalAdvance(title_text) + 10, y, dct_w, line),
                       Qt.AlignmentFlag.AlignVCenter, fm.elidedText(dct, Qt.TextElideMode.ElideRight, dct_w))
        rows = per_col
        more = len(self.view.data.lanes) - len(entries)
        if more > 0:
            p.setPen(t.muted)
            p.drawText(QRectF(rect.left(), rect.top() + rows * line, rect.width(), line),
                       Qt.AlignmentFlag.AlignVCenter, f"… and {more:,} more articles")
            rows += 1
        self._paint_key(p, QRectF(rect.left(), rect.top() + rows * line + 8, rect.width(), line))

    def _paint_key(self, p: QPainter, r: QRectF) -> None:
        """What the marks mean: points, bars, approximate bars, publication date."""
        t = self.theme
        fm = QFontMetricsF(self.legend_font)
        sample = QColor(t.muted)
        cy = r.center().y()
        x = r.left()
        p.setFont(self.legend_font)

        def label(text: str) -> None:
            nonlocal x
            p.setPen(t.muted)
            w = fm.horizontalAdvance(text)
            p.drawText(QRectF(x, r.top(), w + 2, r.height()), Qt.AlignmentFlag.AlignVCenter, text)
            x += w + 22

        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(QPen(t.background, 1.0))
        p.setBrush(sample)
        p.drawEllipse(QPointF(x + 5, cy), MARKER_SIZE / 2, MARKER_SIZE / 2)
        x += 14
        label("a day or less")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(sample)
        p.drawRect(QRectF(x, cy - 4, 30, 8))
        x += 36
        label("a longer period (week, month, year…)")
        faint = QColor(sample)
        faint.setAlpha(110)
        p.setBrush(faint)
        p.setPen(QPen(sample, 1.0, Qt.PenStyle.DashLine))
        p.drawRect(QRectF(x, cy - 4, 30, 8))
        x += 36
        label("approximate")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(sample)
        p.drawPolygon(QPolygonF([QPointF(x, cy - 5), QPointF(x + 10, cy - 5), QPointF(x + 5, cy + 4)]))
        x += 16
        label("publication date (dateline)")

    # -- painting -------------------------------------------------------------------------------
    def paint(self, p: QPainter, *, vector: bool = False) -> None:
        """Paint the page in logical pixels on an active painter.

        ``vector``: points are drawn as shapes rather than from pyqtgraph's pixmap atlas (SVG,
        PDF, and images at another pixel ratio, where the atlas would be blurred).
        """
        lay = self.layout
        t = self.theme
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        p.fillRect(QRectF(0, 0, lay.width, lay.height), t.background)
        if lay.title is not None and lay.subtitle is not None:
            p.setFont(self.title_font)
            p.setPen(t.foreground)
            fm = QFontMetricsF(self.title_font)
            p.drawText(lay.title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(self.title_text(), Qt.TextElideMode.ElideRight, lay.title.width()))
            p.setFont(self.subtitle_font)
            p.setPen(t.muted)
            p.drawText(lay.subtitle, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.subtitle_text())
        self._paint_plot(p, lay.plot, vector=vector)
        if lay.legend is not None:
            p.save()
            self._paint_legend(p, lay.legend)
            p.restore()

    def _paint_plot(self, p: QPainter, target: QRectF, *, vector: bool) -> None:
        v = self.view
        scene = v.plot.scene()
        source = v.plot.plotItem.sceneBoundingRect()
        origin = target.topLeft() - source.topLeft()
        with _export_mode(scene.items() if vector else []), _scalable_points(v.points_item, vector):
            p.save()
            p.setClipPath(_rect_path(target))
            if vector:
                v.lane_axis.setOpacity(0.0)  # drawn below, on its own
            try:
                scene.render(p, QRectF(target.topLeft(), source.size()), source)
            finally:
                v.lane_axis.setOpacity(1.0)
            p.restore()
        if vector:
            # QSvgGenerator (Qt 6.12) keeps the clip of the last clipped item when the painter is
            # restored to no clip, which hides the lane titles painted after the lanes: paint the
            # lane axis by itself, with a clip of its own.
            axis = v.lane_axis
            p.save()
            p.setClipPath(_rect_path(axis.sceneBoundingRect().translated(origin)))
            p.translate(origin)
            p.setWorldTransform(axis.sceneTransform(), True)
            axis.paint(p, None, None)
            p.restore()
        if not len(v.data):
            p.setPen(self.theme.muted)
            p.drawText(target, Qt.AlignmentFlag.AlignCenter, "No events to show")

    # -- output ---------------------------------------------------------------------------------
    def image(self) -> QImage:
        """The page as an image of exactly :attr:`pixel_size`, with its resolution recorded."""
        size = self.pixel_size
        img = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(self.theme.background)
        img.setDevicePixelRatio(self.scale)
        p = QPainter(img)
        self.paint(p, vector=abs(self.scale - 1.0) > 1e-6)
        p.end()
        img.setDevicePixelRatio(1.0)
        # Set after painting: fonts are sized by the device's resolution while painting.
        dots_per_meter = round(self.dpi / 0.0254)
        img.setDotsPerMeterX(dots_per_meter)
        img.setDotsPerMeterY(dots_per_meter)
        return img

    def svg_bytes(self) -> bytes:
        lay = self.layout
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        gen = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)  # 1.1: clip paths are kept
        gen.setOutputDevice(buffer)
        gen.setResolution(self.dpi_base)
        # width/height: the physical size (logical pixels times the text scale, at dpi_base).
        gen.setSize(QSize(math.ceil(lay.width * self.text_scale), math.ceil(lay.height * self.text_scale)))
        gen.setViewBox(QRectF(0, 0, lay.width, lay.height))
        gen.setTitle(self.title_text() or "Timeline")
        gen.setDescription(f"timeline-app export: {self.subtitle_text()}")
        p = QPainter(gen)
        self.paint(p, vector=True)
        p.end()
        svg = bytes(buffer.data().data()).decode("utf-8")
        # The generator writes a whole-pixel size; the page's own (physical) size keeps the
        # drawing's proportions exactly, with no transparent sliver at an edge.
        px, mm = self.pixel_size, 25.4 / self.dpi
        svg = _SVG_SIZE.sub(f'<svg width="{px.width() * mm:.4f}mm" height="{px.height() * mm:.4f}mm"', svg, count=1)
        return _portable_svg(svg).encode("utf-8")

    def write_pdf(self, path: str | Path) -> None:
        lay = self.layout
        writer = QPdfWriter(str(path))
        writer.setResolution(self.dpi_base)
        # Logical pixels are 1/dpi_base inch: the page is ``width / dpi`` inches wide.
        points = QSizeF(lay.width, lay.height) * (self.text_scale * 72.0 / self.dpi_base)
        writer.setPageSize(QPageSize(points, QPageSize.Unit.Point, "Timeline",
                                     QPageSize.SizeMatchPolicy.ExactMatch))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        writer.setTitle(self.title_text() or "Timeline")
        writer.setCreator("timeline-app")
        p = QPainter(writer)
        if abs(self.text_scale - 1.0) < 1e-9:
            self.paint(p, vector=True)
        else:
            # The timeline's items reset the painter's transform to draw in device units, so a
            # scaled page is recorded first and replayed scaled: a picture replays such resets
            # relative to the transform it is played with.
            picture = QPicture()
            rec = QPainter(picture)
            self.paint(rec, vector=True)
            rec.end()
            p.scale(self.text_scale, self.text_scale)
            picture.play(p)
        p.end()

    def write(self, path: str | Path, fmt: str | None = None) -> Path:
        """Write the page to ``path`` as PNG, SVG or PDF (from the extension unless ``fmt``).

        Atomically (:mod:`timeline_app.core.atomic`): a failure is an :class:`OutputError` and
        leaves an existing file as it was.
        """
        path = Path(path)
        fmt = fmt or format_of(path)
        if fmt not in ("png", "svg", "pdf"):
            raise ValueError(f"unknown image format {fmt!r}")
        with atomic_path(path) as tmp:
            if fmt == "png":
                if not self.image().save(str(tmp), "PNG"):
                    raise OutputError(f"{path}: cannot write the image (disk full or not writable?)")
            elif fmt == "svg":
                tmp.write_bytes(self.svg_bytes())
            else:
                self.write_pdf(tmp)
                if tmp.stat().st_size == 0:
                    raise OutputError(f"{path}: cannot write the PDF (disk full or not writable?)")
        return path


def auto_title(session: Session) -> str:
    """The title when none is given: the article's title, or how many articles there are."""
    entries = session.entries
    if len(entries) == 1:
        return entries[0].article.title or entries[0].key
    return f"{len(entries):,} articles" if entries else "Timeline"


def export_image(session: Session, path: str | Path, options: ImageOptions | None = None) -> Path:
    """Render ``session`` to ``path`` (.png, .svg or .pdf)."""
    fmt = format_of(path)
    with TimelinePage(session, options) as page:
        return page.write(path, fmt)


# -- helpers ------------------------------------------------------------------------------------
@contextmanager
def _export_mode(items: list[object]) -> Iterator[None]:
    """pyqtgraph's export switch: scatter points drawn as shapes instead of cached pixmaps."""
    touched = [i for i in items if hasattr(i, "setExportMode")]
    for item in touched:
        item.setExportMode(True, {"antialias": True})
    try:
        yield
    finally:
        for item in touched:
            item.setExportMode(False)


@contextmanager
def _scalable_points(points: pg.ScatterPlotItem, vector: bool) -> Iterator[None]:
    """Point outlines as ordinary (non-cosmetic) pens while writing vectors.

    pyqtgraph draws each exported point as a unit shape scaled to its size; its cosmetic pens
    become SVG ``vector-effect="non-scaling-stroke"``, which several SVG renderers ignore,
    painting a 9-pixel-wide outline over the whole point. A pen 1/size wide scales to the same
    outline everywhere.
    """
    if not vector or not len(points.data):
        yield
        return
    saved = list(points.data["pen"])
    default_size = float(points.opts["size"])
    sizes = [float(s) if s > 0 else default_size for s in points.data["size"]]
    scaled = []
    for pen, size in zip(saved, sizes):
        q = QPen(pen if isinstance(pen, QPen) else points.opts["pen"])
        q.setWidthF(max(q.widthF(), 1.0) / max(size, 1e-6))
        q.setCosmetic(False)
        scaled.append(q)
    points.setPen(scaled)
    try:
        yield
    finally:
        points.setPen(saved)


def _rect_path(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    path.addRect(rect)
    return path


_FONT_FAMILY = re.compile(r'font-family="([^"]*)"')
_SVG_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')


def _portable_svg(svg: str) -> str:
    """Font families a browser understands: the font Qt used, then a CSS generic family.

    Qt writes the family it was asked for (often the fontconfig alias "Sans Serif", which no
    browser knows); a browser would fall back to a serif font and wider text.
    """
    cache: dict[str, str] = {}

    def family(m: re.Match[str]) -> str:
        asked = m.group(1)
        if asked not in cache:
            real = QFontInfo(QFont(asked)).family()
            generic = "monospace" if "mono" in real.lower() else "serif" if "serif" in real.lower() \
                and "sans" not in real.lower() else "sans-serif"
            names = [f"'{n}'" for n in dict.fromkeys((real, asked)) if n and n.lower() != generic]
            cache[asked] = ", ".join([*names, generic])
        return f'font-family="{cache[asked]}"'

    return _FONT_FAMILY.sub(family, svg)


def date_span(x0: float, x1: float) -> str:
    """The visible time range in words fitted to its length: ``Jan 2014 – Jul 2016``."""
    return in_words(from_epoch_seconds(x0), from_epoch_seconds(x1), None, Style.SHORT)


def pretty_day(value: str) -> str:
    """``2016-06-30`` → ``30 Jun 2016`` (other values as they are)."""
    try:
        d = datetime.fromisoformat(value[:10])
    except ValueError:
        return value
    return in_words(d, d + timedelta(days=1), Granularity.DAY, Style.SHORT)


def text_of_svg(svg: bytes) -> list[str]:
    """The text content of an SVG's ``<text>`` elements (for checks and tests)."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]



__all__ = ["FORMATS", "ImageOptions", "PageLayout", "TimelinePage", "auto_title", "base_dpi", "ensure_app", "export_image",
           "format_of", "needs_offscreen", "quiet_qt_messages", "text_of_svg"]
