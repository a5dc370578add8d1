"""A time limit per file, so that one file that never ends cannot stop a run.

The limit is a ``SIGALRM`` timer: it interrupts the Python code working on the file wherever it
is (a C call such as one parse finishes first) and raises :class:`TimeLimitExceeded`, which the
pipeline turns into that file's error line. Signals reach only the main thread, so elsewhere
(the GUI's loader thread, platforms without ``setitimer``) this is a no-op: the GUI runs its
files in a separate process it can stop instead (:mod:`timeline_app.qt.file_loading`).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

FILE_TIME_LIMIT_S = 120.0  # a 20 MB article takes well under a minute on a slow machine


class TimeLimitExceeded(Exception):
    """Raised inside the work on one file when its time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"took longer than {seconds:g} s, the limit for one file")


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block once ``seconds`` have passed (main thread only)."""
    if not seconds or not _usable():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's timer was running: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - seconds, 0.001))
