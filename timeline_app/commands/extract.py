"""``timeline-app extract``: DCT, time expressions and events as JSON, JSONL, CSV or TimeML.

JSON Lines and CSV are written article by article as the results come, so memory stays flat
however many inputs there are; the other formats need every article at the end (JSON lists the
stories the articles share). Stories need every article too: streamed CSV keeps each event's
story members (a few strings an event) and appends one row per story event at the end, once all
articles are in; there the event rows' ``story`` column is empty, and each story row's
``members`` names its events (``aN:eM``). ``-j N`` runs N worker processes; the output is in input order and
the same bytes as with ``-j 1``. With ``-o`` the output goes to a temporary file renamed into
place at the end, so an interrupted run leaves no half-written file.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import TextIO

from ..core import batch
from ..core.atomic import OutputError, atomic_path
from ..core.formats import FORMATS
from ..core.formats.tabular import CSV_COLUMNS, article_json, csv_rows, story_rows, to_json
from ..core.model import DCT, ArticleResult, Mode
from ..core.pipeline import split_projects, user_dct
from ..core.project.store import project_results
from ..core.stories import Member, members_of, merge, merged
from ..core.timex.story_time import MODE_CHOICES, user_mode
from . import extract_dataset
from .progress import ProgressLine
from .rules_check import rules_load


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="articles (.txt .md .html .tml), folders, JSON-lines archives (.jsonl, .jsonl.gz: "
                        "one article a line, with text and optionally id, title, url, dct), or .timeline "
                        "projects (read with their corrections)")
    p.add_argument("--dct", metavar="YYYY-MM-DD", help="document creation time for every file "
                   "(overrides what is detected)")
    p.add_argument("--mode", choices=MODE_CHOICES, default="auto",
                   help="how each text's time is read: news (the DCT is its present), narrative (no "
                        "present: the story's own time) or auto (chosen per file, with the reason; default)")
    p.add_argument("--format", default="json", choices=sorted([*FORMATS, "parquet"]),
                   help="output format (default json); parquet writes a dataset folder (-o DATASET/) "
                        "that the app opens; csv and jsonl are written article by article, and csv of "
                        "several articles ends with one row per story event (its members as aN:eM; the "
                        "event rows' story column stays empty, stories need every article)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    p.add_argument("-j", "--jobs", type=int, metavar="N", default=None,
                   help=f"worker processes (default: one per core, here {batch.default_jobs()}; 1 runs in "
                        "this process)")
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
    jobs = args.jobs if args.jobs is not None else batch.default_jobs()
    if jobs < 1:
        print("timeline-app extract: -j must be at least 1", file=sys.stderr)
        return 2
    mode = user_mode(args.mode)
    files, projects = split_projects(args.files)
    try:
        with _output(args.output) as out:
            failed = _write(args.format, batch.units(files), out, jobs, dct, mode,
                            pretty=not args.output and sys.stdout.isatty(),
                            projects=[r for p in projects for r in project_results(p)])
    except OutputError as exc:  # a full disk, a missing folder, a folder as -o: one line
        print(f"timeline-app extract: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        where = f"; {args.output} was not written" if args.output else ""
        print(f"timeline-app extract: interrupted{where}", file=sys.stderr)
        return 130
    return 2 if failed else 0


# Work done in the workers (module level, so that a worker can be sent them): the article's
# errors and its output, already formatted, so the parent only writes.
def _as_jsonl(unit: batch.Unit, dct: DCT | None, mode: Mode | None) -> tuple[tuple[str, ...], str]:
    result = batch.process_unit(unit, dct, mode)
    return result.errors, json.dumps(article_json(result), ensure_ascii=False) + "\n"


def _as_csv(unit: batch.Unit, dct: DCT | None,
            mode: Mode | None) -> tuple[tuple[str, ...], str, tuple[Member, ...]]:
    """The article's rows, and its events as story members (numbered in the parent, which knows
    the article's place in the input)."""
    result = batch.process_unit(unit, dct, mode)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writerows(csv_rows([result]))
    return result.errors, buffer.getvalue(), _members(result)


def _members(result: ArticleResult) -> tuple[Member, ...]:
    if result.article is None:
        return ()
    return tuple(members_of(result.source, 0, result.article, result.analysis))


def _as_result(unit: batch.Unit, dct: DCT | None, mode: Mode | None) -> tuple[tuple[str, ...], ArticleResult]:
    result = batch.process_unit(unit, dct, mode)
    return result.errors, result


def _write(fmt: str, units: Iterator[batch.Unit], out: TextIO, jobs: int, dct: DCT | None,
           mode: Mode | None, pretty: bool, projects: list[ArticleResult] | None = None) -> bool:
    """Process every unit and write the output, then the articles of ``projects`` (``.timeline``
    files given, read with their corrections); True when any article failed."""
    projects = projects or []
    for r in projects:
        _report(r.errors)
    failed = False
    progress = ProgressLine()
    if fmt in ("jsonl", "csv"):
        if fmt == "csv":
            csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n").writeheader()
        work = partial(_as_jsonl if fmt == "jsonl" else _as_csv, dct=dct, mode=mode)
        members: list[Member] = []
        n = -1
        for n, (errors, text, *mine) in enumerate(batch.run(work, units, jobs)):
            progress(n, -1, "")
            _report(errors)
            failed = failed or bool(errors)
            out.write(text)
            if mine:  # CSV: the article is the (n+1)th of the input
                members.extend(replace(m, position=n + 1) for m in mine[0])
        progress(0, 0, "")
        for k, r in enumerate(projects, start=n + 2):
            if fmt == "jsonl":
                out.write(json.dumps(article_json(r), ensure_ascii=False) + "\n")
            else:
                csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                               lineterminator="\n").writerows(csv_rows([r]))
                members.extend(replace(m, position=k) for m in _members(r))
        if fmt == "csv" and n + 1 + len(projects) > 1:  # the stories, once every article is in
            csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                           lineterminator="\n").writerows(story_rows(merged(merge(members))))
        return failed or any(r.errors for r in projects)
    results: list[ArticleResult] = []
    for n, (errors, result) in enumerate(batch.run(partial(_as_result, dct=dct, mode=mode), units, jobs)):
        progress(n, -1, result.source)
        _report(errors)
        results.append(result)
    progress(0, 0, "")
    results.extend(projects)
    # Indented JSON for a person at a terminal; compact (and five times faster) for pipes and files.
    out.write(to_json(results, indent=2 if pretty else None) + "\n" if fmt == "json" else
              FORMATS[fmt].write(results))
    return any(r.errors for r in results)


def _report(errors: tuple[str, ...]) -> None:
    for error in errors:
        print(error, file=sys.stderr)


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or a temporary file beside ``path`` renamed to it when all went well
    (removed otherwise: an interrupted run, a full disk or a failed write leaves the old file as it
    was and no half-written one; see :mod:`timeline_app.core.atomic`)."""
    if not path:
        yield sys.stdout
        return
    with atomic_path(path) as temp, open(temp, "w", encoding="utf-8", newline="",
                                         errors="backslashreplace") as handle:
        yield handle
