"""The app on a Parquet dataset of a million events: first paint, search, lanes, frame times.

Generates (once, not timed as GUI work) a dataset of ``--articles`` × ``--events`` synthetic
analysed articles — the generator of ``gui_scale.py``, written through the dataset writer —
then prints
- first paint: from ``open_paths([DATASET])`` until the archive overview has been drawn;
- the time of a search (words and a type) over every event, and of pulling the matching
  articles into lanes until the timeline has drawn them;
- frame times (median, 95th percentile, worst) of pan and zoom on the overview, and on the
  timeline with the pulled lanes (``set range + processEvents() + repaint()``).

Targets: median frame < 16 ms, first paint < 2 s.

    python benchmarks/dataset_gui.py [--articles 10000] [--events 100] [--keep DIR] [--screenshot PNG]

Runs offscreen when there is no display (set DISPLAY to time a real X11 window).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gui_scale import frame_times, percentile, synthetic_result
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from timeline_app.core.dataset import is_dataset
from timeline_app.core.dataset.parquet import prepare, write_marker
from timeline_app.core.dataset.part_writer import PartWriter
from timeline_app.core.formats.tabular import article_json
from timeline_app.qt.app import create_app
from timeline_app.qt.dataset_actions import DatasetActions
from timeline_app.qt.main_window import MainWindow
from timeline_app.qt.panes.dataset import DatasetPane
from timeline_app.qt.settings import AppSettings

ARTICLES_PER_PART = 1000


def generate(root: Path, articles: int, events: int, seed: int = 7) -> None:
    """A dataset of synthetic analysed articles (the same generator as gui_scale.py)."""
    rng = random.Random(seed)
    prepare(root)
    total = 0
    for part in range(-(-articles // ARTICLES_PER_PART)):
        writer = PartWriter(root, part)
        for i in range(part * ARTICLES_PER_PART, min(articles, (part + 1) * ARTICLES_PER_PART)):
            writer.add(i, article_json(synthetic_result(i, events, rng)))
        total += writer.close()["events"]
    write_marker(root, {"engine": "generated", "articles": articles, "events": total})


def wait_for(app: QApplication, done: object, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not done() and time.perf_counter() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.001)


def overview_frames(app: QApplication, pane: DatasetPane, *, repaint: bool) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each frame of a zoom-in, pan and zoom-out of the overview."""
    vb = pane.vb
    (lo, hi), _ = vb.viewRange()
    times: list[float] = []
    cpu: list[float] = []
    c, w = (lo + hi) / 2, hi - lo
    steps = []
    while w > 30 * 86400:  # zoom in to a month
        w /= 1.25
        steps.append((c - w / 2, c + w / 2))
    for k in range(40):  # pan at that zoom
        steps.append((c - w / 2 + k * w / 8, c + w / 2 + k * w / 8))
    while w < (hi - lo):  # and back out to everything
        w *= 1.25
        steps.append((c - w / 2, c + w / 2))
    viewport = pane.plot.viewport()
    for a, b in steps:
        t0, c0 = time.perf_counter(), time.process_time()
        vb.setXRange(a, b, padding=0)
        app.processEvents()
        if repaint:
            viewport.repaint()
        times.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((time.process_time() - c0) * 1000.0)
    return times, cpu


def summary(times: list[float]) -> str:
    return (f"{len(times)} frames: median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, "
            f"max {max(times):.1f} ms")


def load_note() -> str:
    """On a shared machine wall time includes waiting for a core; CPU time is what the frame cost."""
    one, _, _ = os.getloadavg()
    return f"load average {one:.1f} on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100, help="events per article")
    parser.add_argument("--keep", metavar="DIR", help="write the dataset here and reuse it when it exists")
    parser.add_argument("--words", default="ceasefire")
    parser.add_argument("--screenshot", metavar="PNG", help="save the window after the search")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    root = Path(args.keep) if args.keep else Path(tmp.name) / "dataset"
    if not is_dataset(root):
        t0 = time.perf_counter()
        generate(root, args.articles, args.events)
        print(f"generate the dataset: {time.perf_counter() - t0:.1f} s (not part of the GUI figures)")
    size = sum(p.stat().st_size for p in root.rglob("*.parquet"))
    print(f"dataset: {root} ({size / 1e6:.0f} MB of Parquet)")

    app = create_app([sys.argv[0]])
    settings = AppSettings(QSettings(str(Path(tmp.name) / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings=settings)
    archive = DatasetActions(window)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    print(f"platform {QApplication.platformName()}")

    t0, c0 = time.perf_counter(), time.process_time()
    window.open_paths([root], remember=False)
    pane = archive.pane
    app.processEvents()
    pane.plot.viewport().repaint()
    first_paint, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    view = pane.view
    print(f"first paint of the overview: {first_paint:.2f} s (CPU {first_cpu:.2f} s) for {view.n_events:,} events "
          f"in {view.n_articles:,} articles, {len(view.density.counts):,} days (target < 2 s; {load_note()})")

    pane.words.setText(args.words)
    pane.type.setCurrentText("DATE")
    t0, c0 = time.perf_counter(), time.process_time()
    pane.search()
    wait_for(app, lambda: pane.last is not None and pane.search_button.isEnabled())
    searched = time.perf_counter() - t0
    wait_for(app, lambda: not window.adapter.pending())
    window.adapter.flush()
    app.processEvents()
    window.timeline.plot.viewport().repaint()
    pulled, pulled_cpu = time.perf_counter() - t0, time.process_time() - c0
    result = pane.last
    print(f"search {args.words!r} of type DATE (first search: reads labels, types, sources): "
          f"{result.events:,} events in {len(result.article_ids):,} articles; "
          f"{len(window.session.entries)} lanes drawn {pulled:.2f} s after the click (CPU {pulled_cpu:.2f} s; "
          f"the search and reading them: {searched:.2f} s)")
    t0 = time.perf_counter()
    again = view.search(result.query)
    print(f"the same search again (columns in memory): {(time.perf_counter() - t0) * 1000:.0f} ms, "
          f"{again.events:,} events")
    if args.screenshot:
        window.timeline.fit_all()
        app.processEvents()
        window.grab().save(args.screenshot)
        print(f"screenshot: {args.screenshot}")

    for repaint, how in ((False, "set range + processEvents(), one paint as on screen"),
                         (True, "and a synchronous repaint(), two paints")):
        wall, cpu = overview_frames(app, pane, repaint=repaint)
        print(f"overview pan/zoom ({how}): wall {summary(wall)}; CPU of the process: median "
              f"{statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 0.95):.1f} ms (target: median < 16 ms; "
              f"{load_note()})")
    c0 = time.process_time()
    wall = frame_times(app, window, repaint=True)
    print(f"timeline with the pulled lanes, wall {summary(wall)}; CPU of the process: "
          f"{(time.process_time() - c0) * 1000 / len(wall):.1f} ms a frame on average")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    window.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
