"""Effects and costs of actions and events in words ("Strike fund −$0.1M", "Solidarity +1 pt"),
and how variables' units are shown on charts.

Constant formulas are evaluated and formatted with the target variable's unit; formulas that
read the state are shown as written, since their size depends on the week.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from strikesim.engine.spec import Effect, GameSpec
from strikesim.ui.widgets.chart_axes import widen
from strikesim.units import change

_OPS = {"add": "", "set": "= ", "mul": "× "}


def constant(effect: Effect) -> float | None:
    """The effect's value when its formula reads nothing, else None."""
    if effect.value.names:
        return None
    try:
        v = float(effect.value({}))
    except (TypeError, ValueError, KeyError, ArithmeticError):
        return None
    return v if math.isfinite(v) else None


def describe_effect(spec: GameSpec, effect: Effect) -> str:
    """``"Opinion shift +3 pts"`` / ``"Solidarity −(0.01 + 0.03 × hardship)"``."""
    var = spec.variables[spec.var_index[effect.target]] if effect.target in spec.var_index else None
    label = var.label if var is not None else effect.target
    unit = var.unit if var is not None else ""
    v = constant(effect)
    if v is None:
        src = effect.value.source.replace("*", "×")
        return f"{label} {_OPS[effect.op]}{src}".strip()
    if effect.op == "add":
        return f"{label} {change(v, unit)}"
    if effect.op == "mul":
        return f"{label} × {v:g}"
    return f"{label} set to {change(v, unit, signed=False)}"


def describe_effects(spec: GameSpec, effects: tuple[Effect, ...]) -> str:
    return " · ".join(describe_effect(spec, e) for e in effects) or "none"


def display_unit(unit: str) -> tuple[float, str, str]:
    """(scale, chart y unit, unit for the title): shares are charted in per cent (two
    significant digits on small values), other units go in the title so the axis labels
    stay short."""
    if unit in ("share", "share/week"):
        return 100.0, "%", "% a week" if unit == "share/week" else ""
    return 1.0, "", unit


BUILTIN_WORDS = {
    "is_striking": "on strike",
    "is_talks": "in talks",
    "is_ratification": "during a ratification vote",
    "strike_weeks": "weeks on strike",
    "week": "week",
    "authorized": "a strike is authorised",
    "talks_suspended": "talks are suspended",
    "studio_offer_union_utility": "the studio offer's value to the union",
    "union_offer_studio_utility": "the union offer's value to the studio",
    "guardrail": "AI guardrail",
}


def describe_condition(spec: GameSpec, source: str) -> str:
    """A condition formula with names in words: ``on strike and Unreleased content > 2``."""
    import re

    labels = {v.id: v.label for v in spec.variables}

    def word(match: re.Match[str]) -> str:
        name = match.group(0)
        return BUILTIN_WORDS.get(name) or labels.get(name) or name

    text = re.sub(r"[A-Za-z_][A-Za-z0-9_]*", word, source)
    return text.replace("*", "×").replace(">=", "≥").replace("<=", "≤")


def _resolution(magnitude: float, y_unit: str) -> float:
    """The smallest step the chart's tick labels can show at this magnitude (they are
    formatted by :func:`strikesim.ui.widgets.chart_axes.compact`)."""
    if y_unit == "%":
        return 0.1 if magnitude < 10 else 1.0
    for limit, step in ((10, 0.01), (100, 0.1), (1e4, 1.0), (1e6, 1e3), (1e9, 1e5)):
        if magnitude < limit:
            return step
    return 1e8


def y_range_for(values: Iterable[float], y_unit: str, ticks: int = 5) -> tuple[float, float] | None:
    """A y range wide enough that ``ticks`` tick labels all differ (a nearly flat series
    would otherwise get labels like 1, 1, 1) and at least the minimum span of
    :func:`~strikesim.ui.widgets.chart_axes.widen` (no zooming into noise); None leaves the
    chart's own range."""
    finite = [v for v in values if isinstance(v, int | float) and math.isfinite(v)]
    if not finite:
        return None
    lo, hi = widen(min(finite), max(finite), y_unit)
    need = _resolution(max(abs(lo), abs(hi)), y_unit) * ticks
    if hi - lo >= need:
        return (lo, hi) if (lo, hi) != (min(finite), max(finite)) else None
    mid = (lo + hi) / 2
    lo, hi = mid - need / 2, mid + need / 2
    if min(finite) >= 0 > lo:  # do not invent negative values for a quantity that has none
        lo, hi = 0.0, need
    return lo, hi
