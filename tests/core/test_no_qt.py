"""The core never imports Qt: it must run headless and in other front ends."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import timeline_app.core


def test_core_imports_no_qt_module() -> None:
    # Every module of every subpackage (ingest/, timex/, lang/en/, formats/, project/, …), found by walking.
    modules = [m.name for m in pkgutil.walk_packages(timeline_app.core.__path__, "timeline_app.core.")]
    assert len(modules) >= 40
    assert {"timeline_app.core.ingest.reader", "timeline_app.core.lang.en.tense"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "import timeline_app.commands.extract, timeline_app.rules.loader\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'PyQt5', 'PyQt6', 'PySide2', 'pyqtgraph', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt modules imported by the core: {out.stdout.strip()}"

