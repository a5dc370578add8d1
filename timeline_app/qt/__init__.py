"""The desktop app: Qt widgets over :class:`timeline_app.core.session.Session`.

Views only subscribe to the session (through :mod:`.session_adapter`) and to the shared
:mod:`.selection`; they never compute dates. :class:`.timeline_view.TimelineView` is usable
without the main window (for image export).

Importing this package first runs :func:`guard_singleton_refcounts`, see there.
"""

from __future__ import annotations

import ctypes
import sys

_GUARD = 1 << 40


def _none_leak_per_call() -> int:
    """How many references to None one void PySide6 call drops (0 on a sound build)."""
    from PySide6.QtCore import QRectF

    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(64):
        rect.setWidth(1.0)
    return round((before - sys.getrefcount(None)) / 64)


def guard_singleton_refcounts() -> bool:
    """Work around PySide6 6.12.0's abi3 wheel on Python 3.11: returns None/True/False unowned.

    That build returns ``None`` from every void method (and ``True``/``False`` from some
    predicates) without taking a reference, as is correct only on Python >= 3.12 where these
    objects are immortal. On 3.11 each call steals one reference, and after some thousands of
    paint calls Python aborts with "Fatal Python error: none_dealloc". The objects are
    statically allocated and never freed, so giving them a huge reference count makes them
    immortal as 3.12 does and the stolen references harmless. Applied only when a probe shows
    the leak; returns whether it was applied.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if _none_leak_per_call() <= 0:
        return False
    for obj in (None, True, False, NotImplemented, Ellipsis):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is PyObject's first field
        if refcnt.value < _GUARD:
            refcnt.value += _GUARD
    return True


guard_singleton_refcounts()
