"""A negotiator's position: how far the dispute has worn down its staying power.

The tactics turn a normalised clock ``t`` in [0, 1] into a target utility
(:mod:`strikesim.ai.tactics`). Here that clock is the side's *position*, not the
calendar (docs/model.md §6):

* **cost** — the dispute cost the side has borne so far (``union_cost`` /
  ``studio_cost``, utility units, less what accrued while a tentative deal was out
  for ratification: a vote pauses the clock) over its tolerance: ``horizon`` weeks
  at the scenario's ``tolerance_rate`` (utility per week). The unit is the same for both
  sides and every scenario, so the side a strike hurts more wears down sooner, and
  a dearer strike is a shorter one: a studio that covers struck work with AI, or a
  union whose fund runs dry, is not given the same clock as its opponent. A week of
  strike with members in hardship and the fund empty, or with the studio short of
  cash and its audience leaving, counts for more than a week of a comfortable
  strike; a week of talks costs nothing.
* **strength** — the tolerance stretches when the side is doing better than the
  other: a public majority on its side, and the other side's cost (in its own weeks of
  staying power) above its own.
* **threat** — in the weeks before the contract expires, a side that expects the
  strike to hurt it more than the other side moves a little to avoid it.
* **deadline** — in the last weeks before the last week a deal can still be
  ratified, both sides move towards what an arbitrator would find reasonable (the
  package with the largest product of the two sides' values): arbitration punishes
  extreme final offers (docs/model.md §5). This clock leads to that point, not to
  the side's reservation.

Every input is in the side's observation namespace (both cost variables are
public: the press reports what a strike costs both sides).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from strikesim.analysis.result import COST_VARIABLE
from strikesim.engine.equations import studio_cost_rate, union_cost_rate
from strikesim.engine.mathfn import clip, mean_of, some
from strikesim.engine.memo import remembered
from strikesim.engine.spec import STUDIO, UNION, GameSpec, Namespace

if TYPE_CHECKING:
    from strikesim.analysis.space import OutcomeSpace


STRENGTH_SUPPORT = 1.0
"""How much public support away from its baseline stretches or shrinks a side's tolerance."""
STRENGTH_RELATIVE = 0.5
"""How much the other side's worn-down share, above one's own, stretches one's tolerance."""
THREAT_WEEKS = 5.0
"""Weeks over which the threat of a strike builds, up to the last week a deal can be
reached and still be ratified before the contract expires."""
DEADLINE_SHARE = 0.2
"""Share of the ratifiable weeks (at least four) over which the deadline closes in."""


class Position(NamedTuple):
    """This week's clock and what drove it, per campaign."""

    t: np.ndarray
    """(B,) clock in [0, 1] towards the side's reservation (cost and threat)."""
    deadline: float
    """Clock in [0, 1] towards the arbitration point (the same for the batch)."""
    worn: np.ndarray
    """(B,) share of the side's tolerance the dispute's cost has used (unclipped)."""
    driver: str
    """What moved the clock most across the batch: cost, threat or deadline."""
    threat: np.ndarray
    """(B,) share of the way to its reservation the side will go to avert a strike
    (0 outside the weeks before expiry); applied linearly, not through the tactic."""


def opening_rates(spec: GameSpec) -> tuple[float, float]:
    """Each side's weekly cost rate in the first week of a solid strike (utility/week),
    from the scenario's starting values: the unit of "a week of staying power"
    (worked out once per scenario)."""
    return remembered(spec, "ai.opening_rates", lambda: _opening_rates(spec))


def _opening_rates(spec: GameSpec) -> tuple[float, float]:
    ns: dict[str, Any] = dict(spec.params)
    ns.update({v.id: float(v.initial) for v in spec.variables})
    ns.update(is_striking=1.0, hardship=0.0, members=float(spec.parties[UNION].members))
    covered = 1.0 - ns["ai_strike_substitution"] * ns["ai_capability"]
    ns["production_level"] = 1.0 - ns["strike_production_impact"] * ns["solidarity"] * covered
    rates = (float(union_cost_rate(ns)), float(studio_cost_rate(ns)))
    return (max(rates[UNION], 1e-6), max(rates[STUDIO], 1e-6))


