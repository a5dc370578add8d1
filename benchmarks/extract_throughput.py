"""Throughput of `extract` on 1,000 generated news-like articles of about 4 KB, on one core.

Prints articles/s, MB/s and peak memory. Target: at least 200 articles/s.
Run: python benchmarks/extract_throughput.py [--count N]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

from timeline_app.core.formats.tabular import to_json
from timeline_app.core.pipeline import process_file
from timeline_app.rules.loader import default_ruleset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), args.count)
        total_bytes = sum(p.stat().st_size for p in paths)
        default_ruleset()  # load rules once, as a long-running process would
        timings = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            results = [process_file(p) for p in paths]
            to_json(results, indent=None)
            timings.append(time.perf_counter() - t0)
        tracemalloc.start()
        results = [process_file(p) for p in paths]
        to_json(results, indent=None)
        _, peak_traced = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    best, median = min(timings), statistics.median(timings)
    timexes = sum(len(r.analysis.timexes) for r in results)
    events = sum(len(r.analysis.events) for r in results)
    print(f"articles: {args.count}, {total_bytes / 1e6:.2f} MB, {timexes} expressions, {events} events")
    print(f"median of {args.runs} runs: {median:.2f} s → {args.count / median:.0f} articles/s, "
          f"{total_bytes / 1e6 / median:.2f} MB/s (best {args.count / best:.0f} articles/s)")
    print(f"peak memory: {peak_traced / 1e6:.1f} MB traced by Python during one run, "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB max RSS of the process")
    print("target: >= 200 articles/s on one core")


if __name__ == "__main__":
    main()
