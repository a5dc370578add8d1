"""The archive pane: a Parquet dataset's events per day over its whole span, and a search that
pulls the matching articles into the lanes.

The overview is one step curve fed with the per-day counts (:class:`Density`, computed with
numpy), never an item per event, so a million events draw like a hundred. A search (words, date
range, source, type) runs off the GUI thread; its matches are drawn over the overview in the
selection colour, and the articles with the most matching events (up to :data:`PULL_LIMIT`)
are rebuilt from the dataset and handed to the window, which adds them as lanes as if their
files had been opened. Dragging the shaded band's edges on the overview sets the date range.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.dataset.query import DatasetView, Query, SearchResult
from ...core.model import ArticleResult
from ..theme import LIGHT, Theme, theme_named
from ..timeline.axes import CalendarAxis

PULL_LIMIT = 30
TYPES = ("", "DATE", "TIME")


class _Signals(QObject):
    done = Signal(object, object)  # SearchResult, list[ArticleResult]
    failed = Signal(str)


class _SearchJob(QRunnable):
    """The search and the reading of the articles to pull, on a pool thread (pyarrow releases the GIL)."""

    def __init__(self, view: DatasetView, query: Query, limit: int) -> None:
        super().__init__()
        self.view, self.query, self.limit = view, query, limit
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.view.search(self.query)
            pulled = self.view.load(result.article_ids[:self.limit])
        except Exception as exc:  # noqa: BLE001 - shown in the pane, the window goes on
            self.signals.failed.emit(f"search failed: {exc}")
            return
        self.signals.done.emit(result, pulled)


class _Warm(QRunnable):
    """Reads the columns a search needs while the user types the first one."""

    def __init__(self, view: DatasetView) -> None:
        super().__init__()
        self.view = view

    def run(self) -> None:
        try:
            self.view.warm()
        except Exception:  # noqa: BLE001, S110 - the search itself will read them and report the problem
            pass


class DatasetPane(QWidget):
    """Shows one dataset; emits :attr:`articlesPulled` with the results to add as lanes."""

    articlesPulled = Signal(object)  # list[ArticleResult]
    searchFinished = Signal(object)  # SearchResult

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: DatasetView | None = None
        self.last: SearchResult | None = None
        self._jobs: list[_SearchJob] = []
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.axis = CalendarAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.setMinimumHeight(110)
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.getAxis("left").setWidth(44)
        item.setLabel("left", "events/day")
        self.vb = item.getViewBox()
        self.vb.setMouseEnabled(x=True, y=False)
        self.vb.setDefaultPadding(0.0)
        self.all_curve = pg.PlotDataItem(stepMode="center", fillLevel=0.0)
        self.hit_curve = pg.PlotDataItem(stepMode="center", fillLevel=0.0)
        for curve in (self.all_curve, self.hit_curve):
            self.plot.addItem(curve)
        self.region = pg.LinearRegionItem(orientation="vertical")
        self.region.setZValue(10)
        self.plot.addItem(self.region, ignoreBounds=True)
        self.region.sigRegionChangeFinished.connect(self._region_to_fields)
        self.vb.sigXRangeChanged.connect(self._redraw)

        self.words = QLineEdit(placeholderText="words in the sentence or title")
        self.start = QLineEdit(placeholderText="from YYYY-MM-DD")
        self.end = QLineEdit(placeholderText="to YYYY-MM-DD")
        self.source = QLineEdit(placeholderText="source contains")
        self.type = QComboBox()
        self.type.addItems(["any type", *TYPES[1:]])
        self.limit = QSpinBox(minimum=1, maximum=500, value=PULL_LIMIT, suffix=" lanes")
        self.limit.setToolTip("How many of the matching articles (most matches first) to show as lanes")
        self.search_button = QPushButton("Search")
        self.search_button.setDefault(True)
        for w in (self.words, self.start, self.end, self.source):
            w.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QHBoxLayout()
        form.addWidget(self.words, 3)
        form.addWidget(self.start, 1)
        form.addWidget(self.end, 1)
        form.addWidget(self.source, 2)
        form.addWidget(self.type)
        form.addWidget(self.limit)
        form.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        layout.addLayout(form)
        layout.addWidget(self.status)
        self.set_theme(LIGHT)

    def set_theme(self, theme: Theme) -> None:
        self.plot.setBackground(theme.background)
        for axis in (self.axis, self.plot.getPlotItem().getAxis("left")):
            axis.setPen(theme.muted)
            axis.setTextPen(theme.foreground)
        fill = QColor(theme.muted)
        fill.setAlpha(120)
        self.all_curve.setPen(pg.mkPen(theme.muted, width=1))
        self.all_curve.setBrush(fill)
        hit = QColor(theme.selection)
        hit.setAlpha(170)
        self.hit_curve.setPen(pg.mkPen(theme.selection, width=1))
        self.hit_curve.setBrush(hit)
        brush = QColor(theme.selection)
        brush.setAlpha(40)
        self.region.setBrush(brush)

    def changeEvent(self, event: QEvent) -> None:
        # The colours follow the palette (View › Theme), like the rest of the window.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.set_theme(theme_named("system"))
        super().changeEvent(event)

    # -- showing a dataset ---------------------------------------------------------------
    def set_dataset(self, view: DatasetView) -> None:
        self.view = view
        self.last = None
        d = view.density
        span = ""
        if len(d.counts):
            first = dt.date(1970, 1, 1) + dt.timedelta(days=d.first_day)
            last = first + dt.timedelta(days=len(d.counts) - 1)
            span = f", {first.isoformat()} to {last.isoformat()}"
        self.title.setText(f"<b>{Path(view.root).name}</b> — {view.n_articles:,} articles · "
                           f"{view.n_events:,} events{span}")
        self.hit_curve.hide()
        self.status.setText("Search to pull articles into the lanes; drag the shaded band's edges to pick dates.")
        QThreadPool.globalInstance().start(_Warm(view))
        if len(d.counts):
            x = d.seconds
            self.vb.setXRange(float(x[0]), float(x[-1]), padding=0.01)
            self.region.blockSignals(True)  # the whole span: no date limit until the user moves it
            self.region.setRegion((float(x[0]), float(x[-1])))
            self.region.blockSignals(False)
        self._redraw()

    def _redraw(self) -> None:
        """The curves for the visible range, in bins of as many days as a pixel or two holds.

        The y range follows the busiest visible bin, so a quiet decade is not a flat line.
        """
        if self.view is None:
            return
        (x0, x1), _ = self.vb.viewRange()
        bins = max(50, self.plot.width() // 2)
        edges, values = self.view.density.binned(x0, x1, bins)
        _set_curve(self.all_curve, edges, values)
        if self.last is not None and self.last.events:
            _set_curve(self.hit_curve, *self.last.density.binned(x0, x1, bins))
        top = float(values.max()) if len(values) else 1.0
        self.vb.setYRange(0, max(top, 1e-3) * 1.05, padding=0)

    # -- search --------------------------------------------------------------------------
    def query(self) -> Query:
        return Query(words=self.words.text(), start=_date(self.start.text()), end=_date(self.end.text(), end=True),
                     source=self.source.text(), type=TYPES[self.type.currentIndex()])

    def search(self) -> None:
        if self.view is None:
            return
        for field, text in ((self.start, self.start.text()), (self.end, self.end.text())):
            if text.strip() and _date(text) is None:
                self.status.setText(f"{text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
                field.setFocus()
                return
        query = self.query()
        self._band_to(query)
        job = _SearchJob(self.view, query, self.limit.value())
        job.signals.done.connect(self._found)
        job.signals.failed.connect(self.status.setText)
        self._jobs.append(job)  # the signals object must live until the job reports
        self.search_button.setEnabled(False)
        self.status.setText("Searching…")
        QThreadPool.globalInstance().start(job)

    def _found(self, result: SearchResult, pulled: list[ArticleResult]) -> None:
        self._jobs = [j for j in self._jobs if j.query is not result.query]
        self.search_button.setEnabled(True)
        self.last = result
        self.hit_curve.setVisible(bool(result.events))
        self._redraw()
        n = len(result.article_ids)
        shown = min(n, len(pulled))
        self.status.setText(f"{result.events:,} events in {n:,} articles match"
                            + (f"; the {shown:,} with the most matches are in the lanes" if shown else ""))
        self.searchFinished.emit(result)
        if pulled:
            self.articlesPulled.emit(pulled)

    def _band_to(self, query: Query) -> None:
        """The shaded band shows the searched dates (all of the archive's when none are given)."""
        assert self.view is not None
        edges = self.view.density.seconds
        if not len(self.view.density.counts):
            return
        epoch = dt.datetime(1970, 1, 1)
        lo = (query.start - epoch).total_seconds() if query.start else float(edges[0])
        hi = (query.end - epoch).total_seconds() if query.end else float(edges[-1])
        self.region.blockSignals(True)
        self.region.setRegion((lo, hi))
        self.region.blockSignals(False)

    def _region_to_fields(self) -> None:
        x0, x1 = self.region.getRegion()
        epoch = dt.datetime(1970, 1, 1)
        self.start.setText((epoch + dt.timedelta(seconds=float(x0))).date().isoformat())
        self.end.setText((epoch + dt.timedelta(seconds=float(x1))).date().isoformat())

    def set_range(self, x0: float, x1: float) -> None:
        """Move the band to [x0, x1] (seconds), filling the date fields as dragging it does."""
        self.region.setRegion((x0, x1))
        self._region_to_fields()


def _set_curve(curve: pg.PlotDataItem, edges: np.ndarray, values: np.ndarray) -> None:
    if len(values):
        curve.setData(edges, values)
    else:
        curve.setData(np.array([0.0, 1.0]), np.array([0.0]))


def _date(text: str, end: bool = False) -> dt.datetime | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; as an end, the day after the period named (inclusive range)."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 4 and text.isdigit():
            return dt.datetime(int(text) + end, 1, 1)
        if len(text) == 7:
            y, m = int(text[:4]), int(text[5:])
            if end:
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return dt.datetime(y, m, 1)
        day = dt.datetime.fromisoformat(text[:10])
        return day + dt.timedelta(days=1) if end else day
    except ValueError:
        return None
