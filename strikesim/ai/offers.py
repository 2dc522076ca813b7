"""Offer selection: from a target utility to a concrete contract.

The side's outcome space is sorted once by its own utility. For a target
``tau`` the candidates are the outcomes just above it: a window of own
utility ``[tau, tau + width]`` sampled at ``candidates`` evenly spaced ranks
(the Genius "bids near p(t)" set, research/models.md §3.1, §3.5). Without an
opponent model the offer closest to the target is made (the efficient package
nearest it when the window holds one); with one, the candidate the estimated
opponent likes best (a trade-off move towards the Pareto frontier).

When the window holds outcomes on the Pareto frontier of the scenario's
outcome space, only those are considered (up to ``FRONTIER_CANDIDATES`` of
them, the ones nearest the target): experienced negotiators know which
packages are efficient trade-offs, and the opponent model picks among them.
"""

from __future__ import annotations

import numpy as np

from strikesim.ai.opponent_model import FrequencyModel
from strikesim.analysis import pareto_mask_of
from strikesim.analysis.space import OutcomeSpace
from strikesim.engine.memo import remembered

WINDOW = 0.08
"""Own-utility width of the window of candidate offers above the target."""
CANDIDATES = 24
"""Candidates sampled from the window (tuned on the shipped scenarios: deals land
about 0.03 utility from the Pareto frontier on average)."""
FRONTIER_CANDIDATES = 6
"""Pareto-efficient outcomes considered in the window (nearest the target first)."""

DEDUPE_MIN = 64
"""Up to this many campaigns, offer selection solves each one (finding alike
campaigns costs more than it saves)."""

_TIE_BREAK: dict[int, np.ndarray] = {}
"""``(1, K)`` ``1e-9 * k``: the later candidate loses a tie (per candidate count)."""


def _frontier_mask(space: OutcomeSpace) -> np.ndarray:
    """(N,) Pareto mask of ``space``, computed once per outcome space."""
    return remembered(space, "ai.frontier_mask", lambda: pareto_mask_of(space))


def offer_book(space: OutcomeSpace, side: int) -> OfferBook:
    """The :class:`OfferBook` of ``side`` for ``space``, built once per space
    (sorting a large outcome space costs more than a whole week of play)."""
    return remembered(space, f"ai.offer_book/{side}", lambda: OfferBook(space, side))


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
        self.frontier_rank = np.flatnonzero(_frontier_mask(space)[order])
        """(F,) ascending ranks of the Pareto-efficient outcomes."""
        self.frontier_utility = np.ascontiguousarray(self.utility[self.frontier_rank])
        """(F,) own utility of each efficient package, ascending."""
        self.frontier_flat = np.ascontiguousarray(self.flat[self.frontier_rank])
        """(F, I) their flat table indices (for the opponent model)."""
        self._distinct = 0.0
        """Share of distinct problems at the last selection (decides whether
        solving alike campaigns once is worth a sort)."""
        self._calls = 0
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
        if rows.shape[0] == 0:
            return np.asarray(self.levels[self.rank_at(target)])
        target = np.asarray(target, dtype=np.float64)
        # the efficient packages worth [target, target + width] to us
        start = np.searchsorted(self.frontier_utility, target - 1e-12, side="left")
        end = np.searchsorted(self.frontier_utility, target + width, side="right")
        efficient = end > start
        if model is None:
            # no reading of the other side: the efficient package nearest the target
            # where there is one (a careless negotiator still offers a real trade-off,
            # never a package both sides would improve on), else the cheapest one
            rank = self.rank_at(target)
            if efficient.any():
                nearest = self.frontier_rank[np.minimum(start, self.frontier_rank.shape[0] - 1)]
                rank = np.where(efficient, nearest, rank)
            return np.asarray(self.levels[rank])
        chosen = np.empty(rows.shape[0], dtype=np.int64)
        if efficient.any():
            f_rows = np.flatnonzero(efficient)
            chosen[f_rows] = self._select_efficient(rows[f_rows], start[f_rows], end[f_rows], model)
        if not efficient.all():
            # no efficient package in the window: sample the window and let the
            # estimated opponent choose
            o_rows = np.flatnonzero(~efficient)
            t = target[o_rows]
            lo = self.rank_at(t)
            hi = np.maximum(self.rank_at(t + width), lo)
            ranks = self._spread(lo, hi, count)
            estimate = model.utility_flat(rows[o_rows], self.flat[ranks])
            chosen[o_rows] = self._best(ranks, estimate)
        return np.asarray(self.levels[chosen])

    def _select_efficient(
        self, rows: np.ndarray, start: np.ndarray, end: np.ndarray, model: FrequencyModel
    ) -> np.ndarray:
        """(b,) ranks: of the first ``FRONTIER_CANDIDATES`` efficient packages
        from ``start`` (before ``end``), the one the estimated opponent likes best.

        Campaigns with the same bid history and window choose alike: each is
        solved once (unless last time nearly all were different: then the sort
        costs more than it saves; re-measured every few calls).
        """
        self._calls += 1
        first: np.ndarray | slice
        inverse: np.ndarray | None = None
        if rows.shape[0] <= DEDUPE_MIN or (self._distinct > 0.5 and self._calls % 8):
            first = slice(None)
        else:
            key = model.history[rows] ^ (start.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
            key = key ^ (end.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F))
            first, inverse = _groups(key)
            self._distinct = first.shape[0] / max(rows.shape[0], 1)
        idx = start[first, None] + np.arange(FRONTIER_CANDIDATES)[None, :]
        valid = idx < end[first, None]
        idx = np.minimum(idx, self.frontier_rank.shape[0] - 1)
        estimate = model.utility_flat(rows[first], self.frontier_flat[idx])
        estimate = np.where(valid, estimate, -np.inf)
        best = self._best(idx, estimate)
        if inverse is not None:
            best = best[inverse]
        return np.asarray(self.frontier_rank[best])

    @staticmethod
    def _best(ranks: np.ndarray, estimate: np.ndarray) -> np.ndarray:
        """(b,) the rank the estimated opponent likes best; ties go to the
        candidate closest to the target (the earliest)."""
        count = ranks.shape[1]
        tie = _TIE_BREAK.get(count)
        if tie is None:
            tie = _TIE_BREAK[count] = 1e-9 * np.arange(count)[None, :]
        pick = np.argmax(estimate - tie, axis=1)
        if ranks.shape[0] == 1:
            return np.asarray(ranks[0, pick])
        return np.asarray(ranks[np.arange(ranks.shape[0]), pick])

    def own_utility(self, offers: np.ndarray) -> np.ndarray:
        """(...) own utility of ``(..., I)`` offers (NaN where an offer is -1)."""
        offers = np.asarray(offers)
        missing = (offers < 0).any(axis=-1)
        idx = self.space.index_of(np.where(offers < 0, 0, offers))
        return np.where(missing, np.nan, self.space.utility[idx, self.side])


def _groups(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One representative index per distinct value of ``key`` ``(b,)`` and, for
    every element, its group (``key[rep[inverse]] == key``). Like ``np.unique``
    with ``return_index`` and ``return_inverse``, but any member may represent
    its group: an unstable sort is several times faster."""
    order = key.argsort()
    ordered = key[order]
    starts = np.empty(ordered.shape[0], dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    group = np.cumsum(starts) - 1
    inverse = np.empty_like(group)
    inverse[order] = group
    return order[starts], inverse
