"""Choosing pressure actions from the state.

Each of a side's actions is valued by what its effects and costs do to the
variables, evaluated with the action's own formulas in this week's visible
namespace: ``value = sum_v side_sign(v) * change_v / scale_v * weight_v``.

* ``side_sign`` says whether a higher value of the variable helps this side
  (the table below for the built-in variables; scenario variables owned by a
  side count as that side's assets; a variable the scenario marks ``favours``, a
  lever it adds, counts for the side it helps when the negotiator reads the
  scenario's levers (hard and expert, docs/model.md §6); others are ignored);
* ``scale`` makes changes comparable (share-like variables by 1, money and
  stocks by their starting size);
* ``weight`` is where the state comes in: the side's own resources weigh more
  as they run down (spending the last of the strike fund hurts), public
  messages weigh with current public support for the side (a picket line
  works when the public is listening), AI moves weigh with AI capability.

An action is taken when it is legal and its value clears the personality's
``pressure_threshold``, and never while the members vote on a tentative deal: the
table is closed then, and a negotiator waits for the result.
"""

from __future__ import annotations

import math
import sys
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from strikesim.engine.mathfn import clip, mean_of, some
from strikesim.engine.memo import remembered
from strikesim.engine.spec import UNION, Effect, GameSpec, Namespace

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


def side_signs(spec: GameSpec, side: int, levers: bool = False) -> np.ndarray:
    """(V,) how much a unit rise of each variable helps ``side`` (0 = ignored);
    ``levers``: the variables the scenario marks ``favours`` count too."""
    flip = 1.0 if side == UNION else -1.0
    signs = np.zeros(len(spec.variables))
    for i, var in enumerate(spec.variables):
        if var.id in UNION_GOOD:
            signs[i] = flip * UNION_GOOD[var.id]
        elif levers and var.favours != "neutral":
            signs[i] = 1.0 if (var.favours == "union") == (side == UNION) else -1.0
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


def _change(effect: Effect, ns: Namespace, current: np.ndarray) -> np.ndarray:
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


@dataclass(frozen=True, slots=True)
class _Term:
    """One (action, effect) pair a side values, with what is known per spec."""

    index: int  # column of the policy's flat effect tables
    col: int  # the action's column among the side's actions
    target: str  # the variable it moves
    fixed: float | None  # scaled change of a constant "add" (None: evaluate)
    signed: float | None  # side sign * fixed
    spends: bool  # may spend one of the side's own assets (weighted by what is left)
    public: bool  # weighs with public support for the side
    ai: bool  # weighs with AI capability (studio)
    sign: float
    start: float  # |initial| (at least 1e-6): the asset's starting size
    initial: float  # value when the namespace lacks the variable
    label: str  # the driver label for a fixed change


