"""WARC files of saved web pages (a crawl, a news archive's export, Common Crawl News) as articles.

Each ``response`` (or ``resource``) record holding an HTML page with HTTP status 200 is one
article, read by exactly the path a dropped ``.html`` file takes (:func:`read_article_bytes`
with the HTML format), so the text, the boilerplate and the publication date from the markup
are the same as for the page saved by hand. Other records (requests, metadata, redirects,
images) are skipped without a word; they are not articles.

The record's own date (``WARC-Date``, when the page was fetched) is a signal for the DCT:

- a page cannot have been published after it was fetched, so a DCT found in the page that is
  more than a day later than the fetch (a day allows for the page's local time zone) is a
  misreading, and the fetch date takes its place;
- a page with no date of its own gets the fetch date with a low confidence
  (:data:`CONF_CRAWL`): news crawls fetch a story within hours or days of its publication,
  which is closer than nothing, but the explanation and the confidence say where it came from.

Records are numbered from 0 in file order, counting only the pages; ``source`` is
``URL (FILE#N)``, so a message names both the page and where to find it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..model import DCT, Article, DctOrigin
from .errors import IngestError
from .reader import MAX_BYTES, read_article_bytes

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
CONF_CRAWL = 0.3
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SLACK = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML page of a WARC file: its number among the pages, URL, fetch date and body."""

    number: int
    url: str
    date: str | None  # WARC-Date, ISO 8601 (UTC)
    html: bytes
    source: str

    def read(self) -> Article:
        return read_page(self)


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def iter_pages(path: str | Path, start: int = 0, stop: int | None = None) -> Iterator[WarcPage]:
    """The HTML pages numbered ``start`` to ``stop`` (exclusive) of a WARC file, in file order.

    Raises IngestError (naming the file) when the file cannot be opened or is not a WARC file.
    """
    name = str(path)
    try:  # imported here: only archives need it, and it comes with the scale extra
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise IngestError(f"{name}: reading WARC files needs warcio: pip install 'timeline-app[scale]'") from None

    number = 0
    try:
        with open(path, "rb") as handle:
            _check_head(handle, name)
            for record in ArchiveIterator(handle):
                if not _is_page(record):
                    continue
                if stop is not None and number >= stop:
                    return
                if number >= start:
                    url = record.rec_headers.get_header("WARC-Target-URI") or ""
                    body = record.content_stream().read(MAX_BYTES + 1)
                    yield WarcPage(number, url, record.rec_headers.get_header("WARC-Date"), body,
                                   f"{url} ({name}#{number})")
                number += 1
    except FileNotFoundError:
        raise IngestError(f"{name}: no such file") from None
    except ArchiveLoadFailed as exc:
        raise IngestError(f"{name}: not a readable WARC file ({str(exc).strip().splitlines()[0]})") from None
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror or type(exc).__name__})") from None


def _check_head(handle: BinaryIO, name: str) -> None:
    """Refuse a file that does not start as a WARC (or ARC) file does; warcio would read on regardless."""
    head = handle.read(512)
    handle.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(16)
        except (OSError, EOFError):  # the first 512 bytes hold only part of a member: enough
            head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head)[:16]
    if not head.startswith((b"WARC/", b"filedesc://")):
        raise IngestError(f"{name}: not a WARC file (it does not start with a WARC record)")


def _is_page(record: object) -> bool:
    rec_type = record.rec_type  # type: ignore[attr-defined]
    if rec_type == "response":
        http = record.http_headers  # type: ignore[attr-defined]
        if http is None or http.get_statuscode() != "200":
            return False
        ctype = http.get_header("Content-Type") or ""
    elif rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    else:
        return False
    return ctype.split(";", 1)[0].strip().lower() in _HTML_TYPES


def read_page(page: WarcPage) -> Article:
    """The page as an article, as a dropped ``.html`` would be, with the fetch date as a signal."""
    article = read_article_bytes(page.html, page.source, fmt="html")
    return with_crawl_date(article, page.date)


def with_crawl_date(article: Article, fetched: str | None) -> Article:
    """Apply the fetch date to the article's DCT (see the module docstring)."""
    when = _parse(fetched)
    if when is None:
        return article
    crawl = DCT(value=when.date().isoformat(), origin=DctOrigin.CRAWL, confidence=CONF_CRAWL)
    if article.dct is None:
        return dataclasses.replace(article, dct=crawl)
    try:
        published = dt.datetime.fromisoformat(article.dct.value[:10])
    except ValueError:
        return article
    if published - _SLACK > when.replace(tzinfo=None):
        return dataclasses.replace(article, dct=crawl)
    return article


def _parse(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)  # Python 3.11 reads the "Z" of WARC-Date
    except ValueError:
        return None
    return parsed.astimezone(dt.UTC) if parsed.tzinfo else parsed
