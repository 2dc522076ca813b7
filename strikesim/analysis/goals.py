"""A side's objectives in plain words, and where the side stands on them.

One source for every place that states a side's goals: the confidential brief (shown in
the game and printed, :func:`goals_markdown`), the goals panel during play
(:func:`standing`: the score if a given contract were settled now, and what the dispute
has cost so far) and the debrief (:func:`objective_detail`, :func:`result_text`). The
scoring rule itself is :mod:`strikesim.analysis.objectives` (docs/model.md §7).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strikesim.analysis.objectives import ObjectiveResult, score
from strikesim.analysis.result import RESULT_VARIABLE, ResultParts, result_parts
from strikesim.engine import settle
from strikesim.engine.spec import GameSpec, ObjectiveSpec
from strikesim.engine.state import State

__all__ = [
    "SCORE_RULE",
    "Standing",
    "format_value",
    "goals_markdown",
    "money",
    "objective_detail",
    "objective_measure",
    "objective_rule",
    "objectives_of",
    "points",
    "result_text",
    "standing",
]

SCORE_RULE = (
    "Your score, 0–100, is the weighted average of the credit you earn on each objective: "
    "full credit when you reach its target, none at its floor or beyond, and credit in "
    "proportion in between. An objective without a floor is met or not. Objectives are "
    "judged on the game's last week — on the contract in force then (the old one if no "
    "deal was reached) and on the state of the dispute then."
)

_BUILTIN_MEASURES = {
    "strike_weeks": "weeks on strike by the end",
    "guardrail": "strength of the contract's AI guardrails (0 none, 1 the strongest)",
    "members": "members of the union",
    "week": "the week the game ends",
}


def objectives_of(spec: GameSpec, side: int) -> list[ObjectiveSpec]:
    """``side``'s objectives, in scenario order."""
    return [o for o in spec.objectives if o.side == side]


def _single_name(obj: ObjectiveSpec) -> str | None:
    source = obj.formula.source.strip()
    return source if source.isidentifier() else None


def _unit(spec: GameSpec, obj: ObjectiveSpec) -> str:
    name = _single_name(obj)
    if name is None:
        return ""
    if name in spec.var_index:
        return spec.variables[spec.var_index[name]].unit
    return "weeks" if name == "strike_weeks" else ""


def money(amount: float) -> str:
    """``$M`` amounts in words-like figures: ``$1.3B``, ``$128M``, ``$4.5M``."""
    sign = "−" if amount < 0 else ""
    a = abs(amount)
    if a >= 1000:
        return f"{sign}${a / 1000:,.1f}B"
    return f"{sign}${a:,.0f}M" if a >= 10 else f"{sign}${a:,.1f}M"


def format_value(spec: GameSpec, obj: ObjectiveSpec, value: float) -> str:
    """An objective's value (or target, or floor) as the player reads it."""
    if not np.isfinite(value):
        return "—"
    unit = _unit(spec, obj)
    if unit == "share":
        return f"{value:.0%}"
    if unit in ("utility", "index", "index 0-1"):
        return f"{value:.2f}"
    if unit == "weeks":
        return f"{value:.0f} week" + ("" if round(value) == 1 else "s")
    if unit.startswith("$M"):
        return money(value) + unit[2:]
    return f"{value:.3g}"


def objective_measure(spec: GameSpec, obj: ObjectiveSpec) -> str:
    """What the objective measures, in words."""
    name = _single_name(obj)
    if name in RESULT_VARIABLE:
        return (
            "your result: the value of the contract in force to you (0 to 1, your "
            "priorities weighted) minus what the dispute has cost you, in the same units"
        )
    if name is not None and name in spec.var_index:
        var = spec.variables[spec.var_index[name]]
        text = f"{var.label.lower()} at the end"
        return text + (f" ({var.unit})" if var.unit not in ("", "utility") else "")
    if name is not None and name in _BUILTIN_MEASURES:
        return _BUILTIN_MEASURES[name]
    if name is not None and name.startswith("contract_"):
        term = name.removeprefix("contract_").replace("_", " ")
        return f"the contract's {term} (of the contract in force at the end)"
    return f"the formula `{obj.formula.source}` at the end"


def objective_rule(spec: GameSpec, obj: ObjectiveSpec) -> str:
    """Target and floor: when the objective earns full, partial and no credit."""
    better, worse = ("or more", "or less") if obj.higher_is_better else ("or less", "or more")
    target = format_value(spec, obj, obj.target)
    if obj.floor is None:
        return f"met at {target} {better}, else no credit"
    floor = format_value(spec, obj, obj.floor)
    return f"full credit at {target} {better}, none at {floor} {worse}, in proportion between"


