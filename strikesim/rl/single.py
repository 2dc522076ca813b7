"""One side against an AI negotiator, with Gymnasium's single-agent API.

The agent plays ``side`` of a :class:`~strikesim.rl.env.StrikeParallelEnv`
(same observations, actions, masks and rewards); the other side is played by
a negotiator of the game (:func:`strikesim.ai.make_negotiator`), which sees
only its own side's observation.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from strikesim.ai import Negotiator, make_negotiator
from strikesim.engine import SIDES, GameSpec, observe
from strikesim.rl.env import AGENTS, StrikeParallelEnv, optional_base

__all__ = ["StrikeSingleAgentEnv"]

_GymBase: Any = optional_base("gymnasium", "Env")


class StrikeSingleAgentEnv(_GymBase):  # type: ignore[misc]
    """``side`` of a dispute of ``scenario`` against the ``opponent`` negotiator
    (the scenario's default for the other side when None) at ``difficulty``."""

    metadata: dict[str, Any] = {"render_modes": ["ansi"]}  # noqa: RUF012 (the API's)

    def __init__(
        self,
        scenario: str | GameSpec,
        *,
        side: str = "union",
        opponent: str | None = None,
        difficulty: str = "normal",
        render_mode: str | None = None,
    ) -> None:
        if side not in AGENTS:
            raise ValueError(f"side must be 'union' or 'studio', got {side!r}")
        self.game = StrikeParallelEnv(scenario, render_mode=render_mode)
        self.render_mode = render_mode
        self.agent = side
        self.side = AGENTS.index(side)
        other = 1 - self.side
        spec = self.game.scenario
        name = spec.default_negotiators[other] if opponent is None else opponent
        self.opponent: Negotiator = make_negotiator(spec, name, other, difficulty)
        self.observation_space = self.game.observation_space(side)
        self.action_space = self.game.action_space(side)
        self._np_random: np.random.Generator | None = None

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        if seed is not None:
            self._np_random = np.random.default_rng(seed)
        observations, infos = self.game.reset(seed=seed, options=options)
        state = self.game.game_state
        assert state is not None
        self.opponent.reset(self.game.scenario, 1, self.game.game_seed, state.campaign)
        return observations[self.agent], infos[self.agent]

    def step(self, action: Any) -> tuple[dict[str, np.ndarray], float, bool, bool, dict[str, Any]]:
        game = self.game
        state = game.game_state
        if state is None:
            raise RuntimeError("call reset() before playing")
        if not game.agents:
            raise RuntimeError("the dispute is over: call reset() to start another")
        other = 1 - self.side
        theirs = self.opponent.decide(observe(game.scenario, state, other))
        mine, dropped = game.decision(self.side, action)
        pair = (mine, theirs) if self.side == 0 else (theirs, mine)
        illegal = [dropped, False] if self.side == 0 else [False, dropped]
        observations, rewards, terminations, truncations, infos = game.play_week(*pair, illegal)
        me = self.agent
        info = dict(infos[me])
        info["opponent"] = f"{self.opponent.name} ({SIDES[other]})"
        return observations[me], rewards[me], terminations[me], truncations[me], info

    def render(self) -> str | None:
        return self.game.render()

    def close(self) -> None:
        self.game.close()
