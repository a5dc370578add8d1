"""Which pairs of reports are worth comparing: date blocks first, then each one's nearest neighbours.

Two reports can only tell one happening when their dates can coincide, so the comparison never
leaves a date block. Members are put in classes by how long their (widened) dates are — about a
day, a month, a year, longer — and each class is sorted by its earliest time. A block of
members of one class is compared only with the members of each class whose dates can still meet
the block's: those that start before the block's dates end and after its earliest date less the
class's longest date. A day is thus compared with a few days around it, not with the whole
decade that shares its words.

Among the pairs that pass (different articles, dates that meet, cosine at the bar), each member
keeps its ``k`` most alike: the graph has at most ``k`` links a member, whatever the corpus,
where all pairs of reports of a few shared words once made 100,000 events take gigabytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

# Members per block of a date sweep: small blocks keep each block's dates close together.
_CHUNK = 256
_PAIRS = 1 << 20  # pairs a sparse product may hold at most (each pair costs ~60 bytes on the way)
# Upper bounds of the date classes, in days (widened dates: a day counted from the page's date
# is two days long): about a day, a week, a month or quarter, a year, anything longer.
_CLASSES = (2.5, 8.5, 100.0, 400.0)
# Neighbours kept a member. A story of many reports still holds together: each report is linked
# to its closest fellow reports, and those to theirs.
NEIGHBOURS = 20
# Links a member may hold at most, its own nearest and those it is nearest to together.
MOST = 2 * NEIGHBOURS


def _top_k(i: np.ndarray, s: np.ndarray, k: int) -> np.ndarray:
    """Positions of each row's ``k`` largest similarities (ties in the order found)."""
    if len(i) == 0 or np.bincount(i).max() <= k:
        return np.arange(len(i))
    # one sort key: the row, then the cosine downwards (a cosine is within [0, 1])
    order = np.argsort(i * 4.0 - s, kind="stable")
    rows = i[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    return order[rank < k]


def _kept(found_i: list[np.ndarray], found_j: list[np.ndarray], found_s: list[np.ndarray],
          k: int) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """The found links joined, each member's ``k`` best kept."""
    i, j, s = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)
    best = _top_k(i, s, k)
    return [i[best]], [j[best]], [s[best]]


def candidate_pairs(x: sparse.csr_matrix, lo: np.ndarray, hi: np.ndarray, art: np.ndarray,
                    threshold: float, k: int = NEIGHBOURS,
                    most: int = MOST) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(i, j, cosine)`` with ``i < j``, each once: members of different articles whose
    dates meet and whose cosine reaches the threshold, among each member's ``k`` most alike."""
    width = hi - lo
    cls = np.searchsorted(np.array(_CLASSES), width, side="left")
    classes = []
    for c in np.unique(cls):
        idx = np.flatnonzero(cls == c)
        idx = idx[np.argsort(lo[idx], kind="stable")]
        classes.append((idx, lo[idx], float(width[idx].max()), x[idx].astype(np.float32)))
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    found_s: list[np.ndarray] = []
    held, bound = 0, 2 * k * len(lo) + _PAIRS
    # Each pair of members is computed once: a block of one class against the same class from
    # the block on and against the classes after it; both ends then pick their nearest from it.
    for q, (q_idx, _q_lo, _q_w, q_x) in enumerate(classes):
        for a in range(0, len(q_idx), _CHUNK):
            chunk = q_idx[a:a + _CHUNK]
            block = q_x[a:a + _CHUNK]
            first, last = float(lo[chunk].min()), float(hi[chunk].max())
            for c, (c_idx, c_lo, c_w, c_x) in enumerate(classes[q:], start=q):
                # members of this class whose dates can reach into [first, last)
                p = int(np.searchsorted(c_lo, first - c_w, side="right"))
                r = int(np.searchsorted(c_lo, last, side="left"))
                if c == q:
                    p = max(p, a)
                # A wide block (a year's reports against all the days of that year) is taken in
                # slices of columns, so no product holds more than about _PAIRS pairs at once.
                step = max(1, _PAIRS // len(chunk))
                for p0 in range(p, r, step):
                    r0 = min(r, p0 + step)
                    sims = (block @ c_x[p0:r0].T).tocoo()
                    i = chunk[sims.row]
                    j = c_idx[sims.col + p0]
                    keep = (sims.data >= threshold) & (art[i] != art[j]) & (lo[i] < hi[j]) & (lo[j] < hi[i])
                    if c == q:
                        keep &= sims.col + p0 > sims.row + a
                    i, j, s = i[keep], j[keep], sims.data[keep]
                    # a member's best overall are among its best of each block, seen from either end
                    for mine, theirs in ((i, j), (j, i)):
                        best = _top_k(mine, s, k)
                        found_i.append(mine[best])
                        found_j.append(theirs[best])
                        found_s.append(s[best])
                        held += len(best)
                    if held > bound:  # keep what is found at about k a member
                        found_i, found_j, found_s = _kept(found_i, found_j, found_s, k)
                        held = len(found_i[0])
    if not found_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    [i], [j], [s] = _kept(found_i, found_j, found_s, k)
    # A link kept by either end; each pair once, as (lower, higher).
    a, b = np.minimum(i, j), np.maximum(i, j)
    # one int64 key a pair (a row-wise unique of a 2-column array sorts records, holding the GIL
    # for most of a second at 100,000 events: the GUI thread would stall meanwhile)
    pairs = np.unique(a.astype(np.int64) * len(lo) + b, return_index=True)[1]
    a, b, s = a[pairs], b[pairs], s[pairs]
    # A report of a whole year is among the nearest of thousands of reports of its days; it keeps
    # only its own most alike, so no member holds more than MOST links (each end ranks the link).
    ends = np.concatenate([a, b])
    rank = np.empty(len(ends), dtype=np.int64)
    order = np.argsort(ends * 4.0 - np.concatenate([s, s]), kind="stable")
    rows = ends[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else np.zeros(0, dtype=np.int64)
    rank[order] = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    keep = (rank[:len(a)] < most) & (rank[len(a):] < most)
    return a[keep], b[keep], s[keep]
