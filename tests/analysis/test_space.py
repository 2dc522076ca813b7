from __future__ import annotations

import itertools

import numpy as np
import pytest

from strikesim.analysis.space import (
    OutcomeSpaceTooLarge,
    enumerate_tables,
    utility_tables,
)
from strikesim.engine import utilities
from strikesim.scenario import load_scenario


def random_tables(rng: np.random.Generator, n_levels: list[int]) -> np.ndarray:
    width = max(n_levels)
    tables = np.full((2, len(n_levels), width), np.nan)
    for side in range(2):
        weights = rng.dirichlet(np.ones(len(n_levels)))
        for j, n in enumerate(n_levels):
            tables[side, j, :n] = weights[j] * rng.random(n)
    return tables


@pytest.mark.parametrize("seed", range(5))
def test_enumeration_matches_itertools_product(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_levels = [int(n) for n in rng.integers(1, 5, size=rng.integers(1, 5))]
    tables = random_tables(rng, n_levels)
    space = enumerate_tables(tables, n_levels)
    expected = list(itertools.product(*[range(n) for n in n_levels]))
    assert space.size == len(expected)
    assert [tuple(row) for row in space.levels.tolist()] == expected
    for k, combo in enumerate(expected):
        for side in range(2):
            want = sum(tables[side, j, level] for j, level in enumerate(combo))
            assert space.utility[k, side] == pytest.approx(want, abs=1e-12)


def test_index_of_inverts_levels() -> None:
    rng = np.random.default_rng(1)
    n_levels = [3, 4, 2, 5]
    space = enumerate_tables(random_tables(rng, n_levels), n_levels)
    assert np.array_equal(space.index_of(space.levels), np.arange(space.size))
    assert space.index_of(np.array([2, 3, 1, 4])) == space.size - 1
    with pytest.raises(ValueError, match="4 issues"):
        space.index_of(np.array([0, 0]))


def test_offer_utility_agrees_with_space_and_marks_missing_offers() -> None:
    spec = load_scenario("classroom-quick")
    space = enumerate_tables(utility_tables(spec), [i.n_levels for i in spec.issues])
    pick = np.random.default_rng(2).integers(0, space.size, size=50)
    got = utilities(spec, space.levels[pick])
    assert got.shape == (50, 2)
    np.testing.assert_allclose(got, space.utility[pick], atol=1e-9)
    offers = np.array([[[0, 1, 1], [-1, -1, -1]]])
    batch = utilities(spec, offers, missing=np.nan)
    assert batch.shape == (1, 2, 2)
    assert np.isnan(batch[0, 1]).all()
    assert not np.isnan(batch[0, 0]).any()
    assert (utilities(spec, offers)[0, 1] == 0).all()  # as formulas read "no offer"


def test_huge_space_is_refused_with_a_clear_message() -> None:
    n_levels = [100] * 5
    tables = np.zeros((2, 5, 100))
    with pytest.raises(OutcomeSpaceTooLarge, match="possible outcomes"):
        enumerate_tables(tables, n_levels)
