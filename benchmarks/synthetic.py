"""Analysed articles built directly (no tagger): many events of random dates near each article's
date and sentences of a few shared words — the worst case for story merging, where every pair of
reports shares something. Used by gui_scale and story_merge."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

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

WORDS = ["rebels", "forces", "talks", "ceasefire", "minister", "army", "town", "border", "attack", "council", "vote", "election", "protest", "court", "ruling", "strike", "market", "shares", "bank", "rates", "storm", "flood", "rescue", "summit", "treaty"]


def sentence(rng: random.Random, expression: str) -> str:
    words = rng.sample(WORDS, 9)
    return f"The {words[0]} {words[1]} {words[2]} {expression} as {words[3]} {words[4]} {words[5]} said."


def random_value(rng: random.Random, dct: datetime) -> tuple[str, str | None]:
    """A TIMEX3 value near the DCT: mostly days, some months, years, weeks, a few approximate."""
    r = rng.random()
    if r < 0.65:
        d = dct - timedelta(days=rng.randint(-30, 700))
        return d.strftime("%Y-%m-%d"), None
    if r < 0.72:
        d = dct - timedelta(days=rng.randint(0, 700), hours=rng.randint(0, 23))
        return d.strftime("%Y-%m-%dT%H:00"), None
    if r < 0.85:
        d = dct - timedelta(days=rng.randint(0, 1500))
        return d.strftime("%Y-%m"), ("APPROX" if rng.random() < 0.3 else None)
    if r < 0.92:
        d = dct - timedelta(days=rng.randint(0, 900))
        iso = d.isocalendar()
        return f"{iso.year}-W{iso.week:02d}", None
    return str(dct.year - rng.randint(0, 30)), ("APPROX" if rng.random() < 0.3 else None)


def synthetic_result(i: int, n_events: int, rng: random.Random) -> ArticleResult:
    dct = datetime(2000, 1, 1) + timedelta(days=rng.randint(0, 365 * 20))
    parts: list[str] = []
    timexes: list[TimeExpression] = []
    events: list[Event] = []
    offset = 0
    for n in range(1, n_events + 1):
        value, mod = random_value(rng, dct)
        expression = f"on {value}"
        text = sentence(rng, expression)
        start = offset + text.index(expression)
        parsed = parse_value(value)
        assert parsed is not None
        interval, gran = parsed
        type_ = TimexType.TIME if "T" in value else TimexType.DATE
        timexes.append(TimeExpression(f"t{n}", start, start + len(expression), expression, type_, value, mod,
                                      "dct", interval, gran, "synthetic", f"{expression} → {value}"))
        events.append(Event(f"e{n}", text[:-1], offset, offset + len(text), f"t{n}", interval))
        parts.append(text)
        offset += len(text) + 1
    article = Article(source=f"synthetic/article-{i:04d}.txt", title=f"Synthetic article {i:04d}",
                      text=" ".join(parts), dct=DCT(dct.strftime("%Y-%m-%d"), DctOrigin.DATELINE))
    return ArticleResult(article.source, article, Analysis(tuple(timexes), tuple(events)))
