"""PettingZoo's and Gymnasium's own API checkers (run where the strikesim[rl]
extra is installed; skipped otherwise)."""

from __future__ import annotations

import pytest

from strikesim.rl import parallel_env, single_agent_env


def test_pettingzoos_parallel_api_test_passes() -> None:
    pytest.importorskip("pettingzoo")
    from pettingzoo import ParallelEnv
    from pettingzoo.test import parallel_api_test

    env = parallel_env("classroom-quick")
    assert isinstance(env, ParallelEnv)
    parallel_api_test(env, num_cycles=200)


def test_gymnasiums_check_env_passes() -> None:
    pytest.importorskip("gymnasium")
    import gymnasium
    from gymnasium.utils.env_checker import check_env

    for side in ("union", "studio"):
        env = single_agent_env("classroom-quick", side=side)
        assert isinstance(env, gymnasium.Env)
        assert isinstance(env.observation_space, gymnasium.spaces.Dict)
        check_env(env, skip_render_check=True)
