"""Which files the app reads: supported extensions, and folders expanded recursively."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".tml",
                                ".timeml"})


def expand_inputs(items: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files as given, and the supported files inside given folders (sorted, recursive).

    Returns (paths, missing) where missing lists the arguments that do not exist. A file named
    explicitly is kept whatever its extension, so the user gets a clear message about it.
    """
    paths: list[Path] = []
    missing: list[str] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            paths.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.exists():
            paths.append(path)
        else:
            missing.append(str(item))
    return paths, missing
