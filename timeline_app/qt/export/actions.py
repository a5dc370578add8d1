"""File › Export image… (Ctrl+E) and File › Export data… on the main window.

:class:`ExportActions` attaches to :class:`~timeline_app.qt.main_window.MainWindow` through its
File menu's export section (``add_file_actions("export", …)``), as the project actions do for
theirs. Images go through :class:`~timeline_app.qt.export.dialog.ExportImageDialog`; data is
written by the same writers as ``timeline-app extract --format`` (:data:`core.formats.FORMATS`)
from the session as it is now, corrections included.

Every question to the user goes through one small method (``choose_data_path``,
``show_error``), and the image dialog is made by ``image_dialog``, so tests drive them directly.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ...core.atomic import OutputError, write_text
from ...core.formats import FORMATS, format_of
from .dialog import ExportImageDialog
from .image import ImageOptions

if TYPE_CHECKING:
    from ..main_window import MainWindow

# File › Export data: format → (file filter, extension), from the one registry of formats.
DATA_FORMATS: dict[str, tuple[str, str]] = {
    f.name: (f"{f.label} (*{f.suffix})", f.suffix) for f in FORMATS.values() if f.in_menu}


def data_format_of(path: str | Path) -> str | None:
    """The data format a file name asks for, longest suffix first (``x.timeline.json``)."""
    found = format_of(str(path))
    return found.name if found else None


class ExportActions(QObject):
    """The export section of the File menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_options: ImageOptions | None = None
        self.image_action = QAction("Export &image…", window)
        self.image_action.setShortcut(QKeySequence("Ctrl+E"))
        self.image_action.setStatusTip("Save the timeline as PNG, SVG or PDF, with a title and a legend")
        self.image_action.triggered.connect(self.export_image)
        self.data_action = QAction("Export &data…", window)
        self.data_action.setStatusTip("Save the events as CSV, JSON, TimeML, iCalendar or TimelineJS")
        self.data_action.triggered.connect(self.export_data)
        window.add_file_actions("export", [self.image_action, self.data_action])

    # -- image ----------------------------------------------------------------------------------
    def image_dialog(self) -> ExportImageDialog:
        """The dialog for the window's session and timeline, with the options used last time."""
        w = self.window
        w.adapter.flush()  # the timeline shows the session as it is now
        options = self.last_options
        if options is None:
            options = ImageOptions(theme=w.timeline.theme.name)
        elif options.x_range is not None:
            options = options.with_view(w.timeline)  # "current view" means the view now
        options = options.with_filter_of(w.timeline)  # what the timeline dims or hides, the image does too
        return ExportImageDialog(w.session, w.timeline, w, options=options, start_dir=w.settings.last_dir())

    def export_image(self) -> Path | None:
        if not self.window.session.entries:
            self.show_error("There is nothing to export yet: open some articles first.")
            return None
        dialog = self.image_dialog()
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.last_options = replace(dialog.options())
        if accepted and dialog.written is not None:
            self.window.settings.set_last_dir(dialog.written.parent)
            self.window.statusBar().showMessage(f"Exported {dialog.written}", 5000)
            return dialog.written
        return None

    # -- data -----------------------------------------------------------------------------------
    def choose_data_path(self) -> tuple[Path, str] | None:
        """Ask for a file and a format (tests replace this)."""
        filters = {flt: fmt for fmt, (flt, _ext) in DATA_FORMATS.items()}
        start = str(Path(self.window.settings.last_dir()) / "events.csv")
        name, chosen = QFileDialog.getSaveFileName(self.window, "Export data", start, ";;".join(filters))
        if not name:
            return None
        fmt = filters.get(chosen) or data_format_of(name) or "csv"
        path = Path(name)
        if data_format_of(path) != fmt:
            path = path.with_name(path.name + DATA_FORMATS[fmt][1])
        return path, fmt

    def export_data(self) -> Path | None:
        if not self.window.session.entries:
            self.show_error("There is nothing to export yet: open some articles first.")
            return None
        chosen = self.choose_data_path()
        if chosen is None:
            return None
        path, fmt = chosen
        try:
            left_out = write_data(self.window, path, fmt)
        except Exception as exc:  # noqa: BLE001 - every failure is said, never a silent nothing
            self.report_failure(path, exc)
            return None
        self.window.settings.set_last_dir(path.parent)
        note = f" ({left_out} events left out by the filter)" if left_out else ""
        self.window.statusBar().showMessage(f"Exported {path}{note}", 5000)
        return path

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self.window, "Export", message)

    def report_failure(self, path: Path, exc: Exception) -> None:
        """A failed export: a Problems entry that stays, and a dialog now."""
        why = str(exc) if isinstance(exc, (OutputError, OSError, ValueError)) else f"{type(exc).__name__}: {exc}"
        self.window.add_problems([f"export to {path} failed: {why}"])
        self.show_error(f"Could not write {path}:\n{why}")


def write_data(window: MainWindow, path: Path, fmt: str) -> int | None:
    """The window's session, corrections included, in one of the extract formats.

    With the events table's filter (or Find) active, only the events it keeps are written — data
    cannot be dimmed, so dimming and hiding alike leave the others out. Returns how many events
    were left out that way (None without a filter).
    """
    matches, _mode = window.timeline.filter()
    results = window.session.results(only=matches)
    text = FORMATS[fmt].write(results)
    left_out = None
    if matches is not None:
        left_out = sum(len(e.analysis.events) for e in window.session.entries) - \
            sum(len(r.analysis.events) for r in results)
    # Bytes as written (iCalendar's CRLF line ends stay), whole or not at all.
    write_text(path, text)
    return left_out
