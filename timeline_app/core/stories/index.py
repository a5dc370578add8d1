"""A session's stories, kept up to date as articles come and go and dates are corrected.

Each article's members are derived once and kept while its analysis is the same object (the
session replaces the analysis whenever it re-derives an article, after a date correction for
instance), so adding the 1,000th article derives members for that article only; the merge then
runs over all members, which is what makes a new report join the story it belongs to.

A merge can also be taken out as a :class:`StoryJob` (:meth:`StoryIndex.job`), a self-contained
piece of work over frozen members that may run in another thread while the articles change
again; :meth:`StoryIndex.finish` keeps its result, and :meth:`StoryIndex.latest` gives the
stories merged last meanwhile (the GUI draws those until the new ones are in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..model import Analysis, Article
from .members import members_of
from .merger import Decision, merge
from .model import Member, Story


class _Entry(Protocol):
    key: str
    article: Article
    analysis: Analysis


_Derived = dict[str, tuple[Analysis, Article, int, list[Member]]]


@dataclass(frozen=True)
class StoryJob:
    """One merge to run, over the articles and decisions as they were when it was taken out.

    Everything it reads is frozen (articles, analyses, members) or its own, so it can run in
    another thread while the session goes on: each article's members come from ``known`` when
    its analysis is the same object, are derived afresh otherwise, and are kept in ``derived``
    for the next job (:meth:`StoryIndex.finish` takes them over).
    """

    signature: tuple[object, ...]
    serial: int
    entries: tuple[tuple[str, Article, Analysis], ...]
    decisions: tuple[Decision, ...]
    known: _Derived
    derived: _Derived = field(default_factory=dict)

    def run(self) -> list[Story]:
        """The stories (safe in any thread: it reads only the job's own frozen values)."""
        members: list[Member] = []
        for position, (key, article, analysis) in enumerate(self.entries, start=1):
            cached = self.known.get(key)
            if cached is not None and cached[0] is analysis and cached[1] is article and cached[2] == position:
                found = cached[3]
            else:
                found = list(members_of(key, position, article, analysis))
            self.derived[key] = (analysis, article, position, found)
            members.extend(found)
        return merge(members, self.decisions)


class StoryIndex:
    def __init__(self) -> None:
        self._members: _Derived = {}
        self._signature: tuple[object, ...] | None = None
        self._stories: list[Story] = []
        self._serial = 0  # of the last job taken out
        self._finished = 0  # serial of the job whose stories are kept

    def stories(self, entries: Sequence[_Entry], decisions: Sequence[Decision] = ()) -> list[Story]:
        """Every story of the entries (single reports too), merged afresh only after a change."""
        job = self.job(entries, decisions)
        if job is not None:
            self.finish(job, job.run())
        return self._stories

    def job(self, entries: Sequence[_Entry], decisions: Sequence[Decision] = ()) -> StoryJob | None:
        """The merge that would bring the stories up to date, or None when they are (cheap: the
        members of changed articles are derived when the job runs)."""
        signature = (tuple((e.key, id(e.analysis), id(e.article)) for e in entries), tuple(decisions))
        if signature == self._signature:
            return None
        self._serial += 1
        return StoryJob(signature, self._serial, tuple((e.key, e.article, e.analysis) for e in entries),
                        tuple(decisions), self._members)

    def finish(self, job: StoryJob, stories: list[Story]) -> None:
        """Keep a job's stories (and the members it derived), unless a later job's are kept."""
        if job.serial > self._finished:
            self._stories, self._signature, self._finished = stories, job.signature, job.serial
            self._members = job.derived

    def latest(self) -> list[Story]:
        """The stories merged last: up to date, or of the articles as they were then."""
        return self._stories
