"""What each side may see, and the post-deal projection."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_to

from strikesim.engine import (
    SERIES,
    Actions,
    GameSpec,
    Move,
    Phase,
    counterfactuals,
    initial_state,
    observe,
    project,
    step,
)


def test_each_side_sees_only_its_visible_variables(spec: GameSpec) -> None:
    st = run_to(spec, initial_state(spec, batch=2), 4)
    union, studio = observe(spec, st, 0), observe(spec, st, 1)
    assert "writers_fear" in union.variables and "writers_fear" not in studio.variables
    assert "drought_pressure" in studio.variables and "drought_pressure" not in union.variables
    assert union.variables["strike_fund"].shape == (2,)
    assert np.isnan(union.own_utility).sum() == np.isnan(studio.own_utility).sum()
    assert union.own_utility[0, 3] == pytest.approx(0.5)
    assert studio.own_utility[0, 0] == pytest.approx(0.6)
    assert (union.phase == Phase.STRIKE).all() and union.strike_weeks.tolist() == [1, 1]
    assert union.offer_utility[0].tolist() == pytest.approx([1.0, 0.0])
    assert studio.offer_utility[0].tolist() == pytest.approx([0.0, 1.0])
    assert union.legal_moves.shape == (2, 4) and union.legal_moves[:, Move.ACCEPT].all()
    assert union.legal_pressure[:, 0].all() and not union.legal_pressure[:, 1].any()
    assert studio.legal_pressure[:, 1].all() and not studio.legal_pressure[:, 0].any()
    assert union.weeks_left == spec.phases.max_weeks - 4


def test_records_made_without_their_init_hold_every_field() -> None:
    # each is made without its dataclass __init__ (a batch of one's hot path)
    from dataclasses import fields

    from strikesim.ai import SideDecision, make_negotiator
    from strikesim.ai.explain import DecisionRecord
    from strikesim.engine import Observation, StepEvents
    from strikesim.engine.namespace import plan_for
    from strikesim.engine.rules import WeekStart, remembered_start
    from strikesim.scenario import load_scenario

    def names(cls: type) -> set[str]:
        return {f.name for f in fields(cls)}

    spec = load_scenario("classroom-quick")
    st = run_to(spec, initial_state(spec, batch=1), 2)
    obs = observe(spec, st, 0)
    assert set(vars(obs)) == names(Observation)
    neg = make_negotiator(spec, "adaptive", 0)
    neg.reset(spec, 1, 0)
    decision = neg.decide(obs)
    assert set(vars(neg._record)) == names(DecisionRecord)
    assert set(vars(decision)) == names(SideDecision)
    after, events = step(spec, st, Actions.hold(1, len(spec.issues), len(spec.actions)))
    assert set(vars(events)) == names(StepEvents)
    start = remembered_start(plan_for(spec), after)
    assert start is not None and set(vars(start)) == names(WeekStart)


@pytest.mark.parametrize("batch", [1, 300])  # a big batch's variables are views of the state
def test_an_observation_cannot_change_the_game(spec: GameSpec, batch: int) -> None:
    st = initial_state(spec, batch=batch)
    before = st.values.copy()
    for side in (0, 1):
        obs = observe(spec, st, side)
        arrays = [v for v in vars(obs).values() if isinstance(v, np.ndarray)]
        assert len(arrays) == 14
        for array in [*arrays, *obs.variables.values()]:
            with pytest.raises(ValueError, match="read-only"):
                array[...] = 0
        for name, row in obs.variables.items():
            assert np.array_equal(row, st.values[:, spec.var_index[name]])
    step(spec, st, Actions.hold(batch, len(spec.issues), len(spec.actions)))
    assert np.array_equal(st.values, before)  # a step after the observations changed nothing
    assert (st.values[:, spec.var_index["strike_fund"]] == 20.0).all()
    assert (st.offers[:, 0, 0] == 3).all()


def test_guardrails_protect_jobs_in_the_projection(spec: GameSpec) -> None:
    st = initial_state(spec, batch=2)
    guarded = project(spec, st.values, [3, 2, 1])
    free = project(spec, st.values, [3, 0, 1])
    assert guarded.years.tolist() == list(range(11))
    assert set(guarded.mean) == set(SERIES)
    assert guarded.mean["ai_adoption"].shape == (2, 11)
    assert (guarded.mean["ai_adoption"][:, -1] < free.mean["ai_adoption"][:, -1]).all()
    assert (guarded.mean["jobs_displaced"][:, -1] < free.mean["jobs_displaced"][:, -1]).all()
    assert (guarded.mean["employment"][:, -1] > free.mean["employment"][:, -1]).all()
    assert (np.diff(free.mean["ai_capability"][0]) > 0).all()
    assert (np.diff(free.mean["digital_replicas"][0]) >= 0).all()
    assert guarded.low == {} and guarded.high == {}


def test_bigger_raises_mean_higher_real_pay(spec: GameSpec) -> None:
    st = initial_state(spec)
    low = project(spec, st.values, [0, 0, 0], years=3)
    high = project(spec, st.values, [3, 0, 0], years=3)
    assert low.mean["real_pay"][0, 0] == high.mean["real_pay"][0, 0] == 1.0
    assert high.mean["real_pay"][0, -1] > 1.0 > low.mean["real_pay"][0, -1]
    # 12% over the 3-year term against 3% inflation a year
    assert high.mean["real_pay"][0, 3] == pytest.approx(1.12 / 1.03**3, rel=1e-9)


def test_bands_are_seeded_and_bracket_the_mean_path(spec: GameSpec) -> None:
    st = initial_state(spec)
    a = project(spec, st.values, [3, 0, 1], samples=60, seed=3)
    b = project(spec, st.values, [3, 0, 1], samples=60, seed=3)
    c = project(spec, st.values, [3, 0, 1], samples=60, seed=4)
    for k in SERIES:
        assert np.array_equal(a.low[k], b.low[k]) and np.array_equal(a.high[k], b.high[k])
        assert (a.low[k] <= a.high[k] + 1e-12).all()
    mid = a.mean["ai_adoption"][0, 5]
    assert a.low["ai_adoption"][0, 5] < mid < a.high["ai_adoption"][0, 5]
    assert not np.array_equal(a.low["ai_adoption"], c.low["ai_adoption"])


def test_counterfactuals(spec: GameSpec) -> None:
    st = initial_state(spec)
    cf = counterfactuals(spec, st.values, [3, 2, 1], nash_levels=[2, 1, 1], years=5)
    assert set(cf) == {"deal", "no_deal", "no_guardrails", "nash"}
    deal, free = cf["deal"].mean, cf["no_guardrails"].mean
    assert free["ai_adoption"][0, -1] > deal["ai_adoption"][0, -1]
    assert np.array_equal(free["real_pay"], deal["real_pay"])
    assert cf["no_deal"].mean["real_pay"][0, -1] < deal["real_pay"][0, -1]


def test_projection_rejects_missing_levels_and_bad_years(spec: GameSpec) -> None:
    st = initial_state(spec)
    with pytest.raises(ValueError, match="missing level"):
        project(spec, st.values, [-1, 0, 0])
    with pytest.raises(ValueError, match="at least 1"):
        project(spec, st.values, [0, 0, 0], years=0)
