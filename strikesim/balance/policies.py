"""The balance suite's negotiating policies: simple, fixed ways to play a seat.

Each policy is a batch-first :class:`~strikesim.ai.negotiator.Negotiator`: it sees
only its side's :class:`~strikesim.engine.observe.Observation` (its own utility,
the standing offers, the legal masks), and every move and pressure action it
returns is legal under the observation's masks. Packages are picked by the side's
own utility from its :func:`~strikesim.ai.offers.offer_book` (the scenario's
outcome space sorted by that utility); a policy never reads the other side's
utilities.

The trivial policies (accept everything, never agree, open at the maximum and never
move, the same with every pressure action) are what a game must not reward
(DESIGN.md §2, "What makes it a game"): each must score well below ``default_ai``,
the scenario's own negotiator for the seat. The reference policies (linear
concession, tit-for-tat, walking out early) are simple but sensible ways to
bargain; they are played and reported beside them, without a bar.

=========================  ===============================================================
``default_ai``             the scenario's default negotiator for the seat, at the difficulty
``accept_everything``      accepts any standing offer of the other side, otherwise holds
``never_agree``            always holds: never accepts, never offers (its opening stands)
``max_never_move``         posts its ideal package and never moves, never accepts
``max_never_move_pressure`` the same, plus every legal pressure action every week
``linear_midpoint``        concedes linearly from its ideal to the midpoint of the two
                           openings (own utility) by the last week a deal can still be
                           ratified; accepts an offer worth at least its current target
``tit_for_tat``            opens at its ideal and concedes, in its own utility, what the
                           other side's last move gave it; accepts an offer worth at least
                           its target
``walk_out_early``         walks out of talks at its first legal chance, then plays
                           ``linear_midpoint``
=========================  ===============================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from strikesim.ai.negotiator import Negotiator, SideDecision
from strikesim.ai.offers import OfferBook, offer_book
from strikesim.analysis.space import outcome_space
from strikesim.engine.spec import GameSpec
from strikesim.engine.state import Move

if TYPE_CHECKING:
    from strikesim.engine.observe import Observation

__all__ = [
    "DEFAULT_AI",
    "POLICIES",
    "POLICY_DESCRIPTIONS",
    "REFERENCE_POLICIES",
    "TRIVIAL_POLICIES",
    "AcceptEverything",
    "LinearMidpoint",
    "MaxNeverMove",
    "NeverAgree",
    "Policy",
    "PolicyFactory",
    "TitForTat",
    "WalkOutEarly",
    "make_policy",
]

_HOLD, _OFFER, _ACCEPT, _WALK_OUT = (int(m) for m in Move)
_EPS = 1e-9
"""Utility tolerance: an offer worth the target within this is worth the target."""


class Policy:
    """Shared machinery: the side's offer book, the masks, one decision per week.

    Subclasses set ``name`` and ``description`` and override :meth:`choose`.
    """

    name = "policy"
    description = ""

    def __init__(self, spec: GameSpec, side: int) -> None:
        if side not in (0, 1):
            raise ValueError(f"side must be 0 (union) or 1 (studio), got {side!r}")
        self.side = side
        self.spec = spec
        self.book: OfferBook = offer_book(outcome_space(spec), side)
        self.batch = 0
        self._moves = np.zeros(0, dtype=np.int8)
        self.start(0)

    # ---- Negotiator protocol ----------------------------------------------------
    def reset(
        self, spec: GameSpec, batch: int, seed: int, campaigns: np.ndarray | None = None
    ) -> None:
        """Prepare for ``batch`` new campaigns (the policies draw no random numbers)."""
        if spec is not self.spec:
            self.spec = spec
            self.book = offer_book(outcome_space(spec), self.side)
        self.batch = batch
        self._moves = np.zeros(batch, dtype=np.int8)
        self.start(batch)

    def decide(self, obs: Observation) -> SideDecision:
        batch, n_issues = obs.batch, len(self.spec.issues)
        move = np.full(batch, _HOLD, dtype=np.int8)
        offer = np.full((batch, n_issues), -1, dtype=np.int16)
        pressure = np.zeros_like(obs.legal_pressure, dtype=bool)
        self.choose(obs, move, offer, pressure)
        # whatever a subclass chose, only legal moves leave here
        legal = obs.legal_moves[np.arange(batch), move]
        move[~legal] = _HOLD
        offer[move != _OFFER] = -1
        pressure &= obs.legal_pressure
        self._moves = move
        return SideDecision(move=move, offer=offer, pressure=pressure)

    def explain(self, row: int) -> str:
        if row < self._moves.shape[0]:
            what = Move(int(self._moves[row])).name.lower().replace("_", " ")
            return f"{self.description} This week: {what}."
        return self.description

    # ---- for subclasses -----------------------------------------------------------
    def start(self, batch: int) -> None:
        """Reset per-campaign memory for a new batch."""

    def choose(
        self, obs: Observation, move: np.ndarray, offer: np.ndarray, pressure: np.ndarray
    ) -> None:
        """Fill ``move`` (B,), ``offer`` (B, I) and ``pressure`` (B, A) in place."""

    # ---- helpers ------------------------------------------------------------------
    @property
    def ideal(self) -> np.ndarray:
        """(I,) the side's best package by its own utility."""
        return np.asarray(self.book.levels[-1])

    def standing_utility(self, obs: Observation, whose: int) -> np.ndarray:
        """(B,) this side's utility of ``whose`` standing offer (NaN where none)."""
        none = obs.offers[:, whose, 0] < 0 if obs.offers.shape[2] else np.ones(obs.batch, bool)
        return np.where(none, np.nan, obs.offer_utility[:, whose])

    def package_at(self, target: np.ndarray) -> np.ndarray:
        """(B, I) the cheapest package worth at least ``target`` (B,) to this side."""
        return np.asarray(self.book.levels[self.book.rank_at(target)])

    def post(
        self, obs: Observation, move: np.ndarray, offer: np.ndarray, wanted: np.ndarray,
        rows: np.ndarray,
    ) -> None:  # fmt: skip
        """Offer ``wanted`` (B, I) in ``rows`` (B,) bool where it differs from the
        side's standing offer and an offer is legal (never over a chosen move)."""
        mine = obs.offers[:, self.side]
        differs = (wanted != mine).any(axis=1)
        go = rows & differs & obs.legal_moves[:, _OFFER] & (move == _HOLD)
        move[go] = _OFFER
        offer[go] = wanted[go]

    def accept_at_least(self, obs: Observation, move: np.ndarray, target: np.ndarray) -> None:
        """Accept the other side's standing offer where it is worth at least ``target``."""
        other = self.standing_utility(obs, 1 - self.side)
        ok = obs.legal_moves[:, _ACCEPT] & (other >= target - _EPS)  # NaN never accepts
        move[ok] = _ACCEPT


