"""Average linkage on a sparse graph of candidate pairs, with dates that must all meet.

Average linkage (UPGMA) joins, again and again, the two groups whose members are on average
most alike, and stops when no two groups reach the bar. It is done here on the candidate graph
(:mod:`.candidates`) instead of a dense matrix of all pairs: a pair that is not a candidate counts
as not alike at all (cosine 0), so the average of two groups is the sum of their candidate links
over the product of their sizes. Average linkage is reducible, so taking the best pair from a
heap, lazily dropping entries of groups that changed since, gives the same groups as the full
tree cut at the bar (scipy's ``linkage`` needs all n² distances, which 100,000 events cannot
hold).

A story never holds two dates that exclude each other. Intervals on a line meet pairwise exactly
when they all share a point (the latest start is before the earliest end), so a group keeps its
latest start and earliest end, and two groups join only when those still leave a common time.
"""

from __future__ import annotations

import numpy as np


def average_link(n: int, rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, lo: np.ndarray,
                 hi: np.ndarray, threshold: float) -> np.ndarray:
    """A group label per member: average linkage over the links ``rows[k]–cols[k]`` (each pair
    once) of cosine ``sims[k]``, cut at ``threshold``; groups whose dates cannot all meet never join."""
    links: dict[int, dict[int, float]] = {}
    for a, b, s in zip(rows.tolist(), cols.tolist(), sims.tolist()):
        links.setdefault(a, {})[b] = s
        links.setdefault(b, {})[a] = s
    size = dict.fromkeys(links, 1)
    latest_start = {i: float(lo[i]) for i in links}
    earliest_end = {i: float(hi[i]) for i in links}
    members: dict[int, list[int]] = {i: [i] for i in links}

    def nearest(g: int, previous: int | None) -> int | None:
        """The group most like ``g`` on average, at the bar and with dates that meet; the one
        before it on the chain when tied (so the chain cannot loop)."""
        mine, n_g, s_g, e_g = links[g], size[g], latest_start[g], earliest_end[g]
        found, top, apart = None, threshold, []
        for other, total in mine.items():
            if max(s_g, latest_start[other]) >= min(e_g, earliest_end[other]):
                apart.append(other)
                continue
            average = total / (n_g * size[other])
            if average > top or (average == top and (found is None or other == previous)):
                found, top = other, average
        for other in apart:  # dates that cannot meet now never will: drop the link for good
            del mine[other], links[other][g]
        return found

    # The nearest-neighbour chain: follow each group's nearest until two are each other's
    # nearest, join those, go on from the chain that is left. Exact for average linkage
    # (reducible: a joined group is never closer to a third than the closer of its two parts).
    done: set[int] = set()
    chain: list[int] = []
    pending = list(reversed(links))  # groups to start a chain from, the next one last
    while True:
        if not chain:
            while pending and (pending[-1] in done or pending[-1] not in links):
                pending.pop()
            if not pending:
                break
            chain.append(pending.pop())
        g = chain[-1]
        previous = chain[-2] if len(chain) > 1 else None
        other = nearest(g, previous)
        if other is None:  # nothing reaches the bar now, nor will after other joins
            done.add(g)
            chain.pop()
            continue
        if other != previous:
            chain.append(other)
            continue
        chain.pop()
        chain.pop()
        a, b = (g, other) if len(links[g]) >= len(links[other]) else (other, g)
        mine = links[a]
        del mine[b]
        for third, s in links.pop(b).items():
            if third == a:
                continue
            theirs = links[third]
            del theirs[b]
            total = mine.get(third, 0.0) + s
            mine[third] = total
            theirs[a] = total
        size[a] += size.pop(b)
        latest_start[a] = max(latest_start[a], latest_start.pop(b))
        earliest_end[a] = min(earliest_end[a], earliest_end.pop(b))
        members[a].extend(members.pop(b))
        pending.append(a)  # the joined group may join more
    label = np.arange(n)
    for root, group in members.items():
        label[group] = root
    return label
