"""Reading functions for the loader's child process in tests (module level: they are pickled)."""

from __future__ import annotations

import os
import time

from timeline_app.core.model import ArticleResult
from timeline_app.core.reading_process import read_path


def slow_read(path: str) -> ArticleResult:
    time.sleep(0.02)  # a slow disk: cancelling must stop before the end
    return read_path(path)


def endless_read(path: str) -> ArticleResult:
    """A file whose reading never ends unless its name says otherwise."""
    if "endless" in os.path.basename(path):
        while True:
            time.sleep(0.01)
    return read_path(path)


def crashing_read(path: str) -> ArticleResult:
    """A file that kills its reading process (a crash in a C library, the kernel's OOM killer)."""
    if "crash" in os.path.basename(path):
        os._exit(70)
    if "greedy" in os.path.basename(path):
        hog = bytearray(8 * 1024**3)  # more than the reading process may have
        return ArticleResult(source=path, article=None, errors=(f"allocated {len(hog)}",))
    return read_path(path)
