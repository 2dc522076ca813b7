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

LEARN_COEF = 0.2
LEARN_VALUE_ADDITION = 1.0

_ISSUE_MIX = np.random.default_rng(20230502).integers(
    1, 2**63, size=64, dtype=np.uint64
) | np.uint64(1)
"""Fixed odd multipliers that hash a bid's levels (up to 64 issues)."""


class FrequencyModel:
    """Per campaign estimates of the other side's issue weights and level scores.

    ``weights`` is ``(B, I)`` (rows sum to 1); ``counts`` is ``(B, I, L)``;
    ``last`` is the other side's previous offer ``(B, I)`` (-1 = none yet).
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
        self.weights = np.full((batch, n_issues), 1.0 / n_issues)
        self.counts = np.zeros((batch, n_issues, width), dtype=np.float32)
        self.last = np.full((batch, n_issues), -1, dtype=np.int16)
        self.width = width
        self.valid = np.zeros((n_issues, width), dtype=bool)
        for j, n in enumerate(n_levels):
            self.valid[j, :n] = True
        self.offsets = (np.arange(n_issues) * width).astype(np.intp)
        self.history = np.zeros(batch, dtype=np.uint64)
        """(B,) hash of the bids seen so far: equal keys mean equal estimates."""
        self.top = np.zeros((batch, n_issues), dtype=np.float32)
        """(B, I) largest value count per issue (kept up to date by :meth:`observe`)."""

    def take(self, index: np.ndarray) -> FrequencyModel:
        """A copy holding the campaigns at ``index`` (rows may repeat)."""
        out = copy.copy(self)
        out.weights = self.weights[index].copy()
        out.counts = self.counts[index].copy()
        out.last = self.last[index].copy()
        out.top = self.top[index].copy()
        out.history = self.history[index].copy()
        return out

    def observe(self, offers: np.ndarray) -> np.ndarray:
        """Learn from the other side's standing offers ``(B, I)`` (-1 = none).

        Only rows whose offer differs from the last one seen count as a new
        bid. Returns ``(B,)`` bool: rows that learned something.
        """
        offers = np.asarray(offers, dtype=np.int16)
        has = offers[:, 0] >= 0
        new: np.ndarray = has & (offers != self.last).any(axis=1)
        if not new.any():
            return new
        rows = np.flatnonzero(new)
        bids = offers[rows].astype(np.intp)
        seen_before = self.last[rows, 0] >= 0
        unchanged = (offers[rows] == self.last[rows]) & seen_before[:, None]
        golden = self.learn_coef / offers.shape[1]
        w = self.weights[rows] + golden * unchanged
        self.weights[rows] = w / w.sum(axis=1, keepdims=True)
        stride = self.counts.shape[1] * self.counts.shape[2]
        hit = (rows * stride)[:, None] + self.offsets[None, :] + bids
        flat = self.counts.reshape(-1)
        flat[hit] += self.learn_value_addition
        self.top[rows] = np.maximum(self.top[rows], flat[hit])
        self.last[rows] = offers[rows]
        bid_hash = (bids.astype(np.uint64) + np.uint64(1)) * _ISSUE_MIX[: bids.shape[1]]
        mixed = self.history[rows] * np.uint64(0x100000001B3) ^ np.bitwise_xor.reduce(
            bid_hash, axis=1
        )
        self.history[rows] = mixed ^ (mixed >> np.uint64(29))
        return new

    def score_tables(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Estimated weighted level scores ``(b, I, L)`` (padding 0)."""
        counts = self.counts if rows is None else self.counts[rows]
        weights = self.weights if rows is None else self.weights[rows]
        top = counts.max(axis=2, keepdims=True)
        scores = np.where(top > 0, counts / np.where(top > 0, top, 1.0), 0.0)
        return np.asarray(weights[:, :, None] * scores * self.valid[None])

    def utility(self, rows: np.ndarray, outcomes: np.ndarray) -> np.ndarray:
        """Estimated utility of ``outcomes`` ``(b, K, I)`` for campaigns ``rows`` ``(b,)``.

        Returns ``(b, K)``. Uniform (0) estimates before any offer was seen.
        """
        return self.utility_flat(rows, outcomes.astype(np.intp) + self.offsets)

    def utility_flat(self, rows: np.ndarray, flat: np.ndarray) -> np.ndarray:
        """Like :meth:`utility` with outcomes given as flat table indices
        ``issue * L + level``, shape ``(b, K, I)``."""
        stride = self.counts.shape[1] * self.counts.shape[2]
        index = flat + (rows.astype(np.intp) * stride)[:, None, None]
        picked = self.counts.reshape(-1)[index]  # (b, K, I) value counts
        top = self.top[rows]
        coef = (self.weights[rows] / np.maximum(top, 1.0)).astype(np.float32)
        return np.asarray(np.einsum("bki,bi->bk", picked, coef), dtype=np.float64)
