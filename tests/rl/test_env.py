"""The research environments, with numpy alone (the official checkers run in
test_official_checkers.py when PettingZoo and Gymnasium are installed)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from strikesim.ai import make_negotiator
from strikesim.analysis.result import side_result
from strikesim.batch import play_batch
from strikesim.engine import Move, observe
from strikesim.rl import (
    AGENTS,
    StrikeParallelEnv,
    feature_names,
    parallel_env,
    single_agent_env,
)
from strikesim.scenario import load_scenario

QUICK = "classroom-quick"


def random_legal(env: StrikeParallelEnv, obs: dict[str, Any], rng: np.random.Generator) -> dict:
    """A random legal action per live agent, picked from the masks."""
    actions = {}
    for agent in env.agents:
        action = env.action_space(agent).sample()
        action["move"] = int(rng.choice(np.flatnonzero(obs[agent]["move_mask"])))
        if "pressure" in action:
            action["pressure"] = action["pressure"] * obs[agent]["pressure_mask"]
        actions[agent] = action
    return actions


def play(env: StrikeParallelEnv, seed: int, rng_seed: int) -> list[Any]:
    rng = np.random.default_rng(rng_seed)
    for agent in AGENTS:
        env.action_space(agent).seed(rng_seed)
    obs, _infos = env.reset(seed=seed)
    trail: list[Any] = []
    while env.agents:
        obs, rewards, term, _trunc, infos = env.step(random_legal(env, obs, rng))
        trail.append((obs["union"]["observation"].tolist(), rewards, term, infos))
    return trail


def test_spaces_are_the_same_objects_and_hold_what_is_observed() -> None:
    env = parallel_env(QUICK)
    assert env.possible_agents == list(AGENTS) == ["union", "studio"]
    obs, infos = env.reset(seed=0)
    assert set(obs) == set(infos) == set(env.agents) == {"union", "studio"}
    for agent in AGENTS:
        assert env.observation_space(agent) is env.observation_space(agent)
        assert env.action_space(agent) is env.action_space(agent)
        assert obs[agent] in env.observation_space(agent)
        assert env.action_space(agent).sample() in env.action_space(agent)
        side = AGENTS.index(agent)
        assert obs[agent]["observation"].dtype == np.float32
        assert obs[agent]["observation"].shape == (len(feature_names(env.scenario, side)),)


def test_an_episode_ends_with_the_dispute_and_pays_the_results() -> None:
    env = parallel_env(QUICK)
    trail = play(env, seed=4, rng_seed=1)
    assert env.agents == []
    *middle, (_obs, rewards, term, infos) = trail
    assert all(not any(t.values()) and set(r.values()) == {0.0} for _o, r, t, _i in middle)
    assert term == {"union": True, "studio": True}
    state = env.game_state
    assert state is not None and bool(state.is_over[0])
    for side, agent in enumerate(AGENTS):
        assert rewards[agent] == pytest.approx(float(side_result(env.scenario, state, side)[0]))
        assert infos[agent]["outcome"] != "ongoing" and not infos[agent]["illegal"]
    with pytest.raises(RuntimeError, match="reset"):
        env.step({})


def test_same_seed_same_episode_and_the_next_reset_plays_the_next_campaign() -> None:
    env = parallel_env(QUICK)
    assert play(env, seed=7, rng_seed=2) == play(env, seed=7, rng_seed=2)
    env.reset(seed=7)
    assert env.campaign == 0
    env.reset()
    assert env.campaign == 1
    env.reset(options={"campaign": 9})
    assert env.campaign == 9


def test_the_environment_plays_the_engines_game() -> None:
    """Driven by the game's negotiators, an episode is row ``i`` of a batch."""
    spec = load_scenario(QUICK)
    names = spec.default_negotiators
    batch = play_batch(
        spec,
        (make_negotiator(spec, names[0], 0), make_negotiator(spec, names[1], 1)),
        runs=3,
        seed=11,
    )
    env = parallel_env(QUICK)
    for campaign in range(3):
        env.reset(seed=11, options={"campaign": campaign})
        negs = [make_negotiator(spec, names[side], side) for side in (0, 1)]
        for neg in negs:
            neg.reset(spec, 1, 11, np.array([campaign], np.uint64))
        while env.agents:
            state = env.game_state
            assert state is not None
            union, studio = (negs[s].decide(observe(spec, state, s)) for s in (0, 1))
            env.play_week(union, studio, [False, False])
        final = env.game_state
        assert final is not None
        assert int(final.outcome[0]) == int(batch.outcome[campaign])
        assert final.contract[0].tolist() == batch.contract[campaign].tolist()
        assert int(final.end_week[0]) == int(batch.end_week[campaign])


