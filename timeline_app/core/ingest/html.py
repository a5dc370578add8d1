"""Saved web pages as articles: parsed, never run; the main text read, the page furniture marked.

Safety: the page is parsed by lxml's HTML parser with network access off; nothing is fetched
(htmldate and trafilatura only ever get the parsed tree, never a string that could be taken
for a URL) and nothing is run: ``script``, ``style``, ``noscript``, ``template`` and embedded
objects are removed before any text is taken. lxml's parser recovers from malformed markup.

What the text is (offsets index it): what a reader sees of the page, laid out by
:mod:`.page_layout` — the title, the furniture shown before the main text, the dateline as the
page shows it (a byline or date element, when one reads as a dateline), then the main text
found by trafilatura (headings, paragraphs, list items, quotes and table rows) as blocks
separated by blank lines, with the furniture between them in its place, then the furniture
after it (related articles, comments, the footer). Furniture — navigation, cookie banners,
share bars, related lists, comments, footers — is kept compact and is boilerplate
(:attr:`HtmlPage.boilerplate`): it is read, but no time expression or event comes from it.
Furniture that trafilatura keeps inside the main text is marked with the boilerplate rules.

The publication date is decided by :mod:`.publication_date` over every candidate that
:mod:`.date_evidence` finds in the markup (meta tags, JSON-LD, ``<time>``, the URL, the dates
shown near the headline, htmldate's search) and the dateline in the main text (read without
the furniture, so a menu's clock or a comment's date is never taken for it); the DCT carries
the candidates that lost, with why.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ..model import DCT, DctCandidate, DctOrigin, Span
from . import date_evidence, dateline, page_layout, publication_date
from .boilerplate import find_boilerplate
from .page_layout import clean as _clean
from .shown_dates import shown_dates

# Removed before any text is taken: code, styling and embedded content are not prose.
_NOT_TEXT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
             "canvas", "math")

# Class or id of elements that hold a byline or dateline.
_DATELINE_CLASS = re.compile(r"byline|dateline|date|time|posted|publish|timestamp|meta|author|info",
                             re.IGNORECASE)
_MAX_DATELINE = 200
_FIRST_DATE_CHARS = 400  # with no other evidence, a date this near the top of the text is taken
_XML_DECL = re.compile(r"\A\s{0,100}<\?xml[^>]{0,300}\?>")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Looked for one by one first: each is a fast scan of the page, and together a quarter of what the
# regex's scan costs on a page that has none (nearly every page).
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


class HtmlError(ValueError):
    """A page with nothing readable in it; the message is one line, without the file name."""


@dataclass(frozen=True, slots=True)
class HtmlPage:
    title: str | None
    text: str
    dct: DCT | None  # the publication date decided over all the evidence, with its candidates
    dateline: DCT | None  # the dateline found in the text (its span), whether it won or not
    url: str | None = None  # the page's own address: <link rel="canonical">, else og:url
    boilerplate: tuple[Span, ...] = ()  # the furniture's lines, and the boilerplate rules' in the main text


def read_html(html: str) -> HtmlPage:
    """Parse a decoded page; raises HtmlError when it holds no readable text."""
    tree = _parse(html)
    evidence = date_evidence.read(tree, html[:4000])
    for element in tree.xpath("|".join(f"//{tag}" for tag in _NOT_TEXT)):
        if element.getparent() is not None:
            element.drop_tree()
    title = _title(tree)
    page = page_layout.segments(tree)
    blocks = _main_blocks(tree)
    if not blocks:
        raise HtmlError("no readable text in the HTML page")
    line = _dateline_text(tree, evidence.today)
    top = None
    if title and _norm(blocks[0]) == _norm(title):
        top = blocks.pop(0)  # the main text starts with the headline already
    elif title:
        top = title
    if not line or any(_norm(line) in _norm(block) for block in blocks[:4]):
        line = None
    # The main text alone is what the dateline and the boilerplate rules read, as before the
    # furniture was kept; the layout then moves their offsets to where the parts went.
    main = "\n\n".join(p for p in (top, line, *blocks) if p) + "\n"
    in_text = dateline.detect(main)
    dct = _decide(evidence, in_text, main)
    layout = page_layout.lay_out(top, line, blocks, page)
    marked = {*layout.furniture, *(_moved_span(s, layout) for s in find_boilerplate(main))}
    return HtmlPage(title=title, text=layout.text, dct=_moved_dct(dct, layout),
                    dateline=_moved_dct(in_text, layout), url=_url(tree),
                    boilerplate=tuple(sorted(marked, key=lambda s: (s.start, s.end))))


def _moved_span(span: Span, layout: page_layout.Layout) -> Span:
    return Span(layout.moved(span.start), layout.moved(span.end))


def _moved_dct(dct: DCT | None, layout: page_layout.Layout) -> DCT | None:
    """The DCT with its span, and its candidates' spans, where the layout put them."""
    if dct is None:
        return None

    def move(offset: int | None) -> int | None:
        return None if offset is None else layout.moved(offset)

    return dataclasses.replace(
        dct, start=move(dct.start), end=move(dct.end),
        candidates=tuple(dataclasses.replace(c, start=move(c.start), end=move(c.end)) for c in dct.candidates))


