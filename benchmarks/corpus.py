"""Generate news-like articles for benchmarks (dateline, quotes, many time expressions)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

PLACES = ["AMMAN", "BEIRUT", "WASHINGTON", "LONDON", "PARIS", "NAIROBI", "TOKYO", "CAIRO", "KIEV", "LIMA"]
ACTORS = ["the government", "rebel forces", "the central bank", "the opposition", "the ministry",
          "a coalition spokesman", "the company", "local officials", "the United Nations", "police"]
VERBS = ["announced", "said", "confirmed", "denied", "reported", "launched", "suspended", "approved"]
TIMES = ["on Tuesday", "on Wednesday", "last week", "this month", "in 2014", "some 18 months ago",
         "overnight", "earlier this year", "on June 3, 2015", "in the third quarter", "next month",
         "two years ago", "three days later", "in March", "at 4:30 p.m. on Monday", "for 18 months",
         "every month", "recently", "late last year", "the following week", "in the 1990s", "yesterday"]
FILLER = [("The decision drew criticism from opposition lawmakers, who said it ignored the concerns of "
           "farmers and small businesses across the region."),
          ("Analysts said the move was widely expected and would have little effect on the broader economy, "
           "although some warned that exporters could suffer."),
          ("\u201cWe will not give up, and we will keep fighting for the people who elected us,\u201d one "
           "official told reporters outside the parliament building."),
          "Details of the agreement were not disclosed, and neither side would say how much money was involved.",
          "The U.S. embassy declined to comment, according to Col. John Smith, who speaks for the mission.",
          ("Markets reacted calmly to the news, with the main share index closing slightly higher and the "
           "currency steady against the dollar."),
          ("Human rights groups have repeatedly criticised the authorities for detaining activists without "
           "charge and for restricting access to the internet."),
          ("The company, which employs about 12,000 people, said it would continue to serve its customers "
           "while the investigation is under way.")]


def _head(rng: random.Random, headline: Callable[[], str]) -> list[str]:
    """A headline and an agency dateline, with a blank line after each (the date drawn first)."""
    day = date(2010, 1, 1) + timedelta(days=rng.randrange(3000))
    return [headline(), "", f"By Reuters - {day:%b %d,%Y} - Last updated at {day:%b %d,%Y}", ""]


def article(rng: random.Random, n: int, target_bytes: int = 4000) -> str:
    lines = _head(rng, lambda: f"Headline number {n}: {rng.choice(ACTORS)} {rng.choice(VERBS)} new measures")
    size = sum(len(x) for x in lines)
    while size < target_bytes:
        # About one sentence in three carries time expressions, as in agency news (TimeBank
        # has 7 expressions in an average 2.5 KB story).
        sentence = " ".join(rng.choice(FILLER) for _ in range(2))
        if rng.random() < 0.6:
            sentence = (f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} the plan "
                        f"{rng.choice(TIMES)}, and talks resumed {rng.choice(TIMES)}. " + sentence)
        lines.append(sentence)
        lines.append("")
        size += len(sentence) + 1
    return "\n".join(lines)


# Wire copy that is mostly dates: schedules, results tables, timelines ("On June 3, 2015, ...").
DENSE_TIMES = TIMES + ["on Friday night", "by the end of the year", "since January", "in the spring of 2016",
                       "until Nov. 16", "the next day", "a year earlier", "this week", "in the first half of 2014",
                       "from September through May", "at noon on Sunday", "in mid-2013", "over the past decade",
                       "four months later", "early next year", "on Sept. 11, 2001", "twice a week",
                       "every Monday", "the previous month", "in late March", "at 10:35 a.m. Tuesday"]


def dense_article(rng: random.Random, n: int, target_bytes: int = 4000) -> str:
    """About 66 time expressions in 4 KB: every sentence carries two, one in three has filler."""
    lines = _head(rng, lambda: f"Timeline number {n}: what {rng.choice(ACTORS)} did and when")
    size = sum(len(x) for x in lines)
    while size < target_bytes:
        t = [rng.choice(DENSE_TIMES) for _ in range(2)]
        sentence = f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} the plan {t[0]}, and talks resumed {t[1]}."
        if rng.random() < 0.3:
            sentence += " " + rng.choice(FILLER)
        lines.append(sentence)
        size += len(sentence) + 1
        if rng.random() < 0.2:
            lines.append("")
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, seed: int = 7, dense: bool = False) -> list[Path]:
    """``count`` articles in ``folder``: news-like (``article``) or dense with dates (``dense_article``)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    make = dense_article if dense else article
    paths = []
    for n in range(count):
        path = folder / f"article-{n:05d}.txt"
        path.write_text(make(rng, n), encoding="utf-8")
        paths.append(path)
    return paths
