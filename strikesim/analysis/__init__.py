"""Bargaining analytics: the outcome space, Pareto frontier, Nash and
Kalai–Smorodinsky points, deal efficiency and the kind of each move."""

from __future__ import annotations

import numpy as np

from strikesim.analysis.bargaining import (
    BargainingPicture,
    DealScores,
    bargaining_picture,
    classify_offer_trace,
    deal_scores,
    disagreement_point,
    end_disagreement_point,
    no_deal_contract,
)
from strikesim.analysis.frontier import (
    Frontier,
    SolutionPoint,
    frontier_distance,
    ideal_point,
    kalai_smorodinsky_point,
    nash_point,
    nash_product,
    nash_ratio,
    on_frontier,
    pareto_frontier,
    pareto_mask,
)
from strikesim.analysis.moves import (
    MOVE_DESCRIPTIONS,
    MoveKind,
    classify_deltas,
    classify_moves,
    classify_trace,
)
from strikesim.analysis.space import (
    OutcomeSpace,
    OutcomeSpaceTooLarge,
    enumerate_outcomes,
    enumerate_tables,
    outcome_space,
    utility_tables,
)
from strikesim.analysis.stats import (
    Distribution,
    describe,
    level_shares,
    outcome_shares,
    settlement_terms,
    share_within,
)


def pareto_mask_of(space: OutcomeSpace) -> np.ndarray:
    """(N,) bool: outcomes of ``space`` whose utility pair is Pareto-optimal
    (every outcome sharing a frontier pair is marked)."""
    frontier = pareto_frontier(space)
    return on_frontier(frontier, space.utility)


__all__ = [
    "MOVE_DESCRIPTIONS",
    "BargainingPicture",
    "DealScores",
    "Distribution",
    "Frontier",
    "MoveKind",
    "OutcomeSpace",
    "OutcomeSpaceTooLarge",
    "SolutionPoint",
    "bargaining_picture",
    "classify_deltas",
    "classify_moves",
    "classify_offer_trace",
    "classify_trace",
    "deal_scores",
    "describe",
    "disagreement_point",
    "end_disagreement_point",
    "enumerate_outcomes",
    "enumerate_tables",
    "frontier_distance",
    "ideal_point",
    "kalai_smorodinsky_point",
    "level_shares",
    "nash_point",
    "nash_product",
    "nash_ratio",
    "no_deal_contract",
    "on_frontier",
    "outcome_shares",
    "outcome_space",
    "pareto_frontier",
    "pareto_mask",
    "pareto_mask_of",
    "settlement_terms",
    "share_within",
    "utility_tables",
]
