"""Who may do what in a week: legal table moves and pressure actions.

Both masks are functions of the state at the start of the week only (never of
this week's random events), so a negotiator that picks from them can never be
refused by :func:`strikesim.engine.step`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import codes as C
from .mathfn import some
from .namespace import (
    EnginePlan,
    build_namespace,
    next_week_namespace,
    plan_for,
    standing_utilities,
)
from .spec import SIDES, UNION, GameSpec, Namespace
from .state import State, frozen_record

__all__ = [
    "ONE_FALSE",
    "ONE_TRUE",
    "WeekStart",
    "below_rejected",
    "legal_moves",
    "legal_pressure",
    "moves_mask",
    "pressure_mask",
    "remember_start",
    "remembered_start",
    "start_of_week",
    "truthy",
]  # fmt: skip


ONE_TRUE, ONE_FALSE = np.ones(1, bool), np.zeros(1, bool)
"""Read-only ``(1,)`` masks: a batch of one's only campaign, and none of it."""
ONE_TRUE.setflags(write=False)
ONE_FALSE.setflags(write=False)


def truthy(x: Any, batch: int) -> np.ndarray:
    """A formula result as a ``(batch,)`` bool array (non-zero = true), possibly
    read-only (a batch of one gets a shared constant)."""
    if isinstance(x, np.ndarray):
        if x.dtype == np.bool_ and x.shape == (batch,):
            return x
        if x.ndim == 0:
            x = x[()]
    if isinstance(x, bool | float | int | np.bool_ | np.number):  # a scalar namespace's
        if batch == 1:
            return ONE_TRUE if x else ONE_FALSE
        return np.ones(batch, bool) if x else np.zeros(batch, bool)
    c: np.ndarray = np.asarray(np.asarray(x) != 0)
    if c.shape == (batch,):
        return c
    return np.full(batch, c) if c.ndim == 0 else np.broadcast_to(c, (batch,))


def moves_mask(state: State, plan: EnginePlan | None = None) -> np.ndarray:
    """``(B, 2, 4)`` bool: side ``s`` may make move ``m`` (indexed by :class:`Move`).

    With ``plan``: after the members voted a deal down, accepting an offer that gives
    them no more than the rejected deal is not allowed (docs/model.md §4)."""
    b = state.batch
    # 0 away from the table, 1 at it, 2 at it with the other side's offer standing
    standing: Any
    if b == 1:  # the same numbers from Python values
        at = (
            state.outcome[0] == 0
            and state.phase[0] in (C.PHASE_TALKS, C.PHASE_STRIKE)
            and state.week >= state.suspended_until[0]
        )
        held = state.offers[0, :, 0].tolist() if state.offers.shape[2] else [-1, -1]
        standing = [[(1 + (held[1] >= 0)) * at, (1 + (held[0] >= 0)) * at]]
    else:
        at_table = (
            (state.outcome == 0)
            & ((state.phase == C.PHASE_TALKS) | (state.phase == C.PHASE_STRIKE))
            & (state.week >= state.suspended_until)
        )
        has_offer = state.offers[:, :, 0] >= 0 if state.offers.shape[2] else np.zeros((b, 2), bool)
        standing = at_table[:, None] * (1 + has_offer[:, ::-1])
    mask: np.ndarray = _MOVES_BY_STANDING.take(standing, axis=0)
    if plan is not None and plan.rejected_row >= 0:
        bar = state.values[:, plan.rejected_row]
        if some(bar >= 0):
            u = standing_utilities(plan, state.offers)[:, :, UNION]  # (B, offer of side)
            # the union accepts the studio's offer (column 1), the studio the union's (0)
            mask[:, :, C.MOVE_ACCEPT] &= u[:, ::-1] > bar[:, None] + 1e-9
    return mask


def below_rejected(plan: EnginePlan, state: State, row: int, side: int) -> bool:
    """Whether ``side`` may not accept in ``row`` because the other side's offer gives
    the members no more than the deal they voted down."""
    if plan.rejected_row < 0:
        return False
    bar = float(state.values[row, plan.rejected_row])
    if bar < 0:
        return False
    u = standing_utilities(plan, state.offers[row : row + 1])[0, 1 - side, UNION]
    return bool(u <= bar + 1e-9)


_MOVES_BY_STANDING = np.zeros((3, 4), bool)
"""Legal moves (indexed by :class:`Move`) by a side's standing at the table."""
_MOVES_BY_STANDING[:, C.MOVE_HOLD] = True
_MOVES_BY_STANDING[1:, C.MOVE_OFFER] = _MOVES_BY_STANDING[1:, C.MOVE_WALK_OUT] = True
_MOVES_BY_STANDING[2, C.MOVE_ACCEPT] = True
_MOVES_BY_STANDING.setflags(write=False)


