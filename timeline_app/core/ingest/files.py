"""Which files the app reads: the one list of article suffixes, and the one folder walker.

The CLI (``extract``, ``export``) and the GUI (open, drop) both read these, so a folder opens the
same files, in the same order, wherever it is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TIMEML_SUFFIXES = frozenset({".tml", ".timeml"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | TIMEML_SUFFIXES


def articles_in(folder: Path) -> list[Path]:
    """The article files below ``folder``, recursively, hidden files and folders skipped.

    Sorted by path, so that the order (and with it ``extract``'s output) is the same on every
    machine, whatever order the file system lists them in.
    """
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def expand_inputs(items: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files as given, and the article files inside given folders (:func:`articles_in`).

    Returns (paths, missing) where missing lists the arguments that do not exist. A file named
    explicitly is kept whatever its extension, so the user gets a clear message about it.
    """
    paths: list[Path] = []
    missing: list[str] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            paths.extend(articles_in(path))
        elif path.exists():
            paths.append(path)
        else:
            missing.append(str(item))
    return paths, missing
