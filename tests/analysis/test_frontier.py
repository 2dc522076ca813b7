from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikesim.analysis.frontier import (
    frontier_distance,
    kalai_smorodinsky_point,
    nash_point,
    nash_product,
    nash_ratio,
    on_frontier,
    pareto_frontier,
    pareto_mask,
)
from strikesim.analysis.space import enumerate_tables

from .test_space import random_tables


def brute_pareto_pairs(u: np.ndarray) -> set[tuple[float, float]]:
    pairs = set()
    for a in u:
        dominated = any((b[0] >= a[0] and b[1] >= a[1]) and (b[0] > a[0] or b[1] > a[1]) for b in u)
        if not dominated:
            pairs.add((float(a[0]), float(a[1])))
    return pairs


def brute_nash(u: np.ndarray, d: np.ndarray) -> float | None:
    ok = (u >= d).all(axis=1)
    if not ok.any():
        return None
    return float(((u[ok] - d).prod(axis=1)).max())


def brute_ks(u: np.ndarray, d: np.ndarray) -> float | None:
    ok = (u >= d).all(axis=1)
    if not ok.any():
        return None
    g = np.array([u[u[:, 1] >= d[1], 0].max(), u[u[:, 0] >= d[0], 1].max()])
    span = np.where(g - d > 1e-12, g - d, 1.0)
    rel = np.where(g - d > 1e-12, (u[ok] - d) / span, 1.0)
    return float(rel.min(axis=1).max())


utility_grid = st.lists(
    st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=1, max_size=60
).map(lambda pts: np.array(pts, dtype=np.float64) / 12.0)


@settings(max_examples=200, deadline=None)
@given(utility_grid)
def test_pareto_mask_matches_brute_force_with_ties(u: np.ndarray) -> None:
    mask = pareto_mask(u)
    got = [(float(a), float(b)) for a, b in u[mask]]
    assert len(got) == len(set(got)), "one outcome per utility pair"
    assert set(got) == brute_pareto_pairs(u)


@pytest.mark.parametrize("seed", range(12))
def test_solution_points_match_brute_force_on_random_spaces(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_levels = [int(n) for n in rng.integers(2, 5, size=rng.integers(2, 5))]
    space = enumerate_tables(random_tables(rng, n_levels), n_levels)
    frontier = pareto_frontier(space)
    assert set(map(tuple, frontier.utility.tolist())) == brute_pareto_pairs(space.utility)
    assert np.all(np.diff(frontier.utility[:, 0]) > 0)
    assert np.all(np.diff(frontier.utility[:, 1]) < 0)
    for _ in range(5):
        d = rng.random(2) * 0.6
        nash = nash_point(frontier, d)
        want = brute_nash(space.utility, d)
        if want is None:
            assert nash is None
        else:
            assert nash is not None
            assert nash.score == pytest.approx(want, abs=1e-12)
            assert nash.utility == tuple(space.utility[nash.index])
        ks = kalai_smorodinsky_point(frontier, d)
        want_ks = brute_ks(space.utility, d)
        if want_ks is None:
            assert ks is None
        else:
            assert ks is not None
            assert ks.score == pytest.approx(want_ks, abs=1e-12)
            assert on_frontier(frontier, np.array(ks.utility))


def test_symmetric_space_puts_nash_and_ks_in_the_middle() -> None:
    # one issue split 0..10 between the sides: u_union = x/10, u_studio = 1 - x/10
    tables = np.zeros((2, 1, 11))
    tables[0, 0] = np.arange(11) / 10
    tables[1, 0] = 1 - np.arange(11) / 10
    space = enumerate_tables(tables, [11])
    frontier = pareto_frontier(space)
    assert frontier.size == 11
    nash = nash_point(frontier, (0.0, 0.0))
    ks = kalai_smorodinsky_point(frontier, (0.0, 0.0))
    assert nash is not None and ks is not None
    assert nash.index == 5 and ks.index == 5
    # a better outside option for the union moves both points its way
    nash_u = nash_point(frontier, (0.4, 0.0))
    assert nash_u is not None and nash_u.index == 7
    assert nash_point(frontier, (0.8, 0.8)) is None


def test_distance_ratio_and_membership() -> None:
    tables = np.zeros((2, 2, 3))
    tables[0] = [[0.0, 0.25, 0.5], [0.0, 0.25, 0.5]]
    tables[1] = [[0.5, 0.25, 0.0], [0.5, 0.4, 0.0]]
    space = enumerate_tables(tables, [3, 3])
    frontier = pareto_frontier(space)
    deals = space.utility
    dist = frontier_distance(frontier, deals)
    member = on_frontier(frontier, deals)
    assert np.array_equal(dist == 0, member)
    pairs = set(map(tuple, frontier.utility.tolist()))
    assert member.tolist() == [tuple(u) in pairs for u in space.utility.tolist()]
    # (0, 0) levels: union 0, studio 1 -> on frontier; (0, 2): union .5 studio .5
    assert member[space.index_of(np.array([0, 0]))]
    # dominated: union .25+.0, studio .25+.5 = (.25, .75) vs (0.25, 0.9) -> distance .15
    k = int(space.index_of(np.array([1, 0])))
    assert dist[k] == pytest.approx(0.15)
    ratio = nash_ratio(frontier, deals, (0.0, 0.0))
    best = nash_point(frontier, (0.0, 0.0))
    assert best is not None
    assert ratio[best.index] == pytest.approx(1.0)
    assert np.all(ratio <= 1 + 1e-12)
    assert nash_product(np.array([0.1, 0.9]), (0.2, 0.0)) == 0.0
