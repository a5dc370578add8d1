"""The extraction on a Dask cluster, into a Parquet dataset.

We build on ``dask.distributed`` rather than a scheduler of our own: the client cuts the inputs
into partitions (:mod:`.partitions`), submits one task per partition, and each task — on
whichever worker the scheduler picks — reads its slice of the inputs, runs the same per-article
pipeline as ``extract``, and writes its part of each table (:mod:`.part_writer`). The client
writes the marker file once every partition is done.

- Without a scheduler address a ``LocalCluster`` is started with one single-threaded worker
  process per core (the tagger is pure Python: threads would share one interpreter lock).
- Rules are loaded once per worker, by a worker plugin when the worker joins (and the loader's
  cache keeps them for every later task on it).
- A bad article is an error row (the pipeline never raises for one); a worker that dies has its
  task re-run elsewhere by the scheduler (up to its ``allowed-failures``); a task is
  deterministic and writes its files under their final names only when complete, so a re-run
  gives the same rows.
- On a real cluster, the workers must reach the inputs and the output folder at the same paths
  (a shared file system), and run the same timeline-app version (checked before starting).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from .parquet import prepare
from .partitions import NO_OVERRIDES, Overrides, cut, plan_sources
from .tasks import ProgressFn, RunSummary, extract_partition, finish, machine_cores, peak_rss_mb

# Partitions of a few hundred articles: small enough to balance the load and to lose little
# when a worker dies, large enough that scheduling (a few ms a task) stays negligible.
ARTICLES_PER_PARTITION = 250


def default_partitions(total: int, workers: int) -> int:
    """Enough partitions to keep every worker busy to the end, none much larger than needed."""
    return max(workers * 4, -(-total // ARTICLES_PER_PARTITION))


def run(inputs: Iterable[str | Path], output: str | Path, *, scheduler: str | None = None,
        partitions: int | None = None, workers: int | None = None, given: Overrides = NO_OVERRIDES,
        progress: ProgressFn | None = None, task: Callable[..., dict[str, Any]] | None = None) -> RunSummary:
    """Extract ``inputs`` into the dataset folder ``output``; see the module docstring.

    ``task`` replaces :func:`extract_partition` (same arguments); tests use it to kill a worker.
    """
    from distributed import as_completed

    t0 = time.perf_counter()
    root = prepare(output).resolve()
    sources = plan_sources(inputs)
    total = sum(s.count for s in sources)
    summary = RunSummary()
    with _client(scheduler, workers) as client:
        _check_versions(client)
        summary.workers = len(client.scheduler_info()["workers"])
        parts = cut(sources, partitions or default_partitions(total, summary.workers))
        summary.partitions = len(parts)
        client.register_plugin(LoadRules(), name="timeline-app-rules")
        run_id = uuid.uuid4().hex[:8]
        futures = [client.submit(task or extract_partition, part, str(root), given,
                                 key=f"timeline-app-{run_id}-part-{part.number}", pure=False)
                   for part in parts]
        done = 0
        errors: list[tuple[int, str]] = []
        if progress is not None:
            progress(0, total, "")
        for future in as_completed(futures):
            result = future.result()  # a task that raised (a disk full…) stops the run here
            done += result["articles"]
            summary.add(result)
            errors.extend(result["errors"])
            if progress is not None:
                progress(done, total, f"partition {result['partition']}")
        summary.peak_rss_mb = {addr: mb for addr, mb in client.run(peak_rss_mb).items()}
    summary.errors = [message for _, message in sorted(errors)]
    summary.seconds = time.perf_counter() - t0
    finish(root, "dask", sources, summary)
    return summary


class LoadRules(WorkerPlugin):
    """Worker plugin: load the rules when a worker starts, once for all the tasks it will run."""

    name = "timeline-app-rules"

    def setup(self, worker: object) -> None:
        from ...rules.loader import default_ruleset

        default_ruleset()


def _version() -> str:
    from ... import __version__

    return __version__


def _check_versions(client: Any) -> None:
    from ... import __version__

    found = client.run(_version)
    wrong = sorted(f"{addr} has {v}" for addr, v in found.items() if v != __version__)
    if wrong:
        raise RuntimeError(f"the workers must run timeline-app {__version__}: {', '.join(wrong)}")


class _client:
    """A client on the given scheduler, or on a LocalCluster sized to this machine (closed after)."""

    def __init__(self, scheduler: str | None, workers: int | None) -> None:
        self.scheduler, self.workers = scheduler, workers
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        from distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler)
            return self.client
        n = self.workers or machine_cores()
        self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                    dashboard_address=":0", silence_logs=logging.ERROR)
        self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
