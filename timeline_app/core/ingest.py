"""Placeholder: replaced by the ingest work (encodings, HTML, Markdown, TimeML)."""

from __future__ import annotations

from pathlib import Path

from .model import Article


class IngestError(Exception):
    """A file that cannot be read as an article; the message names the file and the problem."""


def read_article(path: Path) -> Article:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{path}: {exc}") from exc
    from . import dateline
    return Article(source=str(path), title=path.stem, text=text, dct=dateline.detect(text))
