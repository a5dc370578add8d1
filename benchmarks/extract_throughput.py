"""Throughput of ``extract`` on generated 4 KB news articles, this code against the previous code.

Two corpora of ``--count`` articles: news-like (about 18 expressions an article) and dense with
dates (about 68). For each, in one run, side by side: articles/s and MB/s in-process (rules
loaded first) and through the CLI (``extract --format jsonl``, its start-up measured alone and
taken out), for ``-j 1``, ``-j 2`` and the previous code checked out in a temporary git worktree;
peak memory (max RSS) of each process. ``--memory`` adds the peak memory of ``extract --format
jsonl`` on 100 articles and on ``--memory`` articles. Figures are wall seconds and CPU seconds:
the machine may be shared, and CPU time is what the code costs.

Targets: >= 500 articles/s (news) and >= 250 (dense) on one core; -j 2 >= 1.7x -j 1.
Run: python benchmarks/extract_throughput.py [--count N] [--runs R] [--previous REV] [--memory N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]

# Runs in a fresh process with the tree under test first on the path.
_IN_PROCESS = """
import json, resource, sys, time
from pathlib import Path
from timeline_app.core.pipeline import process_file
from timeline_app.core.formats.tabular import article_json
from timeline_app.rules.loader import default_ruleset
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
t0 = time.perf_counter()
default_ruleset()
process_file(paths[0])  # the first article also compiles what the rules need
start = time.perf_counter() - t0
walls, cpus = [], []
for _ in range(int(sys.argv[2])):
    w, c = time.perf_counter(), time.process_time()
    for p in paths:
        json.dumps(article_json(process_file(p)), ensure_ascii=False)
    walls.append(time.perf_counter() - w)
    cpus.append(time.process_time() - c)
print(json.dumps({"wall": walls, "cpu": cpus, "start": start,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# The CLI in a process that reports its own peak memory and that of its workers.
_CLI = """
import json, resource, sys
from timeline_app.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               "workers_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}, out)
"""


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def in_process(tree: Path, folder: Path, runs: int, cwd: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _IN_PROCESS, str(folder), str(runs)], env=_env(tree), cwd=cwd,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def cli(tree: Path, args: list[str], cwd: Path) -> dict[str, float]:
    """Wall and CPU seconds (this process's children, workers included) and peak memory."""
    report = cwd / "report.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", _CLI, str(report), "extract", *args], env=_env(tree), cwd=cwd,
                   check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = json.loads(report.read_text())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "rss": found["rss"], "workers_rss": found["workers_rss"]}


def previous_tree(rev: str | None, where: Path) -> Path | None:
    """A temporary worktree of the previous code: ``rev``, or the commit before the tagger's
    one-pass dispatch came in."""
    if rev is None:
        found = subprocess.run(["git", "-C", str(ROOT), "log", "--diff-filter=A", "--format=%H", "--",
                                "timeline_app/core/timex/dispatch.py"], capture_output=True, text=True, check=False)
        commits = found.stdout.split()
        if found.returncode != 0 or not commits:
            return None
        rev = commits[-1] + "^"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), rev],
                   check=True, capture_output=True)
    return where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--previous", metavar="REV", help="git revision of the previous code (default: the "
                        "commit before the one-pass tagger)")
    parser.add_argument("--no-previous", action="store_true", help="measure this code only")
    parser.add_argument("--memory", type=int, default=0, metavar="N",
                        help="also the peak memory of extract --format jsonl on 100 and on N articles")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="extract-bench-"))
    old = None if args.no_previous else previous_tree(args.previous, tmp / "previous")
    trees = [("this code", ROOT)] + ([("previous", old)] if old else [])
    print(f"this code: {ROOT}" + (f"; previous: {old} ({args.previous or 'before the one-pass tagger'})"
                                  if old else "; no previous code"))
    try:
        for dense in (False, True):
            folder = tmp / ("dense" if dense else "news")
            paths = write_corpus(folder, args.count, dense=dense)
            mb = sum(p.stat().st_size for p in paths) / 1e6
            print(f"\n{'dense' if dense else 'news'} corpus: {args.count} articles, {mb:.2f} MB")
            rates: dict[str, float] = {}
            for name, tree in trees:
                got = in_process(tree, folder, args.runs, tmp)
                cpu, wall = statistics.median(got["cpu"]), statistics.median(got["wall"])  # type: ignore[arg-type]
                rates[f"in-process {name}"] = args.count / cpu
                print(f"  in-process, {name:9}: {args.count / cpu:6.0f} articles/s, {mb / cpu:5.2f} MB/s of CPU "
                      f"({args.count / wall:.0f}/s wall; median of {args.runs}); start-up {got['start']:.2f} s; "
                      f"peak {got['rss']:.0f} MB")
            for name, tree in trees:
                jobs = [["-j", "1"], ["-j", "2"]] if tree == ROOT else [[]]
                start = cli(tree, ["--format", "jsonl", str(paths[0]), "-o", str(tmp / "one.jsonl")], tmp)
                for j in jobs:
                    label = f"{name} {' '.join(j)}".strip()
                    run = cli(tree, ["--format", "jsonl", *j, str(folder), "-o", str(tmp / "out.jsonl")], tmp)
                    net_wall = max(run["wall"] - start["wall"], 1e-9)
                    net_cpu = max(run["cpu"] - start["cpu"], 1e-9)
                    rates[f"cli {label}"] = args.count / net_wall
                    print(f"  CLI, {label:14}: {args.count / net_wall:6.0f} articles/s wall, {mb / net_wall:5.2f} MB/s "
                          f"({args.count / net_cpu:.0f}/s of CPU), start-up excluded: {start['wall']:.2f} s alone; "
                          f"peak {run['rss']:.0f} MB, workers {run['workers_rss']:.0f} MB each at most")
            if "in-process previous" in rates:
                print(f"  ratio this/previous: in-process {rates['in-process this code'] / rates['in-process previous']:.2f}x, "
                      f"CLI -j 1 {rates['cli this code -j 1'] / rates['cli previous']:.2f}x, "
                      f"CLI -j 2 {rates['cli this code -j 2'] / rates['cli previous']:.2f}x")
            print(f"  -j 2 / -j 1 (wall): {rates['cli this code -j 2'] / rates['cli this code -j 1']:.2f}x")
        if args.memory:
            print("\npeak memory of extract --format jsonl -j 1 (max RSS):")
            for n in (100, args.memory):
                folder = tmp / f"mem{n}"
                write_corpus(folder, n)
                run = cli(ROOT, ["--format", "jsonl", "-j", "1", str(folder), "-o", str(tmp / "mem.jsonl")], tmp)
                print(f"  {n:6} articles: {run['rss']:.0f} MB")
        print("\ntargets: >= 500 articles/s (news) and >= 250 (dense) on one core; -j 2 >= 1.7x -j 1")
    finally:
        if old:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False,
                           capture_output=True)
        subprocess.run(["rm", "-rf", str(tmp)], check=False)


if __name__ == "__main__":
    main()
