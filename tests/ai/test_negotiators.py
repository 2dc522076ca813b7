from __future__ import annotations

import re

import numpy as np
import pytest

from strikesim.ai import (
    BUILTINS,
    DIFFICULTIES,
    Negotiator,
    TacticalNegotiator,
    make_negotiator,
    negotiator_names,
)
from strikesim.engine import Move, Outcome, observe
from strikesim.engine.spec import STUDIO, UNION

from .helpers import play, scenario, shipped

FAST = ["easy", "normal"]


@pytest.mark.parametrize("scenario_id", shipped())
@pytest.mark.parametrize("name", [*BUILTINS, "defaults"])
def test_builtins_play_only_legal_actions_to_an_outcome(scenario_id: str, name: str) -> None:
    spec = scenario(scenario_id)
    names = spec.default_negotiators if name == "defaults" else (name, name)
    for level in FAST:
        negs = (
            make_negotiator(spec, names[0], UNION, difficulty=level),
            make_negotiator(spec, names[1], STUDIO, difficulty=level),
        )
        state, decisions = play(spec, negs, batch=24, seed=5)
        assert state.is_over.all()
        assert (state.outcome != Outcome.ONGOING).all()
        assert any((d.move == Move.OFFER).any() for d in decisions)


@pytest.mark.parametrize("scenario_id", shipped())
def test_every_personality_plays_legally(scenario_id: str) -> None:
    spec = scenario(scenario_id)
    for personality in spec.personalities:
        sides = [personality.side] if personality.side is not None else [UNION, STUDIO]
        for side in sides:
            other = spec.default_negotiators[1 - side]
            pair = [other, other]
            pair[side] = personality.id
            negs = (make_negotiator(spec, pair[0], UNION), make_negotiator(spec, pair[1], STUDIO))
            state, _ = play(spec, negs, batch=8, seed=2)
            assert state.is_over.all()


def test_a_batch_plays_like_single_games() -> None:
    spec = scenario(shipped()[0])
    names = spec.default_negotiators

    def fresh() -> tuple[Negotiator, Negotiator]:
        return (
            make_negotiator(spec, names[0], UNION, difficulty="normal"),
            make_negotiator(spec, names[1], STUDIO, difficulty="normal"),
        )

    batch_state, _ = play(spec, fresh(), batch=6, seed=9)
    for i in range(6):
        single, _ = play(spec, fresh(), batch=1, seed=9, campaigns=[i])
        assert single.outcome[0] == batch_state.outcome[i]
        assert single.end_week[0] == batch_state.end_week[i]
        assert np.array_equal(single.contract[0], batch_state.contract[i])
        np.testing.assert_allclose(single.values[0], batch_state.values[i])


def test_decisions_are_explained_in_small_batches_only() -> None:
    spec = scenario(shipped()[0])
    neg = make_negotiator(spec, "adaptive", UNION)
    from strikesim.engine import initial_state

    neg.reset(spec, 1, 0)
    d = neg.decide(observe(spec, initial_state(spec, batch=1, seed=0), UNION))
    assert len(d.explanations) == 1
    assert d.explanations[0].startswith("We ")
    assert neg.explain(0) == d.explanations[0]
    neg.reset(spec, 64, 0)
    big = neg.decide(observe(spec, initial_state(spec, batch=64, seed=0), UNION))
    assert big.explanations == []
    # still available on request, row by row
    assert neg.explain(63).startswith("We ")
    assert neg.explain(64) == ""


def test_explanations_cite_the_state() -> None:
    spec = scenario("sag-aftra-2023")
    negs = (make_negotiator(spec, "resource", UNION), make_negotiator(spec, "boulware", STUDIO))
    _, decisions = play(spec, negs, batch=1, seed=3)
    union_texts = [d.explanations[0] for d in decisions[0::2] if d.explanations]
    moved = [t for t in union_texts if t.startswith("We moved on")]
    assert moved, "the resource-driven union conceded at some point"
    # the union's position: its fund and hardship, or what the strike has cost it
    assert any(("strike fund" in t or "hardship" in t or "has cost us" in t) for t in moved)
    # one sentence for the move, one more for each pressure action taken that week
    for d in decisions[0::2]:
        if d.explanations:
            actions = int(np.count_nonzero(d.pressure[0]))
            sentences = len(re.findall(r"[.!?](?:\s|$)", d.explanations[0]))
            assert 1 <= sentences <= 1 + actions


