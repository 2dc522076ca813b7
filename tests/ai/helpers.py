"""Shared helpers for AI tests: cached scenarios and a checked game loop."""

from __future__ import annotations

from functools import cache

import numpy as np

from strikesim.ai import Negotiator, SideDecision
from strikesim.engine import Actions, GameSpec, Move, State, initial_state, observe, step
from strikesim.engine.spec import STUDIO, UNION
from strikesim.scenario import list_scenarios, load_scenario


@cache
def scenario(scenario_id: str) -> GameSpec:
    return load_scenario(scenario_id)


def shipped() -> list[str]:
    return sorted(list_scenarios())


def check_legal(
    spec: GameSpec, decision: SideDecision, obs_masks: tuple[np.ndarray, ...], side: int
) -> None:
    """Assert a decision uses only legal moves, valid offers and own legal pressure."""
    legal_moves, legal_pressure = obs_masks
    batch = legal_moves.shape[0]
    assert decision.move.shape == (batch,)
    assert decision.offer.shape == (batch, len(spec.issues))
    assert decision.pressure.shape == (batch, len(spec.actions))
    assert legal_moves[np.arange(batch), decision.move].all(), "illegal move"
    offering = decision.move == Move.OFFER
    n_levels = np.array([i.n_levels for i in spec.issues])
    assert ((decision.offer[offering] >= 0) & (decision.offer[offering] < n_levels)).all()
    assert not (decision.pressure & ~legal_pressure).any(), "illegal pressure action"
    mine = np.array([a.side == side for a in spec.actions], dtype=bool)
    assert not decision.pressure[:, ~mine].any(), "used the other side's action"


def play(
    spec: GameSpec,
    negotiators: tuple[Negotiator, Negotiator],
    batch: int,
    seed: int,
    campaigns: list[int] | None = None,
) -> tuple[State, list[SideDecision]]:
    """Play to the end, checking every decision; returns the final state and
    the union's and studio's decisions of every week (interleaved)."""
    for neg in negotiators:
        neg.reset(spec, batch, seed, None if campaigns is None else np.asarray(campaigns))
    state = initial_state(spec, batch=batch, seed=seed, campaigns=campaigns)
    decisions: list[SideDecision] = []
    while not state.is_over.all():
        week: list[SideDecision] = []
        for side in (UNION, STUDIO):
            obs = observe(spec, state, side)
            d = negotiators[side].decide(obs)
            check_legal(spec, d, (obs.legal_moves, obs.legal_pressure), side)
            week.append(d)
        decisions.extend(week)
        state, _ = step(spec, state, Actions.from_decisions(*week))
    return state, decisions
