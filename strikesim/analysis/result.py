"""Each side's result: the contract's value to it minus what the dispute cost it.

The engine keeps both as derived variables (``union_result``, ``studio_result``,
docs/model.md §2); this module reads them from a state and turns the cost into money
for the debrief.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from strikesim.engine.spec import GameSpec
from strikesim.engine.state import State

__all__ = ["COST_VARIABLE", "RESULT_VARIABLE", "ResultParts", "result_parts", "side_result"]

RESULT_VARIABLE = ("union_result", "studio_result")
"""Each side's result variable (index = side)."""
COST_VARIABLE = ("union_cost", "studio_cost")
"""Each side's dispute-cost variable (utility units)."""
_STAKE = ("union_stake", "studio_stake")


def side_result(spec: GameSpec, state: State, side: int) -> np.ndarray:
    """(B,) float64: each campaign's result for ``side``, in utility units."""
    return np.asarray(state.values[:, spec.var_index[RESULT_VARIABLE[side]]], dtype=np.float64)


@dataclass(frozen=True)
class ResultParts:
    """One side's result in one campaign, with its parts."""

    contract: float
    """Value of the contract in force to the side (utility, 0–1)."""
    cost: float
    """What the dispute cost the side (utility units)."""
    stake: float
    """Money ($M) one unit of utility is worth to the side over the contract."""

    @property
    def result(self) -> float:
        return self.contract - self.cost

    @property
    def cost_money(self) -> float:
        """The dispute's cost in $M."""
        return self.cost * self.stake


def result_parts(spec: GameSpec, state: State, side: int, row: int = 0) -> ResultParts:
    """The parts of ``side``'s result in campaign ``row`` of ``state``."""
    values = state.values[row]
    cost = float(values[spec.var_index[COST_VARIABLE[side]]])
    result = float(values[spec.var_index[RESULT_VARIABLE[side]]])
    return ResultParts(result + cost, cost, float(spec.params[_STAKE[side]]))
