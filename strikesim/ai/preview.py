"""Offer preview for the front end: what a draft offer is likely to bring.

:func:`preview_offer` copies the player's side's view of the campaign
(:func:`strikesim.ai.belief.public_state`) into ``runs`` continuations
(distinct campaign ids, so events and votes vary), posts the draft for the
player's side this week and then holds for it (no further moves or pressure).
The other side is played by opponents drawn from the player's
:class:`~strikesim.ai.belief.OpponentBelief` — the kinds of negotiator it
might be, weighted by what it has done so far — never by the opponent the
player actually faces. So "chance they accept" is an estimate with real
uncertainty: it comes with a 10–90 % band that covers both which kind of
opponent it may be and the Monte Carlo error (:func:`chance_band`).

It reports the chance the other side accepts the draft next week, the chance
it takes the side's current standing offer this week (then the draft is never
answered), the chance of a deal within the horizon, and the median and 10–90 % band of the side's
visible variables week by week. With ``forecast=False`` (a hot seat: the
other side is a person) nothing is forecast about the other side's choices:
it holds in every continuation and only the side's own variables are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from strikesim.ai.belief import OpponentBelief, public_state
from strikesim.ai.negotiator import SideDecision
from strikesim.ai.rollout import replicate, rollout
from strikesim.engine import Move, State
from strikesim.engine.observe import Observation, visible_rows
from strikesim.engine.spec import GameSpec
from strikesim.engine.state import Outcome, Phase

PREVIEW_ID_BASE = 1 << 41

BAND = (10.0, 90.0)
"""Percentiles of the uncertainty bands."""

BOOTSTRAP = 400
"""Replicates behind a chance's band (:func:`chance_band`)."""


