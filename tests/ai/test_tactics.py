from __future__ import annotations

import numpy as np
import pytest

from strikesim.ai.tactics import (
    concession_fraction,
    resource_target,
    time_dependent_target,
    tit_for_tat_target,
    zeuthen_risk,
    zeuthen_target,
)

T = np.linspace(0.0, 1.0, 11)


@pytest.mark.parametrize("e", [0.1, 0.2, 1.0, 2.0, 3.0])
@pytest.mark.parametrize("k", [0.0, 0.2])
def test_time_dependent_follows_the_faratin_formula(e: float, k: float) -> None:
    got = time_dependent_target(T, k, e, 0.3, 0.9)
    want = 0.3 + 0.6 * (1 - (k + (1 - k) * T ** (1 / e)))
    np.testing.assert_allclose(got, want, atol=1e-12)
    assert got[0] == pytest.approx(0.9 - k * 0.6)  # opens at p_max - k (p_max - p_min)
    assert got[-1] == pytest.approx(0.3)  # reservation at the deadline
    assert np.all(np.diff(got) <= 1e-12)  # never moves back


def test_boulware_holds_longer_than_linear_than_conceder() -> None:
    boulware = time_dependent_target(0.5, 0.0, 0.2, 0.0, 1.0)
    linear = time_dependent_target(0.5, 0.0, 1.0, 0.0, 1.0)
    conceder = time_dependent_target(0.5, 0.0, 2.5, 0.0, 1.0)
    assert boulware > linear > conceder
    assert linear == pytest.approx(0.5)


def test_hardliner_never_moves_before_the_deadline() -> None:
    f = concession_fraction(T, 0.1, 0.0)
    np.testing.assert_allclose(f[:-1], 0.1)
    assert f[-1] == pytest.approx(1.0)
    # time past the horizon is clipped
    assert concession_fraction(2.0, 0.0, 1.0) == pytest.approx(1.0)


def test_resource_target_endpoints_and_monotonicity() -> None:
    r = np.linspace(0.0, 1.0, 21)
    got = resource_target(r, 0.1, 3.0, 0.3, 0.9)
    assert got[0] == pytest.approx(0.3)  # nothing left: concede to the reservation
    assert got[-1] == pytest.approx(0.9 - 0.1 * 0.6)  # untouched: alpha = k
    assert np.all(np.diff(got) > 0)  # more staying power, higher demands
    alpha = 0.1 + 0.9 * (np.exp(-3 * r) - np.exp(-3)) / (1 - np.exp(-3))
    np.testing.assert_allclose(got, 0.3 + 0.6 * (1 - alpha), atol=1e-12)


def test_tit_for_tat_mirrors_concessions_and_never_retreats() -> None:
    prev = np.array([0.8, 0.8, 0.8, 0.8])
    conceded = np.array([0.1, -0.2, np.nan, 0.7])
    got = tit_for_tat_target(prev, conceded, 0.5, 0.4)
    np.testing.assert_allclose(got, [0.75, 0.8, 0.8, 0.45])


def test_zeuthen_risk_definition() -> None:
    assert zeuthen_risk(0.8, 0.2) == pytest.approx(0.75)
    assert zeuthen_risk(0.0, 0.0) == pytest.approx(1.0)
    assert zeuthen_risk(0.5, 0.7) == pytest.approx(0.0)  # their offer beats our demand


def test_zeuthen_lower_risk_side_concedes_just_enough() -> None:
    # A demands 0.9 and is offered 0.6 (risk 1/3); B demands 0.8, offered 0.2 (risk 3/4)
    d, x, big_d, y = 0.9, 0.6, 0.8, 0.2
    target, concedes = zeuthen_target(
        np.array([d]), np.array([x]), np.array([big_d]), np.array([y]), 0.005, 0.0
    )
    assert concedes[0]
    # after the concession B's risk (linear model) is below A's, and not by a huge step
    c = d - target[0]
    slope = (big_d - y) / (d - x)
    assert zeuthen_risk(big_d, y + slope * c) < zeuthen_risk(d - c, x) + 1e-12
    # the high-risk side holds
    target_b, concedes_b = zeuthen_target(
        np.array([big_d]), np.array([y]), np.array([d]), np.array([x]), 0.005, 0.0
    )
    assert not concedes_b[0]
    assert target_b[0] == pytest.approx(big_d)


def test_zeuthen_brute_force_smallest_flip() -> None:
    rng = np.random.default_rng(3)
    d = rng.uniform(0.6, 1.0, 200)
    x = d * rng.uniform(0.1, 0.9, 200)
    big_d = rng.uniform(0.6, 1.0, 200)
    y = big_d * rng.uniform(0.1, 0.9, 200)
    grid = 24
    target, concedes = zeuthen_target(d, x, big_d, y, 0.0, 0.0, grid=grid)
    assert np.array_equal(concedes, zeuthen_risk(d, x) <= zeuthen_risk(big_d, y))
    for i in np.flatnonzero(concedes):
        gap = d[i] - x[i]
        slope = (big_d[i] - y[i]) / gap
        steps = gap * np.arange(1, grid + 1) / grid
        flips = [
            zeuthen_risk(big_d[i], y[i] + slope * c) < zeuthen_risk(d[i] - c, x[i]) for c in steps
        ]
        want = steps[flips.index(True)] if any(flips) else gap
        assert d[i] - target[i] == pytest.approx(want)
