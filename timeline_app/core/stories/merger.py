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
from .dating import date_story, widened
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
# Distance of two reports whose dates cannot meet: so large that no average of a group holding
# such a pair passes the bar. A story never holds two dates that exclude each other, so a
# month-level "earlier this month" cannot chain the reports of different days into one story.
_APART = 1e9
_CHUNK = 256  # members per block of the date sweep: small blocks keep each one's dates close
# Largest connected part clustered as a whole (average linkage holds all its pairs in memory).
_LARGEST = 1500


@dataclass(frozen=True, slots=True)
class Decision:
    """A user's split or merge: ``members`` are :attr:`Member.key` handles.

    ``merge`` makes one story of every story holding one of the members; ``split`` takes the
    members out of their story into a story of their own.
    """

    kind: str  # "merge" | "split"
    members: tuple[tuple[str, int, int], ...]


def _candidate_graph(x: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray, art: np.ndarray,
                     threshold: float) -> sparse.csr_matrix:
    """Pairs of members of different articles whose dates can meet and whose cosine reaches the
    threshold, weighted by the cosine. Members are swept in order of their earliest time, so a
    block of them is only compared with the members that start before the block's dates end."""
    n = x.shape[0]
    order = np.argsort(lo, kind="stable")
    lo_sorted = lo[order]
    xs = x[order]
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    data: list[np.ndarray] = []
    for a in range(0, n, _CHUNK):
        b = min(n, a + _CHUNK)
        reach = int(np.searchsorted(lo_sorted, hi[order[a:b]].max(), side="left"))
        sims = (xs[a:b] @ xs[a:reach].T).tocoo()
        i = order[sims.row + a]
        j = order[sims.col + a]
        keep = ((sims.col + a) > (sims.row + a)) & (sims.data >= threshold) & (art[i] != art[j]) \
            & (lo[i] < hi[j]) & (lo[j] < hi[i])
        rows.append(i[keep])
        cols.append(j[keep])
        data.append(sims.data[keep])
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=int)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=int)
    w = np.concatenate(data) if data else np.zeros(0)
    from scipy import sparse

    graph = sparse.coo_matrix((w, (r, c)), shape=(n, n)).tocsr()
    return graph + graph.T


def _split(labels: np.ndarray) -> list[np.ndarray]:
    """Indices grouped by label."""
    order = np.argsort(labels, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(labels[order])) + 1)


def _parts(graph: sparse.csr_matrix, idx: np.ndarray, threshold: float) -> list[np.ndarray]:
    """The connected parts of ``idx`` in the graph of links at ``threshold`` or more; a part too
    big to cluster as a whole is cut at its weakest links first (a higher bar for it alone)."""
    sub = graph if len(idx) == graph.shape[0] else graph[idx][:, idx]
    if threshold > 0:
        sub = sub.multiply(sub >= threshold).tocsr()
    from scipy.sparse.csgraph import connected_components

    _count, part = connected_components(sub, directed=False)
    out: list[np.ndarray] = []
    for piece in _split(part):
        members = idx[piece]
        if len(members) <= _LARGEST or threshold >= 1.0:
            out.append(members)
            continue
        weights = graph[members][:, members].data
        higher = max(float(np.median(weights)) if len(weights) else 1.0, threshold * 2, threshold + 0.05)
        out.extend(_parts(graph, members, min(higher, 1.0)))
    return out


def _average_link(sim: np.ndarray, compatible: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels of one connected part by average linkage, cut at the threshold."""
    m = len(sim)
    dist = np.where(compatible, 1.0 - np.clip(sim, 0.0, 1.0), _APART)
    from scipy.cluster.hierarchy import linkage

    tree = linkage(dist[np.triu_indices(m, k=1)], method="average")
    # The merges at most 1 − threshold apart, replayed with a union-find: the cut of the tree.
    parent = list(range(2 * m - 1))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k, (a, b, d, _n) in enumerate(tree):
        if d <= 1.0 - threshold + 1e-9:
            parent[root(int(a))] = m + k
            parent[root(int(b))] = m + k
    return np.array([root(i) for i in range(m)])


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
    graph = _candidate_graph(x, lo, hi, art, threshold)
    groups: list[tuple[list[int], int]] = []
    for idx in _parts(graph, np.arange(n), 0.0):
        if len(idx) <= 2:  # two members are linked only when their dates meet and they pass the bar
            groups.append(([int(i) for i in idx], int(idx[0])))
            continue
        sub = x[idx]
        sim = (sub @ sub.T).toarray()
        compatible = (lo[idx][:, None] < hi[idx][None, :]) & (lo[idx][None, :] < hi[idx][:, None])
        for piece in _split(_average_link(sim, compatible, threshold)):
            medoid = piece[int(np.argmax(sim[np.ix_(piece, piece)].sum(axis=1)))]
            groups.append((sorted(int(i) for i in idx[piece]), int(idx[medoid])))
    return groups


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
    """The member most like the others: its label names the story."""
    if len(idx) <= 2:
        return idx[0]
    sub = x[idx]
    scores = np.asarray((sub @ sub.T).sum(axis=1)).ravel()
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
