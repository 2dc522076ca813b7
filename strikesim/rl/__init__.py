"""Research environments: a dispute as a PettingZoo parallel environment and as a
Gymnasium single-agent environment against one of the game's negotiators.

Both work with numpy alone; installing the ``strikesim[rl]`` extra (PettingZoo
and Gymnasium) makes them the libraries' own classes with the libraries' own
spaces, so they pass ``pettingzoo.test.parallel_api_test`` and
``gymnasium.utils.env_checker.check_env``. See docs/python-api.md.
"""

from __future__ import annotations

from typing import Any

from strikesim.rl.env import AGENTS, StrikeParallelEnv, feature_names, features
from strikesim.rl.single import StrikeSingleAgentEnv

__all__ = [
    "AGENTS",
    "StrikeParallelEnv",
    "StrikeSingleAgentEnv",
    "feature_names",
    "features",
    "parallel_env",
    "single_agent_env",
]


def parallel_env(scenario_id: str, **options: Any) -> StrikeParallelEnv:
    """A two-agent parallel environment of ``scenario_id`` (an id or a path);
    ``options``: ``render_mode`` (None or ``"ansi"``)."""
    return StrikeParallelEnv(scenario_id, **options)


def single_agent_env(
    scenario_id: str, side: str = "union", opponent: str | None = None, **options: Any
) -> StrikeSingleAgentEnv:
    """``side`` (``"union"`` or ``"studio"``) of ``scenario_id`` against the
    negotiator ``opponent`` (the scenario's default when None); ``options``:
    ``difficulty`` (``"normal"``) and ``render_mode``."""
    return StrikeSingleAgentEnv(scenario_id, side=side, opponent=opponent, **options)
