"""The outcome space of a dispute: every possible contract and what it is worth.

A contract picks one level per issue, so the space is the product of the issue
levels (``N = prod(n_levels)``; 15,625 for six five-level issues). Utilities
are linear additive (Genius "LinearAdditive" profiles, research/models.md
§2.4): ``U_side(omega) = sum_j weight_j * score_j(omega_j)``, with the
weighted scores taken from :meth:`GameSpec.issue_utility_tables`.

Everything here is vectorised: the utilities are built by outer sums over the
issues (no per-outcome Python loop), and level indices come from one
``np.unravel_index`` call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strikesim.engine.memo import remembered
from strikesim.engine.spec import GameSpec
from strikesim.errors import ScenarioTooLarge

MAX_OUTCOMES = 5_000_000
"""Above this the space is not enumerated (memory: ~60 bytes per outcome)."""

ROUND_DECIMALS = 12
"""Utilities are rounded so that float noise from summing does not split ties."""


class OutcomeSpaceTooLarge(ScenarioTooLarge):
    """The product of issue levels is too large to enumerate."""


@dataclass(frozen=True)
class OutcomeSpace:
    """All contracts of a scenario with both sides' utilities.

    Outcome ``k`` has level indices ``levels[k]`` and utilities
    ``utility[k] = (union, studio)``. Outcomes are in mixed-radix order of the
    issue levels (last issue fastest), so :meth:`index_of` is arithmetic.
    """

    n_levels: tuple[int, ...]
    """Number of levels of each issue, shape ``(I,)``."""
    levels: np.ndarray
    """(N, I) int16 level index of each issue."""
    utility: np.ndarray
    """(N, 2) float64 utility of each outcome to (union, studio), in [0, 1]."""

    @property
    def size(self) -> int:
        return int(self.utility.shape[0])

    @property
    def n_issues(self) -> int:
        return len(self.n_levels)

    def index_of(self, offers: np.ndarray) -> np.ndarray:
        """Outcome index of each offer: ``(..., I)`` level indices -> ``(...)`` int64."""
        offers = np.asarray(offers)
        if offers.shape[-1] != self.n_issues:
            raise ValueError(
                f"an offer has {self.n_issues} issues, got arrays of length {offers.shape[-1]}"
            )
        flat = offers.reshape(-1, self.n_issues).T.astype(np.int64)
        idx = np.ravel_multi_index(tuple(flat), self.n_levels)
        return np.asarray(idx, dtype=np.int64).reshape(offers.shape[:-1])

    def flat_index(self, offers: np.ndarray) -> np.ndarray:
        """Same as :meth:`index_of`."""
        return self.index_of(offers)


def utility_tables(spec: GameSpec) -> np.ndarray:
    """Weighted score tables of both sides: ``(2, I, L)`` float64, NaN padding."""
    union, studio = spec.issue_utility_tables()
    return np.stack([union, studio])


def enumerate_tables(tables: np.ndarray, n_levels: Sequence[int]) -> OutcomeSpace:
    """Enumerate the product space from ``(2, I, L)`` weighted score tables."""
    n_levels = tuple(int(n) for n in n_levels)
    if not n_levels or min(n_levels) < 1:
        raise ValueError("an outcome space needs at least one issue with at least one level")
    size = int(np.prod(np.asarray(n_levels, dtype=np.float64)))
    if size > MAX_OUTCOMES:
        raise OutcomeSpaceTooLarge(
            f"the contract has {size:,} possible outcomes, more than the {MAX_OUTCOMES:,} "
            "that can be enumerated; use fewer issue levels (a larger range step)"
        )
    sides = []
    for side in range(2):
        total = np.zeros(1)
        for j, n in enumerate(n_levels):
            total = (total[:, None] + tables[side, j, :n][None, :]).reshape(-1)
        sides.append(total)
    utility = np.round(np.stack(sides, axis=1), ROUND_DECIMALS)
    levels = np.stack(np.unravel_index(np.arange(size), n_levels), axis=1).astype(np.int16)
    return OutcomeSpace(n_levels=n_levels, levels=levels, utility=utility)


def enumerate_outcomes(spec: GameSpec) -> OutcomeSpace:
    """Enumerate every contract of ``spec`` (raises :class:`OutcomeSpaceTooLarge`)."""
    return enumerate_tables(utility_tables(spec), [issue.n_levels for issue in spec.issues])


def outcome_space(spec: GameSpec) -> OutcomeSpace:
    """The outcome space of ``spec``, enumerated once per spec object and kept
    with it (specs are immutable)."""
    return remembered(spec, "analysis.outcome_space", lambda: enumerate_outcomes(spec))
