"""What drove a variable in a week: computed from the run, never guessed.

For variable ``x`` in week ``w`` (the change from ``history[w-1]`` to ``history[w]``, played
in report ``w-1``) the breakdown lists:

1. the weekly change of ``x`` itself;
2. every scenario event and pressure action of that week whose effects (or cost) target
   ``x``, with the effect's size when its formula is a constant;
3. the change of every variable that ``x``'s equation reads — its ``update``/``formula``
   names, or for a built-in core equation the table :data:`CORE_UPDATE_READS` (state
   variables) / ``CORE_DERIVED`` (derived ones) — largest relative change first;
4. the level of each of those variables when it is far (over 10 %) from where the game
   started — a strike that has cut production keeps costing money in weeks when production
   itself did not change;
5. the phase change, when the dispute moved into or out of a strike that week (most core
   equations read ``is_striking``).

``history`` holds ``(V,)`` value arrays, week 0 first (as :attr:`Session.history`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from strikesim.engine.equations import CORE_DERIVED
from strikesim.engine.spec import GameSpec
from strikesim.engine.state import EventKind, Phase
from strikesim.units import change, quantity

CORE_UPDATE_READS: dict[str, frozenset[str]] = {
    "studio_cash": frozenset({"subscribers", "production_level", "ai_investment"}),
    "content_stock": frozenset({"content_drought", "production_level"}),
    "subscribers": frozenset({"content_drought", "churn"}),
    "share_price": frozenset({"subscribers", "production_level"}),
    "ai_investment": frozenset(),
    "strike_fund": frozenset({"public_support_union", "hardship"}),
    "solidarity": frozenset({"ai_fear", "hardship", "public_support_union"}),
    "strike_fatigue": frozenset({"ai_fear", "hardship", "public_support_union"}),
    "ratification_sentiment": frozenset({"hardship", "public_support_union", "member_expectation"}),
    "public_support_union": frozenset({"opinion_shift"}),
    "opinion_shift": frozenset(),
    "employment": frozenset({"production_level", "jobs_displaced"}),
    "economic_loss": frozenset({"production_level"}),
    "ai_orders": frozenset({"ai_investment"}),
    "ai_adoption": frozenset({"ai_investment", "ai_capability"}),
    "digital_replicas": frozenset({"ai_adoption"}),
    "union_cost": frozenset({"hardship", "solidarity"}),
    "studio_cost": frozenset({"production_level", "studio_cash"}),
    "ai_fear": frozenset(),
    "rejected_deal": frozenset(),
}
"""Variables each built-in state equation reads (read off :mod:`strikesim.engine.equations`;
parameters and builtins such as ``is_striking`` left out). A test checks it against the
equations by perturbing each variable."""


@dataclass(frozen=True)
class Driver:
    """One line of the breakdown. ``kind`` is ``change``, ``event``, ``action``, ``input``,
    ``level`` or ``phase``; ``amount`` the size in the variable's unit (NaN when not a constant)."""

    kind: str
    label: str
    amount: float
    text: str


def variable_reads(spec: GameSpec, var_id: str) -> frozenset[str]:
    """The variables whose values ``var_id``'s equation reads (empty if it has none)."""
    var = spec.variables[spec.var_index[var_id]]
    ids = set(spec.var_index)
    if var.formula is not None:
        names: frozenset[str] = var.formula.names
    elif var.update is not None:
        names = var.update.names
    elif var_id in CORE_DERIVED:
        names = CORE_DERIVED[var_id][1]
    else:
        names = CORE_UPDATE_READS.get(var_id, frozenset())
    return frozenset(n for n in names if n in ids and n != var_id)


def _constant(formula: Any) -> float:
    if formula.names:
        return math.nan
    try:
        return float(formula({}))
    except (TypeError, ValueError, KeyError, ArithmeticError):
        return math.nan


def what_drove(
    spec: GameSpec, history: Sequence[np.ndarray], reports: Sequence[Any], var_id: str, week: int,
    limit: int = 6,
) -> list[Driver]:  # fmt: skip
    """The breakdown of ``var_id``'s change into ``history[week]`` (see module doc)."""
    if var_id not in spec.var_index:
        raise KeyError(f"no variable '{var_id}' in scenario '{spec.id}'")
    j = spec.var_index[var_id]
    var = spec.variables[j]
    if not 0 <= week < len(history):
        raise IndexError(f"week {week} is outside the run (0–{len(history) - 1})")
    if week == 0:
        return [
            Driver(
                "change",
                var.label,
                0.0,
                f"starting value {quantity(float(history[0][j]), var.unit)}",
            )
        ]
    before, after = history[week - 1], history[week]
    delta = float(after[j] - before[j])
    out = [Driver("change", var.label, delta, f"{change(delta, var.unit)} this week")]
    report = reports[week - 1] if week - 1 < len(reports) else None
    if report is not None:
        out += _effects(spec, report, var_id, var.unit)
    inputs = []
    for name in variable_reads(spec, var_id):
        k = spec.var_index[name]
        d = float(after[k] - before[k])
        if abs(d) < 1e-12:
            continue
        scale = max(abs(float(before[k])), 1e-9)
        dep = spec.variables[k]
        inputs.append(
            (abs(d) / scale, Driver("input", dep.label, d, f"{dep.label} {change(d, dep.unit)}"))
        )
    inputs.sort(key=lambda t: -t[0])
    out += [d for _, d in inputs]
    out += _levels(spec, history, var_id, week)
    if report is not None and len(reports) > week - 1:
        now = reports[week].phase if week < len(reports) else None
        if now is not None and (report.phase == Phase.STRIKE) != (now == Phase.STRIKE):
            text = "the strike began" if now == Phase.STRIKE else "the strike ended"
            out.append(Driver("phase", "phase", math.nan, text))
    return out[:limit]


