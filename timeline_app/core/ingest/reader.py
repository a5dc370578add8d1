"""Files → :class:`Article`: decode, read the format, mark boilerplate, find title and DCT.

Formats, by extension (an unknown extension is read as text, or as HTML/TimeML when the
content plainly is):

- ``.txt`` and other text: ``Article.text`` is the decoded content with universal newlines
  (``\\r\\n`` and ``\\r`` become ``\\n``) and without the BOM — nothing else changes, so offsets
  index the file as a reader sees it;
- ``.md`` / ``.markdown``: the prose with the markup removed (:mod:`.markdown_reader`);
- ``.html`` / ``.htm`` / ``.xhtml``: what a reader sees of the page, parsed safely: title,
  dateline and main text, with the page's furniture around it kept and marked as boilerplate
  (:mod:`.html`);
- ``.tml`` / ``.timeml``: TimeML's TEXT, DCT and gold TIMEX3s (:mod:`.timeml`).

Decoding is :func:`.encoding.decode` (BOMs, UTF-8, then a guarded guess). Files larger than
:data:`MAX_BYTES` (20 MB) are refused before they are read: a news article is a few KB, and a
larger file is almost always a mistake (a log, a dump, a whole archive).

The DCT comes from, in order: TimeML ``<DCT>``; the page's meta tags, JSON-LD, or ``<time
datetime>``; the dateline in the text (:func:`.dateline.detect`); htmldate's reading of other
markup; a date in the file name. With none of them ``Article.dct`` is None — never today.

Every failure is an :class:`IngestError` whose message is one line naming the file.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from pathlib import Path, PurePath

from ..model import DCT, Article, Span
from . import dateline
from .boilerplate import find_boilerplate, is_boilerplate_line
from .encoding import DecodeError, decode
from .errors import IngestError
from .files import HTML_SUFFIXES, MARKDOWN_SUFFIXES, TEXT_SUFFIXES, TIMEML_SUFFIXES
from .timeml import parse_timeml

MAX_BYTES = 20 * 1024 * 1024
# Markup is parsed into a tree of about 2 KB per tag (lxml, then the main-text extraction): a page
# of a million tags took 76 s and 1.9 GB. The largest page of the dev corpus has 12,000.
MAX_TAGS = 200_000


# A text title: a short line without a sentence's final punctuation, near the top.
_TITLE_MAX_CHARS = 150
_TITLE_MAX_WORDS = 25
_TITLE_LINES = 10
_HTML_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s{0,200}(?:<!--.{0,200}?-->\s{0,20})?"
                         rb"<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_TIMEML_SNIFF = re.compile(rb"<TimeML\b")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s{0,3}=\s{0,3}["']?\s{0,3}"""
                           rb"(?P<charset>[\w.:-]{1,40})",
                           re.IGNORECASE)



def read_article(path: Path) -> Article:
    """Read one regular file as an article; raises IngestError (one line naming the file).

    Only regular files are read: a FIFO, a device or a socket named on the command line would
    block ``open()`` or never end. The file is opened non-blocking and checked on the open
    handle, so nothing swapped in between a check and the open can stall us either.
    """
    source = str(path)
    try:
        if path.is_dir():
            raise IngestError(f"{source}: is a folder, not a file")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise IngestError(f"{source}: not a regular file ({_kind(info.st_mode)}); "
                                  f"only files are read")
            if info.st_size > MAX_BYTES:
                raise IngestError(f"{source}: file too large ({_mb(info.st_size)}; "
                                  f"the limit is {_mb(MAX_BYTES)})")
            data = handle.read(MAX_BYTES + 1)  # bounded: a file growing while we read cannot stall us
    except FileNotFoundError:
        raise IngestError(f"{source}: no such file") from None
    except PermissionError:
        raise IngestError(f"{source}: permission denied") from None
    except OSError as exc:
        raise IngestError(f"{source}: cannot read ({exc.strerror or type(exc).__name__})") from None
    return read_article_bytes(data, source)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def read_article_bytes(data: bytes, source: str, fmt: str | None = None) -> Article:
    """Read in-memory bytes as the article ``source`` (a path or a name; its suffix picks the format).

    ``fmt`` (``text``, ``markdown``, ``html`` or ``timeml``) names the format when the source's name
    cannot: a page from a web archive, a record of a JSON-lines archive.
    """
    if len(data) > MAX_BYTES:
        raise IngestError(f"{source}: file too large ({_mb(len(data))}; the limit is {_mb(MAX_BYTES)})")
    kind = fmt or _format_of(data, source)
    if kind in ("html", "timeml") and (tags := data.count(b"<")) > MAX_TAGS:
        raise IngestError(f"{source}: too much markup ({tags:,} tags; the limit is {MAX_TAGS:,}): "
                          f"parsing it would take minutes and gigabytes")
    if kind == "timeml":
        article = _read_timeml(data, source)
    else:
        declared = None
        if kind == "html":
            found = _META_CHARSET.search(data[:4096])
            declared = found.group("charset").decode("ascii", "replace") if found else None
        try:
            decoded = decode(data, declared)
        except DecodeError as exc:
            raise IngestError(f"{source}: {exc}") from None
        text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise IngestError(f"{source}: empty file")
        if kind == "html":
            article = _read_html(text, source)
        elif kind == "markdown":
            article = _read_markdown(text, source)
        else:
            article = _read_text(text, source)
    return _with_filename_dct(article, source)