def test_an_illegal_move_is_played_as_a_hold_and_reported() -> None:
    env = parallel_env(QUICK)
    obs, _ = env.reset(seed=0)
    bad_offer = {"move": int(Move.OFFER), "offer": np.array([99, 0, 0])}
    _obs, _r, _t, _tr, infos = env.step({"union": bad_offer, "studio": None})
    assert infos["union"]["illegal"] and not infos["studio"]["illegal"]
    state = env.game_state
    assert state is not None
    assert state.offers[0, 0].tolist() == list(env.scenario.opening_offers[0])  # held
    # pressure the side cannot use is dropped, not played
    obs, _ = env.reset(seed=0)
    usable = obs["union"]["pressure_mask"]
    every_action = {"move": 0, "offer": np.zeros(3, int), "pressure": np.ones(2, np.int8)}
    _obs, _r, _t, _tr, infos = env.step({"union": every_action})
    assert infos["union"]["illegal"] == (not usable.all())
    state = env.game_state
    assert state is not None
    union_actions = [a for a, act in enumerate(env.scenario.actions) if act.side == 0]
    taken = state.cooldown[0, union_actions] > 0
    assert (taken <= usable.astype(bool)).all()  # nothing unusable was played


def test_a_side_never_observes_the_other_sides_secret() -> None:
    spec = load_scenario(QUICK)
    hidden = spec.variables[0].id
    secret = replace(
        spec,
        variables=[
            replace(v, visible_to=(True, False)) if v.id == hidden else v for v in spec.variables
        ],
    )
    env = StrikeParallelEnv(secret)
    assert f"var_{hidden}" in feature_names(secret, 0)
    assert f"var_{hidden}" not in feature_names(secret, 1)
    obs, _ = env.reset(seed=0)
    assert obs["studio"]["observation"].shape[0] == obs["union"]["observation"].shape[0] - 1


def test_random_legal_agents_never_play_an_illegal_move() -> None:
    env = parallel_env(QUICK)
    rng = np.random.default_rng(5)
    obs, _ = env.reset(seed=2)
    games = 0
    while games < 12:
        obs, _r, _t, _tr, infos = env.step(random_legal(env, obs, rng))
        assert not any(info["illegal"] for info in infos.values())
        if not env.agents:
            games += 1
            obs, _ = env.reset()


def test_the_single_agent_environment_plays_one_side_against_a_negotiator() -> None:
    env = single_agent_env("wga-2023", side="studio", opponent="boulware")
    assert env.observation_space is env.game.observation_space("studio")
    first, info = env.reset(seed=3)
    assert first in env.observation_space and info["week"] == 0
    again, _ = env.reset(seed=3)
    assert np.array_equal(first["observation"], again["observation"])
    terminated, steps, reward = False, 0, 0.0
    while not terminated:
        _obs, reward, terminated, truncated, info = env.step({"move": 0, "offer": np.zeros(6)})
        assert not truncated and isinstance(reward, float)
        steps += 1
    assert info["opponent"] == "boulware (union)" and info["outcome"] != "ongoing"
    assert steps == info["week"]
    with pytest.raises(ValueError, match="side"):
        single_agent_env(QUICK, side="referee")
    with pytest.raises(ValueError, match="boulware"):
        single_agent_env(QUICK, opponent="nobody")
