"""The player's belief about the other side: who might be across the table.

The offer preview must not consult the opponent the player is facing (its
private thresholds would turn "chance they accept" into an oracle a player
can binary-search). Instead the player's side keeps a *belief*: a population
of plausible opponent types, each a negotiator the scenario could field
against it (the scenario's personalities for that side and the built-in
profiles, at every difficulty), with ``PARTICLES`` members per type that
differ in temperament (the difficulty's per-campaign spread of horizon and
concession exponent, widened to at least ``BELIEF_SPREAD``).

Every week, each particle is shown what the other side saw (rebuilt from the
player's own view, :func:`public_state`) and its decision is compared with
what the other side actually did: the same move or another, how far its offer
is from the one tabled (in the other side's utility), which pressure actions
it would have taken. The weights are the prior times the likelihood of the
observed moves (a Bayesian filter over a fixed population, with a tremble so
that no type is ever ruled out by one surprising week). Particles carry their
own memory of the game (targets, what they conceded), so the preview plays
them on from where the game stands.

Nothing here reads the live opponent: not its object, not its parameters,
not its random draws (particles use campaign ids of their own), not the
variables hidden from the player's side. The only things taken from the game
are the scenario (which is public), the player's side's view of each week
and the moves both sides made.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from strikesim.ai.difficulty import DIFFICULTIES, get_difficulty
from strikesim.ai.negotiator import Negotiator, SideDecision
from strikesim.ai.profiles import SCRIPTED
from strikesim.ai.registry import make_negotiator, negotiator_names
from strikesim.ai.scripted import ScriptedNegotiator
from strikesim.engine import Actions, Move, State, initial_state, observe, step, utilities
from strikesim.engine.spec import SIDES, GameSpec

if TYPE_CHECKING:
    from strikesim.engine.observe import Observation

PARTICLES = 8
"""Particles (temperaments) per opponent type."""

BELIEF_SPREAD = 0.5
"""Smallest log-width of the temperament spread inside one type: the player
does not know the opponent's exact horizon or concession exponent."""

BELIEF_ID_BASE = 1 << 42
"""Campaign ids of the particles (their random draws), away from played ids."""

TREMBLE = 0.1
"""Chance that a type makes a move other than its own (split over the other moves)."""

OFFER_SD = 0.05
"""Spread of a type's offers around its own pick, in the other side's utility."""

OFFER_WORST = -4.5
"""Floor of an offer's log-likelihood term (a far-off offer is unlikely, not impossible)."""

PRESSURE_MISS = math.log(0.6)
"""Log-likelihood of each pressure action taken or left differently from a type's choice."""

ANNOUNCED_SHARE = 0.5
"""Prior share of the personality the player was told it faces (the rest spread evenly)."""

ANNOUNCED_LEVEL_SHARE = 0.7
"""Prior share of the difficulty the player chose for the opponent."""

MAX_TYPES = 6
"""A continuation plays at most this many types (those with the most weight)..."""

COVER = 0.97
"""...and no more than it takes to cover this share of the belief."""

LIVE_TYPES = 16
"""Types followed week by week: after each week only the likeliest stay in the
belief (the others' weight is dropped), which bounds the cost of a week."""

DROP = 1e-4
"""Types whose weight falls below this share of the likeliest one's leave the belief."""

_MOVES = len(Move)


class WeekLike(Protocol):
    """One recorded week (:class:`strikesim.records.WeekActions`)."""

    @property
    def moves(self) -> tuple[int, int]: ...

    @property
    def offers(self) -> tuple[tuple[int, ...] | None, tuple[int, ...] | None]: ...

    @property
    def pressure(self) -> tuple[tuple[str, ...], tuple[str, ...]]: ...


@dataclass(frozen=True)
class OpponentType:
    """One kind of negotiator the other side might be."""

    name: str
    """Negotiator name (a scenario personality or a built-in profile)."""
    difficulty: str
    label: str
    """For people: the personality's label and the difficulty."""
    prior: float