class AcceptEverything(Policy):
    name = "accept_everything"
    description = "Accepts any standing offer from the other side; otherwise holds."

    def choose(
        self, obs: Observation, move: np.ndarray, offer: np.ndarray, pressure: np.ndarray
    ) -> None:
        move[obs.legal_moves[:, _ACCEPT]] = _ACCEPT


class NeverAgree(Policy):
    name = "never_agree"
    description = "Always holds: never accepts and never makes an offer."


class MaxNeverMove(Policy):
    name = "max_never_move"
    description = "Tables its ideal package and never moves or accepts."
    pressure_all = False

    def choose(
        self, obs: Observation, move: np.ndarray, offer: np.ndarray, pressure: np.ndarray
    ) -> None:
        wanted = np.broadcast_to(self.ideal, offer.shape)
        self.post(obs, move, offer, wanted, np.ones(obs.batch, bool))
        if self.pressure_all:
            pressure |= obs.legal_pressure


class MaxNeverMovePressure(MaxNeverMove):
    name = "max_never_move_pressure"
    description = (
        "Tables its ideal package, never moves or accepts, and takes every legal "
        "pressure action every week."
    )
    pressure_all = True


class LinearMidpoint(Policy):
    name = "linear_midpoint"
    description = (
        "Concedes linearly from its ideal to the midpoint of the two openings by the "
        "last ratifiable week; accepts an offer worth its current target."
    )

    def __init__(self, spec: GameSpec, side: int) -> None:
        super().__init__(spec, side)
        self._set_schedule()

    def reset(
        self, spec: GameSpec, batch: int, seed: int, campaigns: np.ndarray | None = None
    ) -> None:
        super().reset(spec, batch, seed, campaigns)
        self._set_schedule()

    def _set_schedule(self) -> None:
        spec, side = self.spec, self.side
        openings = np.asarray(spec.opening_offers, dtype=np.int16)  # (2, I)
        if openings.shape == (2, len(spec.issues)) and (openings >= 0).all():
            mine, theirs = (float(u) for u in self.book.own_utility(openings))
            if side == 1:
                mine, theirs = theirs, mine
            self.midpoint = 0.5 * (mine + theirs)
        else:  # no openings to split: the middle of the side's own range
            self.midpoint = 0.5 * (self.book.best + self.book.worst)
        self.last_week = max(spec.phases.max_weeks - 1 - spec.phases.ratification_weeks, 1)
        """The last week an accepted deal can still be ratified before the deadline."""

    def target(self, week: int) -> float:
        """Own utility aimed at in ``week``."""
        share = min(max(week / self.last_week, 0.0), 1.0)
        return self.book.best - (self.book.best - self.midpoint) * share

    def choose(
        self, obs: Observation, move: np.ndarray, offer: np.ndarray, pressure: np.ndarray
    ) -> None:
        aim = np.full(obs.batch, self.target(obs.week))
        self.accept_at_least(obs, move, aim)
        self.post(obs, move, offer, self.package_at(aim), np.ones(obs.batch, bool))