def publication_date_of(html: str) -> DCT | None:
    """The publication date decided over the markup's evidence alone (no main text, so no
    dateline in the text): what the benchmark times against htmldate."""
    evidence = date_evidence.read(_parse(html), html[:4000])
    return publication_date.decide(evidence.candidates, evidence.clocks, evidence.region)


def _decide(found: date_evidence.Evidence, in_text: DCT | None, text: str) -> DCT | None:
    """The decision over the markup's evidence and the text's dateline; the dateline's span is
    kept when the chosen day is the one it shows, so the dateline makes no event. A page with
    no evidence at all gets, weakly, the first date its text shows near the headline."""
    evidence = found.candidates
    if in_text is not None:
        kind = {dateline.CONF_UPDATED_ONLY: "modified", dateline.CONF_CUED: "published"}.get(
            in_text.confidence, "unknown")
        if any(c.kind == "shown-today" and c.value == in_text.value for c in evidence):
            kind = "shown-today"  # the site header's clock, which the main text kept as its first line
        evidence = [*evidence, DctCandidate(in_text.value, DctOrigin.DATELINE, kind, "the dateline in the text",
                                            0.0 if kind == "shown-today" else in_text.confidence * 0.9,
                                            start=in_text.start, end=in_text.end)]
    if not any(c.kind != "shown-today" for c in evidence):
        first = next((d for d in shown_dates(text[:_FIRST_DATE_CHARS]) if not d.ambiguous), None)
        if first is not None:
            evidence = [*evidence, DctCandidate(first.value, DctOrigin.DATELINE, "unknown",
                                                "the first date shown in the text", 0.4, start=first.start,
                                                end=first.end)]
    dct = publication_date.decide(evidence, found.clocks, found.region)
    if dct is not None and in_text is not None and in_text.value[:10] == dct.value[:10]:
        dct = dataclasses.replace(dct, start=in_text.start, end=in_text.end,
                                  updated=dct.updated or in_text.updated)
    return dct


