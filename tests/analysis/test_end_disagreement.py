"""The disagreement point at the end of a game (docs/model.md §7): the no-deal award less
the costs each side bore; Nash and KS measured from it."""

from __future__ import annotations

import numpy as np
import pytest

from strikesim.analysis import (
    bargaining_picture,
    disagreement_point,
    end_disagreement_point,
    no_deal_contract,
)
from strikesim.engine import Outcome, initial_state, utilities
from strikesim.engine.spec import GameSpec
from strikesim.engine.state import State
from strikesim.scenario import load_scenario


@pytest.fixture(scope="module")
def spec() -> GameSpec:
    return load_scenario("wga-2023")


def _state(spec: GameSpec, offers: list[list[int] | None], costs: tuple[float, float]) -> State:
    st = initial_state(spec, batch=1, seed=0)
    table = np.full((1, 2, len(spec.issues)), -1, dtype=np.int16)
    for side, offer in enumerate(offers):
        if offer is not None:
            table[0, side] = offer
    values = st.values.copy()
    values[0, spec.var_index["union_cost"]] = costs[0]
    values[0, spec.var_index["studio_cost"]] = costs[1]
    return st.evolve(offers=table, values=values)


def _u(spec: GameSpec, levels: object) -> np.ndarray:
    return utilities(spec, np.asarray(levels), missing=np.nan)


def test_no_deal_is_the_award_of_the_more_reasonable_final_offer(spec: GameSpec) -> None:
    greedy = [max(range(i.n_levels), key=lambda k: i.utility[0][k]) for i in spec.issues]
    fair = list(spec.opening_offers[1])
    st = _state(spec, [greedy, fair], (0.2, 0.1))
    products = [float(np.prod(_u(spec, o))) for o in (greedy, fair)]
    expected = (greedy, fair)[int(np.argmax(products))]
    contract, awarded = no_deal_contract(spec, st)
    assert awarded and list(contract) == expected
    d = end_disagreement_point(spec, st)
    a = spec.params["arbitration_cost"]
    np.testing.assert_allclose(d, _u(spec, expected) - np.array([0.2, 0.1]) - a)


def test_costs_borne_move_each_side_s_point_by_its_own_cost(spec: GameSpec) -> None:
    offers: list[list[int] | None] = [list(spec.opening_offers[0]), list(spec.opening_offers[1])]
    base = end_disagreement_point(spec, _state(spec, offers, (0.0, 0.0)))
    hurt = end_disagreement_point(spec, _state(spec, offers, (0.3, 0.05)))
    np.testing.assert_allclose(base - hurt, [0.3, 0.05])
    picture = bargaining_picture(spec, hurt)
    calm = bargaining_picture(spec, base)
    assert picture.nash is not None and calm.nash is not None
    assert picture.nash.utility[0] <= calm.nash.utility[0], "the side that bore more gets less"


def test_with_no_offer_the_old_contract_stays_and_no_award_is_paid(spec: GameSpec) -> None:
    st = _state(spec, [None, None], (0.1, 0.2))
    contract, awarded = no_deal_contract(spec, st)
    assert not awarded and list(contract) == list(spec.old_contract)
    np.testing.assert_allclose(
        end_disagreement_point(spec, st), _u(spec, spec.old_contract) - [0.1, 0.2]
    )


def test_a_game_ended_at_the_deadline_was_the_no_deal_ending(spec: GameSpec) -> None:
    award = list(spec.opening_offers[1])
    st = _state(spec, [list(spec.opening_offers[0]), award], (0.25, 0.15))
    st = st.evolve(
        outcome=np.array([int(Outcome.DEADLINE)], dtype=st.outcome.dtype),
        contract=np.asarray([award], dtype=st.contract.dtype),
    )
    np.testing.assert_allclose(end_disagreement_point(spec, st), _u(spec, award) - [0.25, 0.15])


def test_the_pre_game_point_is_kept_for_the_default_picture(spec: GameSpec) -> None:
    start = disagreement_point(spec, initial_state(spec, batch=1, seed=0))
    np.testing.assert_allclose(bargaining_picture(spec).d, start)
