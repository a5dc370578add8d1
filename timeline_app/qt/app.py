"""The QApplication: names (for QSettings), high-DPI policy, theme (system, light or dark)."""

from __future__ import annotations

import gc
import sys

from pyqtgraph.util.garbage_collector import GarbageCollector
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from .. import __version__
from ..resources import resource_path
from .settings import APPLICATION, ORGANIZATION
from .theme import dark_palette

_system_palette: QPalette | None = None


_COLLECTOR: GarbageCollector | None = None


def create_app(argv: list[str] | None = None) -> QApplication:
    """The application object (the existing one when there is one, as under pytest-qt)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scale factors (125 %, 150 %) as the screen reports them: crisp text, no rounding jumps.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Timeline")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.timeline_app.Timeline")  # packaging/*.desktop
    icon = _icon()
    if icon is not None:
        app.setWindowIcon(icon)
    style = resource_path("styles", "app.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    # Python's cycle collector may run in whichever thread allocates (the loader's, the archive
    # search's pool threads) and free Qt wrappers there, which Qt does not survive: collect on a
    # GUI-thread timer instead, as pyqtgraph recommends.
    global _COLLECTOR
    _COLLECTOR = GarbageCollector(interval=1.0)
    return app


def hold_collection(held: bool) -> None:
    """Pause (or resume) the GUI-thread collector while a worker builds a large, long-lived
    structure (the stories of 100,000 events): each pass would walk everything the worker made
    since the last one, 100 ms or more of the GUI thread a second. On resume what survived is
    frozen (gc.freeze: it is kept, as the session keeps it, and no later pass walks it again);
    the stories hold no reference cycles, so nothing is kept that a pass would have freed."""
    if _COLLECTOR is None:
        return
    if held:
        _COLLECTOR.timer.stop()
    else:
        gc.freeze()
        _COLLECTOR.timer.start()


def _icon() -> QIcon | None:
    """The app icon from the rendered PNG sizes (no SVG plugin needed), else the SVG."""
    try:
        folder = resource_path("icons")
    except FileNotFoundError:
        return None
    icon = QIcon()
    for png in sorted(folder.glob("timeline-app-*.png")):
        icon.addFile(str(png))
    if icon.isNull() and (folder / "timeline-app.svg").is_file():
        icon = QIcon(str(folder / "timeline-app.svg"))
    return None if icon.isNull() else icon


def apply_theme(name: str) -> None:
    """``system`` follows the desktop; ``light``/``dark`` force Fusion with a fixed palette.

    Views that follow the palette (the default) update through their palette-change events.
    """
    global _system_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    if name == "dark":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    elif name == "light":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(app.style().standardPalette())
    else:
        app.setPalette(_system_palette)
    # A style sheet freezes the palette widgets were polished with: re-polish them all.
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet("")
        app.setStyleSheet(sheet)
