"""A progress line on stderr for long CLI runs, only when stderr is a terminal (pipes stay clean)."""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressLine:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        if total < 0:  # a stream of unknown length (archives): a count
            self.stream.write(f"\r\x1b[K[{done + 1}] {name[-60:]}")
        elif done >= total:
            self.stream.write("\r\x1b[K")
        else:
            self.stream.write(f"\r\x1b[K[{done + 1}/{total}] {name[-60:]}")
        self.stream.flush()
