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

import math
import sys
import weakref
from collections.abc import Mapping
from typing import Any

import numpy as np

from strikesim.engine.mathfn import clip
from strikesim.engine.namespace import plan_for
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
    """One side's pressure choices; the per-spec tables are built once.

    Every (action, effect) pair the side cares about is one column ``e`` of
    flat per-spec tables (variable, operation, sign, scale, state weights);
    effects whose formula reads no names are evaluated once here, so a week
    costs a few array operations over ``(B, E)`` whatever the batch size.
    """

    def __init__(self, spec: GameSpec, side: int, threshold: float = 0.0) -> None:
        self._spec = weakref.ref(spec)  # policies are cached on the spec's engine plan
        self.n_actions = len(spec.actions)
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
        flat = [(col, i, e) for col, (_, effs) in enumerate(self.actions) for i, e in effs]
        self._effects = [e for _, _, e in flat]
        self._col = np.array([c for c, _, _ in flat], dtype=np.intp)
        """(E,) action column of each effect (effects of one action are adjacent)."""
        var_i = [i for _, i, _ in flat]
        self._initial = np.array([spec.variables[i].initial for i in var_i], dtype=np.float64)
        self._sign = self.signs[var_i] if flat else np.zeros(0)
        self._scale = self.scales[var_i] if flat else np.ones(0)
        self._own = self._sign > 0
        self._start = np.maximum(np.abs(self._initial), 1e-6)
        self._public = np.array([e.target in PUBLIC for e in self._effects], dtype=bool)
        self._ai = np.array(
            [e.target in AI_VARS and side != UNION for e in self._effects], dtype=bool
        )
        self._op = [e.op for e in self._effects]
        self._const: list[float | None] = [_constant(e) for e in self._effects]
        # a constant "add" moves its variable by the same amount in every
        # campaign: its scaled change is known now
        # per-effect scalars as Python lists: cheaper to read one at a time
        self._col_list: list[int] = self._col.tolist()
        self._flags: list[tuple[bool, bool, bool]] = list(
            zip(self._own.tolist(), self._public.tolist(), self._ai.tolist(), strict=True)
        )
        self._sign_list: list[float] = np.asarray(self._sign, dtype=np.float64).tolist()
        self._start_list: list[float] = self._start.tolist()
        self._fixed: list[float | None] = [
            c / float(self._scale[k]) if c is not None and self._op[k] == "add" else None
            for k, c in enumerate(self._const)
        ]

    @property
    def spec(self) -> GameSpec:
        """The scenario (held weakly: the policy must not keep it alive)."""
        spec = self._spec()
        if spec is None:
            raise ReferenceError("the policy's scenario no longer exists")
        return spec

    def values(
        self, ns: Mapping[str, object], batch: int, cols: list[int] | None = None
    ) -> tuple[np.ndarray, list[str]]:
        """Value ``(B, a)`` of each of the side's actions (only columns ``cols``
        are computed when given; the others stay 0) and, per action, the
        variable that drives its value the most, signed by the direction the
        action moves it (``"+solidarity"``, ``"-content_stock"``; for explanations)."""
        values_t, drivers = self.values_t(ns, batch, cols)
        return values_t.T, drivers

    def values_t(
        self, ns: Mapping[str, object], batch: int, cols: list[int] | None = None
    ) -> tuple[np.ndarray, list[str]]:
        """Like :meth:`values` with the values transposed, ``(a, B)``."""
        n_act = len(self.actions)
        values = np.zeros((n_act, batch))
        drivers = [""] * n_act
        wanted = np.zeros(n_act, dtype=bool)
        wanted[list(range(n_act)) if cols is None else cols] = True
        support: np.ndarray | None = None
        capability: np.ndarray | None = None
        total: Any = None  # (B,) array or float: the current action's value so far
        col, best, best_size = -1, "", -1.0
        for e in np.flatnonzero(wanted[self._col]).tolist():
            effect = self._effects[e]
            fixed = self._fixed[e]
            own, public, ai = self._flags[e]
            current = None
            if fixed is None or (own and fixed < 0):
                current = np.asarray(ns.get(effect.target, self._initial[e]), dtype=np.float64)
                if current.shape != (batch,):
                    current = np.broadcast_to(current, (batch,))
            if fixed is not None:
                delta: np.ndarray | float = fixed
                mean = fixed
            else:
                assert current is not None
                moved = self._delta(e, ns, current) / self._scale[e]
                mean = float(moved.mean())
                delta = moved
            weight: np.ndarray | float = 1.0
            if own and mean < 0:
                # spending an asset of our own: dearer as it runs down
                assert current is not None
                start = self._start_list[e]
                weight = clip(start / np.maximum(np.abs(current), start / 5.0), 1.0, 5.0)
            if public:
                if support is None:
                    support = np.asarray(ns.get(self.support_id, 0.5), dtype=np.float64)
                weight = weight * 2.0 * support
            if ai:
                if capability is None:
                    capability = np.asarray(ns.get("ai_capability", 0.3), dtype=np.float64)
                weight = weight * (0.5 + capability)
            contribution = self._sign_list[e] * delta * weight
            c = self._col_list[e]
            if c != col:
                if col >= 0:
                    values[col] = total
                    drivers[col] = best
                col, total, best, best_size = c, contribution, "", -1.0
            else:
                total = total + contribution
            if isinstance(contribution, float):
                size = abs(contribution)
            else:
                # the mean of |contribution| (sum / count, as ndarray.mean)
                magnitude = np.abs(contribution)
                size = float(np.add.reduce(magnitude, axis=None)) / magnitude.size
            if size > best_size:
                best, best_size = f"{'+' if mean >= 0 else '-'}{effect.target}", size
        if col >= 0:
            values[col] = total
            drivers[col] = best
        return values, drivers

    def _delta(self, e: int, ns: Mapping[str, object], current: np.ndarray) -> np.ndarray:
        """(B,) change effect ``e`` makes to its variable (unscaled)."""
        const = self._const[e]
        if const is None:
            return _change(self._effects[e], ns, current)
        if self._op[e] == "mul":
            return np.asarray(current * (const - 1.0))
        return np.asarray(const - current)

    def choose(self, ns: Mapping[str, object], legal: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """(B, A) bool pressure actions to take, and each action's main driver
        (``""`` for actions not valued)."""
        batch = legal.shape[0]
        chosen = np.zeros((self.n_actions, batch), dtype=bool)
        drivers = [""] * self.n_actions
        own = [j for j, _ in self.actions]
        any_legal = legal[:, own].any(axis=0) if own else np.zeros(0, dtype=bool)
        cols = np.flatnonzero(any_legal).tolist()
        if not cols:
            return chosen.T, drivers
        values, driver_ids = self.values_t(ns, batch, cols)
        js = [own[c] for c in cols]
        chosen[js] = legal[:, js].T & (values[cols] > self.threshold)
        for c, j in zip(cols, js, strict=True):
            drivers[j] = driver_ids[c]
        return chosen.T, drivers


def pressure_policy(spec: GameSpec, side: int, threshold: float = 0.0) -> PressurePolicy:
    """The :class:`PressurePolicy` of ``(spec, side, threshold)``, built once per
    scenario and shared (a policy holds no per-game state)."""
    cache = plan_for(spec).cache
    key = f"pressure_policy/{side}/{float(threshold)!r}"
    policy = cache.get(key)
    if not isinstance(policy, PressurePolicy):
        policy = PressurePolicy(spec, side, threshold)
        cache[key] = policy
    return policy


def _constant(effect: Effect) -> float | None:
    """The value of an effect whose formula reads no names (None otherwise)."""
    if effect.value.names:
        return None
    try:
        value = np.asarray(effect.value({}), dtype=np.float64)
    except (KeyError, ValueError, ZeroDivisionError, FloatingPointError, TypeError):
        return 0.0
    if value.ndim != 0:
        return None
    x = float(value)  # as np.nan_to_num(value, nan=0.0), without its overhead
    if math.isnan(x):
        return 0.0
    if math.isinf(x):
        return math.copysign(sys.float_info.max, x)
    return x
