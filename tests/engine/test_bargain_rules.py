"""The rules that make disagreement costly (docs/model.md §2, §4, §5) on a shipped scenario."""

from __future__ import annotations

import numpy as np
import pytest

from strikesim.engine import Actions, EventKind, IllegalAction, Outcome, Phase, initial_state, step
from strikesim.engine.rules import legal_moves
from strikesim.engine.spec import STUDIO, UNION, GameSpec
from strikesim.engine.state import Move, State
from strikesim.scenario import load_scenario


@pytest.fixture(scope="module")
def spec() -> GameSpec:
    return load_scenario("classroom-quick")


def _week(spec: GameSpec, st: State, union: Move = Move.HOLD, studio: Move = Move.HOLD,
          offers: tuple[tuple[int, ...] | None, tuple[int, ...] | None] = (None, None),
          ) -> tuple[State, list[str]]:  # fmt: skip
    act = Actions.hold(st.batch, len(spec.issues), len(spec.actions))
    act.move[:, UNION], act.move[:, STUDIO] = int(union), int(studio)
    for side, offer in enumerate(offers):
        if offer is not None:
            act.offer[:, side] = offer
    st, ev = step(spec, st, act)
    return st, [EventKind(int(k)).name for k in ev.kind]


def _var(spec: GameSpec, st: State, name: str) -> np.ndarray:
    return st.values[:, spec.var_index[name]]


def test_a_deal_rejected_on_the_expiry_week_starts_the_strike(spec: GameSpec) -> None:
    """Regression: a vote that fails on the expiry week used to leave the game in talks
    for good, with every later deal voted down."""
    st = initial_state(spec, batch=1, seed=0)
    st, _ = _week(spec, st)  # week 0
    st, kinds = _week(spec, st, union=Move.ACCEPT)  # week 1: the studio's opening goes to a vote
    assert "DEAL_REACHED" in kinds and st.phase[0] == Phase.RATIFICATION
    assert spec.phases.ratification_weeks == 1 and spec.phases.expiry_week == 3
    st, kinds = _week(spec, st)  # week 2: the strike vote, then the members' vote at expiry
    assert "AUTHORIZATION_VOTE" in kinds and "RATIFICATION_FAILED" in kinds
    assert st.phase[0] == Phase.STRIKE
    st, _ = _week(spec, st)
    assert st.strike_weeks[0] == 1 and _var(spec, st, "union_cost")[0] > 0


def test_a_rejected_deal_is_a_bar_for_the_next(spec: GameSpec) -> None:
    st = initial_state(spec, batch=1, seed=0)
    st, _ = _week(spec, st, union=Move.ACCEPT)
    solidarity = float(_var(spec, st, "solidarity")[0])
    st, kinds = _week(spec, st)
    assert "RATIFICATION_FAILED" in kinds
    assert _var(spec, st, "rejected_deal")[0] == pytest.approx(0.0)  # the opening gave 0
    assert _var(spec, st, "solidarity")[0] < solidarity  # the leadership lost face
    assert not legal_moves(spec, st, UNION)[0, Move.ACCEPT]  # the same offer cannot return
    with pytest.raises(IllegalAction, match="voted down a deal at least as good"):
        _week(spec, st, union=Move.ACCEPT)
    better = (2, 1, 0)  # a raise and a disclosure rule: more for the members
    st, _ = _week(spec, st, studio=Move.OFFER, offers=(None, better))
    assert legal_moves(spec, st, UNION)[0, Move.ACCEPT]


def test_simultaneous_acceptance_is_a_fair_coin(spec: GameSpec) -> None:
    st = initial_state(spec, batch=400, seed=5)
    st, kinds = _week(spec, st, union=Move.ACCEPT, studio=Move.ACCEPT)
    assert "COIN_TOSS" in kinds
    union_offer = np.asarray(spec.opening_offers[UNION])
    picked_union = (st.tentative == union_offer).all(axis=1)
    assert 0.4 < picked_union.mean() < 0.6  # neither side favoured by construction
    again, _ = _week(spec, initial_state(spec, batch=400, seed=5), Move.ACCEPT, Move.ACCEPT)
    assert (again.tentative == st.tentative).all()  # replays agree


def test_arbitration_imposes_the_more_reasonable_final_offer(spec: GameSpec) -> None:
    st = initial_state(spec, batch=1, seed=0)
    reasonable = (3, 2, 1)  # 5 %, AI is not a writer, a small pool
    st, _ = _week(spec, st, studio=Move.OFFER, offers=(None, reasonable))
    kinds: list[str] = []
    while st.outcome[0] == Outcome.ONGOING:  # the union never moves off its maximum
        st, kinds = _week(spec, st)
    assert st.outcome[0] == Outcome.DEADLINE
    assert "ARBITRATION" in kinds
    assert tuple(st.contract[0]) == reasonable
    cost = float(_var(spec, st, "union_cost")[0])
    assert cost >= spec.params["arbitration_cost"]
    assert _var(spec, st, "union_result")[0] == pytest.approx(
        0.35 * 3 / 6 + 0.45 * 0.9 + 0.2 * 0.5 - cost, abs=1e-6
    )


def test_an_empty_fund_makes_the_strike_dearer_and_weaker(spec: GameSpec) -> None:
    import dataclasses

    j = spec.var_index["strike_fund"]
    variables = list(spec.variables)
    variables[j] = dataclasses.replace(variables[j], initial=0.0)
    broke = dataclasses.replace(spec, variables=tuple(variables))
    costs, solidarity = [], []
    for s in (spec, broke):
        st = initial_state(s, batch=1, seed=0)
        while st.week < 10 and st.outcome[0] == Outcome.ONGOING:
            st, _ = _week(s, st)
        costs.append(float(_var(s, st, "union_cost")[0]))
        solidarity.append(float(_var(s, st, "solidarity")[0]))
    assert costs[1] > costs[0] and solidarity[1] < solidarity[0]
