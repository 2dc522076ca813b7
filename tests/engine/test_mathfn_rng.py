"""Normal CDF accuracy and the counter-based random numbers."""

from __future__ import annotations

import math

import numpy as np

from strikesim.engine import rng
from strikesim.engine.mathfn import every, logistic, ncdf, safe_log, some


def test_ncdf_matches_math_erf_to_1e7() -> None:
    x = np.linspace(-9.0, 9.0, 20001)
    ref = np.array([0.5 * (1.0 + math.erf(v / math.sqrt(2.0))) for v in x])
    assert np.abs(ncdf(x) - ref).max() < 1e-7


def test_ncdf_scalar_in_scalar_out_and_limits() -> None:
    assert isinstance(ncdf(0.0), float)
    assert abs(ncdf(0.0) - 0.5) < 1e-8
    assert abs(ncdf(1.3) + ncdf(-1.3) - 1.0) < 1e-12
    assert ncdf(float("inf")) == 1.0
    assert ncdf(float("-inf")) == 0.0
    assert np.isnan(ncdf(float("nan")))
    assert ncdf(np.zeros((2, 3))).shape == (2, 3)


def test_logistic_and_safe_log_never_overflow() -> None:
    assert logistic(-1000.0) == 0.0 and logistic(1000.0) == 1.0
    assert np.isfinite(safe_log(np.array([0.0, -1.0, 1.0]))).all()


def test_uniform_is_uniform() -> None:
    u = rng.uniform(11, np.arange(100_000, dtype=np.uint64), 4, rng.EVENTS, 0)
    assert u.min() >= 0.0 and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.005
    assert abs(u.var() - 1.0 / 12.0) < 0.002
    hist, _ = np.histogram(u, bins=10, range=(0, 1))
    assert hist.min() > 9_500 and hist.max() < 10_500


def test_streams_weeks_and_indices_are_independent() -> None:
    ids = np.arange(50_000, dtype=np.uint64)
    a = rng.uniform(1, ids, 3, rng.EVENTS, 0)
    for other in (
        rng.uniform(1, ids, 3, rng.VOTES, 0),
        rng.uniform(1, ids, 4, rng.EVENTS, 0),
        rng.uniform(1, ids, 3, rng.EVENTS, 1),
        rng.uniform(2, ids, 3, rng.EVENTS, 0),
    ):
        assert abs(np.corrcoef(a, other)[0, 1]) < 0.02


def test_draws_do_not_depend_on_batch_composition() -> None:
    big = rng.uniform(5, np.arange(1000, dtype=np.uint64)[:, None], 7, rng.EVENTS, np.arange(3))
    for cid in (0, 17, 999):
        alone = rng.uniform(5, np.array([cid], np.uint64)[:, None], 7, rng.EVENTS, np.arange(3))
        assert np.array_equal(big[cid], alone[0])
    shuffled = np.array([999, 3, 17], np.uint64)
    assert np.array_equal(
        rng.uniform(5, shuffled[:, None], 7, rng.EVENTS, np.arange(3)), big[[999, 3, 17]]
    )


def test_normal_draws_have_unit_variance() -> None:
    z = rng.normal(3, np.arange(100_000, dtype=np.uint64), 0, rng.VOTES, 0)
    assert abs(z.mean()) < 0.01 and abs(z.std() - 1.0) < 0.01


def test_split_keys_give_the_same_draws() -> None:
    """The cached pieces of a key (campaign, week, stream) chain to the same numbers."""
    ids = np.array([0, 1, 7, 2**63 + 5], dtype=np.uint64)
    for seed, week, stream, index in ((0, 0, rng.EVENTS, 0), (2**40, 17, rng.VOTES, 3)):
        full = rng.uniform(seed, ids, week, stream, index)
        key = rng.prefix(seed, ids, week)
        assert np.array_equal(rng.week_prefix(rng.campaign_key(seed, ids), week), key)
        assert np.array_equal(rng.uniform_from(key, stream, index), full)
        assert np.array_equal(rng.uniform_at(rng.stream_key(key, stream), index), full)
        assert np.array_equal(rng.uniform_at(rng.stream_key(key, stream)[2:], index), full[2:])
    # normal() shares one stream key between its two uniforms
    u1 = rng.uniform(3, ids, 5, rng.VOTES, 2)
    u2 = rng.uniform(3, ids, 5, rng.VOTES, 3)
    want = np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)
    assert np.array_equal(rng.normal(3, ids, 5, rng.VOTES, 1), want)


def test_some_and_every_match_any_and_all() -> None:
    for x in (
        np.zeros(0, bool), np.zeros(3, bool), np.array([False, True]), np.ones(4, bool),
        np.array([0.0, np.nan]), np.array([[1, 0], [1, 1]]), np.bool_(True), np.bool_(False),
    ):  # fmt: skip
        assert some(x) is bool(np.any(x))
        assert every(x) is bool(np.all(x))