def last_ratifiable_week(spec: GameSpec) -> int:
    """The last week a tentative deal can be reached and still be voted on in time."""
    ph = spec.phases
    return max(ph.max_weeks - ph.ratification_weeks - 1, 1)


def position(
    spec: GameSpec,
    side: int,
    ns: Namespace,
    week: int,
    horizon: np.ndarray,
    rates: tuple[float, float],
    aversion: float = 0.05,
    paused: np.ndarray | None = None,
) -> Position:
    """The side's clock this week (see the module docstring).

    ``horizon`` is each campaign's tolerance in weeks of a solid strike; ``rates``
    the two sides' :func:`opening_rates`; ``aversion`` the personality's
    ``strike_aversion``: the clock it reaches at expiry while still talking, when a
    strike would hurt it as much as the other side; ``paused`` ``(2, B)`` each side's
    cost that accrued during ratification votes (:class:`VoteClock`), left out."""
    other = 1 - side
    tolerance = max(float(ns.get("tolerance_rate", 0.011)), 1e-6)
    own_weeks = _weeks_of_cost(ns, side, tolerance, paused)
    other_weeks = _weeks_of_cost(ns, other, tolerance, paused)
    support = np.asarray(ns.get("public_support_union", 0.5), dtype=np.float64)
    lean = (support - 0.5) * (1.0 if side == UNION else -1.0)  # a public majority on its side
    relative = (other_weeks - own_weeks) / np.maximum(other_weeks + own_weeks + 4.0, 1.0)
    stretch = clip(1.0 + STRENGTH_SUPPORT * lean + STRENGTH_RELATIVE * relative, 0.5, 1.6)
    worn = own_weeks / np.maximum(horizon * stretch, 1e-9)

    expiry = spec.phases.expiry_week
    # a deal must be voted on before expiry: the strike starts then even if a vote is pending
    peak = expiry - spec.phases.ratification_weeks - 1
    ramp = min(max(1.0 - (peak - week) / THREAT_WEEKS, 0.0), 1.0)
    if ramp > 0.0 and week <= expiry:
        # the side whose strike costs weigh more (per its own stake) fears it more
        fear = rates[side] / (rates[side] + rates[other])
        talks = np.asarray(ns.get("is_talks", 0.0), dtype=np.float64)
        threat = np.asarray((aversion * ramp * 2.0 * fear) * talks / stretch, dtype=np.float64)
        if threat.shape != worn.shape:
            threat = np.broadcast_to(threat, worn.shape)
        threat_mean = mean_of(threat)
        t = np.maximum(worn, threat)
        threat = np.asarray(clip(threat, 0.0, 1.0), dtype=np.float64)
    else:  # no strike ahead to avert
        threat = np.zeros(worn.shape)
        threat_mean = 0.0
        t = np.maximum(worn, 0.0)

    last = last_ratifiable_week(spec)
    window = max(4.0, DEADLINE_SHARE * last)
    deadline = min(max(1.0 - (last - week) / window, 0.0), 1.0)

    # the largest part names the driver (the first of equal ones)
    driver, largest = "cost", mean_of(worn)
    if threat_mean > largest:
        driver, largest = "threat", threat_mean
    if deadline > largest:
        driver = "deadline"
    return Position(np.asarray(clip(t, 0.0, 1.0)), deadline, np.asarray(worn), driver, threat)


