"""Offer preview for the front end: what a draft offer is likely to bring.

:func:`preview_offer` copies the live campaign into ``runs`` continuations
(distinct campaign ids, so events and votes vary), posts the draft for the
player's side this week and then holds for it (no further moves or pressure),
while the other side plays its negotiator. It reports the chance the other
side accepts the draft next week, the chance of a deal within the horizon,
and the median and 10–90 % band of the side's visible variables week by week.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from strikesim.ai.negotiator import Negotiator, SideDecision
from strikesim.ai.registry import make_negotiator
from strikesim.ai.rollout import replicate, rollout
from strikesim.engine import Move, State
from strikesim.engine.observe import Observation
from strikesim.engine.spec import GameSpec
from strikesim.engine.state import Outcome, Phase

PREVIEW_ID_BASE = 1 << 41


@dataclass(frozen=True)
class Preview:
    """The likely consequences of posting one offer."""

    accept_chance: float
    """Share of continuations in which the other side accepts the offer next week."""
    deal_chance: float
    """Share in which a deal (tentative or final) is reached within the horizon."""
    ratified_chance: float
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


def preview_offer(
    spec: GameSpec,
    state: State,
    side: int,
    offer: Sequence[int] | np.ndarray,
    runs: int = 200,
    weeks: int = 8,
    opponent: Negotiator | None = None,
    row: int = 0,
) -> Preview:
    """Preview posting ``offer`` (level indices) for ``side`` in campaign ``row``.

    ``opponent`` is the other side's negotiator as it stands (it is forked,
    never changed); without one the scenario's default negotiator is used.
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
    other = 1 - side
    start = replicate(state.take(np.array([row])), runs, PREVIEW_ID_BASE)
    fork = getattr(opponent, "fork", None)
    if opponent is not None and fork is not None:
        policy = fork(np.full(runs, row, dtype=np.intp))
    else:
        policy = make_negotiator(spec, spec.default_negotiators[other], other)
        policy.reset(spec, runs, state.seed)
    hold = _holder(spec)
    policies = (hold, policy.decide) if side == 0 else (policy.decide, hold)
    offers = np.repeat(levels[None, :], runs, axis=0)
    result = rollout(spec, start, side, offers, policies, weeks)
    accept = float(np.mean(result.answers[1] == Move.ACCEPT)) if weeks > 1 else 0.0
    settled_outcomes = [
        Outcome.DEAL_RATIFIED,
        Outcome.UNION_CAPITULATED,
        Outcome.STUDIO_CAPITULATED,
    ]
    settled = np.isin(result.final.outcome, settled_outcomes)
    dealt = settled.copy()
    for s in result.states:
        dealt |= s.phase == Phase.RATIFICATION
    visible = [j for j, v in enumerate(spec.variables) if v.visible_to[side]]
    series = np.stack([s.values[:, visible] for s in result.states])  # (W+1, runs, V)
    p10, median, p90 = np.percentile(series, [10, 50, 90], axis=1)
    return Preview(
        accept_chance=accept,
        deal_chance=float(dealt.mean()),
        ratified_chance=float(settled.mean()),
        weeks=np.arange(state.week, state.week + weeks + 1),
        variables=tuple(spec.variables[j].id for j in visible),
        median=median,
        p10=p10,
        p90=p90,
        runs=runs,
    )


__all__ = ["Preview", "preview_offer"]
