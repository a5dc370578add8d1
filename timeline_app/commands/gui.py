"""``timeline-app [FILE...]``: the desktop app, on the given files and folders or the sample article."""

from __future__ import annotations

import argparse
import sys

from .. import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Open articles on a zoomable timeline. With no FILE, the bundled sample article opens.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="articles (.txt .md .html .tml …), folders (searched recursively) or .timeline projects")
    parser.add_argument("--theme", choices=("system", "light", "dark"),
                        help="colour theme for this run (default: the one chosen in View › Theme)")
    parser.add_argument("--version", action="version", version=f"timeline-app {__version__}")
    return parser


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    # Qt is imported here, not at module level: the command line must not need it.
    from ..qt.app import apply_theme, create_app
    from ..qt.dataset_actions import DatasetActions
    from ..qt.export.actions import ExportActions
    from ..qt.main_window import MainWindow
    from ..qt.project_actions import ProjectActions
    from ..resources import default_article

    app = create_app(sys.argv[:1])
    window = MainWindow()
    # File › projects, autosave, crash recovery; .timeline FILEs open as projects (window.open_project).
    projects = ProjectActions(window)
    ExportActions(window)  # File › Export image… (Ctrl+E), Export data…
    DatasetActions(window)  # File › Open dataset…; DATASET/ folders open in the archive pane
    if args.theme:
        apply_theme(args.theme)
    window.show()
    recovered = projects.offer_recovery()
    if args.files:
        window.open_paths(args.files)
    elif not recovered:
        window.open_paths([default_article()], remember=False)
    return app.exec()
