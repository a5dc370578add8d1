"""``timeline-app eval-dct PAGES_DIR DATES.json``: how often the detected DCT is the right day.

Prints right / wrong / none over the pages listed in DATES.json (``{"NAME.html": {"date":
"YYYY-MM-DD"}}``), then each wrong page (and, with ``--none``, each page without a date) with
the chosen value, the reason, and every candidate the decision weighed with its verdict.
Exit status 0 when the dates file was read, 2 when it could not be.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..core.evaluation.dct import GoldError, PageScore, read_gold, score_pages
from .progress import ProgressLine


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pages", type=Path, metavar="PAGES_DIR", help="folder holding the saved pages")
    parser.add_argument("dates", type=Path, metavar="DATES.json",
                        help='{"NAME.html": {"date": "YYYY-MM-DD"}, ...}: the publication dates')
    parser.add_argument("--none", action="store_true", help="also list the pages that got no date")
    parser.add_argument("--quiet", action="store_true", help="print only the totals")


def run(args: argparse.Namespace) -> int:
    try:
        gold = read_gold(args.dates)
    except GoldError as exc:
        print(f"timeline-app eval-dct: {exc}", file=sys.stderr)
        return 2
    scores = list(score_pages(args.pages, gold, ProgressLine()))
    report(scores, sys.stdout, listed=("wrong", "none") if args.none else ("wrong",), quiet=args.quiet)
    return 0


def report(scores: list[PageScore], out: TextIO, listed: tuple[str, ...] = ("wrong",), quiet: bool = False) -> None:
    counts = {k: sum(1 for s in scores if s.outcome == k) for k in ("right", "wrong", "none")}
    n = len(scores) or 1
    if not quiet:
        for s in scores:
            if s.outcome in listed:
                _page(s, out)
    print(f"pages: {len(scores)}  right: {counts['right']} ({100 * counts['right'] / n:.1f} %)  "
          f"wrong: {counts['wrong']}  none: {counts['none']}", file=out)


def _page(s: PageScore, out: TextIO) -> None:
    got = "no date" if s.dct is None else s.dct.value + (s.dct.utc_offset or "")
    print(f"{s.outcome.upper()} {s.name}: gold {s.gold}, got {got}", file=out)
    if s.error:
        print(f"    {s.error}", file=out)
    if s.dct is None:
        return
    print(f"    {s.dct.origin}, confidence {s.dct.confidence:.2f}: {s.dct.reason}", file=out)
    for c in s.dct.candidates:
        value = c.value + (c.utc_offset or "")
        print(f"    - {value:22} {c.origin!s:12} {c.kind:11} {c.strength:.2f}  {c.source[:70]}  → {c.verdict}",
              file=out)