@dataclass(frozen=True)
class ArbitrationTable:
    """For one side: the best it can ask and still win final-offer arbitration.

    The arbitrator imposes the final offer with the larger product of the two sides'
    values (docs/model.md §5), so against a standing offer with product ``q`` the side
    wins with any package of product above ``q``; the best of those for it is its
    *winning ask*. Built once per outcome space: packages sorted by product, and the
    side's best utility among all packages from each one up."""

    product: np.ndarray
    """(N,) every package's product of values, ascending."""
    best_above: np.ndarray
    """(N,) the side's best utility among packages with this product or more."""

    @classmethod
    def of(cls, utility: np.ndarray, side: int) -> ArbitrationTable:
        product = utility[:, 0] * utility[:, 1]
        order = np.argsort(product, kind="stable")
        own = utility[order, side]
        best_above = np.maximum.accumulate(own[::-1])[::-1]
        return cls(product[order], best_above)

    @classmethod
    def for_space(cls, space: OutcomeSpace, side: int) -> ArbitrationTable:
        """:meth:`of` the outcome space's utilities, built once per space and side."""
        return remembered(space, f"ai.arbitration/{side}", lambda: cls.of(space.utility, side))

    @property
    def fair(self) -> float:
        """The side's utility at the most reasonable package (largest product)."""
        return float(self.best_above[-1])

    def winning_ask(self, other_product: np.ndarray) -> np.ndarray:
        """(B,) the side's best utility among packages beating ``other_product``
        (``(B,)``; NaN = no offer standing: any package wins), never below
        :attr:`fair`."""
        q = np.nan_to_num(np.asarray(other_product, dtype=np.float64), nan=-1.0)
        k = np.searchsorted(self.product, q, side="right")
        k = np.minimum(k, self.product.shape[0] - 1)
        return np.asarray(np.maximum(self.best_above[k], self.fair))


def _weeks_of_cost(
    ns: Namespace, side: int, tolerance: float, paused: np.ndarray | None
) -> np.ndarray:
    """The side's dispute cost so far (less ``paused[side]``) in weeks of staying
    power (``tolerance`` = ``tolerance_rate`` utility a week: one unit for both sides)."""
    cost = np.asarray(ns.get(COST_VARIABLE[side], 0.0), dtype=np.float64)
    if paused is not None:
        cost = cost - paused[side]
    return np.asarray(cost / tolerance)


class VoteClock:
    """Each side's dispute cost accrued while a tentative deal was out for a vote,
    per campaign: the position clock leaves it out. Members are back at work and
    production resumes while they vote; what the studios still lose then (the audience
    the strike drove away) is not the dispute wearing them down. Counted, it ran the
    studios' clock through the vote while the union's stood still, so a deal the
    members voted down paid the union: the studios came back conceding far more."""

    def __init__(self, batch: int) -> None:
        self.batch = batch
        self.paused: np.ndarray | None = None
        """(2, B) cost left out so far (None until a vote has cost anything)."""
        self.last: tuple[np.ndarray, np.ndarray] | None = None
        """Both sides' ``(B,)`` cost at the last week seen (None before the first)."""

    def take(self, index: np.ndarray) -> VoteClock:
        """The clock of the campaigns at ``index`` (rows may repeat)."""
        out = VoteClock(int(index.shape[0]))
        out.paused = None if self.paused is None else self.paused[:, index]
        if self.last is not None:
            out.last = (self.last[0][index], self.last[1][index])
        return out

    def update(self, ns: Namespace, voting: np.ndarray) -> np.ndarray | None:
        """See this week's costs (``voting``: ``(B,)`` campaigns in a ratification
        vote); the ``(2, B)`` cost to leave out so far, or None when nothing is."""
        costs = (self._cost(ns, COST_VARIABLE[UNION]), self._cost(ns, COST_VARIABLE[STUDIO]))
        if self.last is not None and some(voting):
            grew = np.stack([np.where(voting, now - before, 0.0)
                             for now, before in zip(costs, self.last, strict=True)])  # fmt: skip
            self.paused = grew if self.paused is None else self.paused + grew
        self.last = costs
        return self.paused

    def _cost(self, ns: Namespace, name: str) -> np.ndarray:
        """``(B,)`` float64 ``ns[name]`` (0 where the namespace has none)."""
        value = ns.get(name, 0.0)
        if isinstance(value, np.ndarray) and value.shape == (self.batch,):
            return value  # (an observation's variables are read-only and fresh each week)
        return np.broadcast_to(np.asarray(value, dtype=np.float64), (self.batch,))
