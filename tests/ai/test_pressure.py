from __future__ import annotations

from dataclasses import replace

import numpy as np

from strikesim.ai import TacticalNegotiator, make_negotiator
from strikesim.ai.pressure import PressurePolicy, side_signs
from strikesim.engine import Actions, Move, initial_state, observe, step
from strikesim.engine.observe import visible_namespace
from strikesim.engine.spec import STUDIO, UNION

from .helpers import scenario


def mid_strike(weeks: int = 10):  # type: ignore[no-untyped-def]
    spec = scenario("wga-2023")
    state = initial_state(spec, batch=1, seed=0)
    for _ in range(weeks):
        state, _ = step(spec, state, Actions.hold(1, len(spec.issues), len(spec.actions)))
    return spec, state


def test_signs_follow_whose_side_a_variable_helps() -> None:
    spec = scenario("wga-2023")
    union, studio = side_signs(spec, UNION), side_signs(spec, STUDIO)
    idx = spec.var_index
    assert union[idx["strike_fund"]] > 0 > studio[idx["strike_fund"]]
    assert union[idx["content_stock"]] < 0 < studio[idx["content_stock"]]
    assert union[idx["public_support_union"]] > 0


def test_a_scenarios_own_levers_count_only_for_negotiators_that_read_them() -> None:
    spec = scenario("ai-everywhere-2030")
    reach = spec.var_index["human_label_reach"]
    assert side_signs(spec, UNION)[reach] == 0.0  # easy and normal do not see it
    assert side_signs(spec, UNION, levers=True)[reach] > 0
    assert side_signs(spec, STUDIO, levers=True)[reach] < 0
    state = initial_state(spec, batch=1, seed=0)
    ns = visible_namespace(spec, observe(spec, state, UNION))
    plain, reader = PressurePolicy(spec, UNION), PressurePolicy(spec, UNION, levers=True)
    label = next(
        c for c, (j, _) in enumerate(plain.actions) if spec.actions[j].id == "human_made_campaign"
    )
    # it costs a dollar of the fund: worth taking only to a negotiator that sees the reach
    assert plain.values(ns, 1)[0][0, label] < 0 < reader.values(ns, 1)[0][0, label]


def test_hard_and_expert_work_the_label_easy_and_normal_do_not() -> None:
    spec = scenario("ai-everywhere-2030")
    label = next(j for j, a in enumerate(spec.actions) if a.id == "human_made_campaign")
    taken = {}
    for level in ("easy", "normal", "hard", "expert"):
        union = make_negotiator(spec, "coalition_principled", UNION, level)
        union.reset(spec, 4, 0)
        state = initial_state(spec, batch=4, seed=0)
        obs = observe(spec, state, UNION)
        taken[level] = bool(union.decide(obs).pressure[:, label].all())
    assert taken == {"easy": False, "normal": False, "hard": True, "expert": True}


def test_hard_and_expert_studios_publish_their_offer_in_the_classroom() -> None:
    """classroom-quick marks the members' readiness to take the studio's offer as the
    studio's lever: only studios that read levers publish the offer to the members."""
    spec = scenario("classroom-quick")
    publish = next(j for j, a in enumerate(spec.actions) if a.id == "publish_offer")
    taken = {}
    for level in ("easy", "normal", "hard", "expert"):
        negs = (
            make_negotiator(spec, "guild_firm", UNION, "normal"),
            make_negotiator(spec, "studio_firm", STUDIO, level),
        )
        for neg in negs:
            neg.reset(spec, 1, 0)
        state, count = initial_state(spec, batch=1, seed=0), 0
        while not state.is_over[0]:
            decisions = [neg.decide(observe(spec, state, s)) for s, neg in enumerate(negs)]
            if decisions[STUDIO].pressure[0, publish]:
                count += 1
                said = decisions[STUDIO].explanations[0]
                assert "Publish the offer to members" in said, said
                assert "members' readiness to ratify (now " in said, said
            state, _ = step(spec, state, Actions.from_decisions(*decisions))
        taken[level] = count
    assert taken["easy"] == taken["normal"] == 0 < taken["hard"] and taken["expert"] > 0, taken


def test_public_actions_are_worth_more_when_the_public_listens() -> None:
    spec, state = mid_strike()
    policy = PressurePolicy(spec, UNION)
    ns = visible_namespace(spec, observe(spec, state, UNION))
    rally = next(
        c for c, (j, _) in enumerate(policy.actions) if spec.actions[j].id == "celebrity_rally"
    )
    low = dict(ns, public_support_union=np.array([0.3]))
    high = dict(ns, public_support_union=np.array([0.8]))
    v_low, _ = policy.values(low, 1)
    v_high, drivers = policy.values(high, 1)
    assert v_high[0, rally] > v_low[0, rally]
    assert drivers[rally].lstrip("+-") in {"opinion_shift", "solidarity"}


