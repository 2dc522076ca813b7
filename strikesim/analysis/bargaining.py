"""The bargaining picture of a scenario: frontier, solution points, deal scores.

Ties the pieces of this package to a :class:`GameSpec` (and a state): the
disagreement point ``d`` — before the game, each side's reservation utility (or the
old contract's utilities); at the end of a game, what each side would have had with
no deal given the costs it actually bore (:func:`end_disagreement_point`,
docs/model.md §7) — the Nash and Kalai–Smorodinsky deals for it, how efficient given
deals are, and what kind of move each offer of a run was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strikesim.analysis.frontier import (
    Frontier,
    SolutionPoint,
    frontier_distance,
    kalai_smorodinsky_point,
    nash_point,
    nash_ratio,
    on_frontier,
    pareto_frontier,
)
from strikesim.analysis.moves import MoveKind, classify_moves
from strikesim.analysis.space import OutcomeSpace, outcome_space
from strikesim.engine import namespace_of
from strikesim.engine.spec import STUDIO, UNION, GameSpec
from strikesim.engine.state import Outcome, State
from strikesim.engine.step import initial_state, utilities

_COST = ("union_cost", "studio_cost")


def disagreement_point(spec: GameSpec, state: State | None = None, row: int = 0) -> np.ndarray:
    """(2,) the sides' disagreement utilities.

    With a state: each party's ``reservation`` formula evaluated on campaign
    ``row`` (it moves with the strike). Without one, or where a formula
    cannot be evaluated: the utilities of the old contract.
    """
    old = utilities(spec, np.asarray(spec.old_contract), missing=np.nan)
    if state is None:
        return np.asarray(old, dtype=np.float64)
    ns = namespace_of(spec, state)
    out = np.array(old, dtype=np.float64)
    for side, party in enumerate(spec.parties):
        try:
            value = np.asarray(party.reservation(ns), dtype=np.float64).reshape(-1)
        except (KeyError, ValueError, TypeError, ZeroDivisionError):
            continue
        v = float(value[min(row, value.size - 1)])
        if np.isfinite(v):
            out[side] = v
    return out


def no_deal_contract(spec: GameSpec, state: State, row: int = 0) -> tuple[np.ndarray, bool]:
    """``((I,) level indices, awarded)``: the contract campaign ``row`` would end with if
    nobody agreed — the arbitrator's award between the two standing offers (the one with
    the larger product of the sides' utilities, ties to the union's; docs/model.md §5),
    or the old contract when neither side has an offer (``awarded`` False)."""
    best: tuple[float, np.ndarray] | None = None
    for side in (UNION, STUDIO):
        offer = np.asarray(state.offers[row, side], dtype=np.int64)
        if offer.size and offer[0] < 0:
            continue
        u = utilities(spec, offer, missing=np.nan)
        product = float(u[UNION] * u[STUDIO])
        if best is None or product > best[0]:
            best = (product, offer)
    if best is None:
        return np.asarray(spec.old_contract, dtype=np.int64), False
    return best[1], True


def end_disagreement_point(spec: GameSpec, state: State, row: int = 0) -> np.ndarray:
    """(2,) the sides' disagreement point at the end of campaign ``row`` (docs/model.md §7).

    What each side has with no deal, given the costs it actually bore, in contract-value
    units: the value of the no-deal contract (:func:`no_deal_contract`) less the side's
    dispute cost (``union_cost`` / ``studio_cost``) and, for an award not yet imposed,
    ``arbitration_cost``. A game that ended at the deadline *was* the no-deal ending: its
    point is each side's actual result (the award and its cost are already in it).
    """
    costs = np.array([float(state.values[row, spec.var_index[v]]) for v in _COST])
    if int(state.outcome[row]) == int(Outcome.DEADLINE):
        contract = np.asarray(state.contract[row], dtype=np.int64)
        actual: np.ndarray = utilities(spec, contract, missing=np.nan) - costs
        return actual
    contract, awarded = no_deal_contract(spec, state, row)
    value = np.asarray(utilities(spec, contract, missing=np.nan), dtype=np.float64)
    extra = float(spec.params.get("arbitration_cost", 0.0)) if awarded else 0.0
    point: np.ndarray = value - costs - extra
    return point


@dataclass(frozen=True)
class BargainingPicture:
    """Everything the debrief shows about the space of deals."""

    space: OutcomeSpace
    frontier: Frontier
    d: np.ndarray
    """(2,) disagreement point used for the solutions."""
    nash: SolutionPoint | None
    ks: SolutionPoint | None

    def levels(self, point: SolutionPoint | None) -> tuple[int, ...] | None:
        """Level indices of a solution point's contract."""
        if point is None:
            return None
        return tuple(int(x) for x in self.space.levels[point.index])


def bargaining_picture(
    spec: GameSpec, d: Sequence[float] | np.ndarray | None = None
) -> BargainingPicture:
    """Frontier and solution points of ``spec`` for ``d`` (default: the sides'
    reservation utilities at the start of the dispute — the old contract is often
    one side's ideal, which would leave nothing to share)."""
    space = outcome_space(spec)
    frontier = pareto_frontier(space)
    if d is None:
        point = disagreement_point(spec, initial_state(spec, batch=1, seed=0))
    else:
        point = np.asarray(d, dtype=np.float64)
    return BargainingPicture(
        space=space,
        frontier=frontier,
        d=point,
        nash=nash_point(frontier, point),
        ks=kalai_smorodinsky_point(frontier, point),
    )


@dataclass(frozen=True)
class DealScores:
    """Efficiency of a batch of deals, arrays of shape ``(B,)`` (utility ``(B, 2)``)."""

    utility: np.ndarray
    on_frontier: np.ndarray
    distance: np.ndarray
    """Euclidean distance (utility units) to the nearest frontier deal."""
    nash_ratio: np.ndarray
    """Nash product relative to the Nash deal's (NaN if no deal beats ``d``)."""


def deal_scores(picture: BargainingPicture, contracts: np.ndarray) -> DealScores:
    """Score contracts ``(B, I)`` level indices against the picture."""
    utility = picture.space.utility[picture.space.index_of(np.asarray(contracts))]
    utility = np.asarray(utility).reshape(-1, 2)
    return DealScores(
        utility=utility,
        on_frontier=on_frontier(picture.frontier, utility),
        distance=frontier_distance(picture.frontier, utility),
        nash_ratio=nash_ratio(picture.frontier, utility, picture.d),
    )


def classify_offer_trace(
    spec: GameSpec, trace: Sequence[tuple[int, int, Sequence[int]]]
) -> list[MoveKind]:
    """Kinds of the offers of a run, ``trace`` = ``(week, side, levels)`` in play
    order; each offer is compared with the same side's previous one (the
    scenario's opening offers count as each side's first)."""
    previous = {
        side: utilities(spec, np.asarray(spec.opening_offers[side]), missing=np.nan)
        for side in (0, 1)
    }
    kinds: list[MoveKind] = []
    for _, side, levels in trace:
        current = utilities(spec, np.asarray(levels), missing=np.nan)
        kinds.append(MoveKind(int(classify_moves(previous[side], current, side))))
        previous[side] = current
    return kinds
