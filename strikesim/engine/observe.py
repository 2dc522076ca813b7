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

import numpy as np

from .namespace import EnginePlan, plan_for, standing_utilities
from .rules import pressure_mask, start_of_week
from .spec import GameSpec
from .state import State

__all__ = ["Observation", "observe"]


@dataclass(frozen=True)
class Observation:
    """One side's view of a batch at the start of a week (arrays are copies)."""

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
    return Observation(
        side=side,
        week=state.week,
        phase=state.phase.copy(),
        outcome=state.outcome.copy(),
        strike_weeks=state.strike_weeks.copy(),
        authorized=state.authorized.copy(),
        variables=_visible_values(spec, plan, start.rows, side),
        offers=state.offers.copy(),
        offer_week=state.offer_week.copy(),
        tentative=state.tentative.copy(),
        contract=state.contract.copy(),
        own_utility=_tables(spec, plan)[side].copy(),
        offer_utility=standing_utilities(plan, state.offers)[:, :, side].copy(),
        legal_moves=start.moves[:, side, :].copy(),
        legal_pressure=pressure.copy(),
        talks_suspended_until=state.suspended_until.copy(),
        ratify_week=state.ratify_week.copy(),
        expiry_week=spec.phases.expiry_week,
        authorization_week=spec.phases.authorization_week,
        max_weeks=spec.phases.max_weeks,
    )


def _visible_values(
    spec: GameSpec, plan: EnginePlan, rows: np.ndarray, side: int
) -> dict[str, np.ndarray]:
    """The side's visible variables: rows of one fresh copy of just those rows."""
    index, ids = _visible(spec, plan)[side]
    return dict(zip(ids, rows[index], strict=True))


def _visible(spec: GameSpec, plan: EnginePlan) -> tuple[tuple[np.ndarray, tuple[str, ...]], ...]:
    """Per side, the rows and ids of the variables it may see."""
    hit = plan.cache.get("visible")
    if hit is None:
        hit = tuple(
            (
                np.array([j for j, v in enumerate(spec.variables) if v.visible_to[side]], np.intp),
                tuple(v.id for v in spec.variables if v.visible_to[side]),
            )
            for side in (0, 1)
        )
        plan.cache["visible"] = hit
    out: tuple[tuple[np.ndarray, tuple[str, ...]], ...] = hit
    return out


def _tables(spec: GameSpec, plan: EnginePlan) -> tuple[np.ndarray, np.ndarray]:
    """Per side, the ``(I, max_levels)`` weighted utility table (read-only)."""
    hit = plan.cache.get("utility_tables")
    if hit is None:
        empty = (np.zeros((0, 1)), np.zeros((0, 1)))
        hit = spec.issue_utility_tables() if spec.issues else empty
        for t in hit:
            t.setflags(write=False)
        plan.cache["utility_tables"] = hit
    out: tuple[np.ndarray, np.ndarray] = hit
    return out
