"""A side's score against its scenario objectives, on the final state of a game.

Each objective is a formula over the namespace of the final state (variables, builtins such
as ``strike_weeks`` and ``contract_<term>`` of the contract in force) with a target: met
when the value is at least the target (or at most, when lower is better). The score is the
weighted share of objectives met, 0–100. The parties' reservation utilities in the same
namespace give the disagreement point used by the debrief and the projection's Nash deal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from strikesim.engine.namespace import build_namespace, plan_for
from strikesim.engine.spec import GameSpec
from strikesim.engine.state import State


@dataclass(frozen=True)
class ObjectiveResult:
    id: str
    label: str
    value: float
    target: float
    weight: float
    higher_is_better: bool

    @property
    def met(self) -> bool:
        if not np.isfinite(self.value):
            return False
        return self.value >= self.target if self.higher_is_better else self.value <= self.target


def final_namespace(spec: GameSpec, state: State, row: int = 0) -> dict[str, Any]:
    """The formula namespace of campaign ``row`` of ``state`` (as a batch of one)."""
    one = state.take(np.array([row]))
    rows = np.ascontiguousarray(one.values.T)
    return build_namespace(spec, plan_for(spec), one, rows)


def reservation_point(spec: GameSpec, state: State, row: int = 0) -> tuple[float, float]:
    """Both parties' reservation utilities (their ``reservation`` formulas) in ``state``:
    the disagreement point for the Nash and Kalai–Smorodinsky solutions."""
    ns = final_namespace(spec, state, row)
    out = []
    for party in spec.parties:
        value = float(np.asarray(party.reservation(ns), dtype=np.float64).reshape(-1)[0])
        out.append(min(1.0, max(0.0, value)) if np.isfinite(value) else 0.0)
    return out[0], out[1]


def evaluate_objectives(
    spec: GameSpec, state: State, side: int, row: int = 0
) -> list[ObjectiveResult]:
    """Every objective of ``side`` evaluated on campaign ``row`` of ``state``."""
    ns = final_namespace(spec, state, row)
    out = []
    for obj in spec.objectives:
        if obj.side != side:
            continue
        value = float(np.asarray(obj.formula(ns), dtype=np.float64).reshape(-1)[0])
        out.append(
            ObjectiveResult(obj.id, obj.label, value, obj.target, obj.weight, obj.higher_is_better)
        )
    return out


def score(results: list[ObjectiveResult]) -> float:
    """Weighted share of objectives met, 0–100 (NaN with no objectives)."""
    total = sum(r.weight for r in results)
    if total <= 0:
        return float("nan")
    return 100.0 * sum(r.weight for r in results if r.met) / total
