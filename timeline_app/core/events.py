"""Events: each sentence with a placeable time expression becomes one event.

Sentence splitting must survive abbreviations ("Col. Christopher Garver", "U.S.", "Jan. 1"):
a full stop ends a sentence only when the word before it is not a known abbreviation or an
initial, and what follows starts like a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from . import lang
from .model import Article, Event, Granularity, Span, TimeExpression

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n[ \t]*\n|\n(?=[ \t]*\S)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.*$")


def sentences(text: str, language: str = lang.DEFAULT) -> Iterator[Span]:
    """Sentence spans of ``text`` (leading/trailing whitespace excluded), by ``language``'s abbreviations."""
    abbreviations = lang.language(language).sentences.abbreviations
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            word = _WORD_BEFORE.search(text[max(start, m.start() - 30):m.start() + 1].rstrip("."))
            token = word.group(1).lower().rstrip(".") if word else ""
            # "Col. Garver", "U.S. officials", "Jan. 1": not an end. A single capital is an initial.
            if token in abbreviations or (len(token) == 1 and token.isalpha()):
                continue
        if (span := trimmed(text, start, end)) is not None:
            yield span
        start = end
    if (span := trimmed(text, start, len(text))) is not None:
        yield span


def trimmed(text: str, start: int, end: int) -> Span | None:
    """``text[start:end]`` without white space at either end, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def make_label(sentence: str, timex: Span | None = None, language: str = lang.DEFAULT) -> str:
    """A short label that says what happened, in ``language`` (English: :mod:`.lang.en.labels`).

    ``timex`` is the span of the event's expression within ``sentence``.
    """
    words = lang.language(language).sentences
    return words.event_label(sentence, (timex.start, timex.end) if timex is not None else None)


_RANK = {g: i for i, g in enumerate(Granularity)}  # finer granularities come first in the enum


def find_events(article: Article, timexes: Sequence[TimeExpression]) -> list[Event]:
    """One event per sentence that holds a placeable expression outside boilerplate/dateline.

    The event takes the most precise placeable expression of its sentence (the first on ties):
    "formed some 18 months ago ... expansion in 2014" is about the formation, 2014-12. A time
    named as a landmark ("the lowest since 2008", "after losing to Jones in 2005") places
    nothing; a sentence with no other time is no event.
    """
    placeable = [t for t in timexes if t.placeable]
    dateline = None
    if article.dct is not None and article.dct.start is not None and article.dct.end is not None:
        dateline = Span(article.dct.start, article.dct.end)
    events: list[Event] = []
    words = lang.language(article.language).sentences  # the article's own language
    i = 0
    for sent in sentences(article.text, article.language):
        if dateline is not None and dateline.overlaps(sent):
            # "WASHINGTON, March 22, 2013 (AP) — The president said on Friday...": the dateline
            # is not an event, but the sentence it opens may be.
            start = dateline.end
            while start < sent.end and article.text[start].isspace():
                start += 1
            if start >= sent.end:
                continue
            sent = Span(start, sent.end)
        inside = []
        while i < len(placeable) and placeable[i].start < sent.end:
            if placeable[i].start >= sent.start:
                inside.append(placeable[i])
            i += 1
        # "the worst crisis since 1989", "after losing in 2005": a landmark does not place the event.
        inside = [t for t in inside if words.landmark(article.text, t.start, sent.start) is None]
        if not inside or article.in_boilerplate(sent.start, sent.end):
            continue
        best = min(inside, key=lambda t: (_RANK[t.granularity] if t.granularity else 99, t.start))
        sentence = article.text[sent.start:sent.end]
        where = Span(best.start - sent.start, best.end - sent.start)
        if not words.is_event_sentence(sentence, (where.start, where.end), article.title):
            continue  # the headline, a byline, a bare date line
        events.append(Event(id=f"e{len(events) + 1}", label=words.event_label(sentence, (where.start, where.end)),
                            start=sent.start, end=sent.end, timex=best.id, interval=best.interval))
    return events