class PressurePolicy:
    """One side's pressure choices; the per-spec tables are built once.

    Every (action, effect) pair the side cares about is one column ``e`` of
    flat per-spec tables (variable, operation, sign, scale, state weights);
    effects whose formula reads no names are evaluated once here, so a week
    costs a few array operations over ``(B, E)`` whatever the batch size.
    """

    def __init__(
        self, spec: GameSpec, side: int, threshold: float = 0.0, levers: bool = False
    ) -> None:
        self._spec = weakref.ref(spec)  # policies are remembered with the spec
        self.n_actions = len(spec.actions)
        self.side = side
        self.threshold = threshold
        self.signs = side_signs(spec, side, levers)
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
        self._own_actions: list[int] = [j for j, _ in self.actions]
        self._own_index = np.array(self._own_actions, dtype=np.intp)
        self._plans: dict[tuple[int, ...], list[_Term]] = {}
        """Per set of valued action columns, the terms to add up (built on first use)."""
        self._terms = [self._term(k, col) for k, col in enumerate(self._col.tolist())]

    def _term(self, k: int, col: int) -> _Term:
        """Effect ``k``'s per-spec record (see :class:`_Term`)."""
        effect, const = self._effects[k], self._const[k]
        own, public, ai = bool(self._own[k]), bool(self._public[k]), bool(self._ai[k])
        sign = float(self._sign[k])
        # a constant "add" moves its variable by the same amount in every
        # campaign: its scaled change is known now
        fixed = (
            const / float(self._scale[k]) if const is not None and self._op[k] == "add" else None
        )
        return _Term(
            index=k,
            col=col,
            target=effect.target,
            fixed=fixed,
            signed=None if fixed is None else sign * fixed,
            spends=own and (fixed is None or fixed < 0),
            public=public,
            ai=ai,
            sign=sign,
            start=float(self._start[k]),
            initial=float(self._initial[k]),
            label=f"{'+' if fixed is None or fixed >= 0 else '-'}{effect.target}",
        )

    @property
    def spec(self) -> GameSpec:
        """The scenario (held weakly: the policy must not keep it alive)."""
        spec = self._spec()
        if spec is None:
            raise ReferenceError("the policy's scenario no longer exists")
        return spec

    def values(
        self, ns: Namespace, batch: int, cols: list[int] | None = None
    ) -> tuple[np.ndarray, list[str]]:
        """Value ``(B, a)`` of each of the side's actions (only columns ``cols``
        are computed when given; the others stay 0) and, per action, the
        variable that drives its value the most, signed by the direction the
        action moves it (``"+solidarity"``, ``"-content_stock"``; for explanations)."""
        values_t, drivers = self.values_t(ns, batch, cols)
        return values_t.T, drivers

    def values_t(
        self, ns: Namespace, batch: int, cols: list[int] | None = None
    ) -> tuple[np.ndarray, list[str]]:
        """Like :meth:`values` with the values transposed, ``(a, B)``."""
        n_act = len(self.actions)
        values = np.zeros((n_act, batch))
        drivers = [""] * n_act
        key = tuple(range(n_act)) if cols is None else tuple(cols)
        terms = self._plans.get(key)
        if terms is None:
            wanted = set(key)
            terms = self._plans[key] = [t for t in self._terms if t.col in wanted]
        support: Any = None
        capability: Any = None
        total: Any = None  # (B,) array or float: the current action's value so far
        col, best, best_size = -1, "", -1.0
        scarcity: dict[str, Any] = {}  # per asset spent: its weight, once per call
        # a batch of one works on its np.float64 values: the same arithmetic, cheaper
        one = batch == 1
        for term in terms:
            current: Any = None
            scarce = scarcity.get(term.target) if term.spends else None
            if term.fixed is None or (term.spends and scarce is None):
                current = ns.get(term.target, term.initial)
                if not isinstance(current, np.ndarray) or current.shape != (batch,):
                    current = np.broadcast_to(np.asarray(current, dtype=np.float64), (batch,))
                elif current.dtype != np.float64:
                    current = current.astype(np.float64)
                if one and term.fixed is not None:  # (a formula's change reads arrays)
                    current = current[0]
            label = term.label
            mean: float
            if term.fixed is not None:
                delta: Any = term.fixed
                mean = term.fixed
            else:
                delta = self._delta(term.index, ns, current) / self._scale[term.index]
                mean = mean_of(delta)
                label = f"{'+' if mean >= 0 else '-'}{term.target}"
            contribution: Any
            plain = False
            if term.spends and mean < 0:
                # spending an asset of our own: dearer as it runs down
                if scarce is None:
                    start = term.start
                    scarce = clip(start / np.maximum(np.abs(current), start / 5.0), 1.0, 5.0)
                    scarcity[term.target] = scarce
                weight: Any = scarce
                if term.public:
                    weight = weight * 2.0
            elif term.public:
                weight = 2.0
            else:
                weight, plain = 1.0, not term.ai
            if term.public:
                if support is None:
                    support = np.asarray(ns.get(self.support_id, 0.5), dtype=np.float64)
                    if one and support.shape == (1,):
                        support = support[0]
                weight = weight * support
            if term.ai:
                if capability is None:
                    capability = np.asarray(ns.get("ai_capability", 0.3), dtype=np.float64)
                    if one and capability.shape == (1,):
                        capability = capability[0]
                weight = weight * (0.5 + capability)
            if term.signed is None:
                contribution = term.sign * delta * weight
            elif plain:
                contribution = term.signed  # (as times 1.0)
            else:
                contribution = term.signed * weight
            if term.col != col:
                if col >= 0:
                    values[col] = total
                    drivers[col] = best
                col, total, best, best_size = term.col, contribution, "", -1.0
            else:
                total = total + contribution
            if isinstance(contribution, float):
                size = abs(contribution)
            elif batch == 1:
                size = abs(float(contribution[0]))
            else:
                # the mean of |contribution| (sum / count, as ndarray.mean)
                magnitude = np.abs(contribution)
                size = float(np.add.reduce(magnitude, axis=None)) / magnitude.size
            if size > best_size:
                best, best_size = label, size
        if col >= 0:
            values[col] = total
            drivers[col] = best
        return values, drivers

    def _delta(self, e: int, ns: Namespace, current: np.ndarray) -> np.ndarray:
        """(B,) change effect ``e`` makes to its variable (unscaled)."""
        const = self._const[e]
        if const is None:
            return _change(self._effects[e], ns, current)
        if self._op[e] == "mul":
            return np.asarray(current * (const - 1.0))
        return np.asarray(const - current)

    def choose(self, ns: Namespace, legal: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """(B, A) bool pressure actions to take, and each action's main driver
        (``""`` for actions not valued). Nothing is taken in a campaign whose
        members are voting (``is_ratification``)."""
        batch = legal.shape[0]
        chosen = np.zeros((self.n_actions, batch), dtype=bool)
        drivers = [""] * self.n_actions
        own = self._own_actions
        if not own:
            return chosen.T, drivers
        voting = ns.get("is_ratification")
        if batch == 1:
            return self._choose_one(ns, legal[0], voting is not None and some(np.asarray(voting)))
        mine = legal[:, self._own_index]
        if voting is not None and some(np.asarray(voting)):
            mine = mine & (np.asarray(voting) == 0).reshape(-1, 1)
        any_legal = np.logical_or.reduce(mine, axis=0)
        cols = any_legal.nonzero()[0].tolist()
        if not cols:
            return chosen.T, drivers
        values, driver_ids = self.values_t(ns, batch, cols)
        js = [own[c] for c in cols]
        chosen[js] = mine[:, cols].T & (values[cols] > self.threshold)
        for c, j in zip(cols, js, strict=True):
            drivers[j] = driver_ids[c]
        return chosen.T, drivers

    def _choose_one(
        self, ns: Namespace, legal: np.ndarray, voting: bool
    ) -> tuple[np.ndarray, list[str]]:
        """:meth:`choose` for a batch of one (``legal`` its ``(A,)`` row; ``voting``
        whether its members vote this week): the same answer, looping over the
        side's few actions in Python instead of indexing arrays."""
        chosen = np.zeros((1, self.n_actions), dtype=bool)
        drivers = [""] * self.n_actions
        if voting:
            return chosen, drivers
        own = self._own_actions
        flags = legal.tolist()
        cols = [c for c, j in enumerate(own) if flags[j]]
        if not cols:
            return chosen, drivers
        values, driver_ids = self.values_t(ns, 1, cols)
        for c in cols:
            j = own[c]
            chosen[0, j] = values[c, 0] > self.threshold
            drivers[j] = driver_ids[c]
        return chosen, drivers


def pressure_policy(
    spec: GameSpec, side: int, threshold: float = 0.0, levers: bool = False
) -> PressurePolicy:
    """The :class:`PressurePolicy` of ``(spec, side, threshold, levers)``, built once
    per scenario and shared (a policy holds no per-game state)."""
    name = f"ai.pressure/{side}/{float(threshold)!r}/{levers}"
    return remembered(spec, name, lambda: PressurePolicy(spec, side, threshold, levers))


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
