"""Export speed: 100,000 events (1,000 articles × 100 events) to a 4000×1500 PNG and to SVG.

Builds the analyses directly (no tagging), so only drawing is measured; runs headless.
Target: the PNG in under 3 s. Prints the figures::

    python benchmarks/export_scale.py [--articles 1000] [--events 100]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from timeline_app.core.model import (
    DCT,
    Analysis,
    Article,
    ArticleResult,
    DctOrigin,
    Event,
    Granularity,
    Interval,
    TimeExpression,
    TimexType,
)
from timeline_app.core.session import Session

# Granularity → length of the interval: mostly days, as in news, with some months and years.
KINDS = [(Granularity.DAY, 1), (Granularity.DAY, 1), (Granularity.DAY, 1), (Granularity.WEEK, 7),
         (Granularity.MONTH, 30), (Granularity.YEAR, 365)]


def build_session(articles: int, events: int, seed: int = 3) -> Session:
    rng = random.Random(seed)
    session = Session()
    base = datetime(2000, 1, 1)
    for a in range(articles):
        dct = base + timedelta(days=rng.randrange(20 * 365))
        sentences, timexes, evs = [], [], []
        pos = 0
        for e in range(events):
            gran, days = rng.choice(KINDS)
            start = (dct - timedelta(days=rng.randrange(3 * 365))).replace(hour=0)
            interval = Interval(start, start + timedelta(days=days))
            sentence = f"Event {e} of article {a}: officials announced measure number {rng.randrange(1000)}."
            timexes.append(TimeExpression(id=f"t{e}", start=pos, end=pos + 5, text=sentence[:5], type=TimexType.DATE,
                                          value=f"{start:%Y-%m-%d}", interval=interval, granularity=gran,
                                          mod="APPROX" if rng.random() < 0.1 else None))
            evs.append(Event(id=f"e{e}", label=sentence[:60], start=pos, end=pos + len(sentence), timex=f"t{e}",
                             interval=interval))
            sentences.append(sentence)
            pos += len(sentence) + 1
        article = Article(source=f"bench/{a:05d}.txt", title=f"Benchmark article {a}", text="\n".join(sentences),
                          dct=DCT(f"{dct:%Y-%m-%d}", DctOrigin.DATELINE))
        session.add_result(ArticleResult(source=article.source, article=article,
                                         analysis=Analysis(timexes=tuple(timexes), events=tuple(evs))))
    return session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--width", type=int, default=4000)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument("--keep", metavar="DIR", help="write the files here instead of a temporary folder")
    args = parser.parse_args(argv)

    from timeline_app.qt.export.image import ensure_app, quiet_qt_messages

    ensure_app()
    quiet_qt_messages()
    t0 = time.perf_counter()
    session = build_session(args.articles, args.events)
    n = sum(len(e.analysis.events) for e in session.entries)
    print(f"session: {args.articles:,} articles, {n:,} events built in {time.perf_counter() - t0:.2f} s")
    with tempfile.TemporaryDirectory(prefix="export-scale-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        figures = run(session, folder, args.width, args.height)
    verdict = "OK" if figures["png"] < 3.0 else "SLOW"
    print(f"PNG {args.width}×{args.height} with {n:,} events: {figures['png']:.2f} s (target < 3 s): {verdict}")
    return 0


def run(session: Session, folder: Path, width: int, height: int) -> dict[str, float]:
    from timeline_app.qt.export.image import ImageOptions, TimelinePage

    options = ImageOptions(width=width, height=height)
    figures: dict[str, float] = {}
    for fmt in ("png", "svg"):
        out = folder / f"timeline.{fmt}"
        t0 = time.perf_counter()
        with TimelinePage(session, options) as page:  # a fresh page each time: layout is part of the cost
            t_layout = time.perf_counter() - t0
            page.write(out)
        figures[fmt] = time.perf_counter() - t0
        print(f"{fmt}: {figures[fmt]:.2f} s (layout {t_layout:.2f} s) → {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return figures


if __name__ == "__main__":
    sys.exit(main())
