"""Saved web pages: publication date and whole `extract`, with htmldate alone side by side.

Prints pages/s and peak memory for (1) htmldate's extensive search alone
(``find_date(html, extensive_search=True, original_date=True)``), (2) the project's
publication date decision alone (parse, every candidate — htmldate's extensive search among
them — and the decision) and (3) the whole `extract` of each page (main text, dateline,
expressions, events), all in one run over the same pages, and the ratio (2)/(1): the
decision must cost at most twice htmldate's extensive search.

Run: python benchmarks/web_pages.py [PAGES_DIR] [--runs N]
(default PAGES_DIR: ../shared/corpora/webpages-dev/pages beside the checkout)
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

import htmldate

from timeline_app.core.ingest.encoding import decode
from timeline_app.core.ingest.html import HtmlError, publication_date_of
from timeline_app.core.pipeline import process_file
from timeline_app.rules.loader import default_ruleset

DEFAULT_PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "webpages-dev" / "pages"


def _htmldate(text: str) -> object:
    return htmldate.find_date(text, extensive_search=True, original_date=True)


def _decision(text: str) -> object:
    try:
        return publication_date_of(text)
    except HtmlError:
        return None


def _paired(a: Callable[[str], object], b: Callable[[str], object], items: list[str],
            runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Both measured in turn within each run, so that the load of a shared machine falls on
    both alike: ((median s, peak MB) of ``a``, the same of ``b``)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, out in ((a, times[0]), (b, times[1])):
            t0 = time.process_time()
            for item in items:
                fn(item)
            out.append(time.process_time() - t0)
    return ((statistics.median(times[0]), _peak(a, items)), (statistics.median(times[1]), _peak(b, items)))


def _peak(fn: Callable[[object], object], items: list[object]) -> float:
    """Peak MB traced by Python during one pass."""
    tracemalloc.start()
    for item in items:
        fn(item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def _timed(fn: Callable[[object], object], items: list[object], runs: int) -> tuple[float, float]:
    """(median CPU seconds of ``runs`` passes, peak traced MB of one more pass)."""
    timings = []
    for _ in range(runs):
        t0 = time.process_time()
        for item in items:
            fn(item)
        timings.append(time.process_time() - t0)
    tracemalloc.start()
    for item in items:
        fn(item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(timings), peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")  # dateutil's notes on unknown zone names, on every run
    paths = sorted(args.pages.glob("*.htm*"))
    texts = [decode(p.read_bytes()).text for p in paths]
    default_ruleset()
    for text in texts[:10]:  # warm up: imports, dateparser's locale tables, htmldate's caches
        _htmldate(text)
        _decision(text)
    n = len(paths)
    print(f"pages: {n} from {args.pages} ({sum(len(t) for t in texts) / 1e6:.1f} M characters); "
          f"median CPU time of {args.runs} runs (htmldate and the decision in turn in each run), "
          "peak memory traced by Python during one more run")
    alone, decision = _paired(_htmldate, _decision, texts, args.runs)
    rows = [("htmldate extensive search alone", alone),
            ("publication date decision (this project)", decision),
            ("whole extract (main text, DCT, expressions, events)", _timed(process_file, paths, max(1, args.runs - 2)))]
    for label, (seconds, peak) in rows:
        print(f"{label:52} {n / seconds:7.1f} pages/s  {seconds * 1000 / n:6.1f} ms/page  peak {peak:6.1f} MB")
    ratio = rows[1][1][0] / rows[0][1][0]
    print(f"decision / htmldate extensive search: {ratio:.2f}x the time (goal: at most 2x); the decision runs "
          "htmldate's extensive search itself, as one of its candidates")


if __name__ == "__main__":
    main()