@dataclass(frozen=True)
class Preview:
    """The likely consequences of posting one offer."""

    forecast: bool
    """False when nothing is forecast about the other side (a hot seat): the
    chances below are then None and the other side holds in the bands."""
    accept_chance: float | None
    """Estimated share of continuations in which the other side accepts the offer next week."""
    accept_band: tuple[float, float] | None
    """10–90 % band of that chance (over the belief and the Monte Carlo error)."""
    deal_chance: float | None
    """Share in which a deal (tentative or final) is reached within the horizon."""
    standing_chance: float | None
    """Share in which the other side takes the side's *current* standing offer this
    week (the week the draft would be posted): the draft is then never answered."""
    deal_band: tuple[float, float] | None
    ratified_chance: float | None
    """Share in which a contract is ratified (or a side gives in) within the horizon."""
    weeks: np.ndarray
    """(W+1,) week numbers, starting with this week."""
    variables: tuple[str, ...]
    """Ids of the variables in the bands (those the side may see)."""
    median: np.ndarray
    """(W+1, V) median of each variable per week."""
    p10: np.ndarray
    """(W+1, V) 10th percentile."""
    p90: np.ndarray
    """(W+1, V) 90th percentile."""
    runs: int
    belief: tuple[tuple[str, float], ...] = ()
    """The likeliest kinds of opponent behind the estimate: (label, weight)."""
    evidence_weeks: int = 0
    """Weeks of the other side's play the belief has learnt from."""

    def band(self, variable: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(p10, median, p90) of one variable over the weeks."""
        try:
            j = self.variables.index(variable)
        except ValueError:
            raise KeyError(f"no variable '{variable}' in this preview") from None
        return self.p10[:, j], self.median[:, j], self.p90[:, j]


def _holder(spec: GameSpec) -> Callable[[Observation], SideDecision]:
    """A policy that holds: no move, no offer, no pressure."""
    n_i, n_a = len(spec.issues), len(spec.actions)

    def hold(obs: Observation) -> SideDecision:
        b = obs.batch
        return SideDecision(
            move=np.zeros(b, dtype=np.int8),
            offer=np.full((b, n_i), -1, dtype=np.int16),
            pressure=np.zeros((b, n_a), dtype=bool),
        )

    return hold


def chance_band(
    hits: np.ndarray, groups: np.ndarray, rng: np.random.Generator, draws: int = BOOTSTRAP
) -> tuple[float, float]:
    """10–90 % band of a chance estimated from ``hits`` ``(N,)`` bool, whose
    runs belong to opponent types ``groups`` ``(N,)`` (runs drawn from the belief).

    Each replicate draws a type with its share of the runs, then the chance
    for that type by a Bayesian bootstrap of its runs (Dirichlet weights): the
    band spans which kind of opponent it may be *and* the Monte Carlo error,
    so it is wide when the kinds disagree and narrows as the belief settles. It
    always contains the estimate itself (the share of ``hits``), which a few
    unlikely kinds can pull outside the 10–90 % range of the replicates.
    """
    hits = np.asarray(hits, dtype=np.float64)
    kinds, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    chosen = rng.choice(kinds.size, size=draws, p=counts / counts.sum())
    out = np.empty(draws)
    for g in range(kinds.size):
        at = np.flatnonzero(chosen == g)
        if at.size == 0:
            continue
        mine = hits[inverse == g]
        weights = rng.gamma(1.0, size=(at.size, mine.size))
        out[at] = (weights @ mine) / weights.sum(axis=1)
    lo, hi = np.percentile(out, BAND)
    mean = float(hits.mean())
    return min(float(lo), mean), max(float(hi), mean)


def preview_offer(
    spec: GameSpec,
    state: State,
    side: int,
    offer: Sequence[int] | np.ndarray,
    runs: int = 200,
    weeks: int = 8,
    belief: OpponentBelief | None = None,
    row: int = 0,
    *,
    forecast: bool = True,
) -> Preview:
    """Preview posting ``offer`` (level indices) for ``side`` in campaign ``row``.

    ``belief`` is the side's belief about the other side, kept up to date by
    the caller (:meth:`OpponentBelief.follow`); without one, a fresh belief
    (nothing learnt yet) is used. ``forecast=False`` forecasts nothing about
    the other side (it holds). Only ``side``'s view of ``state`` is read.
    The same inputs give the same preview (draws are keyed by the seed and week).
    Raises ``ValueError`` for an invalid offer or a campaign that is over.
    """
    levels = np.asarray(offer, dtype=np.int16).reshape(-1)
    n_levels = np.array([i.n_levels for i in spec.issues])
    if levels.shape != n_levels.shape or (levels < 0).any() or (levels >= n_levels).any():
        raise ValueError("the draft offer needs one valid level for every issue")
    if bool(state.is_over[row]):
        raise ValueError("the dispute is over; there is nothing to preview")
    if runs < 1 or weeks < 1:
        raise ValueError("a preview needs at least one run and one week")
    if belief is not None and belief.side != side:
        raise ValueError("the belief belongs to the other side")
    here = public_state(spec, state.take(np.array([row])), side)
    start = replicate(here, runs, PREVIEW_ID_BASE)
    key = int(state.week)
    types = np.zeros(runs, dtype=np.intp)
    if forecast:
        if belief is None:
            belief = OpponentBelief(spec, side, int(state.seed))
        policy, types = belief.continuation(runs, key)
    else:
        policy = _holder(spec)
    hold = _holder(spec)
    policies = (hold, policy) if side == 0 else (policy, hold)
    offers = np.repeat(levels[None, :], runs, axis=0)
    result = rollout(spec, start, side, offers, policies, weeks)
    visible = list(visible_rows(spec, side))
    series = np.stack([s.values[:, visible] for s in result.states])  # (W+1, runs, V)
    p10, median, p90 = np.percentile(series, [BAND[0], 50, BAND[1]], axis=1)
    chances: dict[str, float | None] = {
        "accept": None,
        "standing": None,
        "deal": None,
        "ratified": None,
    }
    bands: dict[str, tuple[float, float] | None] = {"accept": None, "deal": None}
    summary: tuple[tuple[str, float], ...] = ()
    evidence = 0
    if forecast and belief is not None:
        accepted = result.answers[1] == Move.ACCEPT if weeks > 1 else np.zeros(runs, dtype=bool)
        settled = np.isin(
            result.final.outcome,
            [Outcome.DEAL_RATIFIED, Outcome.UNION_CAPITULATED, Outcome.STUDIO_CAPITULATED],
        )
        dealt = settled.copy()
        for s in result.states:
            dealt |= s.phase == Phase.RATIFICATION
        rng = np.random.default_rng([int(state.seed) & 0xFFFFFFFF, key, 1])
        chances = {
            "accept": float(accepted.mean()),
            "standing": float(np.mean(result.answers[0] == Move.ACCEPT)),
            "deal": float(dealt.mean()),
            "ratified": float(settled.mean()),
        }
        bands = {
            "accept": chance_band(accepted, types, rng),
            "deal": chance_band(dealt, types, rng),
        }
        summary = tuple(belief.summary())
        evidence = belief.weeks_seen
    return Preview(
        forecast=forecast,
        accept_chance=chances["accept"],
        accept_band=bands["accept"],
        deal_chance=chances["deal"],
        deal_band=bands["deal"],
        standing_chance=chances["standing"],
        ratified_chance=chances["ratified"],
        weeks=np.arange(state.week, state.week + weeks + 1),
        variables=tuple(spec.variables[j].id for j in visible),
        median=median,
        p10=p10,
        p90=p90,
        runs=runs,
        belief=summary,
        evidence_weeks=evidence,
    )


__all__ = ["Preview", "chance_band", "preview_offer"]
