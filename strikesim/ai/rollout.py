"""Monte Carlo continuations through the batch engine.

A *rollout* copies one campaign into a batch of ``runs`` campaigns with
distinct campaign ids (so their random draws differ), lets one side post a
given offer this week, and plays ``weeks`` weeks forward with continuation
policies for both sides. The same engine that plays the game plays the
rollouts; nothing is re-implemented.

An AI only has its observation, so :func:`belief_state` rebuilds a state from
it: hidden variables start from their scenario values, the other side's
cooldowns are taken as ready and one-off events as not yet fired.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from strikesim.engine import Actions, Move, State, observe, step
from strikesim.engine.spec import GameSpec

if TYPE_CHECKING:
    from strikesim.ai.negotiator import SideDecision
    from strikesim.engine.observe import Observation

Policy = Callable[["Observation"], "SideDecision"]

ROLLOUT_ID_BASE = 1 << 40
"""Rollout campaign ids start here, away from the ids of played campaigns."""


def belief_state(spec: GameSpec, obs: Observation, row: int, seed: int) -> State:
    """A one-campaign state consistent with ``obs`` row ``row``."""
    values = np.array([[v.initial for v in spec.variables]], dtype=np.float64)
    for j, var in enumerate(spec.variables):
        if var.id in obs.variables:
            values[0, j] = obs.variables[var.id][row]
    mine = np.array([a.side == obs.side for a in spec.actions], dtype=bool)
    cooldown = (mine & ~obs.legal_pressure[row]).astype(np.int32)[None, :]
    sl = slice(row, row + 1)
    return State(
        week=obs.week,
        seed=seed,
        campaign=np.array([ROLLOUT_ID_BASE], dtype=np.uint64),
        values=values,
        phase=obs.phase[sl].copy(),
        strike_weeks=obs.strike_weeks[sl].copy(),
        authorized=obs.authorized[sl].copy(),
        offers=obs.offers[sl].copy(),
        offer_week=obs.offer_week[sl].copy(),
        tentative=obs.tentative[sl].copy(),
        ratify_week=obs.ratify_week[sl].copy(),
        suspended_until=obs.talks_suspended_until[sl].copy(),
        cooldown=cooldown,
        fired=np.full((1, len(spec.events)), -1, dtype=np.int32),
        contract=obs.contract[sl].copy(),
        outcome=obs.outcome[sl].copy(),
        end_week=np.full(1, -1, dtype=np.int32),
    )


def replicate(state: State, copies: int, id_base: int = ROLLOUT_ID_BASE) -> State:
    """``copies`` copies of a one-campaign ``state`` with distinct campaign ids."""
    index = np.zeros(copies, dtype=np.intp)
    out = state.take(index)
    ids = np.uint64(id_base) + np.arange(copies, dtype=np.uint64)
    return out.evolve(campaign=ids, values=np.ascontiguousarray(out.values))


@dataclass(frozen=True)
class Rollout:
    """What happened in a batch of continuations."""

    states: list[State]
    """The batch at the start of each simulated week (``weeks + 1`` entries)."""
    answers: np.ndarray
    """(weeks, runs) int8 the other side's move in each simulated week."""

    @property
    def final(self) -> State:
        return self.states[-1]


def rollout(
    spec: GameSpec,
    start: State,
    side: int,
    offers: np.ndarray,
    policies: tuple[Policy, Policy],
    weeks: int,
) -> Rollout:
    """Play ``start`` (a batch) forward ``weeks`` weeks.

    In the first week ``side`` posts ``offers`` (``(B, I)``; rows with -1 hold)
    and otherwise follows ``policies[side]``; the other side follows its
    policy throughout. Actions are checked by the engine like any others.
    """
    batch = start.batch
    state = start
    states = [state]
    answers = np.zeros((weeks, batch), dtype=np.int8)
    for w in range(weeks):
        if bool(state.is_over.all()):
            states.append(state)
            continue
        union = policies[0](observe(spec, state, 0))
        acts = Actions.from_decisions(union, policies[1](observe(spec, state, 1)))
        if w == 0:
            post = (offers >= 0).all(axis=1) & ~state.is_over
            legal = observe(spec, state, side).legal_moves[:, Move.OFFER]
            post &= legal
            acts.move[post, side] = Move.OFFER
            acts.offer[post, side] = offers[post]
        answers[w] = acts.move[:, 1 - side]
        state, _ = step(spec, state, acts)
        states.append(state)
    return Rollout(states=states, answers=answers)
