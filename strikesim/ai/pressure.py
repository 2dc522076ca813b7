"""Choosing pressure actions from the state.

Each of a side's actions is valued by what its effects and costs do to the
variables, evaluated with the action's own formulas in this week's visible
namespace: ``value = sum_v side_sign(v) * change_v / scale_v * weight_v``.

* ``side_sign`` says whether a higher value of the variable helps this side
  (the table below for the built-in variables; scenario variables owned by a
  side count as that side's assets, others are ignored);
* ``scale`` makes changes comparable (share-like variables by 1, money and
  stocks by their starting size);
* ``weight`` is where the state comes in: the side's own resources weigh more
  as they run down (spending the last of the strike fund hurts), public
  messages weigh with current public support for the side (a picket line
  works when the public is listening), AI moves weigh with AI capability.

An action is taken when it is legal and its value clears the personality's
``pressure_threshold``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from strikesim.engine.spec import UNION, Effect, GameSpec

UNION_GOOD: Mapping[str, float] = {
    "strike_fund": 1.0,
    "solidarity": 1.0,
    "hardship": -1.0,
    "strike_fatigue": -0.5,
    "members_working": -0.5,
    "public_support_union": 1.0,
    "public_support_studio": -1.0,
    "opinion_shift": 1.0,
    "studio_cash": -0.5,
    "content_stock": -1.0,
    "content_drought": 1.0,
    "subscribers": -1.0,
    "churn": 1.0,
    "share_price": -0.5,
    "ai_investment": -0.5,
    "ai_orders": -0.5,
    "ai_capability": -0.5,
    "ai_adoption": -1.0,
    "digital_replicas": -1.0,
    "jobs_displaced": -1.0,
}
"""+1: a higher value helps the union (and hurts the studio); -1 the reverse."""

PUBLIC = frozenset({"opinion_shift", "public_support_union", "public_support_studio"})
AI_VARS = frozenset({"ai_investment", "ai_orders", "ai_capability", "ai_adoption"})


def side_signs(spec: GameSpec, side: int) -> np.ndarray:
    """(V,) how much a unit rise of each variable helps ``side`` (0 = ignored)."""
    flip = 1.0 if side == UNION else -1.0
    signs = np.zeros(len(spec.variables))
    for i, var in enumerate(spec.variables):
        if var.id in UNION_GOOD:
            signs[i] = flip * UNION_GOOD[var.id]
        elif var.owner in ("union", "studio"):
            signs[i] = 1.0 if (var.owner == "union") == (side == UNION) else 0.0
    return signs


def scales(spec: GameSpec) -> np.ndarray:
    """(V,) the size of a "whole" change of each variable."""
    out = np.ones(len(spec.variables))
    for i, var in enumerate(spec.variables):
        bounded = var.lo is not None and var.hi is not None and var.hi - var.lo <= 2.0
        out[i] = 1.0 if bounded else max(abs(var.initial), 1.0)
    return out


def _change(effect: Effect, ns: Mapping[str, object], current: np.ndarray) -> np.ndarray:
    try:
        amount = np.asarray(effect.value(ns), dtype=np.float64)
    except (KeyError, ValueError, ZeroDivisionError, FloatingPointError, TypeError):
        return np.zeros_like(current)
    amount = np.nan_to_num(np.broadcast_to(amount, current.shape), nan=0.0)
    if effect.op == "add":
        return np.asarray(amount)
    if effect.op == "mul":
        return current * (amount - 1.0)
    return np.asarray(amount - current)


class PressurePolicy:
    """One side's pressure choices; the per-spec tables are built once."""

    def __init__(self, spec: GameSpec, side: int, threshold: float = 0.0) -> None:
        self.spec = spec
        self.side = side
        self.threshold = threshold
        self.signs = side_signs(spec, side)
        self.scales = scales(spec)
        self.support_id = "public_support_union" if side == UNION else "public_support_studio"
        vidx = spec.var_index
        self.actions: list[tuple[int, list[tuple[int, Effect]]]] = []
        for j, action in enumerate(spec.actions):
            if action.side != side:
                continue
            effects = [
                (vidx[e.target], e)
                for e in (*action.cost, *action.effects)
                if e.target in vidx and self.signs[vidx[e.target]] != 0.0
            ]
            self.actions.append((j, effects))

    def values(
        self, ns: Mapping[str, object], batch: int, cols: list[int] | None = None
    ) -> tuple[np.ndarray, list[str]]:
        """Value ``(B, a)`` of each of the side's actions (only columns ``cols``
        are computed when given; the others stay 0) and, per action, the
        variable that drives its value the most, signed by the direction the
        action moves it (``"+solidarity"``, ``"-content_stock"``; for explanations)."""
        spec = self.spec
        support = np.asarray(ns.get(self.support_id, 0.5), dtype=np.float64)
        capability = np.asarray(ns.get("ai_capability", 0.3), dtype=np.float64)
        values = np.zeros((batch, len(self.actions)))
        drivers: list[str] = []
        wanted = set(range(len(self.actions)) if cols is None else cols)
        for col, (_, effects) in enumerate(self.actions):
            best, best_abs = "", -1.0
            if col not in wanted:
                drivers.append(best)
                continue
            for i, effect in effects:
                var = spec.variables[i]
                current = np.broadcast_to(
                    np.asarray(ns.get(effect.target, var.initial), dtype=np.float64), (batch,)
                )
                delta = _change(effect, ns, current) / self.scales[i]
                weight: np.ndarray | float = 1.0
                if self.signs[i] > 0 and delta.mean() < 0:
                    # spending an asset of our own: dearer as it runs down
                    start = max(abs(var.initial), 1e-6)
                    weight = np.clip(start / np.maximum(np.abs(current), start / 5.0), 1.0, 5.0)
                if effect.target in PUBLIC:
                    weight = weight * 2.0 * support
                if effect.target in AI_VARS and self.side != UNION:
                    weight = weight * (0.5 + capability)
                contribution = self.signs[i] * delta * weight
                values[:, col] += contribution
                size = float(np.abs(contribution).mean())
                if size > best_abs:
                    rising = float(delta.mean()) >= 0
                    best, best_abs = f"{'+' if rising else '-'}{effect.target}", size
            drivers.append(best)
        return values, drivers

    def choose(self, ns: Mapping[str, object], legal: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """(B, A) bool pressure actions to take, and each action's main driver
        (``""`` for actions not valued)."""
        batch = legal.shape[0]
        chosen = np.zeros((batch, len(self.spec.actions)), dtype=bool)
        drivers = [""] * len(self.spec.actions)
        cols = [c for c, (j, _) in enumerate(self.actions) if legal[:, j].any()]
        if not cols:
            return chosen, drivers
        values, driver_ids = self.values(ns, batch, cols)
        for col in cols:
            j = self.actions[col][0]
            chosen[:, j] = legal[:, j] & (values[:, col] > self.threshold)
            drivers[j] = driver_ids[col]
        return chosen, drivers
