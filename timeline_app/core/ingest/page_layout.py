"""The page as a reader sees it: the main text in its place, the page furniture around it kept.

trafilatura finds a page's main text (:func:`.html._main_blocks`) but gives it alone. To keep
what surrounds it — the site's navigation, cookie banner, share bars, related-article lists,
comments, footer — this module reads the page's visible text in document order as *segments*
(one per block element: a paragraph, a list item, a heading, a cell; lxml's tree walked without
recursion), finds each of trafilatura's blocks among them, and calls the rest furniture.

The text is laid out as: the title; the furniture shown before the main text; the dateline;
the main text, with the furniture shown between its blocks (an advertisement, a "Read more"
box) in its place; the furniture after it. What the main text already holds (the headline,
the dateline, a paragraph the page repeats) is not shown again as furniture. Furniture is compact, as a reader takes it in: the
entries of one list or navigation bar make one line ("Home · World · Business · …"), a line
is cut after :data:`MAX_LINE` characters and a run of furniture after :data:`MAX_LINES`
lines. Every furniture line is returned as a span, for the article's boilerplate: it is read,
but no time expression or event comes from it.

Finding a block: text is compared casefolded and without white space (trafilatura and the
markup space list entries and table cells differently), searching forward from the previous
block; a short block ("Share", a one-word heading) is only looked for just after the previous
one, so that it cannot jump to a later look-alike in the footer. A block that is not found
keeps its place among the others, with no furniture beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ..model import Span

MAX_LINE = 1000  # characters of one furniture line (a bar of 40 links fits); the rest is cut with "…"
MAX_LINES = 40  # lines of one run of furniture; a mega-menu of 500 entries is not 500 lines
_SHORT_BLOCK = 40  # a located block shorter than this (normalised) is looked for only nearby
_NEARBY = 3000  # normalised characters after the previous block where a short block may be

# Elements that start a new line of text in a browser (and the form controls of share bars).
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol",
    "option", "p", "pre", "section", "select", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
})
# Containers whose entries, as furniture, make one line.
_GROUP = frozenset({"nav", "ul", "ol", "menu", "select", "dl"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_NOT_COMPARED = re.compile(r"[\s|\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_SEPARATOR = " · "
_EDGE = "\x00"  # where an inline element starts or ends, in a segment's parts (never page text)


def clean(s: str) -> str:
    """One line of display text: runs of spaces (any kind) become one space."""
    return _SPACES.sub(" ", s.replace("\n", " ")).strip()


def _compared(s: str) -> str:
    return _NOT_COMPARED.sub("", s).casefold()


@dataclass(frozen=True, slots=True)
class Segment:
    """One block of the page's visible text, and the list it is an entry of (0: none)."""

    text: str
    group: int


@dataclass(frozen=True, slots=True)
class Layout:
    """The laid-out text, its furniture lines, and where each part of the main text went."""

    text: str
    furniture: tuple[Span, ...]
    _core_starts: tuple[int, ...]
    _full_starts: tuple[int, ...]

    def moved(self, offset: int) -> int:
        """Where an offset of the main text alone (``"\\n\\n".join(parts)``) is in :attr:`text`."""
        i = max(bisect_right(self._core_starts, offset) - 1, 0)
        return self._full_starts[i] + offset - self._core_starts[i]


def segments(tree: lxml.html.HtmlElement) -> list[Segment]:
    """The visible text of the page's body in document order, one segment per block element.

    Hidden elements (``hidden``, ``aria-hidden="true"``, an inline ``display: none``) are not
    seen by a reader and are skipped; inside navigation every link is an entry of its own.
    """
    body = tree.find("body")
    root = body if body is not None else tree
    out: list[Segment] = []
    parts: list[str] = []
    groups = [0]  # the open list-like containers, innermost last, each by its own number
    # A number, not id(element): lxml makes a new proxy object per visit and frees it, so two
    # lists could share an id (their entries joined into one line, differently run to run).
    opened = 0
    hidden: list[bool] = []  # per open element: whether it was skipped
    in_nav = 0

    def flush() -> None:
        text = clean(_joined(parts))
        parts.clear()
        if text:
            out.append(Segment(text, groups[-1]))

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            skip = _hidden(element)
            hidden.append(skip)
            if skip:
                walker.skip_subtree()
                continue
            if tag in _BLOCK or tag == "br" or (in_nav and tag == "a"):
                flush()
            else:
                parts.append(_EDGE)
            if tag in _GROUP:
                opened += 1
                groups.append(opened)
            in_nav += tag == "nav"
            if element.text:
                parts.append(element.text)
            continue
        if not hidden.pop():
            if tag in _BLOCK or (in_nav and tag == "a"):
                flush()
            else:
                parts.append(_EDGE)
            if tag in _GROUP:
                groups.pop()
            in_nav -= tag == "nav"
        if element.tail and element is not root:
            parts.append(element.tail)
    flush()
    return out


