"""Frequency opponent model (the Genius "HardHeaded" model), batched.

research/models.md §3.5: start with equal issue weights and zero value counts.
After each new offer of the other side, every issue whose level did *not*
change since its previous offer gains ``golden = learn_coef / n_issues`` and the
weights are renormalised (a side concedes on its unimportant issues first);
the offered level of every issue gains ``learn_value_addition`` in its count.
The estimated score of a level is ``count / max count`` on its issue, and the
estimated utility of an outcome is the weighted sum of its level scores.
"""

from __future__ import annotations

import copy

import numpy as np

from strikesim.engine.mathfn import every, filled, some

LEARN_COEF = 0.2
LEARN_VALUE_ADDITION = 1.0

_ISSUE_MIX = np.random.default_rng(20230502).integers(
    1, 2**63, size=64, dtype=np.uint64
) | np.uint64(1)
"""Fixed odd multipliers that hash a bid's levels (up to 64 issues)."""


class FrequencyModel:
    """Per campaign estimates of the other side's issue weights and level scores.

    Each campaign's estimates are rows of arrays updated in place: ``weights``
    ``(B, I)`` (rows sum to 1), ``counts`` ``(B, I, L)``, ``top`` ``(B, I)``
    (largest count per issue), ``last`` (the other side's previous offer, -1 =
    none yet) and ``history`` (a hash of the bids seen: equal keys mean equal
    estimates, which lets offer selection solve alike campaigns once).
    """

    def __init__(
        self,
        batch: int,
        n_levels: tuple[int, ...],
        learn_coef: float = LEARN_COEF,
        learn_value_addition: float = LEARN_VALUE_ADDITION,
    ) -> None:
        n_issues = len(n_levels)
        width = max(n_levels)
        self.n_levels = n_levels
        self.learn_coef = learn_coef
        self.learn_value_addition = learn_value_addition
        self.width = width
        self.offsets = (np.arange(n_issues) * width).astype(np.intp)
        self.weights = filled((batch, n_issues), 1.0 / n_issues)
        self.counts = np.zeros((batch, n_issues, width), dtype=np.float32)
        self.top = np.zeros((batch, n_issues), dtype=np.float32)
        self.last = filled((batch, n_issues), -1, np.int16)
        self.history = np.zeros(batch, dtype=np.uint64)
        self.cells = self._cells(batch)
        """(B, I) flat index of each row's level 0 of each issue in ``counts``."""
        self.coef = _coefficients(self.weights, self.top)
        """(B, I) float32 ``weights / max(top, 1)``: what a level's count is worth
        (kept with ``weights`` and ``top``, read by every utility estimate)."""

    def _cells(self, batch: int) -> np.ndarray:
        stride = self.offsets.shape[0] * self.width
        return np.arange(batch, dtype=np.intp)[:, None] * stride + self.offsets

    @property
    def batch(self) -> int:
        return int(self.history.shape[0])

    @property
    def n_entries(self) -> int:
        """Distinct estimate rows held (one per campaign)."""
        return self.batch

    def take(self, index: np.ndarray) -> FrequencyModel:
        """A copy holding the campaigns at ``index`` (rows may repeat)."""
        out = copy.copy(self)
        out.weights = self.weights[index]
        out.counts = self.counts[index]
        out.top = self.top[index]
        out.last = self.last[index]
        out.history = self.history[index]
        out.coef = self.coef[index]
        out.cells = out._cells(out.batch)
        return out

    # ---- learning ------------------------------------------------------------------
    def observe(self, offers: np.ndarray) -> np.ndarray:
        """Learn from the other side's standing offers ``(B, I)`` (-1 = none).

        Only rows whose offer differs from the last one seen count as a new
        bid. Returns ``(B,)`` bool: rows that learned something.
        """
        offers = np.asarray(offers, dtype=np.int16)
        if offers.shape[0] == 1 and (offers[0, 0] < 0 or offers.tobytes() == self.last.tobytes()):
            return np.zeros(1, dtype=bool)  # a single game's usual week: nothing new
        new = rows_differ(offers, self.last) & (offers[:, 0] >= 0)
        if not some(new):
            return new
        rows: slice | np.ndarray = slice(None) if every(new) else new.nonzero()[0]
        bids = offers[rows]
        n_issues = bids.shape[1]
        b = bids.astype(np.intp)
        bid_hash = (bids.astype(np.uint64) + np.uint64(1)) * _ISSUE_MIX[:n_issues]
        folded = bid_hash[:, 0].copy()
        for j in range(1, n_issues):  # column by column: faster than a row reduce
            folded ^= bid_hash[:, j]
        mixed = self.history[rows] * np.uint64(0x100000001B3) ^ folded
        self.history[rows] = mixed ^ (mixed >> np.uint64(29))
        # the HardHeaded update: issues that did not move gain weight
        last = self.last[rows]
        unchanged = (b == last) & (last[:, :1] >= 0)
        w = self.weights[rows] + (self.learn_coef / n_issues) * unchanged
        total = w[:, 0].copy()
        for j in range(1, n_issues):  # the same left-to-right sum as a row reduce
            total += w[:, j]
        weights = w / total[:, None]
        self.weights[rows] = weights
        hit = self.cells[rows] + b  # (b, I) flat cells
        flat = self.counts.reshape(-1)
        value = flat[hit] + np.float32(self.learn_value_addition)
        flat[hit] = value
        top = np.maximum(self.top[rows], value)
        self.top[rows] = top
        self.coef[rows] = _coefficients(weights, top)
        self.last[rows] = bids
        return new

    def utility(self, rows: np.ndarray, outcomes: np.ndarray) -> np.ndarray:
        """Estimated utility of ``outcomes`` ``(b, K, I)`` for campaigns ``rows`` ``(b,)``.

        Returns ``(b, K)``. Uniform (0) estimates before any offer was seen.
        """
        return self.utility_flat(rows, outcomes.astype(np.intp) + self.offsets)

    def utility_flat(self, rows: np.ndarray, flat: np.ndarray) -> np.ndarray:
        """Like :meth:`utility` with outcomes given as flat table indices
        ``issue * L + level``, shape ``(b, K, I)``."""
        stride = self.counts.shape[1] * self.counts.shape[2]
        index = flat + (rows * stride)[:, None, None]
        picked = self.counts.reshape(-1)[index]  # (b, K, I) value counts
        coef = self.coef[rows]
        return np.asarray(np.einsum("bki,bi->bk", picked, coef), dtype=np.float64)


def _coefficients(weights: np.ndarray, top: np.ndarray) -> np.ndarray:
    """``weights / max(top, 1)`` as float32 (``top`` 0 before any bid)."""
    return np.asarray((weights / np.maximum(top, 1.0)).astype(np.float32))


def rows_differ(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(B,) bool: the rows of two ``(B, I)`` level arrays that differ anywhere."""
    if a.shape[0] == 1:
        return np.array([a.tobytes() != b.tobytes()])
    out: np.ndarray = a[:, 0] != b[:, 0]
    for j in range(1, a.shape[1]):  # column by column: faster than a row reduce
        out |= a[:, j] != b[:, j]
    return out
