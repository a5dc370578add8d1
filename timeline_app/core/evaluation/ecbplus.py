"""Reading the ECB+ corpus (CROMER XML): the text, and which sentences mention which happening.

Each file is one article, one token per element. The text is rebuilt one sentence per line, so
the app's sentence splitter keeps the corpus's sentences and an event maps back to its sentence
by line. Action mentions (``ACTION_*``, ``NEG_ACTION_*``) tied to an instance by a
``CROSS_DOC_COREF`` relation give each sentence the set of happenings it mentions; only the
sentences listed in ``coreference_sentences.csv`` were annotated, so only they are scored.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

# No space before closing punctuation and clitics, none after opening ones; none around a slash
# or a hyphen token, which the tokeniser split out of "9/11", "90-day", URLs.
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "''", "'s", "'S", "n't", "'re",
                    "'ve", "'ll", "'d", "'m", "/", "-"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$", "/", "-", "#"}


class EcbError(Exception):
    """A corpus file that cannot be read; the message names it."""


@dataclass(slots=True)
class EcbDocument:
    topic: str
    name: str  # "10ecbplus": the file name without the topic and the suffix
    path: Path
    text: str
    sentence_numbers: list[int]  # the corpus's number of each line of ``text``
    line_starts: list[int]
    instances: dict[int, frozenset[str]] = field(default_factory=dict)  # sentence → action instances
    annotated: frozenset[int] = frozenset()

    def sentence_at(self, offset: int) -> int:
        """The corpus's number of the sentence (line) holding ``offset``."""
        return self.sentence_numbers[bisect.bisect_right(self.line_starts, offset) - 1]


def detokenize(words: Iterable[str]) -> str:
    out: list[str] = []
    prev = ""
    for w in words:
        if out and w not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(w)
        prev = w
    return "".join(out).replace("``", "\u201c").replace("''", "\u201d")


def read_document(path: Path, annotated: Iterable[int] = ()) -> EcbDocument:
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as exc:
        raise EcbError(f"{path}: cannot read ECB+ XML: {exc}") from exc
    sentence_of: dict[str, int] = {}
    words: dict[int, list[str]] = {}
    for token in root.iter("token"):
        try:
            s = int(token.get("sentence", ""))
        except ValueError as exc:
            raise EcbError(f"{path}: token {token.get('t_id')} has no sentence number") from exc
        sentence_of[token.get("t_id", "")] = s
        words.setdefault(s, []).append(token.text or "")
    numbers = sorted(words)
    lines = [detokenize(words[s]) for s in numbers]
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    mention_sentences: dict[str, set[int]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        if m.tag.startswith(("ACTION_", "NEG_ACTION_")):
            anchors = [sentence_of[a.get("t_id", "")] for a in m.iter("token_anchor")
                       if a.get("t_id", "") in sentence_of]
            if anchors:
                mention_sentences[m.get("m_id", "")] = set(anchors)
    instances: dict[int, set[str]] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if rel.tag != "CROSS_DOC_COREF":
            continue
        instance = rel.get("note", "")
        for src in rel.iter("source"):
            for s in mention_sentences.get(src.get("m_id", ""), ()):
                instances.setdefault(s, set()).add(instance)
    topic = path.parent.name
    name = path.stem[len(topic) + 1:] if path.stem.startswith(topic + "_") else path.stem
    return EcbDocument(topic=topic, name=name, path=path, text="\n".join(lines),
                       sentence_numbers=numbers, line_starts=starts,
                       instances={s: frozenset(v) for s, v in instances.items()},
                       annotated=frozenset(annotated))


def annotated_sentences(root: Path) -> dict[tuple[str, str], set[int]]:
    """(topic, file name) → the sentence numbers that were annotated."""
    out: dict[tuple[str, str], set[int]] = {}
    path = root / "coreference_sentences.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                out.setdefault((row["Topic"].strip(), row["File"].strip()), set()).add(
                    int(row["Sentence Number"]))
    except (OSError, KeyError, ValueError) as exc:
        raise EcbError(f"{path}: cannot read the list of annotated sentences: {exc}") from exc
    return out


def _topic_order(name: str) -> tuple[int, str]:
    return (int(name), name) if name.isdigit() else (1 << 30, name)


def read_corpus(root: Path) -> dict[str, list[EcbDocument]]:
    """Topic → its documents, in file-name order; the corpus root holds ``docs/`` and the CSV."""
    annotated = annotated_sentences(root)
    docs_dir = root / "docs"
    if not docs_dir.is_dir():
        raise EcbError(f"{root}: no docs/ folder: not an ECB+ corpus")
    topics: dict[str, list[EcbDocument]] = {}
    for topic_dir in sorted((p for p in docs_dir.iterdir() if p.is_dir()), key=lambda p: _topic_order(p.name)):
        files = sorted(topic_dir.glob("*.xml"), key=lambda p: _natural(p.name))
        docs = []
        for f in files:
            doc = read_document(f)
            doc.annotated = frozenset(annotated.get((doc.topic, doc.name), ()))
            docs.append(doc)
        topics[topic_dir.name] = docs
    return topics


def _natural(name: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]