def _parse(html: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that declares an encoding: the text is already decoded.
    html = _XML_DECL.sub("", html, count=1)
    html = _without_internal_subset(html)
    # Control characters are not XML: lxml parses them, then refuses to set them (drop_tree
    # raised ValueError on a form feed before <script>). They are white space to a reader.
    if any(c in html for c in _CONTROL_CHARS):
        html = _CONTROL.sub(" ", html)
    parser = lxml.html.HTMLParser(recover=True, no_network=True, remove_comments=True,
                                  remove_pis=True, huge_tree=False)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise HtmlError(f"unreadable HTML ({_one_line(exc)})") from None
    if tree is None:
        raise HtmlError("no readable text in the HTML page")
    return tree


def _without_internal_subset(html: str) -> str:
    """The page without a DOCTYPE's internal subset (``<!DOCTYPE html [ <!ENTITY ...> ]>``).

    The HTML parser never expands such entities, but would show the declarations as text;
    dropping them keeps an XHTML "billion laughs" a page with a few literal ``&lol;`` in it.
    """
    start = html.find("<!", 0, 2000)
    if start == -1 or html[start + 2:start + 9].upper() != "DOCTYPE":
        return html
    bracket = html.find("[", start, start + 500)
    close = html.find(">", start)
    if bracket == -1 or close < bracket:
        return html
    end = html.find("]", bracket)
    end = html.find(">", end) if end != -1 else -1
    return html[:start] + html[end + 1:] if end != -1 else html[:start]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


# --- title -------------------------------------------------------------------------------

def _title(tree: lxml.html.HtmlElement) -> str | None:
    """og:title, then the article's (or page's) first h1, then <title>."""
    for key in ("og:title", "twitter:title"):
        value = _meta(tree, (key,))
        if value:
            return value
    for path in ("//article//h1", "//main//h1", "//h1"):
        for h1 in tree.xpath(path)[:1]:
            text = _clean(h1.text_content())
            if text:
                return text[:300]
    for element in tree.xpath("//title")[:1]:
        text = _clean(element.text_content())
        if text:
            return text[:300]
    return None


def _url(tree: lxml.html.HtmlElement) -> str | None:
    """The address the page gives for itself (only http/https: nothing is fetched)."""
    found = [(link.get("href") or "").strip() for link in tree.iter("link")
             if "canonical" in (link.get("rel") or "").lower().split()]
    found.append(_meta(tree, ("og:url",)) or "")
    return next((u for u in found if u.lower().startswith(("http://", "https://"))), None)


def _meta(tree: lxml.html.HtmlElement, keys: tuple[str, ...]) -> str | None:
    """The content of the first <meta> whose property, name or itemprop is one of ``keys``."""
    wanted = {k.lower(): i for i, k in enumerate(keys)}
    best: tuple[int, str] | None = None
    for meta in tree.iter("meta"):
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key in wanted:
                content = _clean(meta.get("content") or meta.get("datetime") or "")
                if content and (best is None or wanted[key] < best[0]):
                    best = (wanted[key], content)
    return best[1] if best else None


# --- main text ---------------------------------------------------------------------------

def _main_blocks(tree: lxml.html.HtmlElement) -> list[str]:
    """The main text as blocks, by trafilatura; the page's own blocks if it finds none."""
    import trafilatura  # imported here: slow to import, and only pages need it

    body = None
    for recall in (False, True):
        try:
            doc = trafilatura.bare_extraction(copy.deepcopy(tree), with_metadata=False,
                                              include_comments=False, include_tables=True,
                                              include_images=False, include_links=False,
                                              favor_recall=recall, deduplicate=False)
        except Exception:  # noqa: BLE001 - trafilatura's heuristics on hostile markup: fall back
            doc = None
        body = getattr(doc, "body", None) if doc is not None else None
        blocks = _blocks(body) if body is not None else []
        if blocks:
            return blocks
    return _page_blocks(tree)


def _blocks(body: etree._Element) -> list[str]:
    """Text blocks of trafilatura's output tree (head, p, list, quote, table, code...)."""
    blocks: list[str] = []
    for element in body:
        if not isinstance(element.tag, str) or element.tag == "graphic":
            continue
        if element.tag == "list":
            text = "\n".join(t for t in (_flat(item) for item in element.iter("item")) if t)
        elif element.tag == "table":
            text = "\n".join(" | ".join(c for c in (_flat(cell) for cell in row.iter("cell")) if c)
                             for row in element.iter("row"))
        else:
            text = _flat(element)
        if text.strip():
            blocks.append(text.strip())
    return blocks


def _flat(element: etree._Element) -> str:
    """An element's text, line breaks (<lb/>) kept as newlines, other white space collapsed."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if child.tag == "lb":
                parts.append("\n")
            elif isinstance(child.tag, str) and child.tag not in ("graphic", "list", "table"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (_clean(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _page_blocks(tree: lxml.html.HtmlElement) -> list[str]:
    """Last resort: the page's own text blocks outside navigation, headers, footers and asides."""
    blocks: list[str] = []
    skip = {"nav", "header", "footer", "aside", "form", "button", "select"}
    for element in tree.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre",
                             "td", "dd", "dt"):
        if any(a.tag in skip for a in element.iterancestors()):
            continue
        if any(a.tag in ("p", "li", "blockquote", "pre", "td") for a in element.iterancestors()):
            continue  # its text is in the enclosing block
        text = _clean(element.text_content())
        if text:
            blocks.append(text)
    if not blocks:  # no block elements at all: the body's text, line by line
        body = tree.find("body")
        source = body if body is not None else tree
        lines = (_clean(line) for line in source.text_content().split("\n"))
        blocks = [line for line in lines if line]
    return blocks


def _dateline_text(tree: lxml.html.HtmlElement, today: frozenset[lxml.html.HtmlElement]) -> str | None:
    """The page's byline or date element as shown, when its text reads as a dateline.

    Not one where the site shows today's date (its header bar): that is the day the page was
    shown, and as the first lines of the text it would read as the article's dateline.
    """
    for scope in ("//article", "//main", "/html"):
        roots = tree.xpath(scope)[:1]
        if not roots:
            continue
        for element in _dateline_candidates(roots[0]):
            if any(a.tag in ("nav", "footer", "aside") for a in element.iterancestors()):
                continue
            if element in today or any(a in today for a in element.iterancestors()) \
                    or any(d in today for d in element.iterdescendants()):
                continue
            text = _clean(element.text_content())
            if not text or len(text) > _MAX_DATELINE:
                continue
            if dateline.detect(text) is not None:
                return text
    return None


def _dateline_candidates(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """Elements that may hold the dateline, in document order: classed ones and <time>'s parent."""
    for n, element in enumerate(root.iter()):
        if n > 5000:  # the dateline sits near the top; don't walk a huge page
            return
        if not isinstance(element.tag, str):
            continue
        if element.tag == "time":
            parent = element.getparent()
            if parent is not None and parent.tag not in ("article", "main", "body"):
                yield parent
            yield element
        elif _DATELINE_CLASS.search((element.get("class") or "") + " " + (element.get("id") or "")):
            yield element
