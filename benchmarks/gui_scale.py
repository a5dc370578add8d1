"""GUI at scale: 1,000 articles, 100,000 events in the main window.

Prints
- the time to add 1,000 analysed articles to the window's session and show them (built
  directly as Analysis objects, so it measures the GUI, not the tagger);
- the time to load 1,000 generated article files through the real pipeline in the background
  loader (and articles/s), with the longest and 95th-percentile stall of the GUI event loop
  meanwhile and the number of stalls over 100 ms (a 10 ms timer measures how late it fires: the
  window stays responsive when this stays small); beside each stall, the GUI thread's own CPU
  time in it, which tells the window's work from a shared machine's scheduling delays;
- peak memory (maximum resident set size);
- median, 95th-percentile and worst frame time over a scripted pan-and-zoom sequence: each
  frame is ``set_x_range`` (or a lane scroll), ``processEvents()`` and a synchronous repaint.

Targets: median frame < 16 ms, p95 < 50 ms, loading 1,000 articles < 10 s.

    python benchmarks/gui_scale.py [--articles 1000] [--events 100] [--skip-files]
    python benchmarks/gui_scale.py --vs-old ../old-checkout [--rounds 3]

``--vs-old DIR`` times the file loading alone, old and new side by side: fresh processes, one
with DIR (a checkout of the previous code, e.g. ``git worktree add /tmp/old a2fbaec``) first on
PYTHONPATH, one with this checkout, in turn (old, new, old, new, …), and prints each figure's
median for both and the ratio old/new of each pair's load time.

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
from datetime import datetime, timedelta
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import sentence, synthetic_result

from timeline_app.qt.app import create_app
from timeline_app.qt.main_window import MainWindow
from timeline_app.qt.settings import AppSettings

try:
    from timeline_app.core.lanes import STORY_LANE
except ImportError:  # the previous code (--vs-old) had no story lane
    STORY_LANE = None

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def write_articles(folder: Path, n: int, rng: random.Random) -> None:
    """Plain-text news articles with a dateline and a handful of time expressions each."""
    for i in range(n):
        dct = datetime(2000, 1, 1) + timedelta(days=rng.randint(0, 365 * 20))
        lines = [f"Synthetic report {i}", "",
                 f"BEIRUT, {MONTHS[dct.month - 1]} {dct.day}, {dct.year} — " + sentence(rng, "on Tuesday")]
        for _ in range(8):
            choice = rng.choice(["last week", "in 2014", "on Monday", "this month", "some 18 months ago",
                                 f"on {MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}", "recently",
                                 "for three days", "next year"])
            lines.append(sentence(rng, choice))
        (folder / f"article-{i:04d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


class StallMeter:
    """How late a 10 ms timer fires while something runs: the GUI's responsiveness."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.cpu: list[float] = []  # the GUI thread's CPU seconds within each gap
        self._cpu0 = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self.cpu.clear()
        self._cpu0 = time.thread_time()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self.gaps.append(self._clock.restart() / 1000.0)
        cpu = time.thread_time()
        self.cpu.append(cpu - self._cpu0)
        self._cpu0 = cpu

    def over(self, seconds: float) -> int:
        return sum(g > seconds for g in self.gaps)

    def busy_over(self, seconds: float) -> int:
        return sum(c > seconds for c in self.cpu)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def settle(app: QApplication, window: MainWindow) -> None:
    while window.loader.is_busy() or window.adapter.pending():
        app.processEvents()
        time.sleep(0.001)
    window.adapter.flush()
    app.processEvents()


