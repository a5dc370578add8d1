"""``timeline-app eval GOLD...``: TempEval-3 task A scores of the tagger on TimeML gold files.

Prints one table (a row per document with ``--per-doc``, a row per argument when several are
given, and the total), then the errors grouped by kind with their most frequent strings and up
to ``--errors N`` examples each. ``--json`` prints the same as one JSON object instead.
Exit status 0 when every file was scored, 2 when a file could not be parsed or tagged (the
others are still scored and shown).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import PurePath
from typing import TextIO

from ..core.evaluation.corpus import CorpusResult, ErrorCase, ErrorKind, EvalSettings, evaluate_paths
from ..core.evaluation.scoring import Counts, measures
from ..core.model import TimeExpression
from ..core.timex.story_time import MODE_CHOICES, user_mode
from .rules_check import rules_load

NAME_WIDTH = 34


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="GOLD_DIR_OR_FILE",
                        help="TimeML .tml files, or folders searched recursively for them")
    parser.add_argument("--per-doc", action="store_true", help="add a table row per document")
    parser.add_argument("--errors", type=int, default=10, metavar="N",
                        help="examples to list per error kind (default 10; 0 lists only counts)")
    parser.add_argument("--top", type=int, default=10, metavar="K",
                        help="most frequent error strings to list per kind (default 10)")
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    parser.add_argument("--no-dct", action="store_true",
                        help="score without the files' DCT, as narrative text (WikiWars: its DCT is a "
                             "download date the text does not relate to)")
    parser.add_argument("--mode", choices=MODE_CHOICES, default="auto",
                        help="read every document as news or narrative (default auto: chosen per document)")
    parser.add_argument("--jobs", type=int, default=1, metavar="J",
                        help="documents scored in parallel worker processes (default 1); "
                             "the figures do not depend on it")


def run(args: argparse.Namespace) -> int:
    if not rules_load("eval"):
        return 2
    progress = _progress if sys.stderr.isatty() else None
    settings = EvalSettings(no_dct=args.no_dct, mode=user_mode(args.mode))
    result = evaluate_paths(args.paths, jobs=max(1, args.jobs), progress=progress, settings=settings)
    if not result.scored:
        # No table: figures over no document would read as a perfect score.
        for problem in result.all_problems:
            print(f"timeline-app eval: {problem}", file=sys.stderr)
        print("timeline-app eval: no TimeML document could be scored", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result.to_json(examples=max(0, args.errors), top=max(0, args.top)), sys.stdout,
                  indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_report(result, sys.stdout, per_doc=args.per_doc, examples=max(0, args.errors),
                     top=max(0, args.top))
    for problem in result.all_problems:
        print(f"timeline-app eval: {problem}", file=sys.stderr)
    return 2 if result.all_problems else 0


def _progress(done: int, todo: int, name: str) -> None:
    line = f"scoring {done}/{todo} {name}"[:79] if done < todo else ""
    sys.stderr.write("\r\x1b[K" + line)
    sys.stderr.flush()


def print_report(result: CorpusResult, out: TextIO, per_doc: bool = False, examples: int = 10,
                 top: int = 10) -> None:
    """The table, then the errors by kind (counts, frequent strings, examples)."""
    rows: list[tuple[str, int, Counts]] = []
    if per_doc:
        rows += [(d.name, 1, d.counts) for d in result.scored]
    groups = result.group_counts()
    if len(groups) > 1:
        # Folder names alone when they tell the arguments apart (TimeBank, AQUAINT).
        short = [PurePath(g).name or g for g, _, _ in groups]
        names = short if len(set(short)) == len(short) else [g for g, _, _ in groups]
        rows += [(name, n, c) for name, (_, n, c) in zip(names, groups, strict=True)]
    rows.append(("all", len(result.scored), result.counts))
    out.write(f"TempEval-3 task A (time expressions, {result.settings.describe()}), figures in percent\n\n")
    out.write(_table(rows, separate_last=len(rows) > 1))
    out.write("\n")
    _write_errors(result, out, examples, top)


def _table(rows: Sequence[tuple[str, int, Counts]], separate_last: bool) -> str:
    width = min(NAME_WIDTH, max(8, *(len(name) for name, _, _ in rows)))
    head1 = (f"{'':{width}} {'':>4} {'':>5} {'':>5} |{'strict':^18}|{'relaxed':^18}|"
             f"{'value':^12}|{'type':^12}")
    head2 = (f"{'':{width}} {'docs':>4} {'gold':>5} {'ours':>5} |"
             f"{'P':>6}{'R':>6}{'F1':>6}|{'P':>6}{'R':>6}{'F1':>6}|{'F1':>6}{'acc':>6}|"
             f"{'F1':>6}{'acc':>6}")
    lines = [head1, head2, "-" * len(head2)]
    for i, (name, docs, c) in enumerate(rows):
        if separate_last and i == len(rows) - 1:
            lines.append("-" * len(head2))
        m = measures(c)
        shown = name if len(name) <= width else "…" + name[-(width - 1):]
        lines.append(
            f"{shown:{width}} {docs:>4} {c.gold:>5} {c.ours:>5} |"
            + "".join(f"{100 * v:6.1f}" for v in (m.strict_precision, m.strict_recall, m.strict_f1))
            + "|" + "".join(f"{100 * v:6.1f}" for v in (m.relaxed_precision, m.relaxed_recall,
                                                        m.relaxed_f1))
            + f"|{100 * m.value_f1:6.1f}{100 * m.value_accuracy:6.1f}"
            + f"|{100 * m.type_f1:6.1f}{100 * m.type_accuracy:6.1f}")
    return "\n".join(lines) + "\n"


def _write_errors(result: CorpusResult, out: TextIO, examples: int, top: int) -> None:
    c = result.counts
    out.write(f"Errors by kind ({c.relaxed} relaxed matches, {c.strict} strict)\n")
    for kind in ErrorKind:
        errors = result.errors(kind)
        slips = sum(1 for e in errors if e.gold_slip)
        # Scores are never adjusted; the count only says how many errors are the gold's own.
        note = f" ({slips} where the gold value contradicts itself: marked 'gold slip')" if slips else ""
        out.write(f"\n== {kind}: {len(errors)}{note}\n")
        if top and errors:
            frequent = result.top_strings(kind, top)
            out.write("   most frequent: " + ", ".join(f"{s!r} ×{n}" for s, n in frequent) + "\n")
        out.writelines(_error_line(error) for error in errors[:examples])
        if 0 < examples < len(errors):
            out.write(f"   ... {len(errors) - examples} more (--errors N shows more)\n")


def _error_line(error: ErrorCase) -> str:
    slip = f"     gold slip: {error.gold_slip}\n" if error.gold_slip else ""
    return (f" - {error.document}: gold {_describe(error.gold)}  ·  ours {_describe(error.ours)}\n"
            f"     {error.context}\n{slip}")


def _describe(t: TimeExpression | None) -> str:
    if t is None:
        return "—"
    mod = f" mod={t.mod}" if t.mod else ""
    return f"{' '.join(t.text.split())!r} {t.type} {t.value}{mod}"
