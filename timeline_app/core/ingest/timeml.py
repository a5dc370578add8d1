"""TimeML 1.2 files read: the TEXT, the DCT and the gold TIMEX3s (writing is :mod:`..formats.timeml`).

Reading goes through defusedxml, so a file declaring an entity-expansion bomb or an external
entity is refused with a :class:`TimemlError` instead of being expanded. The article text is the character content of ``<TEXT>`` with every inline tag removed;
gold offsets index that text, so the scorer can compare them with the tagger's offsets.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import PurePath

import defusedxml
import defusedxml.ElementTree as DET

from ..model import DCT, Article, DctOrigin, TimeExpression, TimexType
from ..values import parse_value
from .errors import IngestError


class TimemlError(IngestError):
    """A TimeML file that cannot be read: one line naming the file and the problem."""


def parse_timeml(data: bytes, source: str) -> Article:
    """The Article of a TimeML document, with its gold TIMEX3s in ``gold_timexes``.

    Raises TimemlError (one line naming ``source``) for malformed XML, forbidden entity
    declarations or external references, and documents without a ``<TEXT>`` element.
    """
    try:
        root = DET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        # EntitiesForbidden / ExternalReferenceForbidden / DTDForbidden: refused, not expanded.
        raise TimemlError(f"{source}: refused unsafe XML ({type(exc).__name__}: {exc})") from None
    except ET.ParseError as exc:
        raise TimemlError(f"{source}: not well-formed TimeML XML ({exc})") from None
    text_el = root if _local(root.tag) == "TEXT" else _first(root, "TEXT")
    if text_el is None:
        raise TimemlError(f"{source}: TimeML document has no <TEXT> element")

    pieces: list[str] = []
    found: list[tuple[ET.Element, int, int]] = []
    try:
        _flatten(text_el, pieces, found, offset=0, is_root=True)
    except RecursionError:  # hundreds of nested inline tags: no article is written like that
        raise TimemlError(f"{source}: TimeML nested too deeply to read") from None
    text = "".join(pieces)

    dct, dct_tid = _read_dct(root)
    gold: list[TimeExpression] = []
    for element, start, end in found:
        try:
            gold.append(_gold_timex(element, start, end, text, dct_tid))
        except ValueError as exc:
            raise TimemlError(f"{source}: bad TIMEX3 {element.get('tid', '?')} ({exc})") from None

    docid_el = _first(root, "DOCID")
    docid = (docid_el.text or "").strip() if docid_el is not None else ""
    # A DOCID is an identifier ("113267", "APW19980808.0022") unless a writer put a title there.
    title = docid if " " in docid else (_headline(text) or docid or PurePath(source).stem)
    return Article(source=source, title=title, text=text, dct=dct,
                   format="timeml", gold_timexes=tuple(gold))


def _headline(text: str) -> str:
    """The article's first line when it reads as a headline (short, no full stop): TimeBank files
    name themselves only by a DOCID ("113267"), which tells a reader nothing."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if len(lines) > 1 else ""  # a headline has a body under it
    if 2 <= len(first.split()) <= 16 and len(first) <= 120 and not first.endswith((".", "?", "!", ":")):
        return first
    return ""


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
