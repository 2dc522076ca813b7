"""A dispute as a two-agent environment with PettingZoo's parallel API.

Each week both agents, ``"union"`` and ``"studio"``, act at once. An agent
observes only what its side may see (:func:`strikesim.engine.observe`):

* ``"observation"`` — a float32 vector, described by :func:`feature_names`:
  the calendar, the phase, the side's visible variables, the standing offers,
  the tentative deal and the contract in force (level indices scaled to 0–1,
  -1 where there is none) and the side's utility of both standing offers;
* ``"move_mask"`` — 0/1 per table move (hold, offer, accept, walk out): legal now;
* ``"pressure_mask"`` — 0/1 per pressure action of the side: usable now.

An action is a dict: ``"move"`` (0 hold, 1 offer, 2 accept, 3 walk out),
``"offer"`` (a level index per issue, read when the move is an offer) and
``"pressure"`` (0/1 per pressure action of the side, in scenario order). A
move the rules forbid this week is played as a hold, and a pressure action
that cannot be used is dropped; ``infos[agent]["illegal"]`` says so.

Rewards are 0 until the dispute ends; then each side gets its result (the
value of the contract to it minus what the dispute cost it, in utility units:
:func:`strikesim.analysis.result.side_result`). Episodes end with the dispute
(the scenario's deadline bounds them), so nothing is truncated.

``reset(seed=s)`` starts campaign 0 of seed ``s``; each later ``reset()``
starts the next campaign, so a run of episodes is reproducible.
``options={"campaign": i}`` picks campaign ``i``.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np

from strikesim.ai.negotiator import SideDecision
from strikesim.analysis.result import side_result
from strikesim.engine import (
    SIDES,
    Actions,
    GameSpec,
    Move,
    Observation,
    Outcome,
    Phase,
    State,
    initial_state,
    observe,
    step,
    visible_variables,
)
from strikesim.rl.spaces import backend
from strikesim.scenario import load_scenario

__all__ = ["AGENTS", "StrikeParallelEnv", "feature_names", "features"]

AGENTS: tuple[str, str] = (SIDES[0], SIDES[1])
"""Agent names, in side order."""

LIMIT = 1e30
"""Bound of every observation entry (values beyond it, and infinities, are clipped;
NaN reads as 0)."""


def optional_base(module: str, name: str) -> Any:
    """``module.name`` when that library is installed, else ``object``: the
    environments are the libraries' own classes where they can be."""
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError:
        return object


def feature_names(spec: GameSpec, side: int) -> list[str]:
    """What each entry of ``side``'s observation vector holds, in order."""
    issues = [i.id for i in spec.issues]
    names = ["week_share", "weeks_left_share", *(f"phase_{p.name.lower()}" for p in Phase)]
    names += ["strike_weeks_share", "authorized", "talks_suspended"]
    names += [f"var_{v.id}" for v in visible_variables(spec, side)]
    for who in ("own_offer", "other_offer", "tentative", "contract"):
        names += [f"{who}_{iid}" for iid in issues]
    names += ["own_offer_utility", "other_offer_utility"]
    return names


def features(spec: GameSpec, obs: Observation, row: int = 0) -> np.ndarray:
    """The float32 observation vector of campaign ``row`` (see :func:`feature_names`)."""
    side, span = obs.side, max(obs.max_weeks, 1)
    n = np.array([max(i.n_levels - 1, 1) for i in spec.issues], dtype=np.float64)

    def levels(x: np.ndarray) -> np.ndarray:
        return np.where(x >= 0, x / n, -1.0)

    phase = np.zeros(len(Phase))
    phase[int(obs.phase[row])] = 1.0
    head = [
        obs.week / span,
        obs.weeks_left / span,
        *phase,
        float(obs.strike_weeks[row]) / span,
        float(obs.authorized[row]),
        float(obs.week < obs.talks_suspended_until[row]),
    ]
    values = [float(obs.variables[v.id][row]) for v in visible_variables(spec, side)]
    parts = [
        np.asarray(head + values),
        levels(obs.offers[row, side]),
        levels(obs.offers[row, 1 - side]),
        levels(obs.tentative[row]),
        levels(obs.contract[row]),
        np.asarray([obs.offer_utility[row, side], obs.offer_utility[row, 1 - side]]),
    ]
    vector = np.clip(np.nan_to_num(np.concatenate(parts), nan=0.0), -LIMIT, LIMIT)
    out: np.ndarray = vector.astype(np.float32)
    return out