def frame_times(app: QApplication, window: MainWindow, *, repaint: bool = True) -> list[float]:
    view = window.timeline
    view.fit_all()
    app.processEvents()
    lo, hi = view.x_range()
    steps: list[tuple[str, float, float]] = []
    c = (lo + hi) / 2
    w = hi - lo
    while w > 2 * 86400:  # zoom in to two days around the middle
        w /= 1.25
        steps.append(("x", c - w / 2, c + w / 2))
    for k in range(40):  # pan at that zoom
        steps.append(("x", c - w / 2 + k * w / 10, c + w / 2 + k * w / 10))
    c += 4 * w
    while w < (hi - lo) * 8:  # zoom out to decades
        w *= 1.25
        steps.append(("x", c - w / 2, c + w / 2))
    for k in range(40):  # pan across the whole range at a year-ish zoom
        w2 = (hi - lo) / 12
        steps.append(("x", lo + k * (hi - lo) / 40, lo + k * (hi - lo) / 40 + w2))
    for k in range(30):  # scroll down through the lanes
        steps.append(("y", k * 3.0, 0.0))
    times: list[float] = []
    labels: list[int] = []
    layouts: list[float] = []
    y_count = view.lane_range()[1] - view.lane_range()[0]
    viewport = view.plot.viewport()
    cpu: list[float] = []
    for kind, a, b in steps:
        t0, c0 = time.perf_counter(), time.thread_time()
        if kind == "x":
            view.set_x_range(a, b)
        else:
            view.set_lane_range(a, y_count)
        app.processEvents()
        if repaint:
            viewport.repaint()
        times.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((time.thread_time() - c0) * 1000.0)
        labels.append(len(view.labels_item.placed))
        layouts.append(getattr(view.labels_item, "layout_cpu_ms", float("nan")))
    print(f"labels drawn per frame: median {statistics.median(labels):.0f}, max {max(labels)}")
    print(f"label placement per frame (CPU): median {statistics.median(layouts):.2f} ms, "
          f"p95 {percentile(layouts, 0.95):.2f} ms, max {max(layouts):.2f} ms (target: < 16 ms)")
    # The GUI thread's own CPU time per frame: what the drawing costs, without the waits a
    # shared machine adds to wall time (compare old and new code on this figure).
    print(f"frame CPU time ({'two paints' if repaint else 'one paint'}): median {statistics.median(cpu):.1f} ms, "
          f"p95 {percentile(cpu, 0.95):.1f} ms, max {max(cpu):.1f} ms")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100, help="events per article")
    parser.add_argument("--skip-files", action="store_true", help="skip the real-pipeline file loading part")
    parser.add_argument("--skip-synthetic", action="store_true",
                        help="skip the 100,000-event part (file loading alone, in a fresh process)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--vs-old", metavar="DIR",
                        help="time the file loading of the code in DIR and of this checkout, in turn")
    parser.add_argument("--rounds", type=int, default=3, help="with --vs-old: runs of each")
    parser.add_argument("--json", action="store_true", help="print the file loading's figures as one JSON line")
    args = parser.parse_args()
    if args.vs_old:
        return side_by_side(args)
    rng = random.Random(args.seed)
    app = create_app([sys.argv[0]])
    tmp = tempfile.TemporaryDirectory()
    settings = AppSettings(QSettings(str(Path(tmp.name) / "settings.ini"), QSettings.Format.IniFormat))
    platform = QApplication.platformName()

    if not args.json:
        print(f"platform {platform}; {args.articles} articles × {args.events} events")
    window = MainWindow(settings=settings)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    meter = StallMeter()
    if not args.skip_synthetic:
        synthetic_part(app, window, meter, args, rng)
    if not args.skip_files:
        figures = files_part(app, window, meter, args, rng, Path(tmp.name))
        if args.json:
            import json

            print(json.dumps(figures))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if not args.json:
        print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    window.close()
    tmp.cleanup()
    return 0


