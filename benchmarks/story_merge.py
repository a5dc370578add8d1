"""Time of merging the events of 1,000 generated news-like articles into story events.

The articles are extracted once; the figure is the merge alone (members, TF-IDF, candidate pairs,
clustering, dating), the median of several runs. Target: under 2 s for 1,000 articles.
Run: python benchmarks/story_merge.py [--count N] [--runs R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

from timeline_app.core.pipeline import process_file
from timeline_app.core.stories import members_of_results, merge


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [process_file(p) for p in write_corpus(Path(tmp), args.count)]
    timings, cpu = [], []
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        stories = merge(members_of_results(results))
        timings.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    events = sum(len(r.analysis.events) for r in results)
    shared = [s for s in stories if s.sources > 1]
    print(f"articles: {args.count}, events: {events}, story events of several sources: {len(shared)} "
          f"(largest: {max((s.sources for s in shared), default=0)} sources)")
    print(f"merge: median {statistics.median(timings):.2f} s, best {min(timings):.2f} s over {args.runs} runs "
          f"(processor time: median {statistics.median(cpu):.2f} s)")
    print("target: < 2 s for 1,000 articles")


if __name__ == "__main__":
    main()