@dataclass(frozen=True, eq=False)
class WeekStart:
    """What the start of a week's state looks like to the rules (never modified
    by its users, except that observations fill ``pressure`` side by side)."""

    ns: Namespace
    moves: np.ndarray  # (B, 2, 4) moves_mask
    rows: np.ndarray  # (V, B) values
    pressure: dict[int, np.ndarray] = field(default_factory=dict)
    """Side -> ``pressure_mask(..., side)`` once an observation computed it."""
    public: dict[str, Any] = field(default_factory=dict)
    """The read-only fields both sides' observations share, once one made them."""


def start_of_week(spec: GameSpec, plan: EnginePlan, state: State) -> WeekStart:
    """The namespace, :func:`moves_mask` and ``(V, B)`` values of ``state``.

    Both sides' observations and the step of the same state need them, so the
    answer for the last state asked about is remembered (by identity; states
    are never mutated).
    """
    hit = remembered_start(plan, state)
    if hit is not None:
        return hit
    rows = np.ascontiguousarray(state.values.T)
    start = WeekStart(build_namespace(spec, plan, state, rows), moves_mask(state, plan), rows)
    plan.memo.remember_start(state, start)
    return start


def remember_start(plan: EnginePlan, state: State, rows: np.ndarray, base: Namespace) -> None:
    """Remember :func:`start_of_week` of a state just made by a step: ``rows`` is
    its ``(V, B)`` values, ``base`` the step's final namespace of them (the
    state a week earlier; see :func:`next_week_namespace`)."""
    ns = next_week_namespace(base, state)
    start = frozen_record(  # (a frozen dataclass's __init__ costs more than a week's masks)
        WeekStart, dict(ns=ns, moves=moves_mask(state, plan), rows=rows, pressure={}, public={})
    )
    plan.memo.remember_start(state, start)


def remembered_start(plan: EnginePlan, state: State) -> WeekStart | None:
    """What :func:`start_of_week` remembers for ``state``, or None."""
    return plan.memo.start_for(state)


def pressure_mask(
    spec: GameSpec, plan: EnginePlan, state: State, ns: Namespace,
    side: int | None = None, only: np.ndarray | None = None,
) -> np.ndarray:  # fmt: skip
    """``(B, A)`` bool: the action's condition holds, its cooldown is over and the
    campaign is live. ``ns`` is the start-of-week namespace of ``state``. With
    ``side``, the other side's actions are left false (and not evaluated); with
    ``only`` (``(A,)`` bool), so are actions outside it. Conditions run
    unguarded: call inside ``np.errstate(all="ignore")``."""
    b = state.batch
    if b == 1:
        return _pressure_row(plan, state, ns, len(spec.actions), side, only)
    live = state.outcome == 0
    if not some(live):
        return np.zeros((b, len(spec.actions)), dtype=bool)
    mask: np.ndarray = (state.cooldown == 0) & live[:, None]  # ready, then narrowed in place
    tested: Sequence[int] = range(len(spec.actions))
    if side is not None:
        mask[:, plan.side_actions[1 - side]] = False
        tested = plan.side_actions[side].tolist()
    for a in tested:
        if only is not None and not only[a]:
            mask[:, a] = False
            continue
        condition = plan.action_conditions[a]
        if condition is not None and some(mask[:, a]):
            mask[:, a] &= truthy(condition(ns), b)
    return mask


def _pressure_row(
    plan: EnginePlan, state: State, ns: Namespace, n_actions: int,
    side: int | None, only: np.ndarray | None,
) -> np.ndarray:  # fmt: skip
    """:func:`pressure_mask` of a batch of one: the same ``(1, A)`` answer, worked
    out on Python values action by action."""
    row = [False] * n_actions
    if state.outcome[0] == 0:
        cooling = state.cooldown[0].tolist()
        tested = range(n_actions) if side is None else plan.side_actions[side].tolist()
        for a in tested:
            if cooling[a] == 0 and (only is None or only[a]):
                condition = plan.action_conditions[a]
                row[a] = condition is None or bool(truthy(condition(ns), 1)[0])
    return np.array([row], dtype=bool)


def legal_moves(spec: GameSpec, state: State, side: int) -> np.ndarray:
    """``(B, 4)`` bool mask of the table moves ``side`` may make this week.

    HOLD is always legal; OFFER and WALK_OUT need a live campaign in talks or on
    strike with talks not suspended; ACCEPT also needs the other side's
    standing offer.
    """
    if side not in (0, 1):
        raise ValueError(f"side must be 0 (union) or 1 (studio), got {side!r}")
    return moves_mask(state, plan_for(spec))[:, side, :]


def legal_pressure(spec: GameSpec, state: State) -> np.ndarray:
    """``(B, A)`` bool mask of the pressure actions that may be taken this week
    (each action belongs to ``spec.actions[a].side``)."""
    plan = plan_for(spec)
    rows = np.ascontiguousarray(state.values.T)
    ns = build_namespace(spec, plan, state, rows)
    with np.errstate(all="ignore"):
        return pressure_mask(spec, plan, state, ns)


def side_name(side: int) -> str:
    return SIDES[side]
