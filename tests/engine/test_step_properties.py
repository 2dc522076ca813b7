"""Purity, determinism, batch = many single games, illegal actions, effects, bounds."""

from __future__ import annotations

import copy
import importlib
import subprocess
import sys
from dataclasses import fields, replace
from typing import Any

import numpy as np
import pytest
from conftest import acts, const, make_spec, run_to

from strikesim.engine import (
    Actions,
    EventKind,
    GameSpec,
    IllegalAction,
    Move,
    State,
    initial_state,
    legal_moves,
    legal_pressure,
    step,
    utilities,
)
from strikesim.engine.spec import ActionSpec, Effect

STATE_FIELDS = [f.name for f in fields(State)]


def random_legal_actions(spec: GameSpec, state: State) -> Actions:
    """Legal actions drawn per campaign from its id and the week only."""
    b, n_i = state.batch, len(spec.issues)
    a = Actions.hold(b, n_i, len(spec.actions))
    masks = [legal_moves(spec, state, s) for s in (0, 1)]
    pressure = legal_pressure(spec, state)
    levels = [i.n_levels for i in spec.issues]
    for row in range(b):
        g = np.random.default_rng([int(state.campaign[row]), state.week])
        for side in (0, 1):
            allowed = np.flatnonzero(masks[side][row])
            weights = np.array([6.0, 3.0, 0.4, 0.3])[allowed]
            a.move[row, side] = g.choice(allowed, p=weights / weights.sum())
            a.offer[row, side] = [g.integers(0, n) for n in levels]
        a.pressure[row] = pressure[row] & (g.random(len(spec.actions)) < 0.4)
    return a


def play(spec: GameSpec, state: State, weeks: int) -> tuple[State, list[object]]:
    log = []
    for _ in range(weeks):
        state, ev = step(spec, state, random_legal_actions(spec, state))
        log.append(ev)
    return state, log