def public_state(spec: GameSpec, state: State, side: int) -> State:
    """``state`` as ``side`` may know it: variables hidden from it are reset to
    their scenario values. The rest of a state is public: the calendar, the
    standing offers, the moves' consequences (cooldowns of pressure actions)
    and the news (events that fired)."""
    hidden = [j for j, v in enumerate(spec.variables) if not v.visible_to[side]]
    if not hidden:
        return state
    values = state.values.copy()
    values[:, hidden] = np.array([spec.variables[j].initial for j in hidden], dtype=np.float64)
    return state.evolve(values=values)


def opponent_types(
    spec: GameSpec, other: int, announced: tuple[str, str] | None = None
) -> list[OpponentType]:
    """The population for ``other``'s seat: every negotiator name it may use
    at every difficulty, with a prior. ``announced`` = (name, difficulty) the
    player was told it faces (the game's set-up screen): they get
    ``ANNOUNCED_SHARE`` / ``ANNOUNCED_LEVEL_SHARE`` of the prior."""
    names = negotiator_names(spec, other)
    name, level = announced if announced is not None else ("", "")
    if name == "" and announced is not None:
        name = spec.default_negotiators[other]
    labels = {p.id: p.label for p in spec.personalities}
    scripted = {p.id for p in spec.personalities if p.tactic == SCRIPTED} | {SCRIPTED}
    n_share = _shares(names, name, ANNOUNCED_SHARE)
    l_share = _shares(list(DIFFICULTIES), level, ANNOUNCED_LEVEL_SHARE)
    return [
        OpponentType(
            n,
            d,
            labels.get(n) or n.replace("_", " ")
            if n in scripted  # a script plays alike at every level
            else f"{labels.get(n) or n.replace('_', ' ')} ({DIFFICULTIES[d].label.lower()})",
            n_share[n] * l_share[d],
        )
        for n in names
        for d in DIFFICULTIES
    ]


def _shares(items: Sequence[str], favoured: str, share: float) -> dict[str, float]:
    """Prior shares: ``share`` to ``favoured`` (when it is one of ``items``), the rest even."""
    if favoured not in items or len(items) < 2:
        return {i: 1.0 / len(items) for i in items}
    rest = (1.0 - share) / (len(items) - 1)
    return {i: share if i == favoured else rest for i in items}


def _build(spec: GameSpec, kind: OpponentType, other: int) -> Negotiator | None:
    """A type's negotiator, without look-ahead (too slow for a population) and
    with at least ``BELIEF_SPREAD`` temperament spread; None when it cannot
    play this scenario (e.g. a script for a side that has none)."""
    level = get_difficulty(kind.difficulty)
    level = replace(level, lookahead_weeks=0, spread=max(level.spread, BELIEF_SPREAD))
    try:
        return make_negotiator(spec, kind.name, other, level)
    except ValueError:
        return None


def _identity(neg: Negotiator, kind: OpponentType) -> tuple[object, ...]:
    """Two types with the same tactic, parameters and difficulty play alike."""
    if isinstance(neg, ScriptedNegotiator):  # the script ignores the difficulty
        return (type(neg).__name__,)
    params = getattr(neg, "params", None)
    tactic = getattr(neg, "tactic", None)
    if params is None or tactic is None:
        return (kind.name, kind.difficulty)
    return (type(neg).__name__, tactic, tuple(sorted(params.items())), kind.difficulty)


