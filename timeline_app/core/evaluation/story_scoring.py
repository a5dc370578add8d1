"""Scoring story merging against cross-document links: pairwise precision, recall and F1.

Two events of different articles of one topic form a pair. The pair is *gold* when their
sentences mention one action instance; it is *predicted* when the merger put the two events
in one story. Only events of annotated sentences count. Beside the merger, two baselines:
"same day" merges events whose dates are the same day (or the same coarser interval), and
"never merge" leaves every event alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import combinations
from pathlib import Path

from ..ingest import read_article_bytes
from ..pipeline import analyze
from ..stories import Member, cluster, members_of
from ..stories.merger import THRESHOLD
from .ecbplus import EcbDocument, read_corpus

SYSTEMS = ("stories", "same-day", "never")


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, object]:
        def rounded(v: float | None) -> float | None:
            return None if v is None else round(v, 4)
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": rounded(self.precision),
                "recall": rounded(self.recall), "f1": round(self.f1, 4)}


@dataclass(slots=True)
class TopicScore:
    topic: str
    articles: int
    events: int  # events in annotated sentences
    gold_pairs: int
    systems: dict[str, Counts] = field(default_factory=dict)


def _same_day(members: Sequence[Member]) -> list[list[int]]:
    groups: dict[tuple[object, object], list[int]] = {}
    for i, m in enumerate(members):
        end = m.interval.end
        last = end.date() if end.time() == end.min.time() else end.date() + timedelta(days=1)
        groups.setdefault((m.interval.start.date(), last), []).append(i)
    return list(groups.values())


def _never(members: Sequence[Member]) -> list[list[int]]:
    return [[i] for i in range(len(members))]


def topic_members(docs: Sequence[EcbDocument]) -> tuple[list[Member], list[frozenset[str] | None]]:
    """The app's members for a topic's articles loaded together, and each one's gold instances
    (None when its sentence was not annotated)."""
    members: list[Member] = []
    gold: list[frozenset[str] | None] = []
    for position, doc in enumerate(docs, start=1):
        source = f"{doc.topic}/{doc.name}.txt"
        article = read_article_bytes(doc.text.encode("utf-8"), source)
        for m in members_of(source, position, article, analyze(article)):
            members.append(m)
            s = doc.sentence_at(m.start)
            gold.append(doc.instances.get(s, frozenset()) if s in doc.annotated else None)
    return members, gold


def score_pairs(members: Sequence[Member], gold: Sequence[frozenset[str] | None],
                groups: Sequence[Sequence[int]]) -> Counts:
    story = {i: g for g, group in enumerate(groups) for i in group}
    scored = [i for i, g in enumerate(gold) if g is not None]
    counts = Counts()
    for i, j in combinations(scored, 2):
        if members[i].article == members[j].article:
            continue
        truth = bool(gold[i] & gold[j])  # type: ignore[operator]
        said = story[i] == story[j]
        if truth and said:
            counts.tp += 1
        elif said:
            counts.fp += 1
        elif truth:
            counts.fn += 1
    return counts


def score_corpus(root: Path, threshold: float = THRESHOLD,
                 progress: Callable[[int, int, str], None] | None = None) -> list[TopicScore]:
    topics = read_corpus(root)
    out: list[TopicScore] = []
    for n, (topic, docs) in enumerate(topics.items()):
        if progress is not None:
            progress(n, len(topics), topic)
        members, gold = topic_members(docs)
        runs = {"stories": cluster(members, threshold), "same-day": _same_day(members),
                "never": _never(members)}
        systems = {name: score_pairs(members, gold, groups) for name, groups in runs.items()}
        gold_pairs = systems["never"].fn
        out.append(TopicScore(topic=topic, articles=len(docs),
                              events=sum(1 for g in gold if g is not None), gold_pairs=gold_pairs,
                              systems=systems))
    if progress is not None:
        progress(len(topics), len(topics), "")
    return out


def overall(scores: Sequence[TopicScore]) -> dict[str, Counts]:
    total = {name: Counts() for name in SYSTEMS}
    for s in scores:
        for name, c in s.systems.items():
            total[name].add(c)
    return total