def synthetic_part(app: QApplication, window: MainWindow, meter: StallMeter, args: argparse.Namespace,
                   rng: random.Random) -> None:
    t0 = time.perf_counter()
    results = [synthetic_result(i, args.events, rng) for i in range(args.articles)]
    print(f"generate analyses: {time.perf_counter() - t0:.2f} s (not part of the GUI figures)")
    meter.start()
    t0 = time.perf_counter()
    for k, result in enumerate(results):
        window._add_result(result)  # what the loader's queued signal does per file
        if k % 20 == 0:
            app.processEvents()  # the event loop runs between queued results, as with the loader
    settle(app, window)
    load_s = time.perf_counter() - t0
    meter.stop()
    print(f"show {len(window.session.entries)} analysed articles / {count_events(window):,} events: "
          f"{load_s:.2f} s ({stalls(meter)})")
    stories_part(app, window, meter)
    t0 = time.perf_counter()
    window._refresh_views()
    print(f"one full refresh of every view at this size: {(time.perf_counter() - t0) * 1000:.0f} ms")

    times = frame_times(app, window, repaint=True)
    print(f"frames (set range + processEvents() + repaint(), two paints): {len(times)}; "
          f"median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms "
          f"(targets: median < 16 ms, p95 < 50 ms)")
    full_screen_labels(app, window)
    times = frame_times(app, window, repaint=False)
    print(f"frames (set range + processEvents(), one paint as on screen): median {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms")
    window.close_all()
    del results
    settle(app, window)


def stories_part(app: QApplication, window: MainWindow, meter: StallMeter) -> None:
    """Wait for the stories merged in the background (code that has a worker for it), the event
    loop running meanwhile, and say how many the story lane draws."""
    view = window.timeline
    if hasattr(view, "merging_stories"):
        meter.start()
        t0 = time.perf_counter()
        while view.merging_stories():
            app.processEvents()
            time.sleep(0.002)
        meter.stop()
        print(f"stories merged in a worker thread: {time.perf_counter() - t0:.2f} s more "
              f"({stalls(meter)})")
    lanes = [n for n, lane in enumerate(view.data.lanes) if lane.key == STORY_LANE]
    drawn = len(range(view.data.lane_slice(lanes[0]).start, view.data.lane_slice(lanes[0]).stop)) if lanes else 0
    print(f"story lane: {'on top, ' + format(drawn, ',') + ' story events' if lanes else 'none'}")


def full_screen_labels(app: QApplication, window: MainWindow) -> None:
    """Label placement with a screen full of candidates: as many lanes of 100 events as fit at
    60 px (two label rows) in view."""
    view = window.timeline
    view.fit_all()
    lanes = max(1.0, view.vb.height() / 60.0)
    view.set_lane_range(0.0, lanes)
    walls, cpus, counts = [], [], []
    lo, hi = view.x_range()
    for k in range(20):
        shift = (hi - lo) * 0.01 * k
        view.set_x_range(lo + shift, hi + shift)
        app.processEvents()
        view.plot.viewport().repaint()
        walls.append(getattr(view.labels_item, "layout_ms", float("nan")))
        cpus.append(getattr(view.labels_item, "layout_cpu_ms", float("nan")))
        counts.append(len(view.labels_item.placed))
    print(f"label placement, {lanes:.0f} lanes of events in view ({statistics.median(counts):.0f} labels placed): "
          f"median {statistics.median(walls):.2f} ms wall / {statistics.median(cpus):.2f} ms CPU, "
          f"max {max(walls):.2f} ms wall / {max(cpus):.2f} ms CPU (target: < 16 ms)")


def count_events(window: MainWindow) -> int:
    return sum(len(e.analysis.events) for e in window.session.entries)


def stalls(meter: StallMeter) -> str:
    """How long the event loop was blocked while work went on: max, 95th percentile, how many
    over 100 ms, and the same for the GUI thread's CPU time within each stall."""
    gaps, cpu = meter.gaps or [0.0], meter.cpu or [0.0]
    return (f"event loop stall max {max(gaps) * 1000:.0f} ms, p95 {percentile(gaps, 0.95) * 1000:.0f} ms, "
            f"{meter.over(0.1)} over 100 ms; GUI-thread CPU in a stall max {max(cpu) * 1000:.0f} ms, "
            f"{meter.busy_over(0.1)} over 100 ms")


