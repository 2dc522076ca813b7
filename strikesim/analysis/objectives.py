"""A side's score against its scenario objectives, on the final state of a game.

Each objective is a formula over the namespace of the final state (variables, builtins such
as ``strike_weeks`` and ``contract_<term>`` of the contract in force, and each side's
``union_result`` / ``studio_result``: the contract's value less the dispute's cost) with a
target: met when the value is at least the target (or at most, when lower is better). An
objective with a ``floor`` earns partial credit between the floor (none) and the target
(full). The score is the weighted mean credit, 0–100 (docs/model.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from strikesim.engine import namespace_of
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
    floor: float | None = None

    @property
    def met(self) -> bool:
        if not np.isfinite(self.value):
            return False
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    @property
    def credit(self) -> float:
        """Share of the objective earned, 0–1: 1 when met; with a floor, the share
        of the way from the floor to the target; else 0."""
        if self.met:
            return 1.0
        if self.floor is None or not np.isfinite(self.value):
            return 0.0
        share = (self.value - self.floor) / (self.target - self.floor)
        return float(min(max(share, 0.0), 1.0))


def final_namespace(spec: GameSpec, state: State, row: int = 0) -> dict[str, Any]:
    """The formula namespace of campaign ``row`` of ``state`` (as a batch of one)."""
    return namespace_of(spec, state, row)


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
            ObjectiveResult(
                obj.id, obj.label, value, obj.target, obj.weight, obj.higher_is_better, obj.floor
            )
        )
    return out


def score(results: list[ObjectiveResult]) -> float:
    """Weighted mean credit of the objectives, 0–100 (NaN with no objectives)."""
    total = sum(r.weight for r in results)
    if total <= 0:
        return float("nan")
    return 100.0 * sum(r.weight * r.credit for r in results) / total
