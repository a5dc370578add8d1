"""Saved web pages as articles: parsed, never run; the main text kept, the page furniture left out.

Safety: the page is parsed by lxml's HTML parser with network access off; nothing is fetched
(htmldate and trafilatura only ever get the parsed tree, never a string that could be taken
for a URL) and nothing is run: ``script``, ``style``, ``noscript``, ``template`` and embedded
objects are removed before any text is taken. lxml's parser recovers from malformed markup.

What the text is (offsets index it): the title, the dateline as the page shows it (a byline or
date element, when one reads as a dateline), then the main text found by trafilatura —
headings, paragraphs, list items, quotes and table rows — as blocks separated by blank lines.
Navigation, menus, share bars, comment widgets and footers outside the main text are left out;
furniture that trafilatura keeps inside it is marked by ingest with the boilerplate rules.

Publication dates come from the markup, in this order (ingest applies the priority):
``<meta>`` (``article:published_time``, ``og:published_time``, ``datePublished``...), JSON-LD
``datePublished``, a ``<time datetime>`` inside the article, and as a last resort htmldate's
reading of the rest of the markup.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ..model import DCT, DctOrigin
from . import dateline

# Removed before any text is taken: code, styling and embedded content are not prose.
_NOT_TEXT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
             "canvas", "math")
_MAX_JSON_LD = 1_000_000  # characters of one JSON-LD block read; larger ones are skipped
_MAX_JSON_DEPTH = 12

# <meta> names/properties/itemprops giving the publication date, most specific first.
PUBLISHED_META = ("article:published_time", "og:published_time", "og:article:published_time",
                  "datepublished", "article.published", "publish-date", "publishdate", "pubdate",
                  "dc.date.issued", "dcterms.issued", "dcterms.created", "parsely-pub-date",
                  "sailthru.date", "date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
                 "last-modified")
_ARTICLE_TYPES = re.compile(r"(?:News|Blog|Report|Scholarly|Tech)?Article|BlogPosting|Report"
                            r"|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|LiveBlogPosting")
# Class or id of elements that hold a byline or dateline.
_DATELINE_CLASS = re.compile(r"byline|dateline|date|time|posted|publish|timestamp|meta|author|info",
                             re.IGNORECASE)
_MAX_DATELINE = 200
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_XML_DECL = re.compile(r"\A\s{0,100}<\?xml[^>]{0,300}\?>")

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


class HtmlError(ValueError):
    """A page with nothing readable in it; the message is one line, without the file name."""


@dataclass(frozen=True, slots=True)
class HtmlPage:
    title: str | None
    text: str
    published: tuple[DCT, ...]  # from the markup, in priority order (meta, json-ld, time element)
    modified: str | None  # a "last modified" value from the markup
    fallback: DCT | None  # htmldate's reading of the rest of the markup


def read_html(html: str) -> HtmlPage:
    """Parse a decoded page; raises HtmlError when it holds no readable text."""
    tree = _parse(html)
    published, modified = _markup_dates(tree)
    for element in tree.xpath("|".join(f"//{tag}" for tag in _NOT_TEXT)):
        if element.getparent() is not None:
            element.drop_tree()
    title = _title(tree)
    blocks = _main_blocks(tree)
    if not blocks:
        raise HtmlError("no readable text in the HTML page")
    line = _dateline_text(tree)
    head: list[str] = []
    if title and _norm(blocks[0]) == _norm(title):
        head.append(blocks.pop(0))  # the main text starts with the headline already
    elif title:
        head.append(title)
    if line and not any(_norm(line) in _norm(block) for block in blocks[:4]):
        head.append(line)
    text = "\n\n".join(head + blocks) + "\n"
    return HtmlPage(title=title, text=text, published=tuple(published), modified=modified,
                    fallback=_htmldate(tree))


def _parse(html: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that declares an encoding: the text is already decoded.
    html = _XML_DECL.sub("", html, count=1)
    html = _without_internal_subset(html)
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


def _clean(s: str) -> str:
    """One line of display text: runs of spaces (any kind) become one space."""
    return _SPACES.sub(" ", s.replace("\n", " ")).strip()


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


# --- dates in the markup -----------------------------------------------------------------

def _markup_dates(tree: lxml.html.HtmlElement) -> tuple[list[DCT], str | None]:
    """Publication dates found in meta, JSON-LD and <time> (in that order) and a modified date."""
    found: list[DCT] = []
    modified: str | None = None
    raw = _meta(tree, PUBLISHED_META)
    value = dateline.parse_machine_date(raw) if raw else None
    if value:
        found.append(DCT(value, DctOrigin.HTML_META, dateline.CONF_META))
    raw_mod = _meta(tree, MODIFIED_META)
    if raw_mod:
        modified = dateline.parse_machine_date(raw_mod)
    ld_published, ld_modified = _json_ld_dates(tree)
    if ld_published:
        found.append(DCT(ld_published, DctOrigin.JSON_LD, dateline.CONF_META))
    modified = modified or ld_modified
    time_value = _time_element_date(tree)
    if time_value:
        found.append(DCT(time_value, DctOrigin.TIME_ELEMENT, dateline.CONF_TIME_ELEMENT))
    return found, modified


def _json_ld_dates(tree: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    """datePublished / dateModified of the page's article object (any object if none is typed)."""
    typed: list[dict[str, object]] = []
    untyped: list[dict[str, object]] = []
    for script in tree.xpath("//script[@type]"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = script.text or ""
        if len(source) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(source)
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common and harmless: the other sources remain
        for obj in _objects(data, 0):
            kinds = obj.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and _ARTICLE_TYPES.fullmatch(k) for k in kinds):
                typed.append(obj)
            else:
                untyped.append(obj)
    for obj in typed + untyped:
        published = obj.get("datePublished") or obj.get("dateCreated")
        if isinstance(published, str):
            value = dateline.parse_machine_date(published)
            if value:
                modified = obj.get("dateModified")
                mod_value = dateline.parse_machine_date(modified) if isinstance(modified, str) else None
                return value, mod_value
    return None, None


