"""Per-spec tables of the week loop: unguarded formulas, effects and event windows.

The engine's week runs every formula of a scenario once or more per step. On
a batch of one the fixed cost of a call matters more than its arithmetic, so
what can be worked out once per spec is worked out here and kept on the
:class:`~strikesim.engine.namespace.EnginePlan`:

* each formula's *unguarded* callable (:attr:`Formula.unguarded`): the caller
  (``step``, ``initial_state``, ``observe``) holds one
  ``np.errstate(all="ignore")`` for the whole call instead of one per formula;
* effects resolved to their variable row, operation and bounds;
* the weeks in which an event's condition can possibly hold, read from the
  condition's text (``week == 11`` sugar, ``week >= 10 and ...``): outside
  that window the condition is false for every campaign, so it is not
  evaluated at all. Results are the same either way; only work is saved.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .spec import Effect, Formula, GameSpec, Namespace

__all__ = [
    "CompiledEffect",
    "CompiledEvent",
    "compile_effects",
    "compile_events",
    "condition_or_none",
    "is_week_window",
    "unguarded",
    "week_window",
]

Fn = Callable[[Namespace], Any]

OP_ADD, OP_MUL, OP_SET = 0, 1, 2
_OPS = {"add": OP_ADD, "mul": OP_MUL, "set": OP_SET}


def unguarded(f: Any) -> Fn:
    """The callable to run inside an engine-held ``errstate``: a
    :class:`Formula`'s :attr:`~Formula.unguarded`, any other callable as is."""
    if isinstance(f, Formula):
        return f.unguarded
    fn: Fn = f
    return fn


def condition_or_none(f: Formula | None) -> Fn | None:
    """The unguarded callable of condition ``f``, or None when there is no
    condition or it reads no names and is true (``"1"``): such a condition
    holds for every campaign, so the week loop need not call it."""
    if f is None:
        return None
    if not f.names:
        try:
            with np.errstate(all="ignore"):
                value = np.asarray(f({}))
        except Exception:  # it reads the namespace after all
            return unguarded(f)
        if value.ndim == 0 and bool(value):
            return None
    return unguarded(f)


@dataclass(frozen=True)
class CompiledEffect:
    """One effect with its target resolved (``row`` is None for an unknown
    variable, which is reported when the effect is applied)."""

    target: str
    row: int | None
    op: int  # OP_ADD, OP_MUL or OP_SET
    fn: Fn
    lo: float  # lower bound of the target (-inf if none)
    hi: float  # upper bound of the target (+inf if none)


@dataclass(frozen=True)
class CompiledEvent:
    """One scenario event, ready for the week loop."""

    index: int
    condition: Fn | None
    chance: Fn
    chance_always: bool
    """``chance`` is a constant ``>= 1``: no random draw is needed."""
    effects: tuple[CompiledEffect, ...]
    targets: frozenset[str]
    first_week: float
    last_week: float
    """The condition can only hold when ``first_week <= week <= last_week``."""
    window_only: bool
    """The condition is nothing but that window: inside it, it holds everywhere."""
    repeat: bool
    every: int
    """A repeating event's least gap between firings, in weeks."""


def compile_effects(
    spec: GameSpec, lo: np.ndarray, hi: np.ndarray, effects: Sequence[Effect]
) -> tuple[CompiledEffect, ...]:
    """Resolve ``effects`` against ``spec.variables`` and the ``(V, 1)`` bounds."""
    out = []
    for eff in effects:
        j = spec.var_index.get(eff.target)
        bounds = (-math.inf, math.inf) if j is None else (float(lo[j, 0]), float(hi[j, 0]))
        op = _OPS.get(eff.op, OP_SET)
        out.append(CompiledEffect(eff.target, j, op, unguarded(eff.value), *bounds))
    return tuple(out)