def _joined(parts: list[str]) -> str:
    """The text of one segment. Where one inline element meets another with no space between,
    the page's style sets them apart ("Subscribe Now" + "As low as 99¢", share buttons
    "Facebook" "Email"): a space is put there, unless both sides are lower case (a word's
    letters split by markup, "Wash<b>ing</b>ton")."""
    out: list[str] = []
    edge = False
    for part in parts:
        if part is _EDGE:
            edge = True
            continue
        if edge and out and part:
            before, after = out[-1][-1:], part[0]
            if before.isalnum() and after.isalnum() and not (before.islower() and after.islower()):
                out.append(" ")
        out.append(part)
        edge = False
    return "".join(out)


def _hidden(element: lxml.html.HtmlElement) -> bool:
    get = element.get
    return (get("hidden") is not None or (get("aria-hidden") or "").strip().lower() == "true"
            or bool(_HIDDEN_STYLE.search(get("style") or "")))


def lay_out(title: str | None, dateline: str | None, blocks: list[str], page: list[Segment]) -> Layout:
    """The text: title, furniture before, dateline, the blocks with the furniture between them in
    its place, furniture after. ``"\\n\\n".join([title, dateline, *blocks]) + "\\n"`` (the parts
    present) is the main text alone; :meth:`Layout.moved` maps its offsets into the layout."""
    compared = [_compared(s.text) for s in page]
    starts: list[int] = []
    pos = 0
    for c in compared:
        starts.append(pos)
        pos += len(c)
    wanted = [_compared(b) for b in blocks]
    found = _locate(wanted, "".join(compared))
    located = [(j, a, b) for j, (a, b) in enumerate(found) if a is not None and b is not None]
    after_last = len(blocks)
    first = located[0][0] if located else after_last
    on_top = {c for c in (_compared(title or ""), _compared(dateline or "")) if c}
    # A page that holds its article twice (a teaser and the "continued" body, one of them
    # hidden by the site's style sheet) shows the reader one: the repeat is not furniture.
    repeated = set(wanted)
    # Each segment is main text (it overlaps a found block) or furniture shown before block j
    # (after the last block: j = len(blocks)). With no block found, nothing can be placed.
    slots: dict[int, list[Segment]] = {}
    k = 0
    for segment, c, start in zip(page, compared, starts, strict=True) if located else ():
        while k < len(located) and located[k][2] <= start:
            k += 1
        if k < len(located) and located[k][1] < start + len(c):
            continue
        slot = located[k][0] if k < len(located) else after_last
        if (slot == first and c in on_top) or c in repeated:
            continue  # the headline, the dateline or a paragraph of the main text, shown once
        slots.setdefault(slot, []).append(segment)
    pieces: list[tuple[str, bool]] = []

    def add_furniture(slot: int) -> None:
        lines = _compact(slots.get(slot, []))
        if lines:
            pieces.append(("\n".join(lines), False))

    if title:
        pieces.append((title, True))
    add_furniture(first)
    if dateline:
        pieces.append((dateline, True))
    for j, block in enumerate(blocks):
        if j != first:
            add_furniture(j)
        pieces.append((block, True))
    if first != after_last:
        add_furniture(after_last)
    return _join(pieces)


def _locate(blocks: list[str], whole: str) -> list[tuple[int | None, int | None]]:
    """Each block's (start, end) in ``whole``, searching forward; (None, None) when not found."""
    out: list[tuple[int | None, int | None]] = []
    pos = 0
    for block in blocks:
        if not block:
            out.append((None, None))
            continue
        limit = pos + _NEARBY + len(block) if len(block) < _SHORT_BLOCK else len(whole)
        at = whole.find(block, pos, limit)
        if at == -1:
            out.append((None, None))
            continue
        out.append((at, at + len(block)))
        pos = at + len(block)
    return out


def _compact(run: list[Segment]) -> list[str]:
    """Furniture as lines: the entries of one list joined, long lines and long runs cut."""
    lines: list[str] = []
    previous = 0
    for segment in run:
        if segment.group and segment.group == previous and lines:
            lines[-1] += _SEPARATOR + segment.text
        else:
            lines.append(segment.text)
        previous = segment.group
    lines = [_cut(line) for line in lines]
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES], "…"]
    return lines


def _cut(line: str) -> str:
    if len(line) <= MAX_LINE:
        return line
    space = line.rfind(" ", 0, MAX_LINE)
    return line[:space if space > MAX_LINE // 2 else MAX_LINE].rstrip(" ·") + " …"


def _join(pieces: list[tuple[str, bool]]) -> Layout:
    """The pieces separated by blank lines; furniture lines as spans; main parts' new offsets."""
    text_parts: list[str] = []
    furniture: list[Span] = []
    core_starts: list[int] = []
    full_starts: list[int] = []
    core = full = 0
    for piece, main in pieces:
        if main:
            core_starts.append(core)
            full_starts.append(full)
            core += len(piece) + 2
        else:
            line_start = full
            for line in piece.split("\n"):
                furniture.append(Span(line_start, line_start + len(line)))
                line_start += len(line) + 1
        text_parts.append(piece)
        full += len(piece) + 2
    return Layout("\n\n".join(text_parts) + "\n", tuple(furniture), tuple(core_starts) or (0,),
                  tuple(full_starts) or (0,))
