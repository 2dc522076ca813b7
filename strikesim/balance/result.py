"""A side's result of a finished game, and its score against the objectives.

"Result" is the value of the contract to the side minus what the dispute cost it
(DESIGN.md §2), in utility units, as the model computes it
(:func:`strikesim.analysis.result.side_result`). The harness reads it only here.
"""

from __future__ import annotations

import numpy as np

from strikesim.analysis.objectives import evaluate_objectives, score
from strikesim.analysis.result import side_result as model_result
from strikesim.engine import GameSpec, State

__all__ = ["RESULT_MEASURE", "side_result", "side_scores"]

RESULT_MEASURE = "contract value minus what the dispute cost the side"
"""What the harness's "result" is, for the reports."""


def side_result(spec: GameSpec, state: State, side: int) -> np.ndarray:
    """(B,) float64: each campaign's result for ``side`` in utility units."""
    return np.asarray(model_result(spec, state, side), dtype=np.float64).reshape(state.batch)


def side_scores(spec: GameSpec, state: State, side: int) -> np.ndarray:
    """(B,) float64: each campaign's score for ``side`` against the scenario's
    objectives, 0–100 (NaN when the side has none)."""
    return np.array(
        [score(evaluate_objectives(spec, state, side, row)) for row in range(state.batch)],
        dtype=np.float64,
    )
