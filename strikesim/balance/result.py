"""A side's result of a finished game, and its score against the objectives.

"Result" is the value of the contract to the side minus what the dispute cost it
(DESIGN.md §2), in utility units. The model computes it in
``strikesim.analysis.result.side_result``; until that exists, the side's utility
of the final contract stands in (the old contract when there was no deal), which
counts no dispute costs. :func:`result_measure` says which one is in use.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import numpy as np

from strikesim.analysis.objectives import evaluate_objectives, score
from strikesim.engine import GameSpec, State, utilities

__all__ = ["result_measure", "side_result", "side_scores"]

_MODEL_RESULT = "strikesim.analysis.result"


def _model_result() -> Any:
    """The model's ``side_result`` function, or None where the module does not exist."""
    if importlib.util.find_spec(_MODEL_RESULT) is None:
        return None
    return getattr(importlib.import_module(_MODEL_RESULT), "side_result", None)


def result_measure() -> str:
    """``"side_result"`` (contract value minus dispute costs) or
    ``"contract_utility"`` (the fallback: no costs counted)."""
    return "side_result" if _model_result() is not None else "contract_utility"


def side_result(spec: GameSpec, state: State, side: int) -> np.ndarray:
    """(B,) float64: each campaign's result for ``side`` in utility units."""
    fn = _model_result()
    if fn is not None:
        return np.asarray(fn(spec, state, side), dtype=np.float64).reshape(state.batch)
    contract = np.asarray(state.contract, dtype=np.int16)
    return np.asarray(utilities(spec, contract)[:, side], dtype=np.float64)


def side_scores(spec: GameSpec, state: State, side: int) -> np.ndarray:
    """(B,) float64: each campaign's score for ``side`` against the scenario's
    objectives, 0–100 (NaN when the side has none)."""
    return np.array(
        [score(evaluate_objectives(spec, state, side, row)) for row in range(state.batch)],
        dtype=np.float64,
    )