class TitForTat(Policy):
    name = "tit_for_tat"
    description = (
        "Opens at its ideal and concedes, in its own utility, what the other side's "
        "last move gave it; accepts an offer worth its current target."
    )

    def start(self, batch: int) -> None:
        self.aim = np.full(batch, self.book.best)
        self.seen = np.full(batch, np.nan)

    def choose(
        self, obs: Observation, move: np.ndarray, offer: np.ndarray, pressure: np.ndarray
    ) -> None:
        other = self.standing_utility(obs, 1 - self.side)
        gained = other - self.seen  # NaN before the first offer and where none stands
        step = np.where(np.isfinite(gained) & (gained > 0), gained, 0.0)
        aim = np.maximum(self.aim - step, np.where(np.isfinite(other), other, -np.inf))
        aim = np.minimum(aim, self.book.best)
        self.aim = aim
        self.seen = np.where(np.isfinite(other), other, self.seen)
        self.accept_at_least(obs, move, aim)
        self.post(obs, move, offer, self.package_at(aim), np.ones(obs.batch, bool))


class WalkOutEarly(LinearMidpoint):
    name = "walk_out_early"
    description = (
        "Walks out of talks at its first legal chance, then concedes like linear_midpoint."
    )

    def start(self, batch: int) -> None:
        self.walked = np.zeros(batch, dtype=bool)

    def choose(
        self, obs: Observation, move: np.ndarray, offer: np.ndarray, pressure: np.ndarray
    ) -> None:
        walk = obs.legal_moves[:, _WALK_OUT] & ~self.walked
        self.walked |= walk
        move[walk] = _WALK_OUT
        rest = ~walk
        aim = np.full(obs.batch, self.target(obs.week))
        other = self.standing_utility(obs, 1 - self.side)
        ok = rest & obs.legal_moves[:, _ACCEPT] & (other >= aim - _EPS)
        move[ok] = _ACCEPT
        self.post(obs, move, offer, self.package_at(aim), rest)


DEFAULT_AI = "default_ai"
"""The yardstick: the scenario's default negotiator for the seat."""

POLICIES: Mapping[str, type[Policy]] = {
    cls.name: cls
    for cls in (
        AcceptEverything,
        NeverAgree,
        MaxNeverMove,
        MaxNeverMovePressure,
        LinearMidpoint,
        TitForTat,
        WalkOutEarly,
    )
}
"""Policy name -> class (called with ``spec, side``), trivial ones first."""

TRIVIAL_POLICIES: tuple[str, ...] = (
    AcceptEverything.name,
    NeverAgree.name,
    MaxNeverMove.name,
    MaxNeverMovePressure.name,
)
"""The policies that must score well below the default AI, in suite order."""

REFERENCE_POLICIES: tuple[str, ...] = tuple(p for p in POLICIES if p not in TRIVIAL_POLICIES)
"""Sensible simple strategies, reported beside the trivial ones without a bar."""

POLICY_DESCRIPTIONS: Mapping[str, str] = {
    DEFAULT_AI: "The scenario's default negotiator for the seat, at the difficulty played.",
    **{name: cls.description for name, cls in POLICIES.items()},
}


PolicyFactory = Callable[[GameSpec, int], Negotiator]
"""Makes a negotiator for ``(spec, side)``: a custom entrant of the suite."""


def make_policy(
    spec: GameSpec,
    name: str,
    side: int,
    difficulty: str = "normal",
    custom: Mapping[str, PolicyFactory] | None = None,
) -> Negotiator:
    """The negotiator for policy ``name`` in ``side``'s seat (``difficulty`` is
    used by ``default_ai`` only; the trivial policies play the same at every
    level). ``custom`` maps further entrants' names to their factories."""
    if custom and name in custom:
        return custom[name](spec, side)
    if name == DEFAULT_AI:
        from strikesim.ai import make_negotiator

        return make_negotiator(spec, spec.default_negotiators[side], side, difficulty)
    factory = POLICIES.get(name)
    if factory is None:
        known = ", ".join((DEFAULT_AI, *POLICIES))
        raise ValueError(f"no balance policy {name!r}; choose from: {known}")
    return factory(spec, side)
