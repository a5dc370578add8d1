"""A session's stories, kept up to date as articles come and go and dates are corrected.

Each article's members are derived once and kept while its analysis is the same object (the
session replaces the analysis whenever it re-derives an article, after a date correction for
instance), so adding the 1,000th article derives members for that article only; the merge then
runs over all members, which is what makes a new report join the story it belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..model import Analysis, Article
from .members import members_of
from .merger import Decision, merge
from .model import Member, Story


class _Entry(Protocol):
    key: str
    article: Article
    analysis: Analysis


class StoryIndex:
    def __init__(self) -> None:
        self._members: dict[str, tuple[Analysis, Article, int, list[Member]]] = {}
        self._signature: tuple[object, ...] | None = None
        self._stories: list[Story] = []

    def stories(self, entries: Sequence[_Entry], decisions: Sequence[Decision] = ()) -> list[Story]:
        """Every story of the entries (single reports too), merged afresh only after a change."""
        signature = (tuple((e.key, id(e.analysis), id(e.article)) for e in entries), tuple(decisions))
        if signature == self._signature:
            return self._stories
        members: list[Member] = []
        live = set()
        for position, entry in enumerate(entries, start=1):
            live.add(entry.key)
            members.extend(self._of(entry, position))
        for key in set(self._members) - live:
            del self._members[key]
        self._stories = merge(members, decisions)
        self._signature = signature
        return self._stories

    def _of(self, entry: _Entry, position: int) -> list[Member]:
        cached = self._members.get(entry.key)
        if cached is not None and cached[0] is entry.analysis and cached[1] is entry.article \
                and cached[2] == position:
            return cached[3]
        found = list(members_of(entry.key, position, entry.article, entry.analysis))
        self._members[entry.key] = (entry.analysis, entry.article, position, found)
        return found
