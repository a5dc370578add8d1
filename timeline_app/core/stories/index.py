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
from dataclasses import dataclass
from typing import Protocol

from ..model import Analysis, Article
from .members import members_of
from .merger import Decision, merge
from .model import Member, Story


class _Entry(Protocol):
    key: str
    article: Article
    analysis: Analysis


@dataclass(frozen=True)
class StoryJob:
    """One merge to run, over members and decisions frozen when it was taken out."""

    signature: tuple[object, ...]
    serial: int
    members: tuple[Member, ...]
    decisions: tuple[Decision, ...]

    def run(self) -> list[Story]:
        """The stories (safe in any thread: it reads only the job's own frozen values)."""
        return merge(self.members, self.decisions)


class StoryIndex:
    def __init__(self) -> None:
        self._members: dict[str, tuple[Analysis, Article, int, list[Member]]] = {}
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
        """The merge that would bring the stories up to date, or None when they are."""
        signature = (tuple((e.key, id(e.analysis), id(e.article)) for e in entries), tuple(decisions))
        if signature == self._signature:
            return None
        members: list[Member] = []
        live = set()
        for position, entry in enumerate(entries, start=1):
            live.add(entry.key)
            members.extend(self._of(entry, position))
        for key in set(self._members) - live:
            del self._members[key]
        self._serial += 1
        return StoryJob(signature, self._serial, tuple(members), tuple(decisions))

    def finish(self, job: StoryJob, stories: list[Story]) -> None:
        """Keep a job's stories, unless those of a later job are already kept."""
        if job.serial > self._finished:
            self._stories, self._signature, self._finished = stories, job.signature, job.serial

    def latest(self) -> list[Story]:
        """The stories merged last: up to date, or of the articles as they were then."""
        return self._stories

    def _of(self, entry: _Entry, position: int) -> list[Member]:
        cached = self._members.get(entry.key)
        if cached is not None and cached[0] is entry.analysis and cached[1] is entry.article \
                and cached[2] == position:
            return cached[3]
        found = list(members_of(entry.key, position, entry.article, entry.analysis))
        self._members[entry.key] = (entry.analysis, entry.article, position, found)
        return found