def _objects(data: object, depth: int) -> Iterator[dict[str, object]]:
    """Every JSON object in ``data`` (lists, @graph and nested values), bounded in depth."""
    if depth > _MAX_JSON_DEPTH:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _objects(value, depth + 1)
    elif isinstance(data, list):
        for item in data[:1000]:
            yield from _objects(item, depth + 1)


def _time_element_date(tree: lxml.html.HtmlElement) -> str | None:
    """A <time datetime> marked as the publication date, or the first one inside the article."""
    paths = ("//time[@itemprop='datePublished'][@datetime]", "//time[@pubdate][@datetime]",
             "//article//time[@datetime]", "//main//time[@datetime]")
    for path in paths:
        for element in tree.xpath(path)[:5]:
            if (element.get("itemprop") or "").lower() == "datemodified":
                continue
            if re.search(r"updated|modified", element.get("class") or "", re.IGNORECASE):
                continue
            value = dateline.parse_machine_date(element.get("datetime") or "")
            if value:
                return value
    return None


def _htmldate(tree: lxml.html.HtmlElement) -> DCT | None:
    """htmldate's reading of the markup (a copy: it edits the tree), or None."""
    import htmldate  # imported here: a few hundred ms, and only pages need it

    try:
        found = htmldate.find_date(copy.deepcopy(tree), extensive_search=False, original_date=True,
                                   outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a heuristic library on hostile markup: no date, not a failure
        return None
    value = dateline.parse_machine_date(found) if found else None
    return DCT(value, DctOrigin.HTML_META, dateline.CONF_HTMLDATE) if value else None


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


def _dateline_text(tree: lxml.html.HtmlElement) -> str | None:
    """The page's byline or date element as shown, when its text reads as a dateline."""
    for scope in ("//article", "//main", "/html"):
        roots = tree.xpath(scope)[:1]
        if not roots:
            continue
        for element in _dateline_candidates(roots[0]):
            if any(a.tag in ("nav", "footer", "aside") for a in element.iterancestors()):
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
