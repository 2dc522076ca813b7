from __future__ import annotations

import numpy as np
import pytest

from strikesim.analysis import (
    MoveKind,
    bargaining_picture,
    classify_offer_trace,
    deal_scores,
    describe,
    disagreement_point,
    level_shares,
    outcome_shares,
    settlement_terms,
    share_within,
)
from strikesim.engine import Outcome, initial_state, utilities
from strikesim.scenario import load_scenario


@pytest.fixture(scope="module")
def spec():  # type: ignore[no-untyped-def]
    return load_scenario("classroom-quick")


def test_disagreement_point_defaults_to_the_old_contract(spec) -> None:  # type: ignore[no-untyped-def]
    old = utilities(spec, np.asarray(spec.old_contract))
    np.testing.assert_allclose(disagreement_point(spec), old)
    d = disagreement_point(spec, initial_state(spec, batch=1, seed=0))
    assert d.shape == (2,)
    assert np.all((d >= 0) & (d <= 1))


def test_picture_solutions_are_on_the_frontier_and_individually_rational(spec) -> None:  # type: ignore[no-untyped-def]
    picture = bargaining_picture(spec)
    assert picture.nash is not None and picture.ks is not None
    for point in (picture.nash, picture.ks):
        u = np.array(point.utility)
        assert np.all(u >= picture.d - 1e-12)
        levels = picture.levels(point)
        assert levels is not None
        scores = deal_scores(picture, np.array([levels]))
        assert scores.on_frontier[0]
        assert scores.distance[0] == 0.0
    nash_scores = deal_scores(picture, np.array([picture.levels(picture.nash)]))
    assert nash_scores.nash_ratio[0] == pytest.approx(1.0)
    old = deal_scores(picture, np.array([spec.old_contract]))
    assert old.nash_ratio[0] == pytest.approx(0.0)


def test_offer_trace_kinds(spec) -> None:  # type: ignore[no-untyped-def]
    opening = tuple(spec.opening_offers[0])
    trace = [(1, 0, opening), (2, 1, tuple(spec.opening_offers[1]))]
    kinds = classify_offer_trace(spec, trace)
    assert kinds == [MoveKind.SILENT, MoveKind.SILENT]
    # the union offering the studio's opening offer gives up its own value
    kinds = classify_offer_trace(spec, [(3, 0, tuple(spec.opening_offers[1]))])
    assert kinds[0] in (MoveKind.CONCESSION, MoveKind.UNFORTUNATE)


def test_batch_statistics(spec) -> None:  # type: ignore[no-untyped-def]
    x = np.array([1.0, 2.0, 3.0, 4.0, np.nan])
    d = describe(x)
    assert d.count == 4
    assert d.mean == pytest.approx(2.5)
    assert d.median == pytest.approx(2.5)
    assert np.isnan(describe(np.array([np.nan])).mean)
    assert share_within(x, 2, 3) == pytest.approx(0.4)
    shares = outcome_shares(np.array([1, 1, 4, 0]))
    assert shares[Outcome.DEAL_RATIFIED] == 0.5
    assert shares[Outcome.DEADLINE] == 0.25
    assert sum(shares.values()) == pytest.approx(1.0)
    contracts = np.array([spec.old_contract, spec.opening_offers[0]])
    terms = settlement_terms(spec, contracts)
    first = spec.issues[0]
    assert terms[first.id].count == 2
    want = np.mean([first.values[spec.old_contract[0]], first.values[spec.opening_offers[0][0]]])
    assert terms[first.id].mean == pytest.approx(want)
    lv = level_shares(spec, contracts, first.id)
    assert sum(lv.values()) == pytest.approx(1.0)
    with pytest.raises(KeyError, match="no issue"):
        level_shares(spec, contracts, "nope")
