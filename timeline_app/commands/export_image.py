"""``timeline-app export FILE... -o OUT.{png,svg,pdf}``: the timeline as an image, without a display.

The articles go through the same pipeline as ``extract`` and the page is drawn by the GUI's
timeline widget (:mod:`timeline_app.qt.export.image`) on Qt's offscreen platform when there is no
display. A file that cannot be read is reported on stderr (one line naming it) and left out;
the others are still drawn, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from ..core.atomic import OutputError
from ..core.ingest import expand_inputs
from ..core.model import ArticleResult
from ..core.pipeline import process_files, split_projects, user_dct
from ..core.project.store import project_results
from ..core.values import parse_value
from .progress import ProgressLine

PROG = "timeline-app export"
EPOCH = datetime(1970, 1, 1)  # the timeline's x unit: seconds since then, calendar time read as UTC


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="articles (.txt .md .html .tml), folders, "
                   "or .timeline projects (with their corrections)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the image to write: .png, .svg or .pdf (from the extension)")
    p.add_argument("--width", type=int, metavar="W",
                   help="width in pixels (default: 1600 at 96 dpi, scaled with --dpi)")
    p.add_argument("--height", type=int, metavar="H",
                   help="height in pixels (default: as tall as the lanes need for their labels)")
    p.add_argument("--dpi", type=float, metavar="D",
                   help="resolution (default 96): text keeps its size in inches, so more dpi means "
                        "more pixels for the same drawing; recorded in PNG, sets the SVG/PDF page size")
    p.add_argument("--text-scale", type=float, default=1.0, metavar="F",
                   help="make text, marks and lines F times as big on the same page (default 1; 1.5 "
                        "for labels that stay readable when the image is printed small)")
    p.add_argument("--range", nargs=2, metavar=("START", "END"),
                   help="show only this time range, as dates or TIMEX3 values "
                        "(2016-06-01 2016-07-01, or 2014 2016 for whole years); default: everything")
    p.add_argument("--page", choices=("a4", "a4-landscape", "letter", "letter-landscape", "slide"),
                   help="a page size at --dpi: A4 or Letter, portrait or landscape, or a 16:9 slide "
                        "(default, when no --width/--height: a4-landscape)")
    p.add_argument("--keep-empty-lanes", action="store_true",
                   help="with --range, keep the lanes of articles with no event in the range")
    p.add_argument("--theme", choices=("light", "dark"), default="light", help="colours (default light)")
    p.add_argument("--title", metavar="T",
                   help='title line (default: the article\'s title, or "N articles"; "" for none)')
    p.add_argument("--no-legend", action="store_true", help="leave out the legend of lanes and symbols")
    p.add_argument("--dct", metavar="YYYY-MM-DD",
                   help="document creation time for every file (overrides what is detected)")


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def parse_range(start: str, end: str) -> tuple[float, float]:
    """Epoch seconds from the start of ``start``'s interval to the end of ``end``'s."""
    a, b = parse_value(start), parse_value(end)
    if a is None:
        raise ValueError(f"--range start {start!r} is not a date")
    if b is None:
        raise ValueError(f"--range end {end!r} is not a date")
    x0, x1 = (a[0].start - EPOCH).total_seconds(), (b[0].end - EPOCH).total_seconds()
    if x1 <= x0:
        raise ValueError(f"--range {start} {end}: the end is not after the start")
    return x0, x1


def _has_event_in(result: ArticleResult, x_range: tuple[float, float]) -> bool:
    """Whether an event of the article overlaps the range (epoch seconds): its lane has something to show."""
    x0, x1 = x_range
    for e in result.analysis.events:
        if e.interval is not None and (e.interval.start - EPOCH).total_seconds() < x1 \
                and (e.interval.end - EPOCH).total_seconds() > x0:
            return True
    return False


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        return _fail(f"{out}: unknown image format {out.suffix or '(none)'!r} (use .png, .svg or .pdf)")
    for name in ("width", "height", "dpi", "text_scale"):
        value = getattr(args, name)
        if value is not None and value <= 0:
            return _fail(f"--{name.replace('_', '-')} must be positive, not {value}")
    x_range = None
    if args.range:
        try:
            x_range = parse_range(*args.range)
        except ValueError as exc:
            return _fail(str(exc))
    dct = None
    if args.dct:
        if parse_value(args.dct) is None:
            return _fail(f"--dct {args.dct!r} is not a date (YYYY-MM-DD)")
        dct = user_dct(args.dct)

    paths, missing = expand_inputs(args.files)
    paths, projects = split_projects(paths)
    results = list(process_files(paths, dct=dct, progress=ProgressLine()))
    for project in projects:  # a .timeline file: its articles with the user's corrections and labels
        results.extend(project_results(project))
    results.extend(ArticleResult(source=m, article=None, errors=(f"{m}: no such file or folder",)) for m in missing)
    failed = False
    for r in results:
        for error in r.errors:
            print(error, file=sys.stderr)
            failed = True
    drawable = [r for r in results if r.article is not None]
    if not drawable:
        return _fail("no article could be read: nothing to draw")
    # --range: an article with no event in it would be an empty lane (say --keep-empty-lanes to keep it).
    if x_range is not None and not args.keep_empty_lanes:
        in_range = [r for r in drawable if _has_event_in(r, x_range)]
        if not in_range:
            return _fail(f"no event between {args.range[0]} and {args.range[1]}: nothing to draw")
        drawable = in_range

    # Qt only now: argument errors and unreadable files are reported without loading it.
    from ..core.session import Session
    from ..qt.export.image import ImageOptions, ensure_app, export_image, quiet_qt_messages

    ensure_app()
    quiet_qt_messages()
    session = Session()
    for r in drawable:
        session.add_result(r)
    options = ImageOptions(width=args.width, height=args.height, dpi=args.dpi, text_scale=args.text_scale,
                           page=args.page,
                           theme=args.theme,
                           title=args.title, legend=not args.no_legend, x_range=x_range)
    try:
        export_image(session, out, options)
    except (OSError, ValueError, OutputError) as exc:
        return _fail(str(exc))
    return 2 if failed else 0
