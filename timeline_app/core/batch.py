"""Many inputs through the pipeline: units of work, one function per unit, and a pool of workers.

:func:`units` turns the command line's inputs (files, folders, JSON-lines archives, WARC files) into a
stream of small, picklable :class:`Unit` values in input order — one per article, an archive's
records read as the stream goes, so a million-line archive is never in memory at once.
:func:`process_unit` is the one "input → result" function; :func:`run` applies a function to
every unit in this process (``jobs=1``) or in worker processes, and yields the outputs **in
input order**, holding only a bounded number of units in flight. Workers load the rules once
each (forked from a parent that has them, or in the pool's initializer).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from . import ingest
from .ingest import jsonl, warc
from .model import DCT, ArticleResult, Mode
from .pipeline import process_article, process_file

Out = TypeVar("Out")
_CHUNK = 16  # units per task sent to a worker: fewer round trips, still a smooth stream
_AHEAD = 4  # tasks in flight per worker: enough to keep them busy, bounded memory


@dataclass(frozen=True, slots=True)
class Unit:
    """One article to process: a file, a record of an archive, or an input that is not there."""

    kind: str  # "file" | "record" | "page" | "missing" | "error"
    source: str
    record: jsonl.Record | None = None
    error: str | None = None
    page: warc.WarcPage | None = None  # an HTML page of a WARC file


def units(inputs: Iterable[str | Path]) -> Iterator[Unit]:
    """The articles of the inputs in order: folders expanded as ``extract`` does, archives record
    by record; inputs that do not exist come last, one error each (as they always have)."""
    paths, missing = ingest.expand_inputs(inputs)
    for path in paths:
        yield from units_of(path)
    for m in missing:
        yield missing_unit(m)


def units_of(path: Path) -> Iterator[Unit]:
    """The articles of one existing input: a file, or an archive's records or pages."""
    if jsonl.is_jsonl(path):
        yield from _archive(path)
    elif warc.is_warc(path):
        yield from _pages(path)
    else:
        yield Unit("file", str(path))


def missing_unit(name: str) -> Unit:
    return Unit("missing", name, error=f"{name}: no such file or folder")


def _archive(path: Path) -> Iterator[Unit]:
    try:
        for record in jsonl.iter_records(path):
            yield Unit("record", record.source, record=record)
    except ingest.IngestError as exc:  # unreadable, or a gzip stream that breaks off: one error
        yield Unit("error", str(path), error=str(exc))


def _pages(path: Path) -> Iterator[Unit]:
    try:
        for page in warc.iter_pages(path):
            yield Unit("page", page.source, page=page)
    except ingest.IngestError as exc:  # not a WARC file, or one that breaks off: one error
        yield Unit("error", str(path), error=str(exc))


def process_unit(unit: Unit, dct: DCT | None = None, mode: Mode | None = None) -> ArticleResult:
    """Ingest and analyse one unit; failures are on the result, never raised."""
    if unit.kind == "file":
        return process_file(unit.source, dct, mode)
    if unit.kind == "record" and unit.record is not None:
        record = unit.record
        return process_article(unit.source, lambda: jsonl.read_record(record), dct, mode)
    if unit.kind == "page" and unit.page is not None:
        return process_article(unit.source, unit.page.read, dct, mode)
    return ArticleResult(source=unit.source, article=None, errors=(unit.error or f"{unit.source}: unreadable",))


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- the pool ---------------------------------------------------------------------------------

_work: Callable[[Unit], Any] | None = None


def _start_worker(work: Callable[[Unit], Any]) -> None:
    """In each worker: Ctrl+C is the parent's to handle (it stops the pool), and the rules are
    loaded now, once, rather than by the first article."""
    global _work
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ..rules.loader import default_ruleset
    from .timex.dispatch import plan_for

    plan_for(default_ruleset())
    _work = work


def _run_chunk(chunk: list[Unit]) -> list[Any]:
    assert _work is not None
    return [_work(u) for u in chunk]


def run(work: Callable[[Unit], Out], todo: Iterable[Unit], jobs: int = 1) -> Iterator[Out]:
    """``work(unit)`` for every unit, in input order, in this process or ``jobs`` workers.

    ``work`` must be a module-level function (or a ``functools.partial`` of one) so that it can
    be sent to a worker. Leaving the iteration early (an exception, Ctrl+C) stops the workers.
    """
    if jobs <= 1:
        for unit in todo:
            yield work(unit)
        return
    # fork shares the loaded rules with the workers at no cost; where there is no fork
    # (Windows, macOS's default), each worker loads them in its initializer.
    method = "fork" if "fork" in mp.get_all_start_methods() and sys.platform != "darwin" else "spawn"
    pool = mp.get_context(method).Pool(jobs, initializer=_start_worker, initargs=(work,))
    try:
        pending: deque[Any] = deque()
        stream = iter(todo)
        while True:
            chunk = list(islice(stream, _CHUNK))
            if chunk:
                pending.append(pool.apply_async(_run_chunk, (chunk,)))
            while pending and (len(pending) >= jobs * _AHEAD or not chunk):
                yield from pending.popleft().get()
            if not chunk:
                break
        pool.close()
    finally:
        pool.terminate()
        pool.join()
