"""Checking a week's requested actions before anything changes."""

from __future__ import annotations

import numpy as np

from . import codes as C
from .mathfn import every, some
from .namespace import EnginePlan
from .rules import below_rejected, moves_mask, pressure_mask
from .spec import SIDES, GameSpec, Namespace
from .state import Actions, IllegalAction, Move, State

__all__ = ["check_actions", "check_pressure", "illegal"]


def illegal(state: State, row: int, side: int, what: str, why: str) -> IllegalAction:
    """The error for one refused action, naming the campaign row, week and side."""
    return IllegalAction(
        f"campaign row {row} (id {int(state.campaign[row])}), week {state.week}: "
        f"{SIDES[side]} cannot {what}: {why}"
    )


def check_actions(
    spec: GameSpec, plan: EnginePlan, state: State, actions: Actions,
    allowed: np.ndarray | None = None,
) -> None:  # fmt: skip
    """Raise :class:`IllegalAction` for wrong shapes, unknown or illegal table
    moves, or offers with a level outside an issue's levels (``allowed`` is
    ``moves_mask(state)`` when the caller has it)."""
    b, n_i, n_a = state.batch, len(spec.issues), len(spec.actions)
    shapes = (
        ("move", actions.move, (b, 2)),
        ("offer", actions.offer, (b, 2, n_i)),
        ("pressure", actions.pressure, (b, n_a)),
    )
    for name, arr, shape in shapes:
        if np.shape(arr) != shape:
            raise IllegalAction(f"actions.{name} has shape {np.shape(arr)}, expected {shape}")
    move = np.asarray(actions.move)
    if not some(move):  # every side holds, which is always legal
        return
    if some((move < 0) | (move > 3)):
        row, side = (int(x[0]) for x in np.nonzero((move < 0) | (move > 3)))
        raise illegal(state, row, side, f"make move {int(move[row, side])}", "no such move")
    if allowed is None:
        allowed = moves_mask(state, plan)
    # each (row, side)'s requested move looked up in its row of the mask (HOLD is always legal)
    ok = allowed.reshape(-1).take(move.reshape(-1).astype(np.intp) + np.arange(0, 8 * b, 4))
    if not every(ok):
        row, side = divmod(int(np.flatnonzero(~ok)[0]), 2)
        m = Move(int(move[row, side]))
        if state.outcome[row] != C.OUTCOME_ONGOING:
            why = "the campaign has ended"
        elif state.phase[row] == C.PHASE_RATIFICATION:
            why = "a tentative deal is out for ratification"
        elif state.week < state.suspended_until[row]:
            why = f"talks are suspended until week {int(state.suspended_until[row])}"
        elif m == Move.ACCEPT and below_rejected(plan, state, row, side):
            why = (
                "the members voted down a deal at least as good for them; a new deal must "
                "give them more"
            )
        else:
            why = f"the {SIDES[1 - side]} has no standing offer"
        raise illegal(state, row, side, m.name, why)
    offering = move == C.MOVE_OFFER
    if some(offering):
        posting = np.flatnonzero(offering)  # (row, side) pairs, flat
        off = np.asarray(actions.offer).reshape(-1, n_i)[posting]
        bad = (off < 0) | (off >= plan.n_levels16)
        if some(bad):
            k, i = (int(x[0]) for x in np.nonzero(bad))
            row, side = divmod(int(posting[k]), 2)
            raise illegal(
                state, row, side, "OFFER",
                f"level {int(off[k, i])} of issue {spec.issues[i].id!r} is not one of "
                f"its {int(plan.n_levels[i])} levels",
            )  # fmt: skip


def check_pressure(
    spec: GameSpec, plan: EnginePlan, state: State, ns: Namespace, pressure: np.ndarray,
    legal: np.ndarray | None = None,
) -> None:  # fmt: skip
    """Raise :class:`IllegalAction` for a requested pressure action that is not
    legal on the start-of-week state (``ns`` is its namespace; ``legal`` its
    full ``pressure_mask`` when the caller has it)."""
    if not some(pressure):
        return
    if legal is None:
        legal = pressure_mask(spec, plan, state, ns, only=np.asarray(pressure.any(axis=0)))
    bad = pressure & ~legal
    if some(bad):
        row, a = (int(x[0]) for x in np.nonzero(bad))
        act = spec.actions[a]
        if state.outcome[row] != C.OUTCOME_ONGOING:
            why = "the campaign has ended"
        elif state.cooldown[row, a] > 0:
            why = f"it is cooling down for {int(state.cooldown[row, a])} more week(s)"
        else:
            why = "its condition does not hold"
        raise illegal(state, row, act.side, f"take action {act.id!r}", why)