def test_spending_the_strike_fund_hurts_more_as_it_runs_down() -> None:
    spec, state = mid_strike()
    policy = PressurePolicy(spec, UNION)
    ns = visible_namespace(spec, observe(spec, state, UNION))
    fund = next(
        c for c, (j, _) in enumerate(policy.actions) if spec.actions[j].id == "solidarity_fund"
    )
    start = spec.variables[spec.var_index["strike_fund"]].initial
    rich = dict(ns, strike_fund=np.array([start]))
    poor = dict(ns, strike_fund=np.array([start * 0.1]))
    assert policy.values(rich, 1)[0][0, fund] > policy.values(poor, 1)[0][0, fund]


def test_ai_investment_is_worth_more_as_capability_rises() -> None:
    spec, state = mid_strike()
    policy = PressurePolicy(spec, STUDIO)
    ns = visible_namespace(spec, observe(spec, state, STUDIO))
    invest = next(
        c for c, (j, _) in enumerate(policy.actions) if spec.actions[j].id == "invest_ai_talent"
    )
    weak = dict(ns, ai_capability=np.array([0.05]))
    strong = dict(ns, ai_capability=np.array([0.6]))
    assert policy.values(strong, 1)[0][0, invest] > policy.values(weak, 1)[0][0, invest]


def test_only_legal_actions_are_chosen() -> None:
    spec, state = mid_strike()
    policy = PressurePolicy(spec, UNION, threshold=-1e9)  # would take everything
    obs = observe(spec, state, UNION)
    chosen, _ = policy.choose(visible_namespace(spec, obs), obs.legal_pressure)
    assert not (chosen & ~obs.legal_pressure).any()
    none = np.zeros_like(obs.legal_pressure)
    assert not policy.choose(visible_namespace(spec, obs), none)[0].any()


def test_a_single_game_values_and_chooses_as_its_row_of_a_batch() -> None:
    """A batch of one values its actions on ``np.float64`` values and chooses in a
    Python loop; both must give exactly the batch's row."""
    spec = scenario("ai-everywhere-2030")  # formula effects, public and AI weights, levers
    state = initial_state(spec, batch=4, seed=2)
    hold = Actions.hold(4, len(spec.issues), len(spec.actions))
    compared = 0
    for week in range(24):
        for side in (UNION, STUDIO):
            policy = PressurePolicy(spec, side, threshold=-0.01, levers=True)
            obs = observe(spec, state, side)
            values, _ = policy.values(visible_namespace(spec, obs), 4)
            chosen, _ = policy.choose(visible_namespace(spec, obs), obs.legal_pressure)
            for i in range(4):
                one = observe(spec, state.take(np.array([i])), side)
                ns = visible_namespace(spec, one)
                assert np.array_equal(policy.values(ns, 1)[0][0], values[i]), (week, side, i)
                c1, _ = policy.choose(ns, one.legal_pressure)
                assert np.array_equal(c1[0], chosen[i]), (week, side, i)
                compared += int(chosen[i].any())
        state, _ = step(spec, state, hold)
    assert compared > 10  # actions were chosen, not only refused


def test_walk_out_when_the_other_side_takes_back_ground() -> None:
    spec, state = mid_strike(8)
    neg = make_negotiator(spec, "boulware", UNION)
    assert isinstance(neg, TacticalNegotiator)
    neg.params["walk_out"] = 1.0
    neg.reset(spec, 1, 0)
    obs = observe(spec, state, UNION)
    neg.decide(obs)
    # the studio replaces its offer with its worst possible one for us
    worse = obs.offers.copy()
    worse[0, STUDIO] = neg.book.levels[0]
    own = obs.offer_utility.copy()
    own[0, STUDIO] = neg.book.own_utility(worse[0, STUDIO])
    d = neg.decide(replace(obs, offers=worse, offer_utility=own))
    if obs.legal_moves[0, Move.WALK_OUT]:
        assert d.move[0] == Move.WALK_OUT
        assert "walked out" in d.explanations[0]
    else:
        assert d.move[0] != Move.WALK_OUT


def test_policies_are_shared_per_scenario_without_keeping_it_alive() -> None:
    import copy
    import gc
    import weakref

    from strikesim.ai.pressure import pressure_policy

    spec = copy.copy(scenario("wga-2023"))  # a scenario nothing else holds
    first = pressure_policy(spec, UNION)
    assert pressure_policy(spec, UNION) is first
    assert pressure_policy(spec, STUDIO) is not first
    assert pressure_policy(spec, UNION, threshold=0.5) is not first
    assert first.spec is spec
    gone = weakref.ref(spec)
    del spec
    gc.collect()
    assert gone() is None  # the cached policy does not pin the scenario


def test_nothing_is_taken_while_the_members_vote() -> None:
    spec, state = mid_strike()
    policy = PressurePolicy(spec, UNION, threshold=-1e9)  # would take everything legal
    obs = observe(spec, state, UNION)
    ns = visible_namespace(spec, obs)
    legal = np.ones_like(obs.legal_pressure)
    assert policy.choose(dict(ns, is_ratification=np.array([0.0])), legal)[0].any()
    voting = dict(ns, is_ratification=np.array([1.0]))
    assert not policy.choose(voting, legal)[0].any()
