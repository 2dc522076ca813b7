"""The balance harness: every policy in a seat against every opponent at every level.

For one scenario and seat, each policy of the suite (:mod:`.policies`) plays
``runs`` campaigns against every negotiator the game offers for the other side
(:func:`strikesim.ai.negotiator_names`: the scenario's personalities and the
built-in profiles) at every difficulty, one vectorised batch per policy x
opponent x difficulty. Every batch uses the same seed and campaign ids, so the
policies meet the same draws (common random numbers) and a table is
reproducible to the last digit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from strikesim.ai import DIFFICULTIES, Negotiator, make_negotiator, negotiator_names
from strikesim.balance.policies import (
    DEFAULT_AI,
    POLICIES,
    REFERENCE_POLICIES,
    TRIVIAL_POLICIES,
    PolicyFactory,
    make_policy,
)
from strikesim.balance.result import side_result, side_scores
from strikesim.batch import play_batch
from strikesim.engine import GameSpec, Outcome, State
from strikesim.engine.spec import SIDES

__all__ = [
    "BAR_MARGIN",
    "DEFAULT_RUNS",
    "SUITE",
    "SeatTable",
    "Stats",
    "play",
    "play_seat",
    "scenario_personalities",
    "uses_lookahead",
]

DEFAULT_RUNS = 40
"""Campaigns per policy x opponent x difficulty batch."""

BAR_MARGIN = 10.0
"""Score points every trivial policy must stay below the default AI (DESIGN.md §6)."""

SUITE: tuple[str, ...] = (DEFAULT_AI, *TRIVIAL_POLICIES, *REFERENCE_POLICIES)
"""Policies played, in table order (the yardstick first)."""

_DEAL, _DEADLINE = int(Outcome.DEAL_RATIFIED), int(Outcome.DEADLINE)
_GAVE_IN = (int(Outcome.UNION_CAPITULATED), int(Outcome.STUDIO_CAPITULATED))
"""Capitulation outcome of each side (index = side)."""


def _mean(x: np.ndarray) -> float:
    """Mean of the finite values (NaN when there are none)."""
    finite = x[np.isfinite(x)]
    return float(finite.mean()) if finite.size else math.nan


@dataclass(frozen=True)
class Stats:
    """Means over a set of finished games, seen from one side's seat."""

    games: int
    score: float
    """Mean score against the side's objectives, 0–100 (NaN: no objectives)."""
    result: float
    """Mean result (contract value minus dispute cost), utility units."""
    deal: float
    """Share of games ending in a ratified deal."""
    strike: float
    """Share of games with at least one week on strike."""
    gave_in: float
    """Share ending in this side's capitulation."""
    other_gave_in: float
    """Share ending in the other side's capitulation."""
    no_deal: float
    """Share reaching the deadline without a contract."""
    strike_weeks: float
    """Mean weeks on strike."""

    @classmethod
    def of(
        cls, side: int, score: np.ndarray, result: np.ndarray, outcome: np.ndarray,
        strike_weeks: np.ndarray,
    ) -> Stats:  # fmt: skip
        n = int(outcome.shape[0])
        if n == 0:
            return cls(0, *(math.nan,) * 8)
        return cls(
            games=n,
            score=_mean(score),
            result=_mean(result),
            deal=float(np.mean(outcome == _DEAL)),
            strike=float(np.mean(strike_weeks > 0)),
            gave_in=float(np.mean(outcome == _GAVE_IN[side])),
            other_gave_in=float(np.mean(outcome == _GAVE_IN[1 - side])),
            no_deal=float(np.mean(outcome == _DEADLINE)),
            strike_weeks=float(np.mean(strike_weeks)),
        )


_ARRAYS = ("score", "result", "outcome", "strike_weeks", "other_score", "other_result")
"""The per-game array fields of :class:`Games`."""


@dataclass(frozen=True)
class Games:
    """Per-game arrays of finished batches, seen from one side (concatenable)."""

    side: int
    score: np.ndarray
    result: np.ndarray
    outcome: np.ndarray
    strike_weeks: np.ndarray
    other_score: np.ndarray
    other_result: np.ndarray

    @classmethod
    def of(cls, spec: GameSpec, state: State, side: int) -> Games:
        return cls(
            side=side,
            score=side_scores(spec, state, side),
            result=side_result(spec, state, side),
            outcome=np.asarray(state.outcome, dtype=np.int8).copy(),
            strike_weeks=np.asarray(state.strike_weeks, dtype=np.int32).copy(),
            other_score=side_scores(spec, state, 1 - side),
            other_result=side_result(spec, state, 1 - side),
        )

    @classmethod
    def concat(cls, parts: Sequence[Games]) -> Games:
        if not parts:
            raise ValueError("no games to concatenate")
        arrays = {name: np.concatenate([getattr(p, name) for p in parts]) for name in _ARRAYS}
        return cls(side=parts[0].side, **arrays)

    def stats(self) -> Stats:
        return Stats.of(self.side, self.score, self.result, self.outcome, self.strike_weeks)

    def other_stats(self) -> Stats:
        return Stats.of(
            1 - self.side, self.other_score, self.other_result, self.outcome, self.strike_weeks
        )


def scenario_personalities(spec: GameSpec, side: int) -> tuple[str, ...]:
    """The scenario's own personalities that can play ``side`` (without the
    built-in profiles every scenario offers)."""
    return tuple(p.id for p in spec.personalities if p.side is None or p.side == side)


def uses_lookahead(neg: Negotiator, batch: int) -> bool:
    """Whether ``neg`` runs its Monte Carlo look-ahead in a batch of ``batch``
    campaigns (hard and expert negotiators may limit it to small batches)."""
    lookahead = getattr(neg, "lookahead", None)
    if lookahead is None:
        return False
    limit = getattr(lookahead, "max_batch", None)
    return limit is None or batch <= int(limit)


