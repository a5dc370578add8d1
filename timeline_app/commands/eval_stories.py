"""``timeline-app eval-stories DIR``: how well story merging matches cross-document links.

DIR is an ECB+ corpus (``docs/TOPIC/*.xml`` and ``coreference_sentences.csv``). Each topic's
articles are loaded together and merged; pairs of events of different articles are scored
against the corpus's links (pairwise precision, recall, F1), per topic and overall, beside the
baselines "same day" and "never merge". ``--json`` prints the figures as one JSON object.
Exit status 0 when the corpus was scored, 2 when it could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from ..core.evaluation.ecbplus import EcbError
from ..core.evaluation.story_scoring import SYSTEMS, Counts, TopicScore, overall, score_corpus
from ..core.stories import THRESHOLD
from .progress import ProgressLine
from .rules_check import rules_load

_NAMES = {"stories": "stories", "same-day": "same day", "never": "never merge"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", metavar="DIR", help="an ECB+ corpus folder (docs/ and coreference_sentences.csv)")
    p.add_argument("--per-topic", action="store_true", help="add a row per topic")
    p.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    p.add_argument("--threshold", type=float, default=THRESHOLD, metavar="COS",
                   help=f"average TF-IDF cosine at which reports merge (default {THRESHOLD})")


def run(args: argparse.Namespace) -> int:
    if not rules_load("eval-stories"):
        return 2
    try:
        scores = score_corpus(Path(args.corpus), threshold=args.threshold, progress=ProgressLine())
    except EcbError as exc:
        print(f"timeline-app eval-stories: {exc}", file=sys.stderr)
        return 2
    if not scores:
        print(f"timeline-app eval-stories: {args.corpus}: no topic to score", file=sys.stderr)
        return 2
    if args.json:
        json.dump(to_json(scores, args.threshold), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(scores, sys.stdout, per_topic=args.per_topic)
    return 0


def to_json(scores: list[TopicScore], threshold: float) -> dict[str, object]:
    return {
        "threshold": threshold,
        "overall": {name: c.to_json() for name, c in overall(scores).items()},
        "topics": [{"topic": s.topic, "articles": s.articles, "events": s.events,
                    "gold_pairs": s.gold_pairs,
                    **{name: s.systems[name].to_json() for name in SYSTEMS}} for s in scores],
    }


def _cell(c: Counts) -> str:
    p = "  —  " if c.precision is None else f"{100 * c.precision:5.1f}"
    r = "  —  " if c.recall is None else f"{100 * c.recall:5.1f}"
    return f"{p} {r} {100 * c.f1:5.1f}"


def print_report(scores: list[TopicScore], out: TextIO, per_topic: bool = False) -> None:
    head = "".join(f" | {_NAMES[n]:^17}" for n in SYSTEMS)
    out.write(f"{'topic':<8} {'art.':>4} {'events':>6} {'gold':>5}{head}\n")
    out.write(f"{'':<26}" + " |   P     R    F1 " * len(SYSTEMS) + "\n")
    rows = [(s.topic, s.articles, s.events, s.gold_pairs, s.systems) for s in scores] if per_topic else []
    total = overall(scores)
    rows.append(("overall", sum(s.articles for s in scores), sum(s.events for s in scores),
                 sum(s.gold_pairs for s in scores), total))
    for name, arts, events, gold, systems in rows:
        cells = "".join(f" | {_cell(systems[n])}" for n in SYSTEMS)
        out.write(f"{name:<8} {arts:>4} {events:>6} {gold:>5}{cells}\n")
    out.write("\nPairs of events of different articles of one topic, in annotated sentences; a pair is "
              "gold when both sentences mention one action instance (CROSS_DOC_COREF).\n")