def test_engine_import_is_pure() -> None:
    code = (
        "import sys, strikesim.engine\n"
        "bad = [m for m in ('pygame', 'yaml', 'pydantic') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_same_seed_and_actions_give_identical_runs(spec: GameSpec) -> None:
    a, log_a = play(spec, initial_state(spec, batch=5, seed=9), 20)
    b, log_b = play(spec, initial_state(spec, batch=5, seed=9), 20)
    for name in STATE_FIELDS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    for x, y in zip(log_a, log_b, strict=True):
        assert x.week == y.week
        for part in ("campaign", "kind", "ref", "value"):
            assert np.array_equal(getattr(x, part), getattr(y, part))


def test_other_seed_changes_the_run(spec: GameSpec) -> None:
    a, _ = play(spec, initial_state(spec, batch=5, seed=1), 15)
    b, _ = play(spec, initial_state(spec, batch=5, seed=2), 15)
    assert not np.array_equal(a.fired, b.fired) or not np.array_equal(a.values, b.values)


def assert_batch_plays_as_single_games(spec: GameSpec, n: int, weeks: int, seed: int) -> State:
    """Play ``n`` campaigns as one batch and each alone; every state field and every
    event of row ``i`` must be the single game's. Returns the batch's last state."""
    batch, batch_log = play(spec, initial_state(spec, batch=n, seed=seed), weeks)
    for i in range(n):
        single, single_log = play(spec, initial_state(spec, seed=seed, campaigns=[i]), weeks)
        row = batch.take(np.array([i]))
        for name in STATE_FIELDS:
            assert np.array_equal(getattr(row, name), getattr(single, name)), (i, name)
        for bev, sev in zip(batch_log, single_log, strict=True):
            assert bev.for_campaign(i) == sev.for_campaign(0)
    return batch


def test_batch_of_n_equals_n_single_games(spec: GameSpec) -> None:
    assert_batch_plays_as_single_games(spec, n=6, weeks=30, seed=4)


def test_a_shipped_scenarios_batch_equals_its_single_games() -> None:
    """A batch of one fires events and takes actions on its own path; with a
    shipped scenario's many events and actions it must play as the batch's row."""
    from strikesim.scenario import load_scenario

    n = 5
    batch = assert_batch_plays_as_single_games(load_scenario("wga-2023"), n, weeks=40, seed=7)
    assert (batch.fired >= 0).sum() >= 2 * n  # events did fire


def test_a_single_campaigns_legal_masks_are_its_rows_of_the_batchs() -> None:
    """A batch of one works its legal moves and pressure actions out on its own
    path; every week, for both sides, each mask must be the batch's row."""
    from strikesim.engine import observe
    from strikesim.scenario import load_scenario

    spec = load_scenario("wga-2023")
    state = initial_state(spec, batch=6, seed=3)
    seen = np.zeros(len(spec.actions), dtype=bool)
    for _ in range(30):
        whole = legal_pressure(spec, state)
        sides = [observe(spec, state, s).legal_pressure for s in (0, 1)]
        moves = [legal_moves(spec, state, s) for s in (0, 1)]
        for i in range(state.batch):
            one = state.take(np.array([i]))
            assert np.array_equal(legal_pressure(spec, one)[0], whole[i]), (state.week, i)
            for s in (0, 1):
                assert np.array_equal(observe(spec, one, s).legal_pressure[0], sides[s][i])
                assert np.array_equal(legal_moves(spec, one, s)[0], moves[s][i])
        seen |= whole.any(axis=0)
        state, _ = step(spec, state, random_legal_actions(spec, state))
    assert seen.sum() >= len(spec.actions) // 2  # the conditions were exercised


def test_a_scenario_without_pressure_actions_plays_a_single_game(spec: GameSpec) -> None:
    bare = replace(spec, actions=())
    for batch in (1, 3):
        state = initial_state(bare, batch=batch, seed=1)
        mask = legal_pressure(bare, state)
        assert mask.shape == (batch, 0) and mask.dtype == np.bool_
        state, _ = step(bare, state, Actions.hold(batch, len(bare.issues), 0))
        assert state.week == 1


def test_inputs_are_not_mutated(spec: GameSpec) -> None:
    state = run_to(spec, initial_state(spec, batch=3, seed=2), 4)
    actions = acts(spec, 3, union=Move.OFFER, union_offer=(2, 1, 1), pressure=("picket",))
    before_state = copy.deepcopy(state)
    before_actions = copy.deepcopy(actions)
    before_spec = copy.deepcopy(spec)
    step(spec, state, actions)
    for name in STATE_FIELDS:
        assert np.array_equal(getattr(state, name), getattr(before_state, name)), name
    for name in ("move", "offer", "pressure"):
        assert np.array_equal(getattr(actions, name), getattr(before_actions, name))
    assert spec == before_spec


def test_illegal_accept_names_row_side_and_reason(spec: GameSpec) -> None:
    spec = replace(spec, opening_offers=((3, 2, 1), (-1, -1, -1)))
    st = initial_state(spec, batch=2)
    a = acts(spec, 2)
    a.move[1, 0] = Move.ACCEPT
    with pytest.raises(IllegalAction, match=r"row 1 .*union cannot ACCEPT: the studio has no"):
        step(spec, st, a)


def test_illegal_pressure_condition_and_cooldown(spec: GameSpec) -> None:
    st = initial_state(spec)
    with pytest.raises(IllegalAction, match="union cannot take action 'picket': its condition"):
        step(spec, st, acts(spec, pressure=("picket",)))
    st = run_to(spec, st, 3)
    st, ev = step(spec, st, acts(spec, pressure=("picket",)))
    assert (EventKind.ACTION_TAKEN, 0, 0.0) in ev.for_campaign(0)
    assert st.cooldown[0].tolist() == [2, 0]
    with pytest.raises(IllegalAction, match="cooling down for 2 more"):
        step(spec, st, acts(spec, pressure=("picket",)))
    st, _ = step(spec, st, acts(spec))
    assert not legal_pressure(spec, st)[0, 0]
    st, _ = step(spec, st, acts(spec))
    assert legal_pressure(spec, st)[0].tolist() == [True, True]


def test_observing_first_changes_no_legality_check(spec: GameSpec) -> None:
    """The step reuses what both sides' observations found about the same state;
    refusals, their reasons and the results stay the same."""
    from strikesim.engine import observe

    for observed in (False, True):
        st = initial_state(spec, batch=2)
        if observed:
            assert not observe(spec, st, 0).legal_pressure[:, 0].any()
            observe(spec, st, 1)
        with pytest.raises(IllegalAction, match="union cannot take action 'picket': its condition"):
            step(spec, st, acts(spec, 2, pressure=("picket",)))
        st = run_to(spec, st, 3)
        if observed:
            obs = observe(spec, st, 0)
            with pytest.raises(ValueError, match="read-only"):  # the engine's record stays
                obs.legal_pressure[:] = False
            observe(spec, st, 1)
        st, ev = step(spec, st, acts(spec, 2, pressure=("picket", "ad_campaign")))
        assert [k for k, _r, _v in ev.for_campaign(1)].count(EventKind.ACTION_TAKEN) == 2
        if observed:
            observe(spec, st, 1)  # only one side observed: the step checks on its own
        with pytest.raises(IllegalAction, match="cooling down for 2 more"):
            step(spec, st, acts(spec, 2, pressure=("picket",)))


def test_illegal_offer_level_and_shapes(spec: GameSpec) -> None:
    st = initial_state(spec)
    with pytest.raises(IllegalAction, match="level 4 of issue 'wage'"):
        step(spec, st, acts(spec, studio=Move.OFFER, studio_offer=(4, 0, 0)))
    with pytest.raises(IllegalAction, match=r"actions\.pressure has shape"):
        step(spec, st, Actions.hold(1, 3, 5))
    bad = acts(spec)
    bad.move[0, 0] = 9
    with pytest.raises(IllegalAction, match="no such move"):
        step(spec, st, bad)


def test_moves_in_an_ended_campaign_are_illegal(spec: GameSpec) -> None:
    spec = replace(spec, phases=replace(spec.phases, max_weeks=1))
    st, _ = step(spec, initial_state(spec), acts(spec))
    with pytest.raises(IllegalAction, match="the campaign has ended"):
        step(spec, st, acts(spec, union=Move.WALK_OUT))
    assert not legal_pressure(spec, st).any()


def test_effects_are_clipped_to_bounds_and_costs_applied(spec: GameSpec) -> None:
    rally = ActionSpec(
        id="rally", side=0, label="Rally", description="", condition=None, cooldown=0,
        cost=(Effect("strike_fund", "add", const(-1.0)),),
        effects=(Effect("solidarity", "set", const(7.0)), Effect("writers_fear", "mul",
                 const(0.5))),
    )  # fmt: skip
    spec = replace(spec, actions=(*spec.actions, rally))
    st = initial_state(spec)
    st2, _ = step(spec, st, acts(spec, pressure=("rally",)))
    v = spec.var_index
    assert 0.9 < st2.values[0, v["solidarity"]] <= 1.0
    assert st2.values[0, v["strike_fund"]] == pytest.approx(20.0 - 1.0 + 0.05)
    fear = 0.4 * 0.5
    assert st2.values[0, v["writers_fear"]] == pytest.approx(fear + 0.02 * 0.05, rel=1e-6)


def test_values_stay_within_bounds_over_random_games(spec: GameSpec) -> None:
    st, _ = play(spec, initial_state(spec, batch=20, seed=3), 40)
    for j, var in enumerate(spec.variables):
        col = st.values[:, j]
        assert np.isfinite(col).all(), var.id
        if var.lo is not None:
            assert (col >= var.lo).all(), var.id
        if var.hi is not None:
            assert (col <= var.hi).all(), var.id


def test_events_fire_once_or_repeat_with_their_chance(spec: GameSpec) -> None:
    st = initial_state(spec, batch=4000, seed=8)
    st, ev = step(spec, st, acts(spec, 4000))
    viral = (ev.kind == EventKind.SCENARIO_EVENT) & (ev.ref == 1)
    assert 0.27 < viral.sum() / 4000 < 0.33
    st = run_to(spec, initial_state(spec, seed=1), 3)
    st, ev = step(spec, st, acts(spec))
    assert (EventKind.SCENARIO_EVENT, 0, 0.0) in ev.for_campaign(0)
    assert st.fired[0, 0]
    for _ in range(3):
        st, ev = step(spec, st, acts(spec))
        assert (EventKind.SCENARIO_EVENT, 0, 0.0) not in ev.for_campaign(0)


def test_utilities_of_offers_of_any_shape(spec: GameSpec) -> None:
    u = utilities(spec, [[3, 2, 1], [0, 0, 0], [-1, 0, 0]])
    assert u.shape == (3, 2)
    assert u[0] == pytest.approx([1.0, 0.0])
    assert u[1] == pytest.approx([0.0, 1.0])
    assert u[2].tolist() == [0.0, 0.0]
    assert utilities(spec, np.zeros((2, 4, 3), int)).shape == (2, 4, 2)
    assert utilities(spec, [1, 1, 0])[0] == pytest.approx(0.5 * 0.4 + 0.3 * 0.6)
    with pytest.raises(ValueError, match="level index beyond"):
        utilities(spec, [4, 0, 0])


def test_state_derived_values_match_the_returned_state() -> None:
    spec = make_spec()
    st = run_to(spec, initial_state(spec), 6)
    v = spec.var_index
    row = st.values[0]
    assert row[v["drought_pressure"]] == pytest.approx(
        row[v["content_drought"]] * row[v["subscribers"]]
    )
    assert row[v["members_working"]] == pytest.approx(1.0 - row[v["solidarity"]])


def test_effects_update_derived_variables_within_the_week() -> None:
    from conftest import F

    from strikesim.engine.spec import VariableSpec

    spec = make_spec(events=())
    echo = VariableSpec(
        id="echo", label="Echo", unit="index", owner="studio", description="", initial=0.0,
        lo=None, hi=None, update=F("drought_pressure", lambda ns: ns["drought_pressure"] + 0.0,
                                   "drought_pressure"),
    )  # fmt: skip
    empty = ActionSpec(
        id="empty_vault", side=1, label="", description="", condition=None, cooldown=0,
        cost=(), effects=(Effect("content_stock", "set", const(0.0)),),
    )  # fmt: skip
    spec = replace(spec, variables=(*spec.variables, echo), actions=(*spec.actions, empty))
    st, _ = step(spec, initial_state(spec), acts(spec, pressure=("empty_vault",)))
    # drought 1 with subscribers 1 at the time of the update
    assert st.values[0, spec.var_index["echo"]] == pytest.approx(1.0)
    st2, _ = step(spec, initial_state(spec), acts(spec))
    assert st2.values[0, spec.var_index["echo"]] == pytest.approx(0.0)


def test_initial_state_campaign_ids(spec: GameSpec) -> None:
    st = initial_state(spec, campaigns=[7, 3])
    assert st.campaign.tolist() == [7, 3] and st.batch == 2
    assert initial_state(spec, batch=4).campaign.tolist() == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="batch=3 but 2 campaign ids"):
        initial_state(spec, batch=3, campaigns=[7, 3])
    with pytest.raises(ValueError, match="at least 1"):
        initial_state(spec, batch=0)


