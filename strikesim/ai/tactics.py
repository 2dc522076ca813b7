"""Concession tactics as pure, vectorised functions of the batch.

Each tactic turns "where we are" into a *target utility* for the side's next
offer (research/models.md §3):

* time-dependent (Faratin, Sierra & Jennings 1998 in the Genius utility form):
  ``f(t) = k + (1 - k) * t**(1/e)``, ``p(t) = p_min + (p_max - p_min) * (1 - f(t))``;
  ``e < 1`` Boulware, ``e = 1`` linear, ``e > 1`` Conceder, ``e = 0`` never moves;
* resource-dependent (§3.2): ``alpha = k + (1 - k) * exp(-scale * resource)`` with
  ``resource`` in [0, 1] the share of the side's staying power left;
* behaviour-dependent tit-for-tat (§3.3): concede (in own utility) what the
  other side conceded in its last move, times ``gain``; never move back;
* Zeuthen (§3.6): the side with the lower risk of conflict concedes, just
  enough to make its risk exceed the other side's.

All take and return ``(B,)`` float64 arrays (scalars broadcast).
"""

from __future__ import annotations

import numpy as np

from strikesim.engine.mathfn import clip, every

ArrayLike = np.ndarray | float

_TINY = 1e-300
"""Exponents above this keep ``1 / e`` finite (no overflow to guard against)."""


def concession_fraction(t: ArrayLike, k: ArrayLike, e: ArrayLike) -> np.ndarray:
    """Faratin/Genius ``f(t) = k + (1 - k) * t**(1/e)`` for normalised time
    ``t`` in [0, 1] (clipped); ``e = 0`` gives ``f = k`` until ``t = 1``."""
    tc: np.ndarray = clip(np.asarray(t, dtype=np.float64), 0.0, 1.0)
    k = np.asarray(k, dtype=np.float64)
    e = np.asarray(e, dtype=np.float64)
    positive = e > _TINY
    if every(positive):  # the usual case: 1 / e and tc ** (1 / e) stay finite
        power = tc ** (1.0 / e)
    else:
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            power = np.where(
                e > 0, tc ** (1.0 / np.where(e > 0, e, 1.0)), (tc >= 1.0).astype(float)
            )
    return np.asarray(k + (1.0 - k) * power)


def time_dependent_target(
    t: ArrayLike, k: ArrayLike, e: ArrayLike, p_min: ArrayLike, p_max: ArrayLike
) -> np.ndarray:
    """Target utility ``p_min + (p_max - p_min) * (1 - f(t))``."""
    f = concession_fraction(t, k, e)
    return np.asarray(p_min + (np.asarray(p_max) - p_min) * (1.0 - f))


def resource_target(
    resource: ArrayLike, k: ArrayLike, scale: ArrayLike, p_min: ArrayLike, p_max: ArrayLike
) -> np.ndarray:
    """Resource-dependent target: ``alpha = k + (1-k) exp(-scale * resource)``.

    ``resource`` is the share of staying power left (1 = untouched, 0 = gone).
    With nothing left the side concedes to ``p_min``; with plenty it stays near
    ``p_max - k (p_max - p_min)``. The exponential is rescaled so that
    ``resource = 1`` gives exactly ``alpha = k``.
    """
    r = clip(np.asarray(resource, dtype=np.float64), 0.0, 1.0)
    scale = np.asarray(scale, dtype=np.float64)
    raw = np.exp(-scale * r)
    floor = np.exp(-scale)
    norm = (raw - floor) / np.maximum(1.0 - floor, 1e-12)
    alpha = np.asarray(k) + (1.0 - np.asarray(k)) * norm
    return np.asarray(p_min + (np.asarray(p_max) - p_min) * (1.0 - alpha))


def tit_for_tat_target(
    previous_target: ArrayLike,
    other_concession: ArrayLike,
    gain: ArrayLike,
    p_min: ArrayLike,
) -> np.ndarray:
    """Mirror the other side's last concession measured in own utility.

    ``other_concession`` = own utility of the other side's new offer minus
    that of its previous one (positive = it moved our way; NaN = no move).
    The target never rises (monotonic) and never drops below ``p_min``.
    """
    step = np.nan_to_num(np.asarray(other_concession, dtype=np.float64), nan=0.0)
    step = np.maximum(step, 0.0) * gain
    return np.asarray(np.maximum(np.asarray(previous_target) - step, p_min))


def zeuthen_risk(own_demand: ArrayLike, other_offer: ArrayLike) -> np.ndarray:
    """``(U(own demand) - U(other's offer)) / U(own demand)``, 1 when the demand
    is worth 0 (a side with nothing to lose risks everything); clipped to [0, 1]."""
    demand = np.asarray(own_demand, dtype=np.float64)
    offer = np.asarray(other_offer, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        risk = np.where(demand > 1e-12, (demand - offer) / np.where(demand > 1e-12, demand, 1), 1.0)
    return np.asarray(clip(np.nan_to_num(risk, nan=1.0), 0.0, 1.0))


def zeuthen_target(
    own_demand: ArrayLike,
    own_value_of_other_offer: ArrayLike,
    other_demand: ArrayLike,
    other_value_of_own_offer: ArrayLike,
    min_step: ArrayLike,
    p_min: ArrayLike,
    grid: int = 24,
) -> tuple[np.ndarray, np.ndarray]:
    """Zeuthen's rule for one side (utilities of the other side are estimates).

    Our risk is ``r = (d - x) / d`` (``d`` our demand, ``x`` our value of the
    other's offer), theirs ``q = (D - y) / D``. Where ``r <= q`` we concede:
    the smallest step ``c >= min_step`` that makes their risk fall below ours,
    assuming their gain grows linearly with our concession along the segment
    between the two offers (``y' = y + c (D - y) / (d - x)``). Elsewhere the
    demand stays. Returns ``(target, concedes)``, ``(B,)`` each.
    """
    d = np.asarray(own_demand, dtype=np.float64)
    x = np.asarray(own_value_of_other_offer, dtype=np.float64)
    big_d = np.asarray(other_demand, dtype=np.float64)
    y = np.asarray(other_value_of_own_offer, dtype=np.float64)
    d, x, big_d, y = np.broadcast_arrays(d, x, big_d, y)
    concedes = zeuthen_risk(d, x) <= zeuthen_risk(big_d, y)
    gap = np.maximum(d - x, 0.0)
    slope = np.where(gap > 1e-12, (big_d - y) / np.where(gap > 1e-12, gap, 1.0), 0.0)
    fractions = np.linspace(0.0, 1.0, grid + 1)[1:]
    step = np.maximum(np.asarray(min_step, dtype=np.float64)[..., None], 0.0)
    c = np.maximum(gap[..., None] * fractions, step)  # (B, G) candidate concessions
    c = np.minimum(c, np.maximum(gap, np.asarray(min_step))[..., None])
    own_risk = zeuthen_risk(d[..., None] - c, x[..., None])
    their_risk = zeuthen_risk(big_d[..., None], y[..., None] + slope[..., None] * c)
    flips = their_risk < own_risk
    first = np.where(flips.any(axis=-1), flips.argmax(axis=-1), grid - 1)
    chosen = np.take_along_axis(c, first[..., None], axis=-1)[..., 0]
    target = np.where(concedes, np.maximum(d - chosen, p_min), d)
    return np.asarray(np.minimum(target, d)), np.asarray(concedes)
