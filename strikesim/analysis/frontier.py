"""Pareto frontier, Nash and Kalai–Smorodinsky points, and deal efficiency.

Follows research/models.md §2.2–2.4 on a discrete outcome space:

* frontier: sort by union utility descending (ties: studio descending) and
  sweep, keeping a point when its studio utility is strictly above the running
  maximum — O(N log N), vectorised with ``np.maximum.accumulate``;
* Nash point: among frontier points with ``u >= d``, the argmax of
  ``(u_U - d_U) * (u_S - d_S)``;
* Kalai–Smorodinsky point: with ideal ``g_i = max u_i`` over outcomes where the
  other side gets at least its ``d``, the frontier point maximising
  ``min_i (u_i - d_i) / (g_i - d_i)`` (the discrete analogue of equal relative
  gains);
* distance of a deal from the frontier (Euclidean, in utility units) and its
  Nash product relative to the Nash optimum.

Only the solution points depend on the disagreement point ``d``; recompute
those as ``d`` moves with the strike and keep the frontier.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from strikesim.analysis.space import OutcomeSpace

_EPS = 1e-12


def pareto_mask(utility: np.ndarray) -> np.ndarray:
    """(N,) bool: the outcomes on the Pareto frontier of ``(N, 2)`` utilities.

    Of several outcomes with identical utilities only the first (lowest index)
    is marked, so the frontier has one outcome per utility pair.
    """
    utility = np.asarray(utility, dtype=np.float64)
    n = utility.shape[0]
    mask = np.zeros(n, dtype=bool)
    if n == 0:
        return mask
    # lexsort: last key is primary -> union desc, then studio desc, then index asc
    order = np.lexsort((np.arange(n), -utility[:, 1], -utility[:, 0]))
    u2 = utility[order, 1]
    running = np.maximum.accumulate(u2)
    keep = np.empty(n, dtype=bool)
    keep[0] = True
    keep[1:] = u2[1:] > running[:-1]
    mask[order[keep]] = True
    return mask


@dataclass(frozen=True)
class Frontier:
    """The Pareto frontier of an outcome space, sorted by union utility ascending."""

    index: np.ndarray
    """(F,) int64 outcome indices into the space."""
    utility: np.ndarray
    """(F, 2) float64 (union, studio) utilities; union ascending, studio descending."""

    @property
    def size(self) -> int:
        return int(self.index.shape[0])


def pareto_frontier(space: OutcomeSpace) -> Frontier:
    """The frontier of ``space`` (see :func:`pareto_mask`)."""
    index = np.flatnonzero(pareto_mask(space.utility)).astype(np.int64)
    utility = space.utility[index]
    order = np.argsort(utility[:, 0], kind="stable")
    return Frontier(index=index[order], utility=utility[order])


@dataclass(frozen=True)
class SolutionPoint:
    """A bargaining solution: the outcome, its utilities and the product/ratio scored."""

    index: int
    """Outcome index in the space."""
    utility: tuple[float, float]
    score: float
    """Nash: the product ``(u_U-d_U)(u_S-d_S)``; KS: ``min_i`` relative gain."""


def _as_point(d: tuple[float, float] | np.ndarray) -> np.ndarray:
    point = np.asarray(d, dtype=np.float64).reshape(-1)
    if point.shape != (2,):
        raise ValueError(f"a disagreement point has two utilities, got {point.shape[0]}")
    return point


def nash_point(frontier: Frontier, d: tuple[float, float] | np.ndarray) -> SolutionPoint | None:
    """The Nash bargaining solution for disagreement point ``d`` (None if no
    frontier outcome gives both sides at least their ``d``)."""
    point = _as_point(d)
    gain = frontier.utility - point
    ok = (gain >= -_EPS).all(axis=1)
    if not ok.any():
        return None
    product = np.where(ok, np.clip(gain[:, 0], 0, None) * np.clip(gain[:, 1], 0, None), -1.0)
    k = int(np.argmax(product))
    u = frontier.utility[k]
    return SolutionPoint(int(frontier.index[k]), (float(u[0]), float(u[1])), float(product[k]))


def ideal_point(frontier: Frontier, d: tuple[float, float] | np.ndarray) -> np.ndarray | None:
    """(2,) ``g_i``: side ``i``'s best utility among outcomes giving the other
    side at least its ``d`` (None if there is no such outcome for a side)."""
    point = _as_point(d)
    u = frontier.utility
    best = np.empty(2)
    for side in (0, 1):
        ok = u[:, 1 - side] >= point[1 - side] - _EPS
        if not ok.any():
            return None
        best[side] = u[ok, side].max()
    return best


def kalai_smorodinsky_point(
    frontier: Frontier, d: tuple[float, float] | np.ndarray
) -> SolutionPoint | None:
    """The Kalai–Smorodinsky solution for ``d``: the individually rational
    frontier outcome maximising the smaller relative gain (ties: larger sum)."""
    point = _as_point(d)
    g = ideal_point(frontier, point)
    if g is None:
        return None
    gain = frontier.utility - point
    ok = (gain >= -_EPS).all(axis=1)
    if not ok.any():
        return None
    span = np.where(g - point > _EPS, g - point, 1.0)
    relative = np.where((g - point > _EPS)[None, :], gain / span, 1.0)
    score = np.where(ok, relative.min(axis=1), -np.inf)
    best = score.max()
    tied = np.flatnonzero(score >= best - 1e-12)
    k = int(tied[np.argmax(frontier.utility[tied].sum(axis=1))])
    u = frontier.utility[k]
    return SolutionPoint(int(frontier.index[k]), (float(u[0]), float(u[1])), float(score[k]))


def frontier_distance(frontier: Frontier, deals: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """Euclidean distance from each deal's ``(..., 2)`` utilities to the nearest
    frontier outcome; 0 for deals on the frontier. Returns ``(...)`` float64."""
    deals = np.asarray(deals, dtype=np.float64)
    flat = deals.reshape(-1, 2)
    out = np.empty(flat.shape[0])
    for start in range(0, flat.shape[0], chunk):
        block = flat[start : start + chunk]
        diff = block[:, None, :] - frontier.utility[None, :, :]
        out[start : start + chunk] = np.sqrt((diff**2).sum(axis=2).min(axis=1))
    out[out < 1e-9] = 0.0
    return out.reshape(deals.shape[:-1])


def nash_product(utility: np.ndarray, d: tuple[float, float] | np.ndarray) -> np.ndarray:
    """``(u_U - d_U)(u_S - d_S)`` of ``(..., 2)`` utilities, 0 where a side is below ``d``."""
    gain = np.clip(np.asarray(utility, dtype=np.float64) - _as_point(d), 0.0, None)
    return np.asarray(gain[..., 0] * gain[..., 1])


def nash_ratio(
    frontier: Frontier, deals: np.ndarray, d: tuple[float, float] | np.ndarray
) -> np.ndarray:
    """Nash product of each deal divided by the Nash optimum's (1 = as good as
    the Nash deal; 0 = a side gets no more than its disagreement utility).
    NaN when no outcome beats ``d`` for both sides."""
    best = nash_point(frontier, d)
    product = nash_product(deals, d)
    if best is None or best.score <= _EPS:
        return np.full(product.shape, np.nan)
    return np.asarray(product / best.score)


def on_frontier(frontier: Frontier, deals: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """(...) bool: deals that are Pareto-optimal, i.e. whose utility pair is a
    frontier pair (the frontier holds each non-dominated pair once, and its
    union utilities are distinct and ascending)."""
    deals = np.asarray(deals, dtype=np.float64)
    flat = deals.reshape(-1, 2)
    u = frontier.utility
    pos = np.minimum(np.searchsorted(u[:, 0], flat[:, 0] - tol, side="left"), frontier.size - 1)
    hit = (np.abs(u[pos, 0] - flat[:, 0]) <= tol) & (np.abs(u[pos, 1] - flat[:, 1]) <= tol)
    return np.asarray(hit).reshape(deals.shape[:-1])