def test_random_draws_follow_the_campaign_ids_not_a_reused_array(spec: GameSpec) -> None:
    """The engine remembers hashed campaign ids between weeks; a caller's ids
    array refilled for the next batch must still give that batch's own draws."""

    def events(spec: GameSpec, ids: Any) -> list[list[tuple[Any, ...]]]:
        st = initial_state(spec, batch=len(ids), seed=1, campaigns=ids)
        out = []
        for _ in range(8):
            st, ev = step(spec, st, acts(spec, len(ids)))
            out.append([ev.for_campaign(r) for r in range(len(ids))])
        return out

    ids = np.array([5, 6, 7], dtype=np.uint64)
    first = events(spec, ids)
    ids[:] = [11, 12, 13]
    assert events(spec, ids) == events(make_spec(), np.array([11, 12, 13], dtype=np.uint64))
    assert events(spec, np.array([5, 6, 7], dtype=np.uint64)) == first


@pytest.mark.parametrize("batch", [1, 24])
def test_small_batch_event_table_draws_the_same_numbers(
    spec: GameSpec, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small batches table every week's event draws at once; bigger ones draw
    week by week: both give the same games (events, states)."""
    step_module = importlib.import_module("strikesim.engine.step")  # (the package exports step())

    def run() -> tuple[State, list[Any]]:
        st = initial_state(spec, batch=batch, seed=11)
        return play(spec, st, 12)

    tabled, tabled_log = run()
    assert step_module._event_draws(spec, step_module.plan_for(spec), tabled) is not None
    monkeypatch.setattr(step_module, "EVENT_TABLE_MAX_BATCH", 0)
    assert step_module._event_draws(spec, step_module.plan_for(spec), tabled) is None
    weekly, weekly_log = run()
    for name in STATE_FIELDS:
        assert np.array_equal(getattr(tabled, name), getattr(weekly, name)), name
    fired = 0
    for a, b in zip(tabled_log, weekly_log, strict=True):
        for part in ("campaign", "kind", "ref", "value"):
            assert np.array_equal(getattr(a, part), getattr(b, part))
        fired += int((a.kind == EventKind.SCENARIO_EVENT).sum())
    assert fired > 0  # the comparison covered drawn events
