"""``timeline-app extract``: DCT, time expressions and events as JSON, JSONL, CSV or TimeML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.formats import FORMATS
from ..core.formats.tabular import to_json
from ..core.ingest import expand_inputs
from ..core.pipeline import process_files, user_dct
from ..core.timex.story_time import MODE_CHOICES, user_mode
from . import extract_dataset
from .progress import ProgressLine
from .rules_check import rules_load


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="articles (.txt .md .html .tml) or folders")
    p.add_argument("--dct", metavar="YYYY-MM-DD", help="document creation time for every file "
                   "(overrides what is detected)")
    p.add_argument("--mode", choices=MODE_CHOICES, default="auto",
                   help="how each text's time is read: news (the DCT is its present), narrative (no "
                        "present: the story's own time) or auto (chosen per file, with the reason; default)")
    p.add_argument("--format", default="json", choices=sorted([*FORMATS, "parquet"]),
                   help="output format (default json); parquet writes a dataset folder (-o DATASET/) "
                        "that the app opens")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    extract_dataset.add_arguments(p)


def run(args: argparse.Namespace) -> int:
    dct = None
    if args.dct:
        try:
            dct = user_dct(args.dct)
        except ValueError:
            print(f"timeline-app extract: --dct {args.dct!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
            return 2
    problem = extract_dataset.check(args)
    if problem:
        print(f"timeline-app extract: {problem}", file=sys.stderr)
        return 2
    if not rules_load("extract"):
        return 2
    if args.engine == "dask" or args.format == "parquet":
        return extract_dataset.run(args, dct, user_mode(args.mode))
    paths, missing = expand_inputs(args.files)
    results = list(process_files(paths, dct=dct, progress=ProgressLine(), mode=user_mode(args.mode)))
    from ..core.model import ArticleResult

    results.extend(ArticleResult(source=m, article=None, errors=(f"{m}: no such file or folder",))
                   for m in missing)
    for r in results:
        for error in r.errors:
            print(error, file=sys.stderr)
    # Indented JSON for a person at a terminal; compact (and five times faster) for pipes and files.
    pretty = not args.output and sys.stdout.isatty()
    text = to_json(results, indent=2 if pretty else None) + "\n" if args.format == "json" else \
        FORMATS[args.format].write(results)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 2 if any(r.errors for r in results) else 0
