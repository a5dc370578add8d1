"""TimeML 1.2 files: read the TEXT, DCT and gold TIMEX3s; write our expressions back as TimeML.

Reading goes through defusedxml, so a file declaring an entity-expansion bomb or an external
entity is refused with an :class:`~timeline_app.core.ingest.reader.IngestError` instead of being
expanded. The article text is the character content of ``<TEXT>`` with every inline tag removed;
gold offsets index that text, so the scorer can compare them with the tagger's offsets.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from xml.sax.saxutils import escape, quoteattr

import defusedxml
import defusedxml.ElementTree as DET

from ..model import DCT, Article, DctOrigin, TimeExpression, TimexType
from ..values import parse_value
from .reader import IngestError

TIMEML_SCHEMA = "http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd"

# Characters XML 1.0 cannot carry at all; written as U+FFFD so that offsets stay the same.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def parse_timeml(data: bytes, source: str) -> Article:
    """The Article of a TimeML document, with its gold TIMEX3s in ``gold_timexes``.

    Raises IngestError (one line naming ``source``) for malformed XML, forbidden entity
    declarations or external references, and documents without a ``<TEXT>`` element.
    """
    try:
        root = DET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        # EntitiesForbidden / ExternalReferenceForbidden / DTDForbidden: refused, not expanded.
        raise IngestError(f"{source}: refused unsafe XML ({type(exc).__name__}: {exc})") from None
    except ET.ParseError as exc:
        raise IngestError(f"{source}: not well-formed TimeML XML ({exc})") from None
    text_el = root if _local(root.tag) == "TEXT" else _first(root, "TEXT")
    if text_el is None:
        raise IngestError(f"{source}: TimeML document has no <TEXT> element")

    pieces: list[str] = []
    found: list[tuple[ET.Element, int, int]] = []
    _flatten(text_el, pieces, found, offset=0, is_root=True)
    text = "".join(pieces)

    dct, dct_tid = _read_dct(root)
    gold: list[TimeExpression] = []
    for element, start, end in found:
        try:
            gold.append(_gold_timex(element, start, end, text, dct_tid))
        except ValueError as exc:
            raise IngestError(f"{source}: bad TIMEX3 {element.get('tid', '?')} ({exc})") from None

    docid_el = _first(root, "DOCID")
    docid = (docid_el.text or "").strip() if docid_el is not None else ""
    title = docid or PurePath(source).stem
    return Article(source=source, title=title, text=text, dct=dct,
                   format="timeml", gold_timexes=tuple(gold))


def _local(tag: object) -> str:
    """A tag name without any ``{namespace}`` prefix (comments and PIs have no str tag)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first(root: ET.Element, name: str) -> ET.Element | None:
    return next((el for el in root.iter() if _local(el.tag) == name), None)


def _flatten(element: ET.Element, pieces: list[str], found: list[tuple[ET.Element, int, int]],
             offset: int, is_root: bool = False) -> int:
    """Append the character content of ``element`` (not its tail) and record TIMEX3 offsets.

    Returns the offset after the element's content. Written as a recursion over the tree
    because TIMEX3 may sit inside other inline tags (and, rarely, contain EVENTs).
    """
    start = offset
    if element.text:
        pieces.append(element.text)
        offset += len(element.text)
    for child in element:
        if isinstance(child.tag, str):  # comments and processing instructions carry no text
            offset = _flatten(child, pieces, found, offset)
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    if not is_root and _local(element.tag) == "TIMEX3":
        found.append((element, start, offset))
    return offset


def _gold_timex(element: ET.Element, start: int, end: int, text: str,
                dct_tid: str | None) -> TimeExpression:
    type_ = TimexType(element.get("type", "DATE").strip().upper())
    value = (element.get("value") or "").strip() or None
    anchor = element.get("anchorTimeID") or None
    if anchor is not None and anchor == dct_tid:
        anchor = "dct"  # the model's name for "resolved against the DCT"
    interval = granularity = None
    if value and type_ in (TimexType.DATE, TimexType.TIME):
        parsed = parse_value(value)
        if parsed is not None:
            interval, granularity = parsed
    return TimeExpression(
        id=element.get("tid", ""), start=start, end=end, text=text[start:end], type=type_,
        value=value, mod=element.get("mod") or None, anchor=anchor,
        interval=interval, granularity=granularity, rule="gold", quant=element.get("quant") or None,
        freq=element.get("freq") or None,
    )


def _read_dct(root: ET.Element) -> tuple[DCT | None, str | None]:
    """The DCT and its tid (gold anchors name it), or None when the file has no usable DCT."""
    dct_el = _first(root, "DCT")
    if dct_el is None:
        return None, None
    timex = next((el for el in dct_el.iter() if _local(el.tag) == "TIMEX3"), None)
    if timex is None:
        return None, None
    value = (timex.get("value") or "").strip()
    tid = timex.get("tid") or None
    # The DCT must be a placeable day (a time of day is kept): day arithmetic starts from it.
    if not value or len(value) < 10 or parse_value(value) is None:
        return None, tid
    return DCT(value=value, origin=DctOrigin.TIMEML, confidence=1.0), tid


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
             '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             f'xsi:noNamespaceSchemaLocation="{TIMEML_SCHEMA}">',
             "",
             f"<DOCID>{_text(article.title or PurePath(article.source).stem)}</DOCID>",
             ""]
    if dct is not None:
        dct_type = "TIME" if "T" in dct.value else "DATE"
        lines += [f'<DCT><TIMEX3 tid="{dct_tid}" type="{dct_type}" value={quoteattr(dct.value)} '
                  'temporalFunction="false" functionInDocument="CREATION_TIME">'
                  f"{_text(dct.value)}</TIMEX3></DCT>", ""]
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
