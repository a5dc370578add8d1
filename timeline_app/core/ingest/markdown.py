"""Markdown articles as readable text: the prose kept, the markup removed.

The source is parsed by markdown-it-py (CommonMark, plus tables and strikethrough), so
emphasis, links and code spans are recognised by the real rules ("snake_case" and "2 * 3" stay
as written). The text is rebuilt from the parse:

- headings, paragraphs, block quotes and code blocks become blocks separated by a blank line;
  heading ``#``, emphasis markers, quote ``>`` and code fence lines are gone;
- ``[text](url)`` keeps ``text``; images (``![alt](src)``) and inline HTML tags are dropped;
- list items are lines of one block, without their bullets; table rows are lines with
  cells joined by `` | ``;
- an HTML block keeps its text (lxml, without script/style content);
- a YAML front matter block (``---`` ... ``---`` at the top) is removed; its ``title`` is used.

All offsets of the resulting article index this cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:[^\n]{0,500}\n){0,60}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]{0,40})\s{0,3}:\s{0,3}(?P<value>.{0,400})$")
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True, slots=True)
class MarkdownText:
    title: str | None  # the first heading (or the front matter's title)
    text: str


def read_markdown(source_text: str) -> MarkdownText:
    """Clean ``source_text`` (already decoded, newlines normalised) into readable text."""
    title: str | None = None
    front = _FRONT_MATTER.match(source_text)
    if front is not None and _is_yaml_mapping(front.group("body")):
        title = _front_title(front.group("body"))
        source_text = source_text[front.end():]
    blocks: list[str] = []
    group: list[str] | None = None  # lines of the list or table being read
    group_depth = 0
    row: list[str] | None = None
    heading = False
    for token in _PARSER.parse(source_text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "table_open"):
            if group is None:
                group = []
            group_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close", "table_close"):
            group_depth -= 1
            if group_depth == 0 and group is not None:
                _push(blocks, "\n".join(line for line in group if line))
                group = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None and group is not None:
            group.append(" | ".join(cell for cell in row if cell))
            row = None
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "inline":
            line = _inline_text(token)
            if heading and title is None and line:
                title = " ".join(line.split())
            if row is not None:
                row.append(" ".join(line.split()))
            elif group is not None:
                group.append(line)
            else:
                _push(blocks, line)
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            if group is not None:
                group.append(code)
            else:
                _push(blocks, code)
        elif kind == "html_block":
            html_text = _html_block_text(token.content)
            if group is not None:
                group.append(html_text)
            else:
                _push(blocks, html_text)
    return MarkdownText(title=title, text="\n\n".join(blocks) + ("\n" if blocks else ""))


def _push(blocks: list[str], block: str) -> None:
    block = block.strip("\n")
    if block.strip():
        blocks.append(block)


def _inline_text(token: Token) -> str:
    """The prose of one inline run: text, code spans and link texts; no markers, no images."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        # image, html_inline, link/em/strong/s open and close: markup, not prose
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _html_block_text(html: str) -> str:
    """The text of raw HTML inside Markdown, parsed (never run) and without script content."""
    try:
        fragments = lxml.html.fragments_fromstring(html)
    except (etree.ParserError, ValueError, AssertionError):
        # lxml asserts on a lone "<html>" or "<body>" tag: a block with no prose in it.
        return ""
    pieces: list[str] = []
    for fragment in fragments:
        if isinstance(fragment, str):
            pieces.append(fragment)
            continue
        if not isinstance(fragment.tag, str) or fragment.tag in ("script", "style", "noscript", "template"):
            continue  # comments, processing instructions, scripts
        for bad in fragment.xpath(".//script|.//style|.//noscript|.//template"):
            bad.drop_tree()
        pieces.append(fragment.text_content())
    return " ".join(" ".join(pieces).split())


def _is_yaml_mapping(body: str) -> bool:
    lines = [line for line in body.split("\n") if line.strip() and not line.lstrip().startswith("#")]
    return bool(lines) and all(_FRONT_KEY.match(line) or line.startswith((" ", "\t", "-"))
                               for line in lines)


def _front_title(body: str) -> str | None:
    for line in body.split("\n"):
        m = _FRONT_KEY.match(line)
        if m and m.group("key").lower() == "title":
            value = m.group("value").strip().strip("\"'").strip()
            return value or None
    return None
