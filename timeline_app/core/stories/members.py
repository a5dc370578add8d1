"""From analysed articles to the merger's members: one per event that has a date."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..model import Analysis, Article, ArticleResult, TimeExpression
from .model import Member


def members_of(key: str, position: int, article: Article, analysis: Analysis) -> Iterator[Member]:
    """The events of one article as members; ``position`` is its 1-based place in the input."""
    by_id = {t.id: t for t in analysis.timexes}
    timexes = sorted(analysis.timexes, key=lambda t: t.start)
    for event in analysis.events:
        if event.interval is None:
            continue
        timex = by_id.get(event.timex) if event.timex else None
        yield Member(article=key, position=position, event=event.id, start=event.start, end=event.end,
                     text=content(article.text, event.start, event.end, timexes), label=event.label,
                     interval=event.interval,
                     granularity=timex.granularity if timex is not None else None,
                     value=timex.value if timex is not None else None,
                     # a user-added event's date is typed by the user: as good as written out
                     anchor=timex.anchor if timex is not None else None,
                     mod=timex.mod if timex is not None else None,
                     reading=timex.text if timex is not None else "",
                     sentence=" ".join(article.text[event.start:event.end].split()))


def content(text: str, start: int, end: int, timexes: Sequence[TimeExpression]) -> str:
    """The sentence without its time expressions: dates are compared apart, as dates, so
    "on Tuesday" in two sentences is no sign that they tell the same thing."""
    parts: list[str] = []
    pos = start
    for t in timexes:
        if t.end <= pos or t.start >= end:
            continue
        parts.append(text[pos:max(pos, t.start)])
        pos = max(pos, min(t.end, end))
    parts.append(text[pos:end])
    return " ".join(p.strip() for p in parts if p.strip())


def members_of_results(results: Iterable[ArticleResult]) -> list[Member]:
    """Members of every analysed result, articles numbered in input order from 1."""
    out: list[Member] = []
    for position, r in enumerate(results, start=1):
        if r.article is not None:
            out.extend(members_of(r.source, position, r.article, r.analysis))
    return out
