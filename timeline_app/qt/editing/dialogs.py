"""Small dialogs for corrections: set a DCT, edit a value, add an event.

Each validates as the user types, with the session's own check
(:func:`~timeline_app.core.session.value_problem`: TIMEX3 syntax, and placeability where an event
needs it), and shows how the value reads, so a wrong value is caught before it reaches the session.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.lang.en.dates import human
from ...core.model import TimexType
from ...core.session import value_problem
from ...core.values import parse_value


class DctDialog(QDialog):
    """Pick the article's document creation time (a date, optionally a time)."""

    def __init__(self, title: str, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set document creation time")
        self.date = QDateEdit(calendarPopup=True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(QDate(1, 1, 1))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.with_time = QCheckBox("Time of day")
        self.time.setEnabled(False)
        self.with_time.toggled.connect(self.time.setEnabled)
        parsed = parse_value(current) if current else None
        start = parsed[0].start if parsed else None
        self.date.setDate(QDate(start.year, start.month, start.day) if start else QDate.currentDate())
        if current and "T" in current and start is not None:
            self.with_time.setChecked(True)
            self.time.setTime(QTime(start.hour, start.minute))
        form = QFormLayout()
        form.addRow("Article", QLabel(title))
        form.addRow("Current DCT", QLabel(current or "none"))
        form.addRow("Date", self.date)
        form.addRow(self.with_time, self.time)
        hint = QLabel("Every relative expression (“on Tuesday”, “last month”) is re-resolved against it.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def value(self) -> str:
        d = self.date.date()
        value = f"{d.year():04d}-{d.month():02d}-{d.day():02d}"
        if self.with_time.isChecked():
            t = self.time.time()
            value += f"T{t.hour():02d}:{t.minute():02d}"
        return value


class ValueDialog(QDialog):
    """Type a TIMEX3 value; OK is enabled only for a valid one (and a placeable one if required)."""

    def __init__(self, title: str, expression: str, current: str | None, type_: TimexType | None,
                 parent: QWidget | None = None, *, placeable: bool = False, label: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._type = type_
        self._placeable = placeable
        self.edit = QLineEdit(current or "")
        self.edit.setPlaceholderText("2016-06-28, 2014-12, 2016-W26, 2015-Q3, 199, 2016-06-27TNI, P18M, PAST_REF …")
        self.preview = QLabel()
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label_edit: QLineEdit | None = None
        form = QFormLayout()
        form.addRow("Expression", QLabel(f"“{expression}”"))
        if type_ is not None:
            form.addRow("Type", QLabel(str(type_)))
        # A calendar beside the TIMEX3 field: picking a day writes it as a value (2016-06-28).
        self.date = QDateEdit(calendarPopup=True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(QDate(1, 1, 1))
        self.date.setToolTip("Pick a day: the value becomes that date")
        parsed = parse_value(current) if current else None
        start = parsed[0].start if parsed is not None else None
        self.date.setDate(QDate(start.year, start.month, start.day) if start is not None else QDate.currentDate())
        self.date.dateChanged.connect(lambda d: self.edit.setText(d.toString("yyyy-MM-dd")))
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.date)
        form.addRow("Value", row)
        form.addRow("", self.preview)
        if label is not None:
            self.label_edit = QLineEdit(label)
            form.addRow("Label", self.label_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._check)
        self._check()
        self.resize(520, self.sizeHint().height())

    def problem(self) -> str | None:
        """Why the typed value cannot be used, or None when it can (the session's own check)."""
        return value_problem(self.value(), self._type, placeable=self._placeable)

    def _check(self) -> None:
        problem = self.problem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
        if problem is None:
            parsed = parse_value(self.value())
            reading = human(self.value())
            if parsed is not None:
                interval = parsed[0]
                reading += f"   [{interval.start:%Y-%m-%d %H:%M} → {interval.end:%Y-%m-%d %H:%M})"
            self.preview.setText(reading)
            self.edit.setStyleSheet("")
        else:
            self.preview.setText(problem)
            self.edit.setStyleSheet("QLineEdit { border: 1px solid #d9534f; }")

    def value(self) -> str:
        return self.edit.text().strip()

    def label(self) -> str | None:
        return self.label_edit.text().strip() or None if self.label_edit is not None else None
