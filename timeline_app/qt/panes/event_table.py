"""The event table: every event of the session, sortable and filterable.

:class:`EventTableModel` is a ``QAbstractTableModel`` over the session's events;
:class:`EventFilterProxy` (a ``QSortFilterProxyModel``) filters by text, article, type and
date range. Sorting 100,000 rows by calling ``data()`` from C++ for every comparison is slow
in Python, so the proxy hands sorting to the source model, which sorts with precomputed keys
and emits ``layoutChanged``; the proxy keeps filtering on top of that order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.model import TimexType
from ...core.session import Entry, Session
from ..selection import Selection
from ..timeline.data import epoch_seconds

_ROOT = QModelIndex()  # the (invalid) root index, as a default argument
COLUMNS = ("Article", "Date", "Value", "Type", "Expression", "Label")


@dataclass(slots=True)
class Row:
    key: str
    event_id: str
    article: str
    start: float  # seconds since 1970 of the interval start (calendar time), -inf when none
    date: str
    value: str
    type: str
    expression: str
    label: str
    haystack: str | None = None  # lower-cased text the search looks in, made on first search

    def search_text(self) -> str:
        if self.haystack is None:
            self.haystack = f"{self.article}\n{self.value}\n{self.expression}\n{self.label}".lower()
        return self.haystack


def _date_text(start: datetime) -> str:
    # Formatted by hand: strftime is slow, and slower still under PySide's import hook.
    day = f"{start.year:04d}-{start.month:02d}-{start.day:02d}"
    return day if start.hour == 0 and start.minute == 0 else f"{day} {start.hour:02d}:{start.minute:02d}"


def _entry_rows(entry: Entry) -> list[Row]:
    rows: list[Row] = []
    title = entry.article.title or entry.key
    by_id = entry.timex_by_id
    for event in entry.analysis.events:
        timex = by_id.get(event.timex) if event.timex else None
        iv = event.interval
        if timex is not None:
            value = timex.value or ""
            if timex.mod:
                value += f" ({timex.mod})"
            type_, expression = str(timex.type), timex.text
        else:
            value, type_ = "", "DATE"
            expression = entry.article.text[event.start:event.end]
        rows.append(Row(entry.key, event.id, title, epoch_seconds(iv.start) if iv else -math.inf,
                        _date_text(iv.start) if iv else "", value, type_, expression, event.label))
    return rows


class EventTableModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.rows: list[Row] = []
        self._row_of: dict[tuple[str, str], int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # Rows per article, reused while the article's analysis object is unchanged.
        self._cache: dict[str, tuple[object, object, list[Row]]] = {}
        self.refresh()

    def set_session(self, session: Session) -> None:
        self._session = session
        self._cache.clear()
        self.refresh()

    def refresh(self) -> None:
        rows: list[Row] = []
        cache: dict[str, tuple[object, object, list[Row]]] = {}
        for entry in self._session.entries:
            hit = self._cache.get(entry.key)
            if hit is not None and hit[0] is entry.analysis and hit[1] is entry.article:
                entry_rows = hit[2]
            else:
                entry_rows = _entry_rows(entry)
            cache[entry.key] = (entry.analysis, entry.article, entry_rows)
            rows.extend(entry_rows)
        self._cache = cache
        self.beginResetModel()
        self.rows = rows
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._row_of = {(r.key, r.event_id): i for i, r in enumerate(self.rows)}

    def row_of(self, key: str, event_id: str) -> int | None:
        return self._row_of.get((key, event_id))

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.article, r.date, r.value, r.type, r.expression, r.label)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 5):
            return r.key if index.column() == 0 else r.label
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = list(self.rows)
        persistent = self.persistentIndexList()
        old_ref = [(old[i.row()].key, old[i.row()].event_id, i.column()) for i in persistent]
        self._sort = (column, order)
        self._sort_rows(column, order)
        self._reindex()
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of[(k, e)], c) for k, e, c in old_ref])
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        keys = {
            0: lambda r: (r.article.lower(), r.start),
            1: lambda r: r.start,  # stable sort: rows of one date keep the article order
            2: lambda r: r.value,
            3: lambda r: (r.type, r.start),
            4: lambda r: r.expression.lower(),
            5: lambda r: r.label.lower(),
        }
        self.rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)


class EventFilterProxy(QSortFilterProxyModel):
    """Filters rows by text, article, type and date range (computed in one pass per change)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.article: str | None = None
        self.type: str | None = None
        self.date_from: datetime | None = None
        self.date_to: datetime | None = None
        self._accepted: list[bool] | None = None

    def set_filters(self, *, text: str | None = None, article: str | None | bool = False,
                    type_: str | None | bool = False, date_from: datetime | None | bool = False,
                    date_to: datetime | None | bool = False) -> None:
        """Change some filters (``False`` leaves one as it is) and re-filter once."""
        if text is not None:
            self.text = text.strip().lower()
        if article is not False:
            self.article = article  # type: ignore[assignment]
        if type_ is not False:
            self.type = type_  # type: ignore[assignment]
        if date_from is not False:
            self.date_from = date_from  # type: ignore[assignment]
        if date_to is not False:
            self.date_to = date_to  # type: ignore[assignment]
        self.recompute()

    def recompute(self) -> None:
        model = self.sourceModel()
        rows: list[Row] = model.rows if isinstance(model, EventTableModel) else []
        words = self.text.split()
        lo = epoch_seconds(self.date_from) if self.date_from is not None else None
        hi = epoch_seconds(self.date_to) if self.date_to is not None else None
        acc: list[bool] = []
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9: announce the change before making it
            self.beginFilterChange()
        for r in rows:
            ok = (self.article is None or r.key == self.article) and (self.type is None or r.type == self.type)
            if ok and (lo is not None or hi is not None):
                ok = (lo is None or r.start >= lo) and (hi is None or r.start < hi)
            if ok and words:
                text = r.search_text()
                ok = all(w in text for w in words)
            acc.append(ok)
        self._accepted = acc
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateRowsFilter()

    def active(self) -> bool:
        return bool(self.text.split()) or self.article is not None or self.type is not None \
            or self.date_from is not None or self.date_to is not None

    def matches(self) -> set[tuple[str, str]] | None:
        """(entry key, event id) of the rows that pass, or None when nothing is filtered."""
        if not self.active() or self._accepted is None:
            return None
        model = self.sourceModel()
        rows: list[Row] = model.rows if isinstance(model, EventTableModel) else []
        return {(r.key, r.event_id) for r, ok in zip(rows, self._accepted) if ok}

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        acc = self._accepted
        return True if acc is None or source_row >= len(acc) else acc[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
            self.recompute()


class EventTable(QWidget):
    """Search field, filters and the table; selection is announced as :class:`Selection`."""

    selectionRequested = Signal(object)
    #: the filter or Find changed: the (entry key, event id) that pass, or None for all
    filterChanged = Signal(object)
    #: "dim" or "hide": what the timeline does with the events that do not pass
    filterModeChanged = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = EventTableModel(session, self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find events (Ctrl+F): words in the label, expression, value or article")
        self.search.setClearButtonEnabled(True)
        self.article = QComboBox()
        self.article.setMinimumContentsLength(14)
        self.article.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type = QComboBox()
        self.type.addItem("All types", None)
        for t in TimexType:
            self.type.addItem(str(t), str(t))
        self.use_dates = QCheckBox("From")
        self.date_from = QDateEdit(calendarPopup=True)
        self.date_to = QDateEdit(calendarPopup=True)
        for d in (self.date_from, self.date_to):
            d.setDisplayFormat("yyyy-MM-dd")
            d.setMinimumDate(QDate(1, 1, 1))
            d.setEnabled(False)
        self.date_from.setDate(QDate(2000, 1, 1))
        self.date_to.setDate(QDate.currentDate().addYears(1))
        self.count = QLabel()
        self.mode = QComboBox()
        self.mode.addItem("Dim the others", "dim")
        self.mode.addItem("Hide the others", "hide")
        self.mode.setToolTip("What the timeline (and an image export) does with the events the filter leaves out")
        self.mode.currentIndexChanged.connect(lambda _i: self.filterModeChanged.emit(self.mode.currentData()))
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in enumerate((160, 90, 110, 70, 130)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(lambda: self._apply(text=self.search.text()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.article.currentIndexChanged.connect(lambda _i: self._apply(article=self.article.currentData()))
        self.type.currentIndexChanged.connect(lambda _i: self._apply(type_=self.type.currentData()))
        self.use_dates.toggled.connect(self._dates_changed)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.addWidget(self.search, 3)
        bar.addWidget(self.article, 2)
        bar.addWidget(self.type)
        bar.addWidget(self.use_dates)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.date_to)
        bar.addWidget(self.count)
        bar.addWidget(self.mode)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._announce = True
        self._selection: Selection | None = None
        self.refresh()

    def set_session(self, session: Session) -> None:
        self._session = session
        self.model.set_session(session)
        self.refresh()

    def refresh(self) -> None:
        self.model.refresh()
        current = self.article.currentData()
        self.article.blockSignals(True)
        self.article.clear()
        self.article.addItem("All articles", None)
        for entry in self._session.entries:
            self.article.addItem(entry.article.title or entry.key, entry.key)
        idx = self.article.findData(current) if current is not None else 0
        self.article.setCurrentIndex(max(0, idx))
        self.article.blockSignals(False)
        self.proxy.set_filters(article=self.article.currentData())
        self._update_count()
        self.set_selection(self._selection)
        if self.proxy.active():
            self.filterChanged.emit(self.proxy.matches())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _apply(self, **filters: object) -> None:
        self.proxy.set_filters(**filters)  # type: ignore[arg-type]
        self._update_count()
        self.set_selection(self._selection)
        self.filterChanged.emit(self.proxy.matches())
        if "text" in filters and self.proxy.active() and self.proxy.rowCount() == 1:
            # Find with a single match selects it (and so shows it everywhere).
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _dates_changed(self, *_: object) -> None:
        on = self.use_dates.isChecked()
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        if on:
            f, t = self.date_from.date(), self.date_to.date()
            self._apply(date_from=datetime(f.year(), f.month(), f.day()),
                        date_to=datetime(t.year(), t.month(), t.day()) + timedelta(days=1))
        else:
            self._apply(date_from=None, date_to=None)

    def _update_count(self) -> None:
        self.count.setText(f"{self.proxy.rowCount():,} / {self.model.rowCount():,}")

    def set_selection(self, selection: Selection | None) -> None:
        """Select and show the selection's row, without announcing it."""
        self._selection = selection
        row = None
        if selection is not None:
            resolved = selection.resolve(self._session)
            if resolved is not None and resolved[1] is not None:
                row = self.model.row_of(selection.key, resolved[1].id)
        self._announce = False
        try:
            sm = self.view.selectionModel()
            if row is None:
                sm.clearSelection()
                return
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not proxy_index.isValid():  # filtered out
                sm.clearSelection()
                return
            sm.setCurrentIndex(proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                               | QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(proxy_index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._announce = True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._announce or not current.isValid():
            return
        source = self.proxy.mapToSource(current)
        r = self.model.rows[source.row()]
        self._selection = Selection(r.key, event=r.event_id)
        self.selectionRequested.emit(self._selection)
