from __future__ import annotations

import numpy as np
import pytest

from strikesim.ai.opponent_model import FrequencyModel


def conceder_offers(
    weights: np.ndarray, n_levels: int, rounds: int, rng: np.random.Generator
) -> list[np.ndarray]:
    """An opponent that concedes one level a round, mostly on cheap issues
    (issue chosen with probability proportional to 1 / weight**2)."""
    offer = np.zeros(weights.shape[0], dtype=np.int16)  # level 0 = its best
    out = [offer.copy()]
    p = weights**-2.0
    for _ in range(rounds):
        j = rng.choice(weights.shape[0], p=p / p.sum())
        offer[j] = min(offer[j] + 1, n_levels - 1)
        out.append(offer.copy())
    return out


def test_converges_on_known_weights_over_many_campaigns() -> None:
    rng = np.random.default_rng(11)
    base = np.array([0.5, 0.3, 0.15, 0.05])
    batch, n_levels, rounds = 200, 12, 24
    true = np.stack([rng.permutation(base) for _ in range(batch)])
    traces = [conceder_offers(w, n_levels, rounds, rng) for w in true]
    model = FrequencyModel(batch, (n_levels,) * 4)
    for step in range(rounds + 1):
        model.observe(np.stack([t[step] for t in traces]))
    np.testing.assert_allclose(model.weights.sum(axis=1), 1.0)
    # the issue the opponent cares least about is found in nearly every campaign
    found_least = np.argmin(model.weights, axis=1) == np.argmin(true, axis=1)
    assert found_least.mean() > 0.9
    # on average the estimates are ordered like the true weights
    rank = np.argsort(np.argsort(true, axis=1), axis=1)  # 0 = least important
    mean_by_rank = [model.weights[rank == r].mean() for r in range(4)]
    assert mean_by_rank == sorted(mean_by_rank)
    assert mean_by_rank[3] > 1.5 * mean_by_rank[0]


def test_golden_value_update_and_value_counts() -> None:
    model = FrequencyModel(1, (3, 3))
    model.observe(np.array([[0, 0]]))
    np.testing.assert_allclose(model.weights[0], [0.5, 0.5])  # first bid: counts only
    model.observe(np.array([[0, 1]]))  # issue 0 unchanged -> + 0.2 / 2
    w = np.array([0.5 + 0.1, 0.5])
    np.testing.assert_allclose(model.weights[0], w / w.sum())
    assert model.counts[0, 0].tolist() == [2, 0, 0]
    assert model.counts[0, 1].tolist() == [1, 1, 0]
    # the same standing offer seen again is not a new bid
    assert not model.observe(np.array([[0, 1]]))[0]
    # no offer yet (-1) is ignored
    assert not model.observe(np.array([[-1, -1]]))[0]


def test_estimated_utility_prefers_what_the_opponent_keeps_asking_for() -> None:
    model = FrequencyModel(1, (4, 4))
    for offer in ([3, 0], [3, 1], [3, 2], [3, 3]):
        model.observe(np.array([offer]))
    rows = np.array([0])
    est = model.utility(rows, np.array([[[3, 0], [0, 0], [3, 3], [0, 3]]]))[0]
    # issue 0 (never conceded) carries the weight; level 3 is all it ever asked
    assert est[0] == pytest.approx(est[2])
    assert est[0] > est[1]
    assert est[0] > est[3]
    assert model.weights[0, 0] > 0.6


def test_shared_entries_equal_one_model_per_campaign() -> None:
    """Campaigns share estimates when their bid histories match; the batch
    model must still equal independent single-campaign models (compaction too)."""
    rng = np.random.default_rng(5)
    n_levels = (3, 4, 2)
    batch = 40
    model = FrequencyModel(batch, n_levels)
    singles = [FrequencyModel(1, n_levels) for _ in range(batch)]
    for _ in range(60):
        # few distinct bids, so histories often coincide; sometimes no new bid
        offers = np.stack(
            [rng.integers(0, 2, batch), rng.integers(0, 2, batch), rng.integers(0, 2, batch)],
            axis=1,
        ).astype(np.int16)
        offers[rng.random(batch) < 0.2] = -1
        model.observe(offers)
        for b, single in enumerate(singles):
            single.observe(offers[b : b + 1])
    assert model.n_entries <= 2 * batch + 64
    for b, single in enumerate(singles):
        np.testing.assert_allclose(model.weights[b], single.weights[0])
        np.testing.assert_array_equal(model.counts[b], single.counts[0])
        np.testing.assert_array_equal(model.last[b], single.last[0])
    fork = model.take(np.array([3, 3, 7]))
    np.testing.assert_array_equal(fork.counts[1], model.counts[3])
    fork.observe(np.array([[1, 1, 1], [0, 0, 0], [1, 0, 1]], dtype=np.int16))
    np.testing.assert_array_equal(model.counts[3], singles[3].counts[0])  # untouched