def test_an_offer_explanation_names_every_issue_it_concedes() -> None:
    from strikesim.ai.explain import moved_issue

    spec = scenario("classroom-quick")  # pay_raise, ai_writing, streaming_bonus
    before = np.array([6, 3, 3], dtype=np.int16)
    both = moved_issue(spec, UNION, before, np.array([5, 3, 1], dtype=np.int16))
    assert both is not None and " and " in both
    # the larger concession first: the bonus pool (weight 0.2, 1 -> 0.5) before pay
    assert both.startswith("bonus for hit shows") and "minimum pay raise (to 7%)" in both
    one = moved_issue(spec, UNION, before, np.array([5, 3, 3], dtype=np.int16))
    assert one == "minimum pay raise (to 7%)"
    assert moved_issue(spec, UNION, before, before) is None


def test_registry_names_and_errors() -> None:
    spec = scenario("sag-aftra-2023")
    union_names = negotiator_names(spec, UNION)
    studio_names = negotiator_names(spec, STUDIO)
    assert set(BUILTINS) <= set(union_names)
    assert "scripted" in studio_names  # the scenario scripts studio packages
    union_only = next(p.id for p in spec.personalities if p.side == UNION)
    assert union_only not in studio_names
    with pytest.raises(ValueError, match="plays the union, not the studio"):
        make_negotiator(spec, union_only, STUDIO)
    with pytest.raises(ValueError, match=r"choose from: .*boulware"):
        make_negotiator(spec, "bulware", UNION)
    with pytest.raises(ValueError, match="unknown difficulty 'impossible'"):
        make_negotiator(spec, "linear", UNION, difficulty="impossible")
    with pytest.raises(ValueError, match="unknown parameter"):
        TacticalNegotiator(
            spec, UNION, "time_dependent", {"patience": 2.0}, DIFFICULTIES["normal"], "x"
        )


def test_a_more_patient_difficulty_concedes_later() -> None:
    from strikesim.engine import Actions, initial_state, step

    spec = scenario("sag-aftra-2023")
    state = initial_state(spec, batch=1, seed=1)
    for _ in range(12):  # both sides hold: a mid-dispute state
        state, _ = step(spec, state, Actions.hold(1, len(spec.issues), len(spec.actions)))
    targets = {}
    for level in ("easy", "normal", "expert"):
        neg = make_negotiator(spec, "linear", STUDIO, difficulty=level)
        assert isinstance(neg, TacticalNegotiator)
        neg.lookahead = None
        neg.reset(spec, 1, 0)
        neg.decide(observe(spec, state, STUDIO))
        targets[level] = float(neg.target[0])
    assert targets["easy"] < targets["normal"] < targets["expert"]