def files_part(app: QApplication, window: MainWindow, meter: StallMeter, args: argparse.Namespace,
               rng: random.Random, tmp: Path) -> dict[str, float]:
    folder = tmp / "articles"
    folder.mkdir()
    write_articles(folder, args.articles, rng)
    meter.start()
    t0, cpu0 = time.perf_counter(), time.process_time()
    window.open_paths([folder], remember=False)
    settle(app, window)
    files_s, cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
    wait_for_stories = getattr(window.timeline, "wait_for_stories", None)  # merged in a worker
    if wait_for_stories is not None:
        wait_for_stories()
    stories_s = time.perf_counter() - t0
    meter.stop()
    n = len(window.session.entries)
    figures = {"load_s": files_s, "articles_per_s": n / files_s, "window_cpu_s": cpu_s,
               "stall_max_ms": max(meter.gaps or [0.0]) * 1000, "stalls_over_100ms": meter.over(0.1),
               "busy_max_ms": max(meter.cpu or [0.0]) * 1000, "busy_over_100ms": meter.busy_over(0.1),
               "articles": n, "events": count_events(window)}
    if wait_for_stories is not None:
        figures["stories_s"] = stories_s
    if not args.json:
        print(f"load {n} files through the pipeline (background process): {files_s:.2f} s, {n / files_s:.0f} "
              f"articles/s, {count_events(window):,} events, {cpu_s:.2f} s CPU in the window's process; {stalls(meter)} "
              f"(target: 1,000 articles < 10 s)")
        if wait_for_stories is not None:
            print(f"  … and the story lane merged and drawn: {stories_s:.2f} s after the start")
    return figures


FIGURES = (("load_s", "load time, s", "{:.2f}"), ("articles_per_s", "articles/s", "{:.0f}"),
           ("stall_max_ms", "longest stall, ms", "{:.0f}"), ("stalls_over_100ms", "stalls > 100 ms", "{:.0f}"),
           ("busy_max_ms", "GUI CPU in longest, ms", "{:.0f}"), ("busy_over_100ms", "CPU stalls > 100 ms", "{:.0f}"),
           ("window_cpu_s", "window process CPU, s", "{:.2f}"), ("stories_s", "stories drawn, s", "{:.2f}"))


def side_by_side(args: argparse.Namespace) -> int:
    """File loading of the previous code (``--vs-old``) and this one, in turn, in fresh processes."""
    import json
    import subprocess

    here = Path(__file__).resolve()
    checkouts = {"old": Path(args.vs_old).resolve(), "new": here.parents[1]}
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for r in range(args.rounds):
        for name, root in checkouts.items():
            env = dict(os.environ, PYTHONPATH=str(root))
            cmd = [sys.executable, str(here), "--skip-synthetic", "--json", "--articles", str(args.articles),
                   "--seed", str(args.seed)]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            line = next((ln for ln in reversed(done.stdout.splitlines()) if ln.startswith("{")), None)
            if done.returncode != 0 or line is None:
                print(f"{name} run failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}", file=sys.stderr)
                return 1
            runs[name].append(json.loads(line))
            f = runs[name][-1]
            print(f"round {r + 1} {name}: {f['load_s']:.2f} s, stall max {f['stall_max_ms']:.0f} ms, "
                  f"{f['stalls_over_100ms']:.0f} over 100 ms", flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{args.articles} files, {args.rounds} rounds each, old = {checkouts['old']}; "
          f"load average {load:.1f} on {os.cpu_count()} cores; medians:")
    print(f"{'':24s}{'old':>10s}{'new':>10s}")
    for key, label, fmt in FIGURES:
        old = [f[key] for f in runs["old"] if key in f]
        new = [f[key] for f in runs["new"] if key in f]
        cells = [fmt.format(statistics.median(v)) if v else "—" for v in (old, new)]
        print(f"{label:24s}{cells[0]:>10s}{cells[1]:>10s}")
    ratios = [o["load_s"] / n["load_s"] for o, n in zip(runs["old"], runs["new"])]
    print(f"load time old/new, pair by pair: {', '.join(f'{r:.2f}' for r in ratios)} "
          f"(median {statistics.median(ratios):.2f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
