"""Scale-out: the same articles through ``extract -j 1``, ``-j 2`` and ``--engine dask`` on a
local two-worker cluster, in one run.

Prints, for each engine, the wall time of the whole command (start-up, and for Dask the
cluster's start, included), articles/s, and peak memory per worker process; and checks that the
three give the same articles (the Dask dataset read back against the JSON lines).

    python benchmarks/scale_out.py [--count 10000] [--scheduler tcp://HOST:8786]

With ``--scheduler`` the Dask run joins that cluster instead of starting a local one (its
workers must see the temporary folder: give ``--workdir`` on a shared file system).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

from timeline_app.core.dataset.parquet import read_articles_json

_DASK_PEAKS = re.compile(r"peak memory per worker ([\d, ]+) MB")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def extract(args: list[str]) -> tuple[float, float, str, dict[int, float]]:
    """Run ``timeline-app extract ARGS`` in a fresh process: wall and CPU seconds (every process it
    waited for), stderr, peak MB of each process."""
    import psutil  # comes with distributed

    t0, c0 = time.perf_counter(), children_cpu()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "timeline_app", "extract", *args], stdout=subprocess.DEVNULL,
                                stderr=err, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        peaks: dict[int, float] = {}
        root = psutil.Process(proc.pid)
        while proc.poll() is None:  # the command and every process under it, ten times a second
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for p in tree:
                try:
                    peaks[p.pid] = max(peaks.get(p.pid, 0.0), p.memory_info().rss / 1e6)
                except psutil.NoSuchProcess:
                    pass
            time.sleep(0.1)
        seconds = time.perf_counter() - t0
        proc.wait()
        cpu = children_cpu() - c0
        err.seek(0)
        stderr = err.read()
    if proc.returncode not in (0, 2):
        raise SystemExit(f"extract {' '.join(args)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return seconds, cpu, stderr, peaks


def describe(peaks: dict[int, float]) -> str:
    """Peak resident memory of each process (the command first, then its workers), sampled."""
    values = [f"{mb:.0f}" for _, mb in sorted(peaks.items())]
    return f"{', '.join(values)} MB ({len(values)} processes, sampled every 0.1 s)"


def has_jobs_option() -> bool:
    proc = subprocess.run([sys.executable, "-m", "timeline_app", "extract", "--help"], capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    return "-j" in proc.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--scheduler", metavar="ADDRESS", help="join this Dask cluster instead of a local one")
    parser.add_argument("--workdir", metavar="DIR", help="where to write the corpus and outputs")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(dir=args.workdir)
    folder = Path(tmp.name) / "corpus"
    t0 = time.perf_counter()
    paths = write_corpus(folder, args.count)
    size = sum(p.stat().st_size for p in paths)
    print(f"corpus: {args.count:,} articles, {size / 1e6:.1f} MB (written in {time.perf_counter() - t0:.1f} s); "
          f"{os.cpu_count()} cores")
    rows: list[tuple[str, float, float, str]] = []
    outputs: dict[str, Path] = {}
    runs = [("-j 1", ["-j", "1"]), ("-j 2", ["-j", "2"])] if has_jobs_option() else [("one process", [])]
    for name, extra in runs:
        out = Path(tmp.name) / f"out{len(outputs)}.jsonl"
        seconds, cpu, _, peaks = extract(["--format", "jsonl", *extra, "-o", str(out), str(folder)])
        rows.append((name, seconds, cpu, describe(peaks)))
        outputs[name] = out
    dask_args = ["--engine", "dask", "-o", str(Path(tmp.name) / "ds")]
    dask_args += ["--scheduler", args.scheduler] if args.scheduler else ["--workers", "2"]
    seconds, cpu, err, peaks = extract([*dask_args, str(folder)])
    found = _DASK_PEAKS.search(err)
    rows.append(("dask, " + (args.scheduler or "local cluster of 2 workers"), seconds, cpu,
                 f"workers {found.group(1)} MB (their own max RSS); all: {describe(peaks)}" if found else "?"))
    one, _, _ = os.getloadavg()
    print(f"{'engine':<34} {'wall s':>7} {'articles/s':>10} {'CPU s':>7} {'per CPU-s':>9}  peak memory")
    for name, seconds, cpu, peak in rows:
        print(f"{name:<34} {seconds:7.1f} {args.count / seconds:10.0f} {cpu:7.1f} {args.count / cpu:9.0f}  {peak}")
    base = rows[0][1]
    print("speed-up over " + rows[0][0] + ": " + ", ".join(f"{n} {base / s:.2f}×" for n, s, _, _ in rows[1:])
          + f" (load average {one:.1f}: on a shared machine the wall times include waiting for a core; "
            "CPU s is every process's own time, start-up included)")
    expected = [json.loads(line) for line in next(iter(outputs.values())).read_text(encoding="utf-8").splitlines()]
    same = read_articles_json(Path(tmp.name) / "ds") == expected
    same_j = all(p.read_bytes() == next(iter(outputs.values())).read_bytes() for p in outputs.values())
    print(f"same articles: dask dataset vs JSON lines {'yes' if same else 'NO'}; "
          f"JSON lines of every -j {'identical' if same_j else 'DIFFER'}")
    tmp.cleanup()
    return 0 if same and same_j else 1


if __name__ == "__main__":
    sys.exit(main())