def compile_events(spec: GameSpec, lo: np.ndarray, hi: np.ndarray) -> tuple[CompiledEvent, ...]:
    """Every event of ``spec`` in file order (see :class:`CompiledEvent`)."""
    out = []
    for e, event in enumerate(spec.events):
        cond = event.condition
        first, last, only = (-math.inf, math.inf, False) if cond is None else _window(cond.source)
        chance_always = False
        if not event.chance.names:
            try:
                with np.errstate(all="ignore"):
                    c = np.asarray(event.chance({}), dtype=np.float64)
                chance_always = c.ndim == 0 and bool(c >= 1.0)
            except Exception:  # a chance that needs the namespace after all
                chance_always = False
        effects = compile_effects(spec, lo, hi, event.effects)
        out.append(
            CompiledEvent(
                index=e,
                condition=condition_or_none(cond),
                chance=unguarded(event.chance),
                chance_always=chance_always,
                effects=effects,
                targets=frozenset(eff.target for eff in effects),
                first_week=first,
                last_week=last,
                window_only=only,
                repeat=event.repeat,
                every=max(1, int(event.every)),
            )
        )
    return tuple(out)


def week_window(source: str) -> tuple[float, float]:
    """The weeks ``[first, last]`` outside which condition ``source`` is false.

    Only top-level conjuncts comparing ``week`` with a number narrow the
    window (``week == 11``, ``week >= 10 and x > 0``, ``4 <= week < 9``); any
    other form, or text that does not parse, gives ``(-inf, inf)``. Weeks are
    whole numbers, so strict bounds round inwards.
    """
    first, last, _only = _window(source)
    return first, last


def is_week_window(source: str) -> bool:
    """Condition ``source`` is *only* comparisons of ``week`` with numbers,
    joined by ``and``: inside :func:`week_window` it is true for every campaign."""
    return _window(source)[2]


def _window(source: str) -> tuple[float, float, bool]:
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return -math.inf, math.inf, False
    first, last = -math.inf, math.inf
    only_week = True
    for term in _conjuncts(tree.body):
        if not isinstance(term, ast.Compare):
            only_week = False
            continue
        items = [term.left, *term.comparators]
        for a, op, b in zip(items, term.ops, items[1:], strict=False):
            lo, hi = _bound(a, op, b)
            only_week = only_week and _is_week_bound(a, op, b)
            first, last = max(first, lo), min(last, hi)
    return first, last, only_week


def _is_week_bound(a: ast.expr, op: ast.cmpop, b: ast.expr) -> bool:
    """``a op b`` compares ``week`` with a finite number by ``== < <= > >=``."""
    if not isinstance(op, ast.Eq | ast.Lt | ast.LtE | ast.Gt | ast.GtE):
        return False
    x = _number(b) if _is_week(a) else _number(a) if _is_week(b) else None
    return x is not None and math.isfinite(x)


def _conjuncts(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return [t for value in node.values for t in _conjuncts(value)]
    return [node]


def _number(node: ast.expr) -> float | None:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        x = _number(node.operand)
        if x is not None:
            return -x if isinstance(node.op, ast.USub) else x
    return None


def _is_week(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "week"


_FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Eq: ast.Eq,
}  # fmt: skip


def _bound(a: ast.expr, op: ast.cmpop, b: ast.expr) -> tuple[float, float]:
    """Week bounds implied by ``a op b`` when one side is ``week`` and the other a number."""
    kind = type(op)
    if _is_week(b) and _number(a) is not None:
        a, b = b, a
        flipped = _FLIP.get(kind)
        if flipped is None:
            return -math.inf, math.inf
        kind = flipped
    x = _number(b)
    if not _is_week(a) or x is None or not math.isfinite(x):
        return -math.inf, math.inf
    if kind is ast.Eq:
        return (x, x) if x == math.floor(x) else (math.inf, -math.inf)
    if kind is ast.GtE:
        return float(math.ceil(x)), math.inf
    if kind is ast.Gt:
        return float(math.floor(x) + 1), math.inf
    if kind is ast.LtE:
        return -math.inf, float(math.floor(x))
    if kind is ast.Lt:
        return -math.inf, float(math.ceil(x) - 1)
    return -math.inf, math.inf
