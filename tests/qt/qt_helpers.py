"""Helpers for GUI tests: hand-made articles, independent of the tagger."""

from __future__ import annotations

from pathlib import Path

from timeline_app.core.model import (
    DCT,
    Analysis,
    Article,
    ArticleResult,
    DctOrigin,
    Event,
    TimeExpression,
    TimexType,
)
from timeline_app.core.values import parse_value


def make_result(source: str, sentences: list[tuple[str, str, str | None]], *, dct: str | None = "2016-06-30",
                title: str | None = None) -> ArticleResult:
    """An analysed article built by hand: one sentence per (sentence, expression, value).

    The expression must occur in its sentence; value None makes it unresolved. Events are
    made for placeable DATE/TIME values only, as the event finder does.
    """
    text_parts: list[str] = []
    timexes: list[TimeExpression] = []
    events: list[Event] = []
    offset = 0
    for n, (sentence, expression, value) in enumerate(sentences, start=1):
        start = offset + sentence.index(expression)
        end = start + len(expression)
        parsed = parse_value(value) if value else None
        type_ = TimexType.DURATION if value and value.startswith("P") else TimexType.DATE
        timex = TimeExpression(
            id=f"t{n}", start=start, end=end, text=expression, type=type_, value=value,
            mod="APPROX" if "about" in sentence else None, anchor="dct" if value else None,
            interval=parsed[0] if parsed and type_ is TimexType.DATE else None,
            granularity=parsed[1] if parsed else None, rule="hand-made", explanation=f"{expression} → {value}",
        )
        timexes.append(timex)
        if timex.placeable:
            events.append(Event(id=f"e{n}", label=sentence.rstrip("."), start=offset, end=offset + len(sentence),
                                timex=timex.id, interval=timex.interval))
        text_parts.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(text_parts)
    article = Article(source=source, title=title or Path(source).stem, text=text,
                      dct=DCT(dct, DctOrigin.DATELINE) if dct else None)
    return ArticleResult(source=source, article=article,
                         analysis=Analysis(timexes=tuple(timexes), events=tuple(events)))


def syria_like(source: str = "hand/syria.txt") -> ArticleResult:
    return make_result(source, [
        ("Rebels launched an operation on Tuesday.", "Tuesday", "2016-06-28"),
        ("They were pushed back on Wednesday.", "Wednesday", "2016-06-29"),
        ("The town was captured in 2014.", "2014", "2014"),
        ("The army was formed about 18 months ago.", "18 months ago", "2014-12"),
        ("Air strikes have increased recently.", "recently", "PAST_REF"),
        ("The fighting lasted for three days.", "three days", "P3D"),
    ])


def settle(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait for background loading, then deliver the coalesced view refresh (and the stories a
    worker merges at the end of the job)."""
    qtbot.waitUntil(lambda: not window.loader.is_busy(), timeout=60000)
    window.adapter.flush()
    window.timeline.wait_for_stories()
    qtbot.wait(10)
