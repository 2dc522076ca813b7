from __future__ import annotations

import numpy as np

from strikesim.ai import TacticalNegotiator, make_negotiator
from strikesim.ai.lookahead import Lookahead
from strikesim.ai.rollout import belief_state, replicate, rollout
from strikesim.engine import Actions, Move, State, initial_state, observe, step
from strikesim.engine.spec import STUDIO, UNION

from .helpers import play, scenario, shipped


def advance(spec_id: str, weeks: int, seed: int = 1) -> tuple[State, list[TacticalNegotiator]]:
    spec = scenario(spec_id)
    negs = [make_negotiator(spec, spec.default_negotiators[s], s) for s in (UNION, STUDIO)]
    for n in negs:
        n.reset(spec, 1, seed)
    state = initial_state(spec, batch=1, seed=seed)
    for _ in range(weeks):
        acts = Actions.hold(1, len(spec.issues), len(spec.actions))
        for s in (UNION, STUDIO):
            d = negs[s].decide(observe(spec, state, s))
            acts.move[:, s] = d.move
            acts.offer[:, s] = d.offer
            acts.pressure[:] |= d.pressure
        state, _ = step(spec, state, acts)
    return state, negs  # type: ignore[return-value]


def test_belief_state_agrees_with_the_observation() -> None:
    spec = scenario("wga-2023")
    state, _ = advance("wga-2023", 12)
    for side in (UNION, STUDIO):
        obs = observe(spec, state, side)
        belief = belief_state(spec, obs, 0, seed=3)
        again = observe(spec, belief, side)
        assert again.week == obs.week
        assert np.array_equal(again.offers, obs.offers)
        assert np.array_equal(again.phase, obs.phase)
        assert np.array_equal(again.legal_moves, obs.legal_moves)
        for name, values in obs.variables.items():
            np.testing.assert_allclose(again.variables[name], values, err_msg=name)


def test_rollouts_are_the_engine_with_distinct_campaigns() -> None:
    spec = scenario("wga-2023")
    state, _ = advance("wga-2023", 8)
    copies = replicate(state, 5)
    assert len(set(copies.campaign.tolist())) == 5
    hold = Actions.hold(5, len(spec.issues), len(spec.actions))

    def holder(obs):  # type: ignore[no-untyped-def]
        from strikesim.ai import SideDecision

        return SideDecision(hold.move[:, 0], hold.offer[:, 0], hold.pressure)

    offers = np.full((5, len(spec.issues)), -1, dtype=np.int16)
    result = rollout(spec, copies, UNION, offers, (holder, holder), 3)
    manual = copies
    for _ in range(3):
        manual, _ = step(spec, manual, hold)
    np.testing.assert_allclose(result.final.values, manual.values)
    assert result.answers.shape == (3, 5)


def test_lookahead_picks_a_candidate_and_plays_legally() -> None:
    spec = scenario("sag-aftra-2023")
    for level in ("hard", "expert"):
        union = make_negotiator(spec, spec.default_negotiators[UNION], UNION)
        studio = make_negotiator(spec, spec.default_negotiators[STUDIO], STUDIO, level)
        assert isinstance(studio, TacticalNegotiator)
        assert isinstance(studio.lookahead, Lookahead)
        state, _ = play(spec, (union, studio), batch=1, seed=2)
        assert state.is_over.all()
        scores = studio.lookahead.last_scores
        assert scores, "the look-ahead compared candidates at least once"
        for s in scores.values():
            assert 1 < s.shape[0] <= studio.lookahead.candidates
            assert np.all((s >= 0) & (s <= 1))


def test_lookahead_is_skipped_for_big_batches() -> None:
    spec = scenario("wga-2023")
    studio = make_negotiator(spec, "linear", STUDIO, "expert")
    assert isinstance(studio, TacticalNegotiator)
    union = make_negotiator(spec, "linear", UNION)
    play(spec, (union, studio), batch=Lookahead.max_batch + 1, seed=0)
    assert studio.lookahead is not None and not studio.lookahead.last_scores


def test_expert_decisions_are_legal_in_every_shipped_scenario() -> None:

    for scenario_id in shipped():
        spec = scenario(scenario_id)
        union = make_negotiator(spec, spec.default_negotiators[UNION], UNION, "expert")
        studio = make_negotiator(spec, spec.default_negotiators[STUDIO], STUDIO, "hard")
        state, decisions = play(spec, (union, studio), batch=1, seed=7)
        assert state.is_over.all()
        assert any((d.move == Move.OFFER).any() for d in decisions)
