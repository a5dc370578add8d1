"""The problems list: files that could not be loaded (or loaded with errors), with the reason.

It lives in a non-modal dock; the main window raises it when new problems arrive.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


class ProblemsPanel(QWidget):
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        copy = QPushButton("Copy")
        copy.clicked.connect(self.copy)
        clear = QPushButton("Clear")
        clear.clicked.connect(self.cleared)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(copy)
        buttons.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def set_problems(self, problems: list[str]) -> None:
        self.list.clear()
        for problem in problems:
            item = QListWidgetItem(problem)
            item.setToolTip(problem)
            self.list.addItem(item)

    def problems(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.problems()))
