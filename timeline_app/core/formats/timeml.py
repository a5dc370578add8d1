"""TimeML 1.2 written: our expressions as inline TIMEX3 tags in a well-formed document.

Reading TimeML is :mod:`..ingest.timeml`; what this writes, that reads back with the same offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from xml.sax.saxutils import escape, quoteattr

from ..model import DCT, Article, TimeExpression
from .names import readable

TIMEML_SCHEMA = "http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd"

# Characters XML 1.0 cannot carry at all; written as U+FFFD so that offsets stay the same.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_timeml(article: Article, timexes: Sequence[TimeExpression], dct: DCT | None) -> str:
    """A well-formed TimeML 1.2 document with ``timexes`` as inline TIMEX3 tags in ``<TEXT>``.

    Overlapping expressions cannot nest as TIMEX3, so the outer (or, on a tie, the first) one is
    kept. Expressions without a value are written without a ``value`` attribute rather than with
    an invented one. Characters XML cannot carry become U+FFFD and carriage returns are written
    as ``&#13;``, so every kept offset still indexes the text of the parsed result.
    """
    kept = list(_outermost(timexes))
    dct_tid = _fresh_tid({t.id for t in kept})
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             ('<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              f'xsi:noNamespaceSchemaLocation="{TIMEML_SCHEMA}">'),
             "",
             f"<DOCID>{_text(readable(article.title or PurePath(article.source).stem))}</DOCID>",
             ""]
    if dct is not None:
        dct_type = "TIME" if "T" in dct.value else "DATE"
        lines += [(f'<DCT><TIMEX3 tid="{dct_tid}" type="{dct_type}" value={quoteattr(dct.value)} '
                   'temporalFunction="false" functionInDocument="CREATION_TIME">'
                   f"{_text(dct.value)}</TIMEX3></DCT>"), ""]
    body: list[str] = []
    ids = {t.id for t in kept}
    pos = 0
    for timex in kept:
        body.append(_text(article.text[pos:timex.start]))
        body.append(_open_tag(timex, dct_tid if dct is not None else None, ids))
        body.append(_text(article.text[timex.start:timex.end]))
        body.append("</TIMEX3>")
        pos = timex.end
    body.append(_text(article.text[pos:]))
    lines += ["<TEXT>" + "".join(body) + "</TEXT>", "", "</TimeML>", ""]
    return "\n".join(lines)


def _outermost(timexes: Sequence[TimeExpression]) -> Iterator[TimeExpression]:
    """Non-overlapping expressions in text order: the outer one of nested ones, else the first."""
    end = -1
    for timex in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if timex.start >= end and timex.end > timex.start:
            yield timex
            end = timex.end


def _fresh_tid(used: set[str]) -> str:
    """``t0`` for the DCT, as in TimeBank, unless one of our expressions already has that id."""
    tid, n = "t0", 0
    while tid in used:
        n += 1
        tid = f"t0_{n}"
    return tid


def _open_tag(timex: TimeExpression, dct_tid: str | None, ids: set[str]) -> str:
    attrs = [("tid", timex.id), ("type", str(timex.type))]
    if timex.value is not None:
        attrs.append(("value", timex.value))
    if timex.mod:
        attrs.append(("mod", timex.mod))
    if timex.quant:
        attrs.append(("quant", timex.quant))
    if timex.freq:
        attrs.append(("freq", timex.freq))
    anchor = dct_tid if timex.anchor == "dct" else timex.anchor
    if anchor and (anchor == dct_tid or anchor in ids):  # never point at an id not in the file
        attrs.append(("anchorTimeID", anchor))
    return "<TIMEX3 " + " ".join(f"{k}={quoteattr(_clean(v))}" for k, v in attrs) + ">"


def _clean(s: str) -> str:
    return _NOT_XML_CHAR.sub("\ufffd", s)


def _text(s: str) -> str:
    return escape(_clean(s)).replace("\r", "&#13;")