def _levels(spec: GameSpec, history: Sequence[np.ndarray], var_id: str, week: int) -> list[Driver]:
    """Inputs whose value this week is far from where the game started (a strike that has
    cut production keeps costing money even in a week when production did not change):
    ``level`` drivers, furthest first."""
    start, now = history[0], history[week - 1]
    found = []
    for name in variable_reads(spec, var_id):
        k = spec.var_index[name]
        dep = spec.variables[k]
        gap = float(now[k] - start[k])
        rel = abs(gap) / max(abs(float(start[k])), 0.05 if dep.unit == "share" else 1e-9)
        if rel < 0.1:
            continue
        was, is_now = quantity(float(start[k]), dep.unit), quantity(float(now[k]), dep.unit)
        text = f"{dep.label} at {is_now} (start {was})"
        found.append((rel, Driver("level", dep.label, float(now[k]), text)))
    found.sort(key=lambda t: -t[0])
    return [d for _, d in found]


def _effects(spec: GameSpec, report: Any, var_id: str, unit: str) -> list[Driver]:
    out = []
    for h in report.happenings:
        if h.kind == EventKind.SCENARIO_EVENT:
            effects = spec.events[h.ref].effects
            kind, label = "event", spec.events[h.ref].headline
        elif h.kind == EventKind.ACTION_TAKEN:
            act = spec.actions[h.ref]
            effects = act.effects + act.cost
            kind, label = "action", act.label
        else:
            continue
        for e in effects:
            if e.target != var_id:
                continue
            v = _constant(e.value)
            if e.op == "add":
                size = change(v, unit) if math.isfinite(v) else f"+({e.value.source})"
            else:
                size = f"{'×' if e.op == 'mul' else '='} {e.value.source}"
            out.append(Driver(kind, label, v if e.op == "add" else math.nan, f"{label}: {size}"))
    return out


def describe(drivers: Sequence[Driver]) -> list[str]:
    """The breakdown as short lines for a chart readout."""
    return [d.text for d in drivers]


@dataclass(frozen=True)
class RunDrivers:
    """Over a whole run: the total change of a variable, the summed constant effects of each
    event and action on it, and the total change of each variable its equation reads."""

    var_id: str
    label: str
    unit: str
    start: float
    end: float
    pushes: tuple[tuple[str, float, int], ...]
    """(event or action label, summed effect, times) — largest first."""
    inputs: tuple[tuple[str, float, str], ...]
    """(variable label, total change, unit) of the variables read — largest relative first."""


def run_drivers(
    spec: GameSpec, history: Sequence[np.ndarray], reports: Sequence[Any], var_id: str
) -> RunDrivers:
    """Totals over the whole run for ``var_id`` (see :class:`RunDrivers`)."""
    j = spec.var_index[var_id]
    var = spec.variables[j]
    sums: dict[str, list[float]] = {}
    for report in reports:
        for d in _effects(spec, report, var_id, var.unit):
            entry = sums.setdefault(d.label, [0.0, 0])
            if math.isfinite(d.amount):
                entry[0] += d.amount
            entry[1] += 1
    pushes = sorted(((k, v[0], int(v[1])) for k, v in sums.items()), key=lambda t: -abs(t[1]))
    inputs: list[tuple[float, tuple[str, float, str]]] = []
    for name in variable_reads(spec, var_id):
        k = spec.var_index[name]
        change = float(history[-1][k] - history[0][k])
        rel = abs(change) / max(abs(float(history[0][k])), 1e-9)
        if abs(change) > 1e-12:
            inputs.append((rel, (spec.variables[k].label, change, spec.variables[k].unit)))
    inputs.sort(key=lambda t: -t[0])
    return RunDrivers(
        var_id, var.label, var.unit, float(history[0][j]), float(history[-1][j]),
        tuple(pushes), tuple(i for _, i in inputs),
    )  # fmt: skip
