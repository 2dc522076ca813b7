"""What one side may know in a week: :class:`Observation` and :func:`observe`.

An observation carries the public facts of every campaign in the batch (week,
phase, weeks on strike, standing offers, calendar), the variables the side may
see (``VariableSpec.visible_to``), its own utility table and its legal masks.
The other side's hidden variables and utility table are never included, so a
negotiator or a hot-seat screen built on it cannot leak them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .namespace import PHASE_FLAGS, EnginePlan, plan_for, standing_utilities
from .rules import pressure_mask, start_of_week
from .spec import GameSpec, VariableSpec
from .state import State, frozen_record

__all__ = ["Observation", "observe", "visible_namespace", "visible_rows", "visible_variables"]


@dataclass(frozen=True)
class Observation:
    """One side's view of a batch at the start of a week.

    Its arrays are read-only views of the game (writing to one raises
    ``ValueError``): nobody can change a game through what they observe, and
    nothing is copied (states are never modified, so a view stays as observed).
    """

    side: int
    week: int
    phase: np.ndarray  # (B,) int8 Phase
    outcome: np.ndarray  # (B,) int8 Outcome
    strike_weeks: np.ndarray  # (B,) int32
    authorized: np.ndarray  # (B,) bool
    variables: Mapping[str, np.ndarray]
    """Variables this side may see: id -> (B,) float64."""
    offers: np.ndarray  # (B, 2, I) int16 standing offers of both sides (-1 = none)
    offer_week: np.ndarray  # (B, 2) int32
    tentative: np.ndarray  # (B, I) int16 deal out for ratification (-1 = none)
    contract: np.ndarray  # (B, I) int16 contract in force
    own_utility: np.ndarray
    """(I, max_levels) this side's weighted utility per issue level (NaN padding)."""
    offer_utility: np.ndarray
    """(B, 2) this side's utility of the union's and the studio's standing offer."""
    legal_moves: np.ndarray  # (B, 4) bool, indexed by Move
    legal_pressure: np.ndarray  # (B, A) bool (only this side's actions can be true)
    talks_suspended_until: np.ndarray  # (B,) int32
    ratify_week: np.ndarray  # (B,) int32
    expiry_week: int
    authorization_week: int
    max_weeks: int

    @property
    def batch(self) -> int:
        return int(self.phase.shape[0])

    @property
    def weeks_left(self) -> int:
        """Weeks until the scenario's deadline (``max_weeks``)."""
        return max(self.max_weeks - self.week, 0)


def observe(spec: GameSpec, state: State, side: int) -> Observation:
    """The :class:`Observation` of ``side`` (0 union, 1 studio) of ``state``."""
    if side not in (0, 1):
        raise ValueError(f"side must be 0 (union) or 1 (studio), got {side!r}")
    plan = plan_for(spec)
    start = start_of_week(spec, plan, state)
    pressure = start.pressure.get(side)
    if pressure is None:
        with np.errstate(all="ignore"):
            pressure = pressure_mask(spec, plan, state, start.ns, side)
        start.pressure[side] = pressure
    if not start.public:  # the same facts for both sides: made once per state
        start.public.update(
            week=state.week,
            phase=_read_only(state.phase),
            outcome=_read_only(state.outcome),
            strike_weeks=_read_only(state.strike_weeks),
            authorized=_read_only(state.authorized),
            offers=_read_only(state.offers),
            offer_week=_read_only(state.offer_week),
            tentative=_read_only(state.tentative),
            contract=_read_only(state.contract),
            talks_suspended_until=_read_only(state.suspended_until),
            ratify_week=_read_only(state.ratify_week),
            expiry_week=spec.phases.expiry_week,
            authorization_week=spec.phases.authorization_week,
            max_weeks=spec.phases.max_weeks,
        )
    return frozen_record(
        Observation,
        dict(
            start.public,
            side=side,
            variables=_visible_values(plan, start.rows, side),
            own_utility=plan.utility_tables[side],
            offer_utility=_read_only(standing_utilities(plan, state.offers)[:, :, side]),
            legal_moves=_read_only(start.moves[:, side, :]),
            legal_pressure=_read_only(pressure),
        ),
    )


def _read_only(array: np.ndarray) -> np.ndarray:
    """A view of ``array`` that cannot be written through."""
    view = array.view()
    view.setflags(write=False)
    return view


VIEW_MIN_BATCH = 256
"""Batches from this size show their variables as read-only views of the
state's rows; smaller ones as rows of one copy (a view each costs more than
copying a few small rows)."""


def _visible_values(plan: EnginePlan, rows: np.ndarray, side: int) -> dict[str, np.ndarray]:
    """The side's visible variables: read-only ``(B,)`` rows of the state's values
    ``rows`` ``(V, B)`` (never written: states are not modified), or of a copy."""
    names, index = plan.shown[side]
    if rows.shape[1] >= VIEW_MIN_BATCH:
        return {name: _read_only(rows[j]) for name, j in zip(names, index.tolist(), strict=True)}
    picked = rows.take(index, axis=0)
    picked.setflags(write=False)
    return dict(zip(names, picked, strict=True))


def visible_namespace(spec: GameSpec, obs: Observation) -> dict[str, Any]:
    """What the observing side's formulas may read: parameters, the variables
    it may see and the public builtins (week, phase flags, weeks on strike,
    authorisation, suspended talks, members). Entries are ``(B,)`` arrays."""
    plan = plan_for(spec)
    ns: dict[str, Any] = dict(plan.params)
    ns.update(obs.variables)
    ns["week"] = float(obs.week)
    ns["strike_weeks"] = obs.strike_weeks.astype(np.float64)
    # (3, B): one lookup for the three phase flags
    flags = PHASE_FLAGS.take(obs.phase, axis=1)  # (faster than fancy indexing)
    ns["is_talks"], ns["is_striking"], ns["is_ratification"] = flags
    ns["authorized"] = obs.authorized.astype(np.float64)
    ns["talks_suspended"] = (obs.week < obs.talks_suspended_until).astype(np.float64)
    ns["members"] = plan.members
    return ns


def visible_rows(spec: GameSpec, side: int) -> tuple[int, ...]:
    """Indices (into ``spec.variables`` and a state's value columns) of the
    variables ``side`` may see: the one visibility filter."""
    return tuple(j for j, name in enumerate(plan_for(spec).visible[side]) if name)


def visible_variables(spec: GameSpec, side: int) -> tuple[VariableSpec, ...]:
    """The variables ``side`` may see, in scenario order."""
    return tuple(spec.variables[j] for j in visible_rows(spec, side))
