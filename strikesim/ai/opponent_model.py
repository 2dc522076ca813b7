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

    Campaigns that have seen the same sequence of bids hold the same estimates,
    so estimates live in shared *entries*: ``entry[b]`` is campaign ``b``'s
    entry, and each bid seen moves a campaign to the entry of its new history
    (entries are never changed in place, so copies may share them). The
    per-campaign views are ``weights`` ``(B, I)`` (rows sum to 1), ``counts``
    ``(B, I, L)``, ``top`` ``(B, I)`` (largest count per issue), ``last`` (the
    other side's previous offer, -1 = none yet) and ``history`` (a hash of the
    bids seen: equal keys mean equal estimates).
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
        self.valid = np.zeros((n_issues, width), dtype=bool)
        for j, n in enumerate(n_levels):
            self.valid[j, :n] = True
        self.offsets = (np.arange(n_issues) * width).astype(np.intp)
        self.entry = np.zeros(batch, dtype=np.intp)
        # entry 0: nothing seen yet
        self._weights = np.full((1, n_issues), 1.0 / n_issues)
        self._counts = np.zeros((1, n_issues, width), dtype=np.float32)
        self._top = np.zeros((1, n_issues), dtype=np.float32)
        self._last = np.full((1, n_issues), -1, dtype=np.int16)
        self._history = np.zeros(1, dtype=np.uint64)
        self._packed_width = -(-n_issues // 4) * 4
        self.last_packed = pack_rows(np.full((batch, n_issues), -1, dtype=np.int16))
        """(B, ceil(I/4)) int64: each campaign's last seen bid packed four levels
        to a word (a cheap row comparison instead of a gather through ``entry``)."""

    # ---- per-campaign views ------------------------------------------------------
    @property
    def weights(self) -> np.ndarray:
        return np.asarray(self._weights[self.entry])

    @property
    def counts(self) -> np.ndarray:
        return np.asarray(self._counts[self.entry])

    @property
    def top(self) -> np.ndarray:
        return np.asarray(self._top[self.entry])

    @property
    def last(self) -> np.ndarray:
        return np.asarray(self._last[self.entry])

    @property
    def history(self) -> np.ndarray:
        return np.asarray(self._history[self.entry])

    @property
    def n_entries(self) -> int:
        return int(self._history.shape[0])

    def take(self, index: np.ndarray) -> FrequencyModel:
        """A copy holding the campaigns at ``index`` (rows may repeat)."""
        out = copy.copy(self)
        out.entry = self.entry[index].copy()
        out.last_packed = self.last_packed[index].copy()
        return out

    # ---- learning ------------------------------------------------------------------
    def observe(self, offers: np.ndarray) -> np.ndarray:
        """Learn from the other side's standing offers ``(B, I)`` (-1 = none).

        Only rows whose offer differs from the last one seen count as a new
        bid. Returns ``(B,)`` bool: rows that learned something.
        """
        offers = np.asarray(offers, dtype=np.int16)
        packed = pack_rows(offers)
        differs = packed[:, 0] != self.last_packed[:, 0]
        for word in range(1, packed.shape[1]):
            differs |= packed[:, word] != self.last_packed[:, word]
        new: np.ndarray = differs & (offers[:, 0] >= 0)
        if not new.any():
            return new
        rows = np.flatnonzero(new)
        np.copyto(self.last_packed, packed, where=new[:, None])
        parent = self.entry[rows]
        bids = offers[rows]
        bid_hash = (bids.astype(np.uint64) + np.uint64(1)) * _ISSUE_MIX[: bids.shape[1]]
        mixed = self._history[parent] * np.uint64(0x100000001B3) ^ np.bitwise_xor.reduce(
            bid_hash, axis=1
        )
        key = mixed ^ (mixed >> np.uint64(29))
        keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        # one new entry per distinct (history, bid): the HardHeaded update
        p = parent[first]
        b = bids[first].astype(np.intp)
        n_new, n_issues = b.shape
        seen_before = self._last[p, 0] >= 0
        unchanged = (b == self._last[p]) & seen_before[:, None]
        w = self._weights[p] + (self.learn_coef / n_issues) * unchanged
        counts = self._counts[p]  # a copy (fancy indexing)
        hit = (np.arange(n_new)[:, None], np.arange(n_issues)[None, :], b)
        counts[hit] += self.learn_value_addition
        ids = self.n_entries + np.arange(n_new)
        self._weights = np.concatenate([self._weights, w / w.sum(axis=1, keepdims=True)])
        self._counts = np.concatenate([self._counts, counts])
        self._top = np.concatenate([self._top, np.maximum(self._top[p], counts[hit])])
        self._last = np.concatenate([self._last, b.astype(np.int16)])
        self._history = np.concatenate([self._history, keys])
        self.entry[rows] = ids[inverse.reshape(-1)]
        if self.n_entries > 2 * self.entry.shape[0] + 64:
            self._compact()
        return new

    def _compact(self) -> None:
        """Drop entries no campaign uses any more."""
        used, inverse = np.unique(self.entry, return_inverse=True)
        self._weights = self._weights[used]
        self._counts = self._counts[used]
        self._top = self._top[used]
        self._last = self._last[used]
        self._history = self._history[used]
        self.entry = inverse.reshape(-1).astype(np.intp)

    def score_tables(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Estimated weighted level scores ``(b, I, L)`` (padding 0)."""
        entry = self.entry if rows is None else self.entry[rows]
        counts = self._counts[entry]
        weights = self._weights[entry]
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
        entry = self.entry[rows]
        stride = self._counts.shape[1] * self._counts.shape[2]
        index = flat + (entry * stride)[:, None, None]
        picked = self._counts.reshape(-1)[index]  # (b, K, I) value counts
        coef = (self._weights[entry] / np.maximum(self._top[entry], 1.0)).astype(np.float32)
        return np.asarray(np.einsum("bki,bi->bk", picked, coef), dtype=np.float64)


def pack_rows(levels: np.ndarray) -> np.ndarray:
    """``(B, I)`` int16 levels as ``(B, ceil(I/4))`` int64 words (padding -1):
    two rows are equal exactly when their words are."""
    batch, n_issues = levels.shape
    width = -(-n_issues // 4) * 4
    padded = np.full((batch, width), -1, dtype=np.int16)
    padded[:, :n_issues] = levels
    return padded.view(np.int64)
