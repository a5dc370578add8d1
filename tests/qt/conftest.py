"""Fixtures for GUI tests: a main window with private settings, offscreen."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from timeline_app.qt.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings):  # type: ignore[no-untyped-def]
    from timeline_app.qt.main_window import MainWindow

    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.loader.cancel()
    w.loader.wait()


@pytest.fixture(autouse=True)
def _qt_objects_die_in_the_gui_thread(qapp):  # type: ignore[no-untyped-def]
    """Each GUI test's windows are deleted and its garbage collected before the next test, in this
    thread: no cycle collection in another thread (the suite's Dask and pool threads) and no
    window left over from one test painting during another."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    enabled = gc.isenabled()
    gc.disable()
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
    if enabled:
        gc.enable()