_COST_WORDS = (
    "members' lost pay, made heavier by hardship",
    "stopped production and lost subscribers, heavier when cash runs short",
)


def _stake(spec: GameSpec, side: int) -> float:
    return float(spec.params.get(("union_stake", "studio_stake")[side], 0.0))


def _result_money(spec: GameSpec, side: int) -> str:
    stake = _stake(spec, side)
    if stake <= 0:
        return ""
    years = spec.params.get("contract_years", 0.0)
    term = f" over the {years:g}-year contract" if years else " over the contract"
    return (
        f"A whole unit of result is worth about {money(stake)} to you{term}, so every "
        f"{money(stake / 10)} the dispute costs you ({_COST_WORDS[side]}) takes 0.10 off "
        "your result. Holding out pays only if it wins you more than it costs."
    )


def goals_markdown(spec: GameSpec, side: int) -> str:
    """The brief's section on ``side``'s objectives and score, as Markdown ('' if none)."""
    goals = objectives_of(spec, side)
    if not goals:
        return ""
    total = sum(o.weight for o in goals)
    lines = ["## Your objectives and how you are scored", "", SCORE_RULE, ""]
    for o in goals:
        share = f"weight {o.weight:g}, {o.weight / total:.0%} of your score" if total > 0 else ""
        lines.append(
            f"- **{o.label}** ({share}). Measures {objective_measure(spec, o)}; "
            f"{objective_rule(spec, o)}."
        )
    result = [o for o in goals if _single_name(o) == RESULT_VARIABLE[side]]
    if result:
        o = result[0]
        lines += [
            "",
            f"**{o.label}.** Your result is the contract's value to you minus what the dispute "
            "cost you. The contract's value is 0 for your worst package and 1 for your best, "
            "weighted by your priorities. " + _result_money(spec, side),
        ]
    lines += [
        "",
        "During play, the goals panel (G) shows what your score would be if a deal were "
        "settled on the terms on the table now, and what the dispute has cost you so far.",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Standing:
    """Where a side stands: its objectives if ``contract`` were settled now."""

    results: list[ObjectiveResult]
    score: float
    parts: ResultParts
    """The result's parts with that contract (its value) and the dispute's cost so far."""


def standing(
    spec: GameSpec,
    state: State,
    side: int,
    contract: Sequence[int] | np.ndarray | None = None,
    row: int = 0,
) -> Standing:
    """``side``'s objectives on campaign ``row`` of ``state`` if ``contract`` (level
    indices; default the contract in force) were in force now: the state as it is —
    strike weeks, costs, solidarity — with that contract's terms and value."""
    one = state.take(np.array([row]))
    if contract is not None:
        levels = np.asarray(contract, dtype=one.contract.dtype).reshape(1, -1)
        one = one.evolve(contract=levels)
    settled, ns = settle(spec, one)
    results = []
    for obj in objectives_of(spec, side):
        value = float(np.asarray(obj.formula(ns), dtype=np.float64).reshape(-1)[0])
        results.append(
            ObjectiveResult(
                obj.id, obj.label, value, obj.target, obj.weight, obj.higher_is_better, obj.floor
            )
        )
    return Standing(results, score(results), result_parts(spec, settled, side))


def points(result: ObjectiveResult, results: Sequence[ObjectiveResult]) -> float:
    """Points of the 0–100 score that ``result`` contributes among ``results``."""
    total = sum(r.weight for r in results)
    return 100.0 * result.weight * result.credit / total if total > 0 else 0.0


def objective_detail(
    spec: GameSpec, side: int, result: ObjectiveResult, results: Sequence[ObjectiveResult]
) -> str:
    """One objective's line of a score breakdown: value, target and floor, credit, weight
    and the points it adds to the score."""
    obj = next((o for o in objectives_of(spec, side) if o.id == result.id), None)

    def show(v: float) -> str:
        return format_value(spec, obj, v) if obj is not None else f"{v:.3g}"

    op = "≥" if result.higher_is_better else "≤"
    aims = f"target {op} {show(result.target)}"
    if result.floor is not None:
        aims += f", floor {show(result.floor)}"
    total = sum(r.weight for r in results)
    most = 100.0 * result.weight / total if total > 0 else 0.0
    return (
        f"{show(result.value)} ({aims}) · credit {result.credit:.0%} × weight "
        f"{result.weight:g} = {points(result, results):.1f} of {most:.0f} points"
    )


def result_text(parts: ResultParts) -> str:
    """The result broken down: contract value, dispute cost (utility and money), result."""
    cost = f"dispute cost {parts.cost:.2f}"
    if parts.stake > 0:
        cost += f" ({money(parts.cost_money)})"
    return f"Result {parts.result:.2f} = contract value {parts.contract:.2f} − {cost}"