@pytest.mark.parametrize("name", ["boulware", "linear", "conceder"])
def test_a_negotiators_targets_follow_its_concession_curve(name: str) -> None:
    from strikesim.ai.position import position
    from strikesim.ai.registry import builtin_params
    from strikesim.ai.tactics import time_dependent_target
    from strikesim.engine import Actions, initial_state, step, utilities

    spec = scenario("wga-2023")
    neg = make_negotiator(spec, name, STUDIO)
    other = make_negotiator(spec, "boulware", UNION)
    assert isinstance(neg, TacticalNegotiator)
    params = builtin_params(spec, name)
    neg.reset(spec, 1, 0)
    other.reset(spec, 1, 0)
    neg.params["attrition"] = 0.0  # the curve alone: no breakthrough concessions
    # this campaign's personality: the profile stretched by its seeded factors
    horizon, e = float(neg.horizon[0]), float(neg.e[0])
    assert horizon != params["horizon"] * neg.difficulty.patience
    assert e != params["e"]
    state = initial_state(spec, batch=1, seed=0)
    running = neg.p_max
    checked = 0
    while not state.is_over.all():
        acts = Actions.hold(1, len(spec.issues), len(spec.actions))
        obs = observe(spec, state, STUDIO)
        d = neg.decide(obs)
        if obs.legal_moves[0].any():
            ns = neg.namespace(obs)
            p_min = max(neg.reservation(ns, 1)[0], neg.arbitration_floor(obs)[0])
            # the curve runs on the negotiator's position, not on the calendar (less
            # what ratification votes cost: a vote pauses the clock)
            pos = position(
                spec, STUDIO, ns, obs.week, neg.horizon, neg.rates,
                neg.params["strike_aversion"], neg.votes.paused,
            )  # fmt: skip
            want = time_dependent_target(pos.t, params["k"], e, p_min, neg.p_max)
            # before expiry it never asks more than it would give to avert a strike
            want = np.minimum(want, neg.p_max - pos.threat * (neg.p_max - p_min))
            if pos.deadline > 0:
                u = utilities(spec, obs.offers[:, UNION], missing=np.nan)
                ask = float(
                    np.clip(neg.arbitration.winning_ask(u[:, 0] * u[:, 1])[0], p_min, neg.p_max)
                )
                late = time_dependent_target(pos.deadline, params["k"], 1.0, ask, neg.p_max)
                want = np.minimum(want, late)
            want_now = float(np.asarray(want).reshape(-1)[0])
            running = float(np.clip(min(running, want_now), p_min, neg.p_max))
            assert neg.target[0] == pytest.approx(running, abs=1e-12)
            checked += 1
        acts.move[:, STUDIO] = d.move
        acts.offer[:, STUDIO] = d.offer
        acts.pressure[:] |= d.pressure
        du = other.decide(observe(spec, state, UNION))
        acts.move[:, UNION] = du.move
        acts.offer[:, UNION] = du.offer
        acts.pressure[:] |= du.pressure
        state, _ = step(spec, state, acts)
    assert checked > 5


def test_a_ratification_vote_pauses_the_clock() -> None:
    """What either side's dispute cost grows while its members vote on a tentative deal
    is left out of its clock: the vote pauses it (so a deal voted down does not come
    back to a studio worn down by weeks the union did not pay for)."""
    from strikesim.ai.position import VoteClock
    from strikesim.engine import Actions, Phase, initial_state, step

    clock = VoteClock(2)
    assert clock.update({"union_cost": 0.1, "studio_cost": 0.2}, np.array([False, False])) is None
    paused = clock.update(
        {"union_cost": np.array([0.1, 0.1]), "studio_cost": np.array([0.25, 0.3])},
        np.array([True, False]),
    )
    assert paused is not None
    assert paused[:, 0] == pytest.approx([0.0, 0.05]) and (paused[:, 1] == 0).all()
    assert clock.take(np.array([0, 0])).paused[1].tolist() == pytest.approx([0.05, 0.05])

    spec = scenario("sag-aftra-2023")  # this campaign's first deal is voted down
    union = make_negotiator(spec, "sag_historical", UNION, "easy")
    studio = make_negotiator(spec, "amptp_hardline", STUDIO)
    state = initial_state(spec, batch=1, seed=0)
    for neg in (union, studio):
        neg.reset(spec, 1, 0)
    j = spec.var_index["studio_cost"]
    grew, last, votes = 0.0, float(state.values[0, j]), 0
    while not state.is_over.all():
        voting = int(state.phase[0]) == int(Phase.RATIFICATION)
        cost = float(state.values[0, j])
        grew += cost - last if voting else 0.0
        votes += voting
        last = cost
        acts = Actions.from_decisions(
            union.decide(observe(spec, state, UNION)), studio.decide(observe(spec, state, STUDIO))
        )
        state, _ = step(spec, state, acts)
    assert votes > spec.phases.ratification_weeks, "a vote failed, another followed"
    assert studio.votes.paused is not None and grew > 0
    assert float(studio.votes.paused[STUDIO, 0]) == pytest.approx(grew)