def play(spec: GameSpec, union: Negotiator, studio: Negotiator, *, runs: int, seed: int) -> State:
    """Play ``runs`` campaigns (ids ``0..runs-1``) to the end; the final state."""
    return play_batch(spec, (union, studio), runs=runs, seed=seed)


@dataclass(frozen=True)
class SeatTable:
    """The suite's results in one seat of one scenario."""

    scenario: str
    title: str
    side: int
    runs: int
    seed: int
    difficulties: tuple[str, ...]
    policies: tuple[str, ...]
    opponents: tuple[str, ...]
    default_ai: str
    """The personality playing ``default_ai`` in this seat."""
    cells: Mapping[tuple[str, str], Stats]
    """(policy, difficulty) -> stats over every opponent."""
    by_opponent: Mapping[tuple[str, str, str], Stats]
    """(policy, difficulty, opponent) -> stats of that batch."""
    opponent_view: Mapping[tuple[str, str], Stats]
    """(policy, difficulty) -> the same games seen from the other side."""
    lookahead: Mapping[str, bool] = field(default_factory=dict)
    """Difficulty -> whether any AI in its batches used its look-ahead."""
    custom: tuple[str, ...] = ()
    """Entrants from outside the suite (played and reported, judged by no bar)."""

    @property
    def trivial(self) -> tuple[str, ...]:
        """The policies the bar judges (the trivial ones played; not the default AI, the
        reference strategies or custom entrants)."""
        return tuple(p for p in self.policies if p in TRIVIAL_POLICIES)

    @property
    def seat(self) -> str:
        return SIDES[self.side]

    def margin(self, policy: str, difficulty: str) -> float:
        """Score points of ``policy`` below the default AI at ``difficulty``."""
        base = self.cells.get((DEFAULT_AI, difficulty))
        cell = self.cells.get((policy, difficulty))
        if base is None or cell is None:
            return math.nan
        return base.score - cell.score

    def meets_bar(self, policy: str) -> bool:
        """``policy`` is at least :data:`BAR_MARGIN` points below the default AI
        at every difficulty played."""
        margins = [self.margin(policy, d) for d in self.difficulties]
        return all(np.isfinite(m) and m >= BAR_MARGIN for m in margins)


def check_request(
    spec: GameSpec, side: int, difficulties: Iterable[str], policies: Iterable[str], runs: int,
    custom: Iterable[str] = (),
) -> None:  # fmt: skip
    """Raise ``ValueError`` naming what is wrong with a harness request."""
    if side not in (0, 1):
        raise ValueError(f"side must be 0 (union) or 1 (studio), got {side!r}")
    if runs < 1:
        raise ValueError(f"runs must be at least 1, got {runs}")
    for d in difficulties:
        if d not in DIFFICULTIES:
            raise ValueError(f"unknown difficulty {d!r}; choose from: {', '.join(DIFFICULTIES)}")
    custom = set(custom)
    for p in policies:
        if p != DEFAULT_AI and p not in POLICIES and p not in custom:
            raise ValueError(f"unknown policy {p!r}; choose from: {', '.join(SUITE)}")


def play_seat(
    spec: GameSpec,
    side: int,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    difficulties: Sequence[str] = tuple(DIFFICULTIES),
    policies: Sequence[str] = SUITE,
    opponents: Sequence[str] | None = None,
    progress: Callable[[int, int], Any] | None = None,
    custom: Mapping[str, PolicyFactory] | None = None,
) -> SeatTable:
    """Play the suite in ``side``'s seat of ``spec``.

    ``opponents`` defaults to every negotiator the game offers for the other
    side; ``progress(done, total)`` is called after each batch. ``custom``
    enters more negotiators (name -> factory of ``(spec, side)``), played after
    the suite's policies.
    """
    custom = dict(custom or {})
    difficulties = tuple(difficulties)
    policies = (*policies, *(name for name in custom if name not in policies))
    check_request(spec, side, difficulties, policies, runs, custom)
    other = 1 - side
    names = tuple(negotiator_names(spec, other) if opponents is None else opponents)
    cells: dict[tuple[str, str], Stats] = {}
    views: dict[tuple[str, str], Stats] = {}
    by_opponent: dict[tuple[str, str, str], Stats] = {}
    lookahead: dict[str, bool] = {}
    total, done = len(policies) * len(difficulties) * len(names), 0
    for difficulty in difficulties:
        lookahead[difficulty] = False
        for policy in policies:
            parts = []
            for name in names:
                mine = make_policy(spec, policy, side, difficulty, custom)
                theirs = make_negotiator(spec, name, other, difficulty)
                lookahead[difficulty] |= uses_lookahead(mine, runs) or uses_lookahead(theirs, runs)
                pair = (mine, theirs) if side == 0 else (theirs, mine)
                state = play(spec, *pair, runs=runs, seed=seed)
                games = Games.of(spec, state, side)
                by_opponent[(policy, difficulty, name)] = games.stats()
                parts.append(games)
                done += 1
                if progress is not None:
                    progress(done, total)
            if parts:
                games = Games.concat(parts)
                cells[(policy, difficulty)] = games.stats()
                views[(policy, difficulty)] = games.other_stats()
    return SeatTable(
        scenario=spec.id,
        title=spec.title,
        side=side,
        runs=runs,
        seed=seed,
        difficulties=difficulties,
        policies=policies,
        opponents=names,
        default_ai=spec.default_negotiators[side],
        cells=cells,
        by_opponent=by_opponent,
        opponent_view=views,
        lookahead=lookahead,
        custom=tuple(custom),
    )
