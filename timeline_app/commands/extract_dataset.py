"""``timeline-app extract --engine dask -o DATASET/`` (a Dask cluster) and ``--format parquet -o
DATASET/`` (this process): the extraction into a Parquet dataset that the app opens.

Kept apart from :mod:`.extract` so that the ordinary command never imports Dask or pyarrow
(they come with the ``[scale]`` extra).
"""

from __future__ import annotations

import argparse
import sys

from ..core.model import DCT, Mode

ENGINES = ("local", "dask")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local (this machine, the default) or dask: a Dask cluster writing a Parquet "
                        "dataset to the -o folder (needs the [scale] extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: join this cluster (tcp://host:8786) instead of starting a "
                        "local one sized to this machine")
    p.add_argument("--partitions", type=int, metavar="N",
                   help="with --engine dask: cut the inputs into N tasks (default: about 250 articles each, "
                        "at least 4 per worker)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="with --engine dask and no --scheduler: worker processes of the local cluster "
                        "(default: one per core)")


def check(args: argparse.Namespace) -> str | None:
    """A message when the options do not fit together, else None."""
    if args.format == "parquet" and not args.output:
        return "--format parquet writes a dataset folder: give it with -o DATASET/"
    if args.engine != "dask":
        given = [f"--{name}" for name in ("scheduler", "partitions", "workers") if getattr(args, name) is not None]
        return f"{', '.join(given)} only apply to --engine dask" if given else None
    if not args.output:
        return "--engine dask writes a dataset folder: give it with -o DATASET/"
    if args.format not in ("json", "parquet"):  # json is the default: not a choice the user made
        return f"--engine dask writes Parquet, not --format {args.format}"
    if args.scheduler and args.workers:
        return "--workers sizes a local cluster; with --scheduler the cluster has its own workers"
    for name in ("partitions", "workers"):
        value = getattr(args, name)
        if value is not None and value < 1:
            return f"--{name} must be at least 1"
    return None


def run(args: argparse.Namespace, dct: DCT | None, mode: Mode | None) -> int:
    try:
        from ..core.dataset import tasks
        from ..core.dataset.parquet import DatasetError

        if args.engine == "dask":
            from ..core.dataset import dask_engine
    except ImportError as exc:
        print(f"timeline-app extract: datasets and --engine dask need the scale extra ({exc.name} is "
              "missing): pip install 'timeline-app[scale]'", file=sys.stderr)
        return 2
    from ..core.dataset.partitions import Overrides
    from .progress import ProgressLine

    given = Overrides(dct, mode)

    try:
        if args.engine == "dask":
            summary = dask_engine.run(args.files, args.output, scheduler=args.scheduler,
                                      partitions=args.partitions, workers=args.workers, given=given,
                                      progress=ProgressLine())
        else:
            summary = tasks.run_local(args.files, args.output, given=given, progress=ProgressLine())
    except DatasetError as exc:
        print(f"timeline-app extract: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the scheduler cannot be reached, the folder cannot be written…
        print(f"timeline-app extract: {exc}", file=sys.stderr)
        return 2
    for error in summary.errors:
        print(error, file=sys.stderr)
    peaks = ", ".join(f"{mb:.0f}" for mb in sorted(summary.peak_rss_mb.values()))
    print(f"{summary.articles:,} articles ({summary.failed:,} with errors), {summary.timexes:,} expressions, "
          f"{summary.events:,} events in {summary.partitions} partitions on {summary.workers} workers: "
          f"{summary.seconds:.1f} s, {summary.articles / max(summary.seconds, 1e-9):.0f} articles/s; "
          f"peak memory per worker {peaks} MB → {args.output}", file=sys.stderr)
    return 2 if summary.failed else 0
