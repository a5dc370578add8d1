"""The sparse merge against the dense one it replaces: the same groups when every pair is a
candidate, a bounded graph when many reports share words, blocks that never leave the dates."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage

from timeline_app.core.stories.candidates import candidate_pairs
from timeline_app.core.stories.linkage import average_link


def _partition(labels: np.ndarray) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i, g in enumerate(labels.tolist()):
        groups.setdefault(g, set()).add(i)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("seed", range(8))
def test_average_link_on_all_pairs_is_scipy_average_linkage(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, threshold = 40, 0.3
    sim = rng.random((n, n)) ** 3  # mostly low, a few close pairs
    sim = np.triu(sim, 1) + np.triu(sim, 1).T
    lo = rng.integers(0, 6, n).astype(float)
    hi = lo + rng.integers(1, 4, n)
    meet = (lo[:, None] < hi[None, :]) & (lo[None, :] < hi[:, None])
    # the dense reference: pairs whose dates cannot meet are too far apart to ever join
    dist = np.where(meet, 1.0 - sim, 1e9)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(dist[np.triu_indices(n, 1)], method="average")
    expected = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    rows, cols = np.triu_indices(n, 1)
    got = average_link(n, rows, cols, sim[rows, cols], lo, hi, threshold)
    assert _partition(got) == _partition(expected)
    for group in _partition(got):  # and no story holds two dates that exclude each other
        idx = list(group)
        assert lo[idx].max() < hi[idx].min()


def test_candidates_stay_in_their_dates_and_are_bounded() -> None:
    rng = np.random.default_rng(3)
    n = 3000
    # every report shares words with every other: the case that once took gigabytes
    x = sparse.csr_matrix(rng.random((n, 5)))
    x = sparse.csr_matrix(x.multiply(1 / np.sqrt(x.multiply(x).sum(axis=1))))
    lo = rng.integers(0, 1000, n).astype(float)
    hi = lo + np.where(rng.random(n) < 0.9, 1.0, 365.0)
    art = np.arange(n) // 10
    a, b, _ = candidate_pairs(x, lo, hi, art, 0.01, k=5, most=10)
    assert len(a) and (a < b).all()
    assert ((lo[a] < hi[b]) & (lo[b] < hi[a])).all() and (art[a] != art[b]).all()
    assert np.bincount(np.r_[a, b]).max() <= 10
    assert len(set(zip(a.tolist(), b.tolist()))) == len(a)


def test_with_room_enough_the_candidates_are_every_pair_at_the_bar() -> None:
    rng = np.random.default_rng(5)
    n = 400
    dense = rng.random((n, 30)) * (rng.random((n, 30)) < 0.1)
    dense[dense.sum(axis=1) == 0, 0] = 1.0
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    x = sparse.csr_matrix(dense)
    lo = rng.integers(0, 200, n).astype(float)
    hi = lo + rng.choice([1.0, 2.0, 31.0, 366.0], n)
    art = np.arange(n) // 4
    a, b, _ = candidate_pairs(x, lo, hi, art, 0.05, k=n, most=2 * n)
    sim = dense @ dense.T
    i, j = np.triu_indices(n, 1)
    ok = (sim[i, j] >= 0.05) & (art[i] != art[j]) & (lo[i] < hi[j]) & (lo[j] < hi[i])
    assert set(zip(a.tolist(), b.tolist())) == set(zip(i[ok].tolist(), j[ok].tolist()))
