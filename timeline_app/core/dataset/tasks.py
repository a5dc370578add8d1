"""What one task does, on a Dask worker or in this process: a partition's articles into its part files.

``extract --format parquet`` (no cluster) runs the same tasks one after the other, so both engines
write the same dataset.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .parquet import prepare, write_marker
from .part_writer import PartWriter
from .partitions import NO_OVERRIDES, Overrides, Partition, cut, iter_slice, plan_sources

ProgressFn = Callable[[int, int, str], None]
MARKER_INPUTS = 20


@dataclass
class RunSummary:
    articles: int = 0
    timexes: int = 0
    events: int = 0
    failed: int = 0  # articles with errors
    errors: list[str] = field(default_factory=list)
    workers: int = 0
    partitions: int = 0
    seconds: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker address → max RSS

    def add(self, result: dict[str, Any]) -> None:
        """Count one task's result in."""
        for key in ("articles", "timexes", "events", "failed"):
            setattr(self, key, getattr(self, key) + result[key])


def extract_partition(part: Partition, root: str, given: Overrides = NO_OVERRIDES) -> dict[str, Any]:
    """Run on a worker: one partition's articles into its part files; returns counts and errors."""
    writer = PartWriter(root, part.number)
    errors: list[tuple[int, str]] = []
    articles = failed = 0
    try:
        for piece in part.slices:
            for ordinal, article in iter_slice(piece, given):
                writer.add(ordinal, article)
                articles += 1
                if article["errors"]:
                    failed += 1
                    errors.extend((ordinal, e) for e in article["errors"])
        counts = writer.close()
    except BaseException:
        writer.abort()
        raise
    return {"partition": part.number, "articles": articles, "timexes": counts["timexes"],
            "events": counts["events"], "failed": failed, "errors": errors}


def run_local(inputs: Iterable[str | Path], output: str | Path, *, given: Overrides = NO_OVERRIDES,
              progress: ProgressFn | None = None) -> RunSummary:
    """The dataset written by this process alone (the same partitions and tasks as on a cluster)."""
    t0 = time.perf_counter()
    root = prepare(output).resolve()
    sources = plan_sources(inputs)
    total = sum(s.count for s in sources)
    parts = cut(sources, -(-total // 1000) or 1)
    summary = RunSummary(workers=1, partitions=len(parts))
    errors: list[tuple[int, str]] = []
    done = 0
    for part in parts:
        result = extract_partition(part, str(root), given)
        summary.add(result)
        errors.extend(result["errors"])
        done += result["articles"]
        if progress is not None:
            progress(done, total, f"partition {part.number}")
    summary.errors = [message for _, message in sorted(errors)]
    summary.peak_rss_mb = {"local": peak_rss_mb()}
    summary.seconds = time.perf_counter() - t0
    finish(root, "local", sources, summary)
    return summary


def finish(root: Path, engine: str, sources: list[Any], summary: RunSummary) -> None:
    # The first inputs name the run; a list of ten million files would make the marker a file of its own.
    write_marker(root, {"engine": engine, "inputs": [str(s.path) for s in sources[:MARKER_INPUTS]],
                        "input_count": len(sources),
                        "articles": summary.articles, "timexes": summary.timexes, "events": summary.events,
                        "failed": summary.failed, "partitions": summary.partitions})


def machine_cores() -> int:
    """The cores this process may use (a container's limit, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


