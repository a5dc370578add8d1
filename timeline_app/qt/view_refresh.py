"""Bringing the window's views up to date one view per event-loop turn.

Refreshing every view at once after a burst of changes costs a few hundred milliseconds when a
thousand articles are loaded, and the window cannot answer a click meanwhile. A
:class:`ViewRefresh` holds the views' refresh steps in order; :meth:`ViewRefresh.request` marks
them due and runs one due step per turn of the event loop (a zero-time timer), so input and
painting get their turn between steps. :meth:`ViewRefresh.flush` runs what is due at once
(tests, saving, the end of a synchronous refresh).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer


@dataclass
class _Step:
    name: str
    run: Callable[[], None]
    heavy: bool  # done only when asked for (the costly views, rate-limited while loading)


class ViewRefresh(QObject):
    """Ordered refresh steps, run one per event-loop turn once requested."""

    def __init__(self, parent: QObject | None = None, *, done: Callable[[float], None] | None = None) -> None:
        super().__init__(parent)
        self._steps: list[_Step] = []
        self._due: set[str] = set()
        self._spent = 0.0  # seconds spent in the steps since the pass began
        self._at = 0  # where the pass goes on: the index of the step after the last one run
        self._done = done  # told the seconds a whole pass took, when nothing is due any more
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_next)

    def add(self, name: str, run: Callable[[], None], *, heavy: bool = False) -> None:
        self._steps.append(_Step(name, run, heavy))

    def request(self, *, heavy: bool = True) -> None:
        """Mark every step due (the heavy ones only with ``heavy``) and start running them."""
        self._due.update(s.name for s in self._steps if heavy or not s.heavy)
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        return bool(self._due)

    def due(self) -> set[str]:
        return set(self._due)

    def flush(self) -> None:
        """Run every due step now, in order."""
        self._timer.stop()
        while self._run_one():
            pass

    def _run_next(self) -> None:
        if self._run_one():
            self._timer.start()

    def _run_one(self) -> bool:
        """Run the next due step in order, going on from the last one run (a step asked for again
        meanwhile waits for the others' turn: new arrivals cannot starve the later views); False
        when none was due."""
        n = len(self._steps)
        at = next((k for k in range(n) if self._steps[(self._at + k) % n].name in self._due), None)
        if at is None:
            return False
        index = (self._at + at) % n
        if index < self._at:  # wrapped round: a whole pass is over
            self._pass_over()
        step = self._steps[index]
        self._due.discard(step.name)
        self._at = index + 1
        t0 = time.perf_counter()
        try:
            step.run()
        finally:
            self._spent += time.perf_counter() - t0
            if self._at == n or not self._due:
                self._pass_over()
                self._at = 0
        return True

    def _pass_over(self) -> None:
        spent, self._spent = self._spent, 0.0
        if self._done is not None and spent:
            self._done(spent)
