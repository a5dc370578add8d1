"""JSON-lines archives: one article per line, so a million short articles are one file, not a million.

Each line is a JSON object with the article's ``text`` and, optionally, ``id``, ``title``,
``url`` and ``dct`` (a date, ``YYYY-MM-DD`` or with a clock time). The text is read as a
plain-text file's is (the dateline, the boilerplate, the title from the first line), then what
the record says outright takes the place of what was detected: its title, and its DCT with the
origin ``archive``. A ``.jsonl.gz`` file is read through gzip as it streams, never whole.

A record is named ``FILE#N`` (N counts lines from 1), followed by its ``id`` or ``url`` when it
has one, so a message points at the line to fix. A bad line (not JSON, no text) is an error for
that record only; the others are read.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..model import DCT, Article, DctOrigin
from ..values import parse_value
from .errors import IngestError
from .reader import read_article_bytes

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


@dataclass(frozen=True, slots=True)
class Record:
    """One line of an archive: where it is, and its fields (or why it could not be read)."""

    source: str
    fields: dict[str, Any] | None
    error: str | None = None


def is_jsonl(path: str | Path) -> bool:
    return str(path).lower().endswith(JSONL_SUFFIXES)


def _open(path: Path) -> TextIO:
    """The archive as text, decompressed as it is read; the caller closes it."""
    if str(path).lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="\n")
    return path.open(encoding="utf-8", errors="replace", newline="\n")


def iter_records(path: str | Path) -> Iterator[Record]:
    """The records of an archive in file order (blank lines skipped); raises IngestError when
    the file cannot be opened or its gzip stream breaks off (the records before are kept)."""
    path = Path(path)
    name = str(path)
    try:
        handle = _open(path)
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror or type(exc).__name__})") from None
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                raise IngestError(f"{name}: the archive breaks off after line {number} ({exc})") from None
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            yield _record(line, f"{name}#{number}")


def _record(line: str, where: str) -> Record:
    try:
        fields = json.loads(line)
    except json.JSONDecodeError as exc:
        return Record(where, None, f"{where}: not a JSON object ({exc.msg} at column {exc.colno})")
    if not isinstance(fields, dict):
        return Record(where, None, f"{where}: not a JSON object")
    label = fields.get("id") or fields.get("url")
    source = f"{where} {label}" if isinstance(label, (str, int)) and str(label) else where
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return Record(source, None, f"{source}: the record has no text")
    return Record(source, fields)


def read_record(record: Record) -> Article:
    """The article of a record; raises IngestError for a bad record or DCT."""
    if record.fields is None:
        raise IngestError(record.error or f"{record.source}: unreadable record")
    fields = record.fields
    article = read_article_bytes(fields["text"].encode("utf-8"), record.source, fmt="text")
    title = fields.get("title")
    if isinstance(title, str) and title.strip():
        article = dataclasses.replace(article, title=title.strip())
    dct = fields.get("dct")
    if dct not in (None, ""):
        if not isinstance(dct, str) or parse_value(dct) is None:
            raise IngestError(f"{record.source}: dct {dct!r} is not a date (YYYY-MM-DD)")
        article = dataclasses.replace(article, dct=DCT(value=dct, origin=DctOrigin.ARCHIVE, confidence=1.0))
    return article
