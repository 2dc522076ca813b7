"""Offer selection: from a target utility to a concrete contract.

The side's outcome space is sorted once by its own utility. For a target
``tau`` the candidates are the outcomes just above it: a window of own
utility ``[tau, tau + width]`` sampled at ``candidates`` evenly spaced ranks
(the Genius "bids near p(t)" set, research/models.md §3.1, §3.5). Without an
opponent model the lowest candidate is offered (the offer closest to the
target); with one, the candidate the estimated opponent likes best (a
trade-off move towards the Pareto frontier).
"""

from __future__ import annotations

import numpy as np

from strikesim.ai.opponent_model import FrequencyModel
from strikesim.analysis.space import OutcomeSpace

WINDOW = 0.08
"""Own-utility width of the window of candidate offers above the target."""
CANDIDATES = 24
"""Candidates sampled from the window (tuned on the shipped scenarios: deals land
about 0.03 utility from the Pareto frontier on average)."""


class OfferBook:
    """One side's outcome space sorted by its own utility."""

    def __init__(self, space: OutcomeSpace, side: int) -> None:
        order = np.argsort(space.utility[:, side], kind="stable")
        self.side = side
        self.space = space
        self.utility = np.ascontiguousarray(space.utility[order, side])
        """(N,) own utility, ascending."""
        self.levels = np.ascontiguousarray(space.levels[order])
        """(N, I) int16 level indices in the same order."""
        width = max(space.n_levels)
        offsets = np.arange(space.n_issues, dtype=np.intp) * width
        self.flat = np.ascontiguousarray(self.levels.astype(np.intp) + offsets)
        """(N, I) flat table index ``issue * L + level`` of each level (for the model)."""
        self.best = float(self.utility[-1])
        self.worst = float(self.utility[0])

    def rank_at(self, target: np.ndarray) -> np.ndarray:
        """(B,) rank of the cheapest outcome worth at least ``target`` (clipped)."""
        rank = np.searchsorted(self.utility, np.asarray(target) - 1e-12, side="left")
        return np.asarray(np.minimum(rank, self.utility.shape[0] - 1))

    def candidates(self, target: np.ndarray, width: float, count: int) -> np.ndarray:
        """(B, count) ranks of outcomes with own utility in ``[target, target + width]``."""
        lo = self.rank_at(target)
        hi = np.maximum(self.rank_at(np.asarray(target) + width), lo)
        return self._spread(lo, hi, count)

    @staticmethod
    def _spread(lo: np.ndarray, hi: np.ndarray, count: int) -> np.ndarray:
        frac = np.linspace(0.0, 1.0, count)
        ranks = lo[:, None] + np.round((hi - lo)[:, None] * frac[None, :]).astype(np.int64)
        return np.asarray(ranks)

    def select(
        self,
        target: np.ndarray,
        rows: np.ndarray,
        model: FrequencyModel | None,
        width: float = WINDOW,
        count: int = CANDIDATES,
    ) -> np.ndarray:
        """Offers ``(b, I)`` int16 for campaigns ``rows`` at targets ``target`` ``(b,)``."""
        if model is None or rows.shape[0] == 0:
            return np.asarray(self.levels[self.rank_at(target)])
        lo = self.rank_at(target)
        hi = np.maximum(self.rank_at(np.asarray(target) + width), lo)
        # campaigns with the same bid history and window choose alike: solve each once
        key = model.history[rows] ^ (lo.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
        key = key ^ (hi.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F))
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        ranks = self._spread(lo[first], hi[first], count)  # (u, K)
        estimate = model.utility_flat(rows[first], self.flat[ranks])  # (u, K)
        # prefer the opponent's favourite; ties go to the candidate closest to target
        pick = np.argmax(estimate - 1e-9 * np.arange(count)[None, :], axis=1)
        chosen = ranks[np.arange(first.shape[0]), pick]
        return np.asarray(self.levels[chosen[inverse.reshape(-1)]])

    def own_utility(self, offers: np.ndarray) -> np.ndarray:
        """(...) own utility of ``(..., I)`` offers (NaN where an offer is -1)."""
        offers = np.asarray(offers)
        missing = (offers < 0).any(axis=-1)
        idx = self.space.index_of(np.where(offers < 0, 0, offers))
        return np.where(missing, np.nan, self.space.utility[idx, self.side])
