"""Command line: no sub-command opens the GUI; ``extract``, ``export`` and ``eval`` run headless.

Each sub-command lives in its own module under :mod:`timeline_app.commands` and is imported only
when used, so ``extract`` never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from . import __version__

# sub-command name → module in timeline_app.commands providing add_arguments() and run()
COMMANDS = {
    "extract": "Extract DCT, time expressions and events from articles (JSON, JSONL, CSV, TimeML...).",
    "export": "Render the timeline of articles to PNG, SVG or PDF without a display.",
    "eval": "Score the tagger against TimeML gold files with the TempEval-3 measures.",
    "eval-stories": "Score story merging against an ECB+ corpus's cross-document links.",
    "eval-dct": "Score the detected publication dates of saved web pages against a table of dates.",
}
_MODULES = {"extract": "extract", "export": "export_image", "eval": "evaluate", "eval-stories": "eval_stories",
            "eval-dct": "eval_dct"}


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Turn news articles into timelines. With no sub-command, open the desktop app "
                    "on FILEs (or the bundled sample article).",
    )
    parser.add_argument("--version", action="version", version=f"timeline-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    # Only the chosen sub-command's module is imported: `extract` must stay free of Qt.
    chosen = next((a for a in argv if a in COMMANDS), None)
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            module = importlib.import_module(f".commands.{_MODULES[name]}", __package__)
            module.add_arguments(p)
            p.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version"):
        from .commands import gui

        return gui.run(args_list)
    parser = build_parser(args_list)
    args = parser.parse_args(args_list)
    if getattr(args, "run", None) is None:
        parser.print_help()
        return 0
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:
        # "timeline-app eval ... | head": the reader has what it wanted. Point stdout at
        # /dev/null so the interpreter's final flush does not fail a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
