"""What kind of move an offer was (the DANS move taxonomy).

Hindriks, Jonker & Tykhonov ("Let's DANS!", 2011; used by Genius' analysis
tools) classify the step from a side's previous offer to its next one by the
change it brings to the mover's own utility (``ds``) and to the other side's
(``do``):

=============  ================  ================
kind           own change ``ds``  other's ``do``
=============  ================  ================
silent         0                 0
nice           0                 > 0
fortunate      > 0               > 0
selfish        > 0               <= 0
concession     < 0               >= 0
unfortunate    <= 0              < 0  (both sides lose, or only the other)
=============  ================  ================

The six kinds partition the plane (with a tolerance for "0"). An opening
offer has no previous offer and is ``OPENING``.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from strikesim.engine.spec import STUDIO, UNION

TOLERANCE = 1e-9
"""Utility changes smaller than this count as no change."""


class MoveKind(IntEnum):
    """Kinds of offer moves (see the module docstring)."""

    OPENING = 0
    SILENT = 1
    NICE = 2
    FORTUNATE = 3
    SELFISH = 4
    CONCESSION = 5
    UNFORTUNATE = 6

    @property
    def label(self) -> str:
        return self.name.lower()


MOVE_DESCRIPTIONS: dict[MoveKind, str] = {
    MoveKind.OPENING: "a first offer",
    MoveKind.SILENT: "no change in value for either side",
    MoveKind.NICE: "better for the other side at no cost to the mover",
    MoveKind.FORTUNATE: "better for both sides",
    MoveKind.SELFISH: "better for the mover, not for the other side",
    MoveKind.CONCESSION: "gives up value to the other side",
    MoveKind.UNFORTUNATE: "worse for the other side without gaining anything",
}


def classify_deltas(
    own_delta: np.ndarray, other_delta: np.ndarray, tol: float = TOLERANCE
) -> np.ndarray:
    """Classify utility changes; arrays of any (equal) shape -> int8 :class:`MoveKind`.

    NaN changes (no previous offer) give ``OPENING``.
    """
    ds = np.asarray(own_delta, dtype=np.float64)
    do = np.asarray(other_delta, dtype=np.float64)
    s_zero = np.abs(ds) <= tol
    o_zero = np.abs(do) <= tol
    s_up = ds > tol
    s_down = ds < -tol
    o_up = do > tol
    o_down = do < -tol
    kind = np.select(
        [
            np.isnan(ds) | np.isnan(do),
            s_zero & o_zero,
            s_zero & o_up,
            s_up & o_up,
            s_up & (o_down | o_zero),
            s_down & (o_up | o_zero),
            (s_down | s_zero) & o_down,
        ],
        [
            MoveKind.OPENING,
            MoveKind.SILENT,
            MoveKind.NICE,
            MoveKind.FORTUNATE,
            MoveKind.SELFISH,
            MoveKind.CONCESSION,
            MoveKind.UNFORTUNATE,
        ],
        default=MoveKind.OPENING,
    )
    return np.asarray(kind, dtype=np.int8)


def classify_moves(
    previous: np.ndarray, current: np.ndarray, mover: int | np.ndarray, tol: float = TOLERANCE
) -> np.ndarray:
    """Classify moves from ``previous`` to ``current`` offers.

    ``previous`` and ``current`` are ``(..., 2)`` (union, studio) utilities of
    the mover's previous and new offer (NaN rows for "no previous offer");
    ``mover`` is the side (``UNION``/``STUDIO``), scalar or ``(...)``.
    Returns ``(...)`` int8 :class:`MoveKind`.
    """
    delta = np.asarray(current, dtype=np.float64) - np.asarray(previous, dtype=np.float64)
    mover = np.asarray(mover)
    own = np.where(mover == UNION, delta[..., UNION], delta[..., STUDIO])
    other = np.where(mover == UNION, delta[..., STUDIO], delta[..., UNION])
    return classify_deltas(own, other, tol)


def classify_trace(utilities: np.ndarray, mover: int, tol: float = TOLERANCE) -> np.ndarray:
    """Classify a sequence of one side's offers: ``(T, 2)`` utilities -> ``(T,)``
    kinds, the first being ``OPENING``."""
    utilities = np.asarray(utilities, dtype=np.float64)
    previous = np.vstack([np.full((1, 2), np.nan), utilities[:-1]])
    return classify_moves(previous, utilities, mover, tol)
