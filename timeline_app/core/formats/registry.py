"""The one registry of data formats: name, writer, file suffix and label, said once.

``timeline-app extract --format`` and the GUI's File › Export data both read :data:`FORMATS`, so a
new format is one entry here and one writer module beside this one. Every writer takes article
results (:class:`~timeline_app.core.model.ArticleResult`), never a live session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import ArticleResult
from .calendar import to_ics
from .tabular import to_csv, to_json, to_jsonl, to_timeml
from .timelinejs import to_timelinejs

Writer = Callable[[Sequence[ArticleResult]], str]


@dataclass(frozen=True, slots=True)
class Format:
    """One data format: how to write it, which suffix its files take, and how menus name it."""

    name: str
    write: Writer
    suffix: str
    label: str
    in_menu: bool = True  # offered by File › Export data (JSON Lines is for pipelines, not people)


def _json(results: Sequence[ArticleResult]) -> str:
    return to_json(results) + "\n"


def _jsonl(results: Sequence[ArticleResult]) -> str:
    return "".join(to_jsonl(results))


FORMATS: dict[str, Format] = {f.name: f for f in (
    # CSV first: the menu's default, what most people open in a spreadsheet.
    Format("csv", to_csv, ".csv", "CSV, one row per event"),
    Format("json", _json, ".json", "JSON, the extract contract"),
    Format("jsonl", _jsonl, ".jsonl", "JSON Lines, one article per line", in_menu=False),
    Format("timeml", to_timeml, ".tml", "TimeML"),
    Format("ics", to_ics, ".ics", "iCalendar"),
    # TimelineJS is JSON, hence a suffix of its own.
    Format("timelinejs", to_timelinejs, ".timeline.json", "TimelineJS 3"),
)}


def format_of(path: str) -> Format | None:
    """The menu format a file name asks for, longest suffix first (``x.timeline.json``)."""
    name = str(path).lower()
    for f in sorted(FORMATS.values(), key=lambda f: -len(f.suffix)):
        if f.in_menu and name.endswith(f.suffix):
            return f
    return None
