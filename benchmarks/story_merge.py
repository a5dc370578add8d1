"""Time of merging the events of many articles into story events, and its peak memory.

Two corpora:
- ``--count N`` generated news-like articles, extracted once through the real pipeline
  (default 1,000 articles, about 7,800 events). Target: under 2 s.
- ``--events N`` analysed articles built directly, 100 events each, whose sentences draw on a
  few shared words with random dates near each article's (the worst case: every pair of reports
  shares something; 100,000 events once took minutes and gigabytes).

The figure is the merge alone (members, TF-IDF, candidate pairs, clustering, dating), the median
of several runs, with the process's peak memory (maximum resident set size) after them.
Run: python benchmarks/story_merge.py [--count N | --events N] [--runs R]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from synthetic import synthetic_result

from timeline_app.core.model import ArticleResult
from timeline_app.core.pipeline import process_file
from timeline_app.core.stories import members_of_results, merge


def corpus(args: argparse.Namespace) -> list[ArticleResult]:
    if args.events:
        rng = random.Random(7)
        return [synthetic_result(i, 100, rng) for i in range(max(1, args.events // 100))]
    with tempfile.TemporaryDirectory() as tmp:
        return [process_file(p) for p in write_corpus(Path(tmp), args.count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000, help="generated articles, extracted")
    parser.add_argument("--events", type=int, default=0, help="synthetic events instead (100 an article)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = corpus(args)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timings, cpu = [], []
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        stories = merge(members_of_results(results))
        timings.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    events = sum(len(r.analysis.events) for r in results)
    shared = [s for s in stories if s.sources > 1]
    print(f"articles: {len(results)}, events: {events}, story events of several sources: {len(shared)} "
          f"(largest: {max((s.sources for s in shared), default=0)} sources)")
    print(f"merge: median {statistics.median(timings):.2f} s, best {min(timings):.2f} s over {args.runs} runs "
          f"(processor time: median {statistics.median(cpu):.2f} s)")
    print(f"peak memory (max RSS): {peak:.0f} MB, of which the corpus before merging {before:.0f} MB")
    print("target: < 2 s for 1,000 articles")


if __name__ == "__main__":
    main()
