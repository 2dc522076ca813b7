"""A side's score against its scenario objectives, on the final state of a game.

Each objective is a formula over the namespace of the final state (variables, builtins such
as ``strike_weeks`` and ``contract_<term>`` of the contract in force) with a target: met
when the value is at least the target (or at most, when lower is better). The score is the
weighted share of objectives met, 0–100.
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
