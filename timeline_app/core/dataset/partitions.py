"""Cutting the inputs into partitions of about the same number of articles, in input order.

An input is a file (one article), a JSON-lines archive or a WARC file of pages (many). The process that
starts a run counts the articles of each archive (cheap next to extracting them: lines or
record headers) so that every article gets its position in the input order as its id, and a
partition is a contiguous run of them — possibly a slice of one big archive. A partition is
small and picklable (paths and numbers, never article text): each worker reads its own slice,
so nothing large crosses the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from .. import batch
from ..ingest import expand_inputs, jsonl, warc
from ..model import DCT, Mode

Kind = str  # "file" | "archive" | "missing"


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the user set for every article (``--dct``, ``--mode``), sent with each task."""

    dct: DCT | None = None
    mode: Mode | None = None


NO_OVERRIDES = Overrides()


@dataclass(frozen=True, slots=True)
class Source:
    """One input and how many articles it holds."""

    kind: Kind
    path: str
    count: int


@dataclass(frozen=True, slots=True)
class Slice:
    """Articles ``start``..``stop`` (exclusive) of one input; the first has id ``first_id``."""

    kind: Kind
    path: str
    start: int
    stop: int
    first_id: int


@dataclass(frozen=True, slots=True)
class Partition:
    number: int
    slices: tuple[Slice, ...]

    @property
    def size(self) -> int:
        return sum(s.stop - s.start for s in self.slices)


def plan_sources(inputs: Iterable[str | Path]) -> list[Source]:
    """The inputs in order (folders expanded as ``extract`` does), each with its article count.

    An archive's count is the number of units ``extract`` makes of it (:func:`batch.units_of`: its
    records or pages, and one error if it breaks off), so ids are ``extract``'s line numbers.
    """
    paths, missing = expand_inputs(inputs)
    out: list[Source] = []
    for path in paths:
        if jsonl.is_jsonl(path) or warc.is_warc(path):
            out.append(Source("archive", str(path), sum(1 for _ in batch.units_of(path))))
        else:
            out.append(Source("file", str(path), 1))
    # Missing inputs come last, as in ``extract``: one error row each.
    out.extend(Source("missing", m, 1) for m in missing)
    return out


def cut(sources: list[Source], partitions: int) -> list[Partition]:
    """At most ``partitions`` contiguous partitions of nearly equal size (never an empty one)."""
    total = sum(s.count for s in sources)
    if total == 0:
        return []
    n = max(1, min(partitions, total))
    bounds = [round(total * k / n) for k in range(n + 1)]
    out: list[Partition] = []
    for number in range(n):
        lo, hi = bounds[number], bounds[number + 1]
        out.append(Partition(number, tuple(_slices(sources, lo, hi))))
    return out


def _slices(sources: list[Source], lo: int, hi: int) -> Iterator[Slice]:
    first = 0
    for s in sources:
        a, b = max(lo, first), min(hi, first + s.count)
        if a < b:
            yield Slice(s.kind, s.path, a - first, b - first, a)
        first += s.count
        if first >= hi:
            return


def iter_slice(piece: Slice, given: Overrides = NO_OVERRIDES) -> Iterator[tuple[int, dict[str, Any]]]:
    """(id, article_json) for every article of a slice, in order; a bad article is an error row.

    Each article goes through :func:`batch.process_unit`, the function ``extract`` applies.
    """
    from ..formats.tabular import article_json

    if piece.kind == "missing":
        todo: Iterable[batch.Unit] = [batch.missing_unit(piece.path)]
    else:
        todo = islice(batch.units_of(Path(piece.path)), piece.start, piece.stop)
    for offset, unit in enumerate(todo):
        yield piece.first_id + offset, article_json(batch.process_unit(unit, given.dct, given.mode))