def _take_rows(obs: Observation, rows: slice) -> Observation:
    """The observation of the campaigns ``rows`` (views, nothing copied)."""
    return replace(
        obs,
        phase=obs.phase[rows],
        outcome=obs.outcome[rows],
        strike_weeks=obs.strike_weeks[rows],
        authorized=obs.authorized[rows],
        variables={k: v[rows] for k, v in obs.variables.items()},
        offers=obs.offers[rows],
        offer_week=obs.offer_week[rows],
        tentative=obs.tentative[rows],
        contract=obs.contract[rows],
        offer_utility=obs.offer_utility[rows],
        legal_moves=obs.legal_moves[rows],
        legal_pressure=obs.legal_pressure[rows],
        talks_suspended_until=obs.talks_suspended_until[rows],
        ratify_week=obs.ratify_week[rows],
    )


class OpponentBelief:
    """The belief of ``side`` (0 union, 1 studio) about the other side.

    ``seed`` is the game's seed (to replay its record); ``announced`` the
    (personality, difficulty) the player was told it faces, if any.
    """

    def __init__(
        self,
        spec: GameSpec,
        side: int,
        seed: int = 0,
        *,
        announced: tuple[str, str] | None = None,
        particles: int = PARTICLES,
    ) -> None:
        if side not in (0, 1):
            raise ValueError(f"side must be 0 (union) or 1 (studio), got {side!r}")
        if particles < 1:
            raise ValueError("a belief needs at least one particle per type")
        self.spec = spec
        self.side = side
        self.other = 1 - side
        self.seed = seed
        self.particles = particles
        ids = np.uint64(BELIEF_ID_BASE) + np.arange(particles, dtype=np.uint64)
        kinds: list[OpponentType] = []
        negs: list[Negotiator] = []
        seen: dict[tuple[object, ...], int] = {}
        for kind in opponent_types(spec, self.other, announced):
            neg = _build(spec, kind, self.other)
            if neg is None:
                continue
            key = _identity(neg, kind)
            if key in seen:  # the same player under another name: pool the prior
                k = seen[key]
                kinds[k] = replace(kinds[k], prior=kinds[k].prior + kind.prior)
                continue
            neg.reset(spec, particles, seed, ids)
            seen[key] = len(kinds)
            kinds.append(kind)
            negs.append(neg)
        if not kinds:
            raise ValueError(f"no negotiator can play the {SIDES[self.other]} in '{spec.id}'")
        self.types: tuple[OpponentType, ...] = tuple(kinds)
        self.negotiators: tuple[Negotiator, ...] = tuple(negs)
        prior = np.array([k.prior for k in kinds])
        self.log_prior = np.log(prior / prior.sum())
        self.log_like = np.zeros((len(kinds), particles))
        """(T, M) log-likelihood of the other side's moves so far under each particle."""
        self.live = np.ones(len(kinds), dtype=bool)
        """(T,) types still in the belief (see ``LIVE_TYPES`` and ``DROP``)."""
        self.weeks_seen = 0
        """Weeks of the game learnt from (the record's length at the last :meth:`follow`)."""
        self._replay: State | None = None

    # ---- the posterior ---------------------------------------------------------
    @property
    def weights(self) -> np.ndarray:
        """(T, M) posterior weight of every particle (sums to 1)."""
        log_w = self.log_prior[:, None] + self.log_like
        log_w = np.where(self.live[:, None], log_w, -np.inf)
        w = np.exp(log_w - log_w.max())
        return np.asarray(w / w.sum())

    @property
    def type_weights(self) -> np.ndarray:
        """(T,) posterior weight of every type."""
        return np.asarray(self.weights.sum(axis=1))

    def summary(self, top: int = 3) -> list[tuple[str, float]]:
        """The ``top`` most likely types: (label, weight), most likely first."""
        w = self.type_weights
        order = np.argsort(-w, kind="stable")[:top]
        return [(self.types[k].label, float(w[k])) for k in order]

    # ---- learning --------------------------------------------------------------
    def observe(
        self,
        state: State,
        move: int,
        offer: Sequence[int] | None = None,
        pressure: Sequence[str] = (),
    ) -> None:
        """Learn from the other side's ``move`` (and ``offer``, ``pressure``
        action ids) in the week that starts at ``state`` (one campaign; only
        its public part is read, see :func:`public_state`)."""
        spec, other = self.spec, self.other
        pub = public_state(spec, state.take(np.zeros(1, dtype=np.intp)), self.side)
        if bool(pub.is_over[0]):
            return
        many = pub.take(np.zeros(self.particles, dtype=np.intp))
        obs = observe(spec, many, other)
        mine = np.array([a.side == other for a in spec.actions], dtype=bool)
        taken = np.zeros(len(spec.actions), dtype=bool)
        for pid in pressure:
            j = spec.action_index.get(pid)
            if j is not None:
                taken[j] = True
        value = np.nan
        if move == Move.OFFER and offer is not None:
            levels = np.asarray(offer, dtype=np.int16)[None, :]
            value = float(utilities(spec, levels)[0, other])
        miss = math.log(TREMBLE / (_MOVES - 1))
        hit = math.log(1.0 - TREMBLE)
        for k, neg in enumerate(self.negotiators):
            if not self.live[k]:
                continue
            d = neg.decide(obs)
            ll = np.where(d.move == move, hit, miss)
            if not math.isnan(value):
                offered = d.move == Move.OFFER
                if offered.any():
                    mine_u = utilities(spec, np.maximum(d.offer, 0))[:, other]
                    z = (mine_u - value) / OFFER_SD
                    ll = ll + np.where(offered, np.maximum(-0.5 * z * z, OFFER_WORST), 0.0)
            differ = (d.pressure[:, mine] != taken[mine][None, :]).sum(axis=1)
            ll = ll + PRESSURE_MISS * differ
            self.log_like[k] += ll
        self._narrow()

    def _narrow(self) -> None:
        """Keep the ``LIVE_TYPES`` likeliest types, none below ``DROP`` of the likeliest."""
        mass = self.type_weights
        order = np.argsort(-mass, kind="stable")
        keep = np.zeros_like(self.live)
        keep[order[:LIVE_TYPES]] = True
        self.live &= keep & (mass >= DROP * mass.max())

    def follow(self, weeks: Sequence[WeekLike]) -> None:
        """Learn from the recorded weeks not yet seen (a game's record:
        :attr:`strikesim.records.RunRecord.weeks`). The weeks are replayed
        through the engine from the scenario's start to rebuild what the
        player's side saw each week; a record that does not continue the one
        followed so far starts the belief over."""
        if len(weeks) < self.weeks_seen:
            self._restart()
        spec = self.spec
        if self._replay is None:
            self._replay = initial_state(spec, batch=1, seed=self.seed)
        n_i, n_a = len(spec.issues), len(spec.actions)
        for week in weeks[self.weeks_seen :]:
            state = self._replay
            if bool(state.is_over[0]):
                break
            other = self.other
            self.observe(state, week.moves[other], week.offers[other], week.pressure[other])
            acts = Actions.hold(1, n_i, n_a)
            for s in (0, 1):
                acts.move[0, s] = int(week.moves[s])
                offer = week.offers[s]
                if week.moves[s] == Move.OFFER and offer is not None:
                    acts.offer[0, s] = np.asarray(offer, dtype=np.int16)
                for pid in week.pressure[s]:
                    acts.pressure[0, spec.action_index[pid]] = True
            self._replay, _ = step(spec, state, acts)
            self.weeks_seen += 1

    def _restart(self) -> None:
        ids = np.uint64(BELIEF_ID_BASE) + np.arange(self.particles, dtype=np.uint64)
        for neg in self.negotiators:
            neg.reset(self.spec, self.particles, self.seed, ids)
        self.log_like[:] = 0.0
        self.live[:] = True
        self.weeks_seen = 0
        self._replay = None

    # ---- continuations ---------------------------------------------------------
    def sample(self, runs: int, key: int) -> np.ndarray:
        """(runs, 2) (type, particle) of ``runs`` opponents drawn from the belief
        (systematic resampling over the likeliest types, at most ``MAX_TYPES``
        and as many as cover ``COVER`` of the belief; seeded by ``key``), sorted
        by type."""
        w = self.weights
        mass = w.sum(axis=1)
        order = np.argsort(-mass, kind="stable")
        enough = int(np.searchsorted(np.cumsum(mass[order]), COVER)) + 1
        keep = order[: min(enough, MAX_TYPES)]
        kept = np.zeros_like(mass, dtype=bool)
        kept[keep] = mass[keep] > 0
        flat = np.where(kept[:, None], w, 0.0).ravel()
        cdf = np.cumsum(flat / flat.sum())
        u0 = np.random.default_rng([self.seed & 0xFFFFFFFF, key & 0xFFFFFFFF]).random()
        picks = np.searchsorted(cdf, (u0 + np.arange(runs)) / runs, side="right")
        picks = np.minimum(picks, flat.size - 1)
        return np.stack(np.divmod(picks, self.particles), axis=1)

    def continuation(
        self, runs: int, key: int
    ) -> tuple[Callable[[Observation], SideDecision], np.ndarray]:
        """A policy playing the other side in ``runs`` continuations, each an
        opponent drawn from the belief (:meth:`sample`), carrying on from what
        its particle has learnt so far; and ``(runs,)`` the type of each run.
        The belief itself is not changed."""
        drawn = self.sample(runs, key)
        types = drawn[:, 0]
        groups: list[tuple[slice, Negotiator]] = []
        bounds = np.flatnonzero(np.diff(types)) + 1
        for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, runs], strict=True):
            k = int(types[lo])
            index = drawn[lo:hi, 1].astype(np.intp)
            neg = self.negotiators[k]
            fork = getattr(neg, "fork", None)
            if fork is not None:
                player: Negotiator = fork(index)
            else:  # no memory to carry: a fresh copy of the type
                fresh = _build(self.spec, self.types[k], self.other)
                assert fresh is not None
                fresh.reset(self.spec, int(hi - lo), self.seed, BELIEF_ID_BASE + index)
                player = fresh
            groups.append((slice(int(lo), int(hi)), player))
        spec, other = self.spec, self.other
        n_i, n_a = len(spec.issues), len(spec.actions)

        def decide(obs: Observation) -> SideDecision:
            b = obs.batch
            move = np.zeros(b, dtype=np.int8)
            offer = np.full((b, n_i), -1, dtype=np.int16)
            pressure = np.zeros((b, n_a), dtype=bool)
            live = np.asarray(obs.legal_moves[:, 1:].any(axis=1) | obs.legal_pressure.any(axis=1))
            for rows, player in groups:
                if not live[rows].any():  # nothing they could do (a vote, the end): hold
                    continue
                d = player.decide(_take_rows(obs, rows))
                move[rows] = d.move
                offer[rows] = d.offer
                pressure[rows] = d.pressure
            # whatever type they are, a package worth at least as much to them as
            # their own standing offer is one they said they would sign
            theirs = obs.offers[:, other]
            u = obs.offer_utility
            take = (
                obs.legal_moves[:, Move.ACCEPT]
                & (theirs[:, 0] >= 0)
                & (u[:, 1 - other] >= u[:, other] - 1e-9)
            )
            move[take] = Move.ACCEPT
            offer[take] = -1
            return SideDecision(move=move, offer=offer, pressure=pressure)

        return decide, types


def announced_opponent(seats: Sequence[Any], other: int) -> tuple[str, str] | None:
    """(personality, difficulty) of an AI seat as the set-up screen showed it,
    None for a person."""
    seat = seats[other]
    if getattr(seat, "is_human", True):
        return None
    return (str(seat.personality), str(seat.difficulty))


__all__ = [
    "BELIEF_SPREAD",
    "PARTICLES",
    "OpponentBelief",
    "OpponentType",
    "announced_opponent",
    "opponent_types",
    "public_state",
]
