"""Events of many articles → story events: the same happening, reported by many, merged.

Two events can be one happening only when they come from different articles, their dates can
be the same time (:mod:`.dating`) and their sentences read alike (:mod:`.similarity`). Those
pairs form a graph; each connected part is then clustered by average linkage, so a story holds
together as a whole and one loose resemblance does not chain two happenings into one. The
threshold is a cosine: a story's members are on average at least :data:`THRESHOLD` alike.
User decisions (split, merge) are applied on top, so they survive every re-merge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from ..model import ArticleResult
from .candidates import candidate_pairs
from .dating import date_story, widened
from .linkage import average_link
from .members import members_of_results
from .model import Member, Story
from .similarity import vectors

if TYPE_CHECKING:
    from scipy import sparse

# scipy (and scikit-learn in .similarity) are imported where merging happens, not with the
# module: every extract and the GUI import this package, and those libraries cost ~0.8 s of
# start-up that a run of one article, or of JSON Lines, never uses.

# Average cosine at which two groups of reports are taken for one happening. The dates do most
# of the work: reports whose dates cannot coincide never merge. Among those that can, reports
# of one happening share some of its weighted words (names, the action) while reports of two
# happenings on the same days mostly share none, so the bar is "the members share content",
# not "they are worded alike": one sentence retells a thing in other words than the next.
THRESHOLD = 0.01


@dataclass(frozen=True, slots=True)
class Decision:
    """A user's split or merge: ``members`` are :attr:`Member.key` handles.

    ``merge`` makes one story of every story holding one of the members; ``split`` takes the
    members out of their story into a story of their own.
    """

    kind: str  # "merge" | "split"
    members: tuple[tuple[str, int, int], ...]


def cluster(members: Sequence[Member], threshold: float = THRESHOLD,
            x: sparse.csr_matrix | None = None) -> list[list[int]]:
    """Groups of member indices judged to report the same happening (singletons included)."""
    return [g for g, _ in _clusters(members, threshold, x)]


def _clusters(members: Sequence[Member], threshold: float,
              x: sparse.csr_matrix | None) -> list[tuple[list[int], int]]:
    """Groups with their medoid, the member most like the others (its label names the story)."""
    n = len(members)
    if n == 0:
        return []
    if x is None:
        x = vectors([m.text for m in members])
    bounds = np.array([widened(m) for m in members], dtype=float).reshape(n, 2)
    lo, hi = bounds[:, 0], bounds[:, 1]
    codes: dict[str, int] = {}
    art = np.array([codes.setdefault(m.article, len(codes)) for m in members])
    rows, cols, sims = candidate_pairs(x, lo, hi, art, threshold)
    labels = average_link(n, rows, cols, sims, lo, hi, threshold)
    groups: list[tuple[list[int], int]] = []
    for piece in _split(labels):
        idx = sorted(int(i) for i in piece)
        groups.append((idx, _medoid(idx, x)))
    return groups


def _split(labels: np.ndarray) -> list[np.ndarray]:
    """Indices grouped by label."""
    order = np.argsort(labels, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(labels[order])) + 1)


def _apply(groups: list[list[int]], members: Sequence[Member],
           decisions: Iterable[Decision]) -> tuple[list[list[int]], set[int]]:
    """Groups after the user's decisions, and which groups they shaped."""
    where = {m.key: i for i, m in enumerate(members)}
    story_of = {i: g for g, group in enumerate(groups) for i in group}
    stories: dict[int, set[int]] = {g: set(group) for g, group in enumerate(groups)}
    touched: set[int] = set()
    next_id = len(groups)
    for d in decisions:
        picked = [where[k] for k in d.members if k in where]
        if not picked:
            continue  # its events are gone (article removed): the decision waits, unused
        if d.kind == "merge":
            target = story_of[picked[0]]
            for i in picked[1:]:
                g = story_of[i]
                if g == target:
                    continue
                for j in stories.pop(g):
                    story_of[j] = target
                    stories[target].add(j)
            touched.add(target)
        elif d.kind == "split":
            new = next_id
            next_id += 1
            stories[new] = set()
            for i in picked:
                stories[story_of[i]].discard(i)
                touched.add(story_of[i])
                story_of[i] = new
                stories[new].add(i)
            touched.add(new)
    out, shaped = [], set()
    for g, group in stories.items():
        if group:
            if g in touched:
                shaped.add(len(out))
            out.append(sorted(group))
    return out, shaped


def _medoid(idx: list[int], x: sparse.csr_matrix) -> int:
    """The member most like the others (the largest sum of cosines with the group, itself
    included): its label names the story."""
    if len(idx) <= 2:
        return idx[0]
    sub = x[idx]
    scores = np.asarray(sub @ np.asarray(sub.sum(axis=0)).ravel()).ravel()
    return idx[int(np.argmax(scores))]


def merge(members: Sequence[Member], decisions: Iterable[Decision] = (),
          threshold: float = THRESHOLD) -> list[Story]:
    """Every group of members as a story, single reports too: those of several sources first,
    each part in order of date, numbered s1, s2…"""
    members = list(members)
    if not members:
        return []
    x = vectors([m.text for m in members])
    found = _clusters(members, threshold, x)
    medoids = {tuple(g): medoid for g, medoid in found}
    groups, shaped = _apply([g for g, _ in found], members, decisions)
    stories: list[Story] = []
    for n, idx in enumerate(groups):
        medoid = medoids.get(tuple(idx))
        if medoid is None:  # a group the user shaped
            medoid = _medoid(idx, x)
        group = [members[i] for i in sorted(idx, key=lambda i: (members[i].position, members[i].start))]
        found, agreement, reason = date_story(group)
        best = found[0]
        stories.append(Story(id="", label=members[medoid].label, interval=best.interval,
                             granularity=best.granularity, members=tuple(group), readings=tuple(found),
                             agreement=agreement, reason=reason, user=n in shaped))
    # Stories of several sources first, so the ones GUIDE §5 lists are numbered s1, s2… without gaps.
    stories.sort(key=lambda s: (s.sources < 2, s.interval.start, s.members[0].position, s.members[0].start))
    return [replace(s, id=f"s{i}") for i, s in enumerate(stories, start=1)]


def merged(stories: Iterable[Story]) -> list[Story]:
    """The stories that more than one article reports: what ``stories`` lists in the JSON."""
    return [s for s in stories if s.sources > 1]


def stories_of_results(results: Sequence[ArticleResult], decisions: Iterable[Decision] = ()) -> list[Story]:
    """The stories of analysed results (articles numbered in input order)."""
    return merge(members_of_results(results), decisions)