_ParallelBase: Any = optional_base("pettingzoo", "ParallelEnv")


class StrikeParallelEnv(_ParallelBase):  # type: ignore[misc]
    """One dispute of ``scenario`` played by two agents (see the module docstring)."""

    metadata: dict[str, Any] = {  # noqa: RUF012 (the API's documented class attribute)
        "name": "strikesim_v0",
        "render_modes": ["ansi"],
        "is_parallelizable": True,
    }

    def __init__(self, scenario: str | GameSpec, *, render_mode: str | None = None) -> None:
        if render_mode not in (None, "ansi"):
            raise ValueError(f"render_mode must be None or 'ansi', got {render_mode!r}")
        self.scenario = scenario if isinstance(scenario, GameSpec) else load_scenario(scenario)
        self.render_mode = render_mode
        self.possible_agents = list(AGENTS)
        self.agents: list[str] = []
        spec = self.scenario
        self._side_actions = tuple(
            np.array([a for a, act in enumerate(spec.actions) if act.side == side], np.intp)
            for side in (0, 1)
        )
        spaces = backend()
        self._observation_spaces = {
            agent: self._observation_space(spaces, side) for side, agent in enumerate(AGENTS)
        }
        self._action_spaces = {
            agent: self._action_space(spaces, side) for side, agent in enumerate(AGENTS)
        }
        self.game_seed = 0
        """The engine seed of the episodes (set by ``reset(seed=...)``)."""
        self.campaign = -1
        """The campaign id of the episode in play."""
        self.game_state: State | None = None
        """The engine state of the dispute in play (None before the first reset)."""

    # --- spaces ---------------------------------------------------------------------
    def _observation_space(self, spaces: Any, side: int) -> Any:
        size = len(feature_names(self.scenario, side))
        parts = {
            "observation": spaces.Box(-LIMIT, LIMIT, shape=(size,), dtype=np.float32),
            "move_mask": spaces.MultiBinary(len(Move)),
        }
        if len(self._side_actions[side]):
            parts["pressure_mask"] = spaces.MultiBinary(len(self._side_actions[side]))
        return spaces.Dict(parts)

    def _action_space(self, spaces: Any, side: int) -> Any:
        parts = {
            "move": spaces.Discrete(len(Move)),
            "offer": spaces.MultiDiscrete([i.n_levels for i in self.scenario.issues]),
        }
        if len(self._side_actions[side]):
            parts["pressure"] = spaces.MultiBinary(len(self._side_actions[side]))
        return spaces.Dict(parts)

    def observation_space(self, agent: str) -> Any:
        return self._observation_spaces[agent]

    def action_space(self, agent: str) -> Any:
        return self._action_spaces[agent]

    @property
    def unwrapped(self) -> StrikeParallelEnv:
        return self

    # --- play -------------------------------------------------------------------------
    def reset(
        self, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        if seed is not None:
            self.game_seed, self.campaign = int(seed), -1
        if options and "campaign" in options:
            self.campaign = int(options["campaign"])
        else:
            self.campaign += 1
        self.game_state = initial_state(self.scenario, 1, self.game_seed, [self.campaign])
        self.agents = list(AGENTS)
        observations = {agent: self.observe(agent) for agent in self.agents}
        return observations, {agent: self._info(False) for agent in self.agents}

    def observe(self, agent: str) -> dict[str, np.ndarray]:
        """The observation of ``agent`` this week."""
        side = AGENTS.index(agent)
        obs = observe(self.scenario, self._live_state(), side)
        out = {
            "observation": features(self.scenario, obs),
            "move_mask": obs.legal_moves[0].astype(np.int8),
        }
        if len(self._side_actions[side]):
            mask = obs.legal_pressure[0, self._side_actions[side]]
            out["pressure_mask"] = mask.astype(np.int8)
        return out

    def step(
        self, actions: dict[str, Any]
    ) -> tuple[
        dict[str, Any],
        dict[str, float],
        dict[str, bool],
        dict[str, bool],
        dict[str, dict[str, Any]],
    ]:
        state = self._live_state()
        if not self.agents:
            raise RuntimeError("the dispute is over: call reset() to start another")
        decisions, illegal = [], []
        for side, agent in enumerate(AGENTS):
            decision, dropped = self.decision(side, actions.get(agent))
            decisions.append(decision)
            illegal.append(dropped)
        return self.play_week(decisions[0], decisions[1], illegal, state)

    def decision(self, side: int, action: Any) -> tuple[SideDecision, bool]:
        """The legal :class:`SideDecision` of ``side`` for ``action`` (None: hold),
        and whether anything illegal in it was dropped."""
        spec = self.scenario
        obs = observe(spec, self._live_state(), side)
        n_i = len(spec.issues)
        move, offer = int(Move.HOLD), np.full(n_i, -1, np.int16)
        pressure = np.zeros(len(spec.actions), bool)
        dropped = False
        if action is not None:
            move = int(np.asarray(action["move"]).reshape(-1)[0])
            if move == Move.OFFER:
                levels = np.asarray(action["offer"], dtype=np.int64).reshape(-1)
                n_levels = np.array([i.n_levels for i in spec.issues])
                if levels.shape != (n_i,) or ((levels < 0) | (levels >= n_levels)).any():
                    move, dropped = int(Move.HOLD), True
                else:
                    offer = levels.astype(np.int16)
            if not (0 <= move < len(Move)) or not obs.legal_moves[0, move]:
                move, offer, dropped = int(Move.HOLD), np.full(n_i, -1, np.int16), True
            if len(self._side_actions[side]) and "pressure" in action:
                own = self._side_actions[side]
                given = np.asarray(action["pressure"]).reshape(-1).astype(bool)[: len(own)]
                ids = own[: len(given)][given]
                legal = ids[obs.legal_pressure[0, ids]]
                dropped |= legal.shape[0] < ids.shape[0]
                pressure[legal] = True
        if move != Move.OFFER:
            offer = np.full(n_i, -1, np.int16)
        return (
            SideDecision(np.array([move], np.int8), offer[None, :], pressure[None, :]),
            dropped,
        )

    def play_week(
        self,
        union: SideDecision,
        studio: SideDecision,
        illegal: list[bool],
        state: State | None = None,
    ) -> tuple[
        dict[str, Any],
        dict[str, float],
        dict[str, bool],
        dict[str, bool],
        dict[str, dict[str, Any]],
    ]:
        """Play one week with both sides' (legal) decisions; the parallel API's answer."""
        spec = self.scenario
        acts = Actions.from_decisions(union, studio)
        self.game_state, _events = step(spec, state or self._live_state(), acts)
        over = bool(self.game_state.is_over[0])
        agents = list(AGENTS)
        observations = {agent: self.observe(agent) for agent in agents}
        rewards = {
            agent: float(side_result(spec, self.game_state, side)[0]) if over else 0.0
            for side, agent in enumerate(agents)
        }
        terminations = dict.fromkeys(agents, over)
        truncations = dict.fromkeys(agents, False)
        infos = {agent: self._info(illegal[side]) for side, agent in enumerate(agents)}
        if over:
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def _info(self, illegal: bool) -> dict[str, Any]:
        state = self._live_state()
        return {
            "illegal": illegal,
            "week": state.week,
            "phase": Phase(int(state.phase[0])).name.lower(),
            "outcome": Outcome(int(state.outcome[0])).name.lower(),
        }

    def _live_state(self) -> State:
        if self.game_state is None:
            raise RuntimeError("call reset() before playing")
        return self.game_state

    def render(self) -> str | None:
        """With ``render_mode="ansi"``: the week in one line of text."""
        if self.render_mode != "ansi" or self.game_state is None:
            return None
        info = self._info(False)
        offers = " | ".join(
            f"{agent}: {self.game_state.offers[0, side].tolist()}"
            for side, agent in enumerate(AGENTS)
        )
        return f"week {info['week']} · {info['phase']} · {info['outcome']} · offers {offers}"

    def close(self) -> None:
        """Nothing to release (no window, no files)."""

    def state(self) -> np.ndarray:
        """Both sides' observation vectors side by side (for centralised critics)."""
        return np.concatenate([self.observe(agent)["observation"] for agent in AGENTS])
