"""Help › Keyboard shortcuts and Help › About."""

from __future__ import annotations

from html import escape

import pyqtgraph as pg
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from .. import __version__

#: Keys handled by the timeline itself (menu shortcuts are listed from the menus).
TIMELINE_KEYS: tuple[tuple[str, str], ...] = (
    ("Mouse wheel", "Zoom time around the cursor"),
    ("Drag", "Pan (time and lanes)"),
    ("Double-click", "Fit everything"),
    ("Shift+wheel / Page Up, Page Down", "Scroll lanes"),
    ("Ctrl+wheel", "Lane height"),
    ("Right-drag", "Zoom time"),
    ("← / →", "Previous / next event in the lane"),
    ("↑ / ↓", "Nearest event in the lane above / below"),
    ("Shift+← / Shift+→", "Pan"),
    ("Click an expression in the article", "Select its event and centre the timeline on it"),
    ("Drop files or folders on the window", "Open them (folders recursively)"),
)


def shortcuts_html(menu_shortcuts: list[tuple[str, str]]) -> str:
    def rows(pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> str:
        return "".join(f"<tr><td style='padding-right:16px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                       for k, v in pairs)
    return (f"<h3>Menus</h3><table>{rows(menu_shortcuts)}</table>"
            f"<h3>Timeline</h3><table>{rows(TIMELINE_KEYS)}</table>")


class ShortcutsDialog(QDialog):
    def __init__(self, menu_shortcuts: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.browser = QTextBrowser()
        self.browser.setHtml(shortcuts_html(menu_shortcuts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 620)


def about_html() -> str:
    return (f"<h2>timeline-app {escape(__version__)}</h2>"
            "<p>Turns news articles into timelines: it reads each article's dateline, finds its time "
            "expressions, resolves them to TIMEX3 values with the reasoning shown, and draws the events "
            "on a zoomable timeline linked to the text.</p>"
            f"<p>Qt {escape(qVersion())} · PySide6 {escape(pyside_version)} · pyqtgraph {escape(pg.__version__)}</p>")


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About timeline-app", about_html())