def _format_of(data: bytes, source: str) -> str:
    suffix = PurePath(source).suffix.lower()
    if suffix in TIMEML_SUFFIXES:
        return "timeml"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = data[:2048]
    if _HTML_SNIFF.match(head):
        return "html"
    if head.lstrip().startswith(b"<?xml") and _TIMEML_SNIFF.search(head):
        return "timeml"
    return "text"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size % (1024 * 1024) else f"{size // (1024 * 1024)} MB"


# --- formats -----------------------------------------------------------------------------

def _read_text(text: str, source: str) -> Article:
    boilerplate = find_boilerplate(text)
    dct = dateline.detect(text)
    title = _text_title(text, boilerplate, dct) or PurePath(source).stem
    return Article(source=source, title=title, text=text, dct=dct, boilerplate=boilerplate,
                   format="text")


def _read_markdown(text: str, source: str) -> Article:
    from .markdown import read_markdown

    cleaned = read_markdown(text)
    if not cleaned.text.strip():
        raise IngestError(f"{source}: no text left once the Markdown markup is removed")
    boilerplate = find_boilerplate(cleaned.text)
    dct = dateline.detect(cleaned.text)
    title = cleaned.title or _text_title(cleaned.text, boilerplate, dct) or PurePath(source).stem
    return Article(source=source, title=title, text=cleaned.text, dct=dct, boilerplate=boilerplate,
                   format="markdown")


def _read_html(text: str, source: str) -> Article:
    from .html import HtmlError, read_html

    try:
        page = read_html(text)
    except HtmlError as exc:
        raise IngestError(f"{source}: {exc}") from None
    except RecursionError:
        raise IngestError(f"{source}: HTML nested too deeply to read") from None
    title = page.title or _text_title(page.text, page.boilerplate, page.dateline) or PurePath(source).stem
    return Article(source=source, title=title, text=page.text, dct=page.dct, boilerplate=page.boilerplate,
                   format="html", url=page.url)


def _read_timeml(data: bytes, source: str) -> Article:
    if not data.strip():
        raise IngestError(f"{source}: empty file")
    article = parse_timeml(data, source)
    if not article.text.strip():
        raise IngestError(f"{source}: the TimeML TEXT element is empty")
    if article.dct is None:  # a TimeML file without <DCT>: its text may still have a dateline
        article = dataclasses.replace(article, dct=dateline.detect(article.text))
    return article


def _with_filename_dct(article: Article, source: str) -> Article:
    if article.dct is not None:
        return article
    return dataclasses.replace(article, dct=dateline.from_filename(PurePath(source).name))


def _text_title(text: str, boilerplate: tuple[Span, ...], dct: DCT | None) -> str | None:
    """The first line near the top that looks like a headline: short, no final period."""
    seen = 0
    pos = 0
    limit = min(len(text), 3000)
    while pos < limit and seen < _TITLE_LINES:
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        line = text[pos:end].strip()
        if line:
            seen += 1
            start = pos + text[pos:end].find(line[0])
            in_dateline = dct is not None and dct.start is not None and dct.end is not None \
                and dct.start < start + len(line) and start < dct.end
            if not in_dateline and not is_boilerplate_line(line) \
                    and not any(s.start <= start < s.end for s in boilerplate) and _headline(line):
                return line
        if nl == -1:
            break
        pos = nl + 1
    return None


def _headline(line: str) -> bool:
    return (len(line) <= _TITLE_MAX_CHARS and len(line.split()) <= _TITLE_MAX_WORDS
            and not line.endswith((".", ",", ";", ":")) and any(ch.isalpha() for ch in line))
