"""Scoring detected document dates (DCTs) against a gold table of publication dates.

The gold file is JSON: ``{"NAME.html": {"date": "YYYY-MM-DD", ...}, ...}`` (other keys, such
as ``url``, are ignored and never given to the reader: a user's saved page has only itself).
A page is *right* when the first ten characters of its DCT value equal ``date``, *none* when
it gets no DCT (or cannot be read), *wrong* otherwise. A gold ``date`` that is not a date
(``NaN`` or null: the page has none) cannot be right.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..ingest import IngestError, read_article
from ..model import DCT

NO_DATE = "nan"  # the gold value of a page that has no publication date


class GoldError(ValueError):
    """A gold file that cannot be read; the message names it."""


@dataclass(frozen=True, slots=True)
class PageScore:
    name: str
    gold: str
    dct: DCT | None
    error: str | None = None  # why the page could not be read

    @property
    def outcome(self) -> str:
        """``right``, ``wrong`` or ``none``."""
        if self.dct is None:
            return "none"
        return "right" if self.dct.value[:10] == self.gold else "wrong"


def read_gold(path: Path) -> dict[str, str]:
    """``{page name: gold date}`` from a dates file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldError(f"{path}: cannot read the dates file ({exc})") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected an object of page name → {{\"date\": ...}}")
    gold: dict[str, str] = {}
    for name, entry in data.items():
        if not isinstance(entry, dict) or "date" not in entry:
            raise GoldError(f"{path}: {name}: no \"date\"")
        value = entry["date"]
        gold[name] = value if isinstance(value, str) else NO_DATE  # NaN or null: the page has none
    return gold


def score_pages(pages: Path, gold: dict[str, str],
                progress: Callable[[int, int, str], None] | None = None) -> Iterator[PageScore]:
    """The DCT that ingest gives each gold page in ``pages``, in name order, scored."""
    names = sorted(gold)
    for i, name in enumerate(names):
        if progress is not None:
            progress(i, len(names), name)
        try:
            dct = read_article(pages / name).dct
            error = None
        except IngestError as exc:
            dct, error = None, str(exc)
        yield PageScore(name, gold[name], dct, error)
    if progress is not None:
        progress(len(names), len(names), "")
