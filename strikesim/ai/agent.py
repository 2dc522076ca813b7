"""The tactical negotiator: tactics + opponent model + offer selection + pressure.

Every week, for all campaigns of the batch at once:

1. learn from the other side's standing offer (frequency model, if used);
2. compute the tactic's target utility (``ai/tactics.py``), kept monotonic
   (a negotiator never takes back what it conceded); a sloppy level's
   offers land a little below it (the difficulty's noise);
3. accept the other side's offer if it is worth at least the target
   (``AC_next``) — the union also only if its members would ratify it
   (utility above their current expectation less a margin);
4. otherwise post a new offer when the target has moved a step below the
   standing one (or there is none): the candidate near the target the
   estimated opponent likes best;
5. take the pressure actions the state calls for (``ai/pressure.py``).

Only legal moves and pressure actions are returned (the observation's masks).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from strikesim.ai import explain
from strikesim.ai.difficulty import Difficulty
from strikesim.ai.negotiator import EXPLAIN_MAX_BATCH, SideDecision
from strikesim.ai.offers import offer_book
from strikesim.ai.opponent_model import FrequencyModel, rows_differ
from strikesim.ai.personality import (
    MAX_BREAKTHROUGH_CHANCE,
    WeeklyDraws,
    attrition_step,
    personality_factors,
)
from strikesim.ai.position import (
    ArbitrationTable,
    VoteClock,
    last_ratifiable_week,
    opening_rates,
    position,
)
from strikesim.ai.pressure import pressure_policy
from strikesim.ai.profiles import DEFAULTS, TACTICAL
from strikesim.ai.tactics import (
    resource_target,
    time_dependent_target,
    tit_for_tat_target,
    zeuthen_target,
)
from strikesim.ai.view import resource_level
from strikesim.analysis.space import outcome_space
from strikesim.engine.mathfn import clip, filled, mean_of, some
from strikesim.engine.observe import visible_namespace
from strikesim.engine.spec import UNION, GameSpec, Namespace
from strikesim.engine.state import Move, Phase, frozen_record
from strikesim.engine.step import utilities

if TYPE_CHECKING:
    from strikesim.engine.observe import Observation

BACKSTOP_E = 0.15
"""Concession exponent of the adaptive mix's deadline backstop (Boulware)."""

_HOLD, _OFFER, _ACCEPT, _WALK_OUT = (
    int(m) for m in (Move.HOLD, Move.OFFER, Move.ACCEPT, Move.WALK_OUT)
)
_STRIKE, _RATIFICATION = int(Phase.STRIKE), int(Phase.RATIFICATION)
"""Move and phase codes as plain ints (an enum member costs an attribute lookup per use)."""


class TacticalNegotiator:
    """A negotiator following one tactic (or the adaptive mix) with a difficulty."""

    def __init__(
        self,
        spec: GameSpec,
        side: int,
        tactic: str,
        params: Mapping[str, float],
        difficulty: Difficulty,
        name: str,
    ) -> None:
        if tactic not in TACTICAL:
            raise ValueError(f"unknown tactic {tactic!r}; choose one of: {', '.join(TACTICAL)}")
        unknown = sorted(set(params) - set(DEFAULTS))
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {', '.join(unknown)} for tactic {tactic!r}; "
                f"known: {', '.join(sorted(DEFAULTS))}"
            )
        self.side = side
        self.name = name
        self.tactic = tactic
        self.params = {**DEFAULTS, **params}
        self.difficulty = difficulty
        self.spec = spec
        self.book = offer_book(outcome_space(spec), side)
        self.arbitration = ArbitrationTable.for_space(self.book.space, side)
        self.pressure = pressure_policy(
            spec, side, self.params["pressure_threshold"], difficulty.reads_levers
        )
        self.lookahead: Any = None  # set by the registry for hard/expert levels
        self.reset(spec, 1, 0)

    # ---- lifecycle ---------------------------------------------------------------
    def reset(
        self, spec: GameSpec, batch: int, seed: int, campaigns: np.ndarray | None = None
    ) -> None:
        """Forget everything and prepare for ``batch`` campaigns with ids
        ``campaigns`` (default ``0..batch-1``, as in ``initial_state``)."""
        if spec is not self.spec:
            self.spec = spec
            self.book = offer_book(outcome_space(spec), self.side)
            self.arbitration = ArbitrationTable.for_space(self.book.space, self.side)
            self.pressure = pressure_policy(
                spec, self.side, self.params["pressure_threshold"], self.difficulty.reads_levers
            )
        self.batch = batch
        self.seed = seed
        ids = np.arange(batch) if campaigns is None else np.asarray(campaigns).reshape(-1)
        if ids.shape != (batch,):
            raise ValueError(f"expected {batch} campaign ids, got {ids.shape[0]}")
        self.campaign = ids.astype(np.uint64)
        self.draws = WeeklyDraws(seed, self.campaign, self.side, spec.phases.max_weeks)
        factors = personality_factors(seed, self.campaign, self.side, self.difficulty.spread)
        base = max(self.params["horizon"] * self.difficulty.patience, 1.0)
        self.horizon = np.maximum(base * factors[:, 0], 1.0)
        """(B,) each campaign's tolerance: weeks of a solid strike (at the opening cost
        rate) it will bear before it is down to its reservation (ai/position.py). The
        deadline term brings every plan to its floor by the last ratifiable week."""
        self.rates = opening_rates(spec)
        self.e = self.params["e"] * factors[:, 1]
        """(B,) each campaign's concession exponent."""
        opening = np.asarray(spec.opening_offers[self.side], dtype=np.int16)
        if opening.shape != (len(spec.issues),) or (opening < 0).any():
            opening = self.book.levels[-1]
        self.opening = opening
        self.p_max = float(self.book.own_utility(opening))
        self.target = filled(batch, self.p_max)
        self.model = (
            FrequencyModel(batch, self.book.space.n_levels)
            if self.difficulty.opponent_model
            else None
        )
        self.prev_other = filled(batch, np.nan)
        self.votes = VoteClock(batch)
        self.offered_at = filled(batch, np.inf)
        """(B,) the (noiseless) target at this side's last offer."""
        self.initial = {v.id: float(v.initial) for v in spec.variables}
        self._record: explain.DecisionRecord | None = None

    def fork(self, index: np.ndarray, seed: int | None = None) -> TacticalNegotiator:
        """A copy playing the campaigns at ``index`` of this one (rows may repeat),
        without look-ahead: the cheap continuation policy of Monte Carlo runs."""
        out = copy.copy(self)
        out.batch = int(index.shape[0])
        out.seed = self.seed if seed is None else seed
        out.target = self.target[index].copy()
        out.horizon = self.horizon[index]
        out.e = self.e[index]
        # each copy draws its own weekly chances: distinct ids per position
        out.campaign = self.campaign[index] * np.uint64(0x9E3779B1) + np.arange(
            1, out.batch + 1, dtype=np.uint64
        )
        out.prev_other = self.prev_other[index].copy()
        out.votes = self.votes.take(index)
        out.offered_at = self.offered_at[index].copy()
        out.draws = WeeklyDraws(out.seed, out.campaign, self.side, self.spec.phases.max_weeks)
        out.model = None if self.model is None else self.model.take(index)
        out.lookahead = None
        out._record = None
        return out

    def explain(self, row: int) -> str:
        """The explanation of the last decision in campaign ``row`` (any batch size)."""
        if self._record is None or not 0 <= row < self._record.move.shape[0]:
            return ""
        return explain.explain_row(self._record, row)

    # ---- the week's decision -----------------------------------------------------
    def namespace(self, obs: Observation) -> dict[str, Any]:
        return visible_namespace(self.spec, obs)

    def reservation(self, ns: Namespace, batch: int) -> np.ndarray:
        """(B,) the side's walk-away utility, from the scenario's formula.

        The union's leaders also never go below what their members would
        ratify: their current expectation less ``ratify_margin``
        (Ashenfelter–Johnson: the demand falls as the strike wears
        expectations down).
        """
        try:
            value = np.asarray(self.spec.parties[self.side].reservation(ns), dtype=np.float64)
            value = np.where(np.isnan(value), self.params["floor"], value)
            if value.shape != (batch,):
                value = np.broadcast_to(value, (batch,))
        except (KeyError, ValueError, TypeError, ZeroDivisionError):
            value = np.full(batch, self.params["floor"])
        if self.side == UNION and "member_expectation" in ns:
            expect = np.asarray(ns["member_expectation"], dtype=np.float64)
            value = np.maximum(value, expect - self.params["ratify_margin"])
        value = value - self.difficulty.slack
        return np.asarray(clip(value, self.book.worst, self.p_max))

    def arbitration_floor(self, obs: Observation) -> np.ndarray:
        """(B,) what the side can count on from final-offer arbitration at the last week:
        the most reasonable package (both sides' final offers converge on it), less what
        the weeks of strike until then and the award itself would cost it at its opening
        rate (docs/model.md §5). A side never concedes below it: waiting for the
        arbitrator would serve it better."""
        spec = self.spec
        start = max(obs.week, spec.phases.expiry_week if spec.phases.strike_at_expiry else 0)
        weeks_left = max(last_ratifiable_week(spec) + 1 - start, 0)
        cost = weeks_left * self.rates[self.side] + float(spec.params.get("arbitration_cost", 0.0))
        return filled(obs.offers.shape[0], min(self.arbitration.fair - cost, self.p_max))

    def tactic_target(
        self,
        obs: Observation,
        ns: Namespace,
        p_min: np.ndarray,
        u_other: np.ndarray,
        u_mine: np.ndarray,
    ) -> tuple[np.ndarray, str]:
        """(B,) target this week and the name of what drove it. Before expiry the
        target never stays above what the side would give to avert a strike (its
        ``strike_aversion``, taken linearly: a Boulware side that fears a strike
        still moves)."""
        target, driver = self._tactic_target(obs, ns, p_min, u_other, u_mine)
        avert = self.p_max - self._threat * (self.p_max - p_min)
        if some(avert < target):
            return np.minimum(target, avert), "threat"
        return target, driver

    def _tactic_target(
        self,
        obs: Observation,
        ns: Namespace,
        p_min: np.ndarray,
        u_other: np.ndarray,
        u_mine: np.ndarray,
    ) -> tuple[np.ndarray, str]:
        p = self.params
        pos = position(
            self.spec,
            self.side,
            ns,
            obs.week,
            self.horizon,
            self.rates,
            self.params["strike_aversion"],
            self.votes.update(ns, obs.phase == _RATIFICATION),
        )
        self._worn = pos.worn
        self._threat = pos.threat
        late = None
        if pos.deadline > 0:  # towards what wins arbitration, not towards the floor
            theirs = obs.offers[:, 1 - self.side]
            u = utilities(self.spec, theirs, missing=np.nan)  # (B, 2), NaN where none
            ask = self.arbitration.winning_ask(u[:, 0] * u[:, 1])
            floor = np.clip(ask, p_min, self.p_max)
            late = time_dependent_target(pos.deadline, p["k"], 1.0, floor, self.p_max)

        def on_clock(e: np.ndarray | float) -> np.ndarray:
            target = time_dependent_target(pos.t, p["k"], e, p_min, self.p_max)
            return target if late is None else np.minimum(target, late)

        timed = on_clock(self.e)
        if self.tactic == "time_dependent":
            return timed, pos.driver
        level = resource_level(self.side, ns, self.initial)
        resourced = resource_target(level, p["k"], p["scale"], p_min, self.p_max)
        if self.tactic == "resource":
            # staying power decides; the time curve still brings a deal by the deadline
            if some(timed < resourced):
                return np.minimum(resourced, timed), pos.driver
            return resourced, "resource"
        conceded = u_other - self.prev_other
        tft = tit_for_tat_target(self.target, conceded, p["gain"], p_min)
        if self.tactic == "tit_for_tat":
            # mirror the other side; a slow time drift keeps a stalemate from lasting forever
            return np.minimum(tft, np.maximum(timed, p_min)), "tit_for_tat"
        if self.tactic == "zeuthen":
            other_demand, other_value = self._estimated_other(obs)
            x = np.where(np.isnan(u_other), p_min, u_other)
            demand = np.where(np.isnan(u_mine), self.target, u_mine)
            z, _ = zeuthen_target(demand, x, other_demand, other_value, p["min_step"], p_min)
            # estimated risks can stall; the time curve still bounds the demand
            return np.minimum(z, np.maximum(timed, p_min)), "zeuthen"
        w = np.array([p["w_time"], p["w_resource"], p["w_tft"]])
        w = w / max(w.sum(), 1e-9)
        mixed = w[0] * timed + w[1] * resourced + w[2] * tft
        drivers = (pos.driver, "resource", "tit_for_tat")
        parts = (timed, resourced, tft)
        gaps = [mean_of(self.p_max - x) * wi for x, wi in zip(parts, w, strict=True)]
        # a slow Boulware backstop on the position clock: the mix cannot stall forever
        backstop = on_clock(BACKSTOP_E)
        if some(backstop < mixed):
            return np.minimum(mixed, backstop), pos.driver
        return mixed, drivers[int(np.argmax(gaps))]

    def _estimated_other(self, obs: Observation) -> tuple[np.ndarray, np.ndarray]:
        """(B,) the other side's estimated value of its own offer and of ours."""
        batch = obs.offers.shape[0]
        if self.model is None:
            return np.ones(batch), np.zeros(batch)
        rows = np.arange(batch)
        pair = np.stack([obs.offers[:, 1 - self.side], obs.offers[:, self.side]], axis=1)
        est = self.model.utility(rows, np.maximum(pair, 0))
        est = np.where((pair < 0).any(axis=2), np.array([1.0, 0.0]), est)
        return est[:, 0], est[:, 1]

    def breakthrough(
        self,
        obs: Observation,
        ns: Namespace,
        target: np.ndarray,
        p_min: np.ndarray,
        u_other: np.ndarray,
        u_mine: np.ndarray,
        live: np.ndarray,
    ) -> np.ndarray:
        """(B,) target after this week's war-of-attrition chance: where this
        side makes the breakthrough (:func:`personality.attrition_step`), its
        target drops ``jump`` of the way to its reservation."""
        p = self.params
        on_strike = obs.phase == _STRIKE
        if not some(on_strike):
            return target
        draw = self.draws.breakthrough(obs.week)
        if not some(draw < MAX_BREAKTHROUGH_CHANCE):  # no chance is this high
            return target
        striking = on_strike & live & ~np.isnan(u_other) & ~np.isnan(u_mine)
        if not some(striking):
            return target
        moves = attrition_step(
            self.side,
            ns,
            self.initial,
            striking,
            obs.strike_weeks,
            u_mine - u_other,
            draw,
            p["attrition"],
        )
        return np.where(moves, target - p["jump"] * (target - p_min), target)

    def decide(self, obs: Observation) -> SideDecision:
        spec, side, p = self.spec, self.side, self.params
        batch = obs.offers.shape[0]
        n_issues = len(spec.issues)
        ns = self.namespace(obs)
        legal = obs.legal_moves
        live = legal[:, 0] | legal[:, 1] | legal[:, 2] | legal[:, 3]
        other_offer = obs.offers[:, 1 - side]
        mine = obs.offers[:, side]
        u_other = np.where(other_offer[:, 0] < 0, np.nan, obs.offer_utility[:, 1 - side])
        u_mine = np.where(mine[:, 0] < 0, np.nan, obs.offer_utility[:, side])
        if self.model is not None:
            self.model.observe(other_offer)
        p_min = np.maximum(self.reservation(ns, batch), self.arbitration_floor(obs))
        raw, driver = self.tactic_target(obs, ns, p_min, u_other, u_mine)
        target = np.where(live, clip(np.minimum(self.target, raw), p_min, self.p_max), self.target)
        if p["attrition"] > 0:
            target = self.breakthrough(obs, ns, target, p_min, u_other, u_mine, live)
        # (no offer = NaN, never accepted)
        accept = legal[:, _ACCEPT] & (u_other >= target - 1e-9)

        opening = np.isnan(u_mine)
        # the noiseless target decides when to move; noise only blurs where to
        # (compared with the target at the last offer, not with where the noise
        # put it: a lucky draw is not a reason to table a new package)
        wants_offer = opening | (target < np.minimum(u_mine, self.offered_at) - p["step"])
        offer_rows = np.flatnonzero(legal[:, _OFFER] & ~accept & wants_offer)
        offers = filled((batch, n_issues), -1, np.int16)
        if offer_rows.size:
            aim = target[offer_rows]
            noise = self.difficulty.noise
            if noise > 0:  # sloppier play: the offer lands below the target, giving value away
                jitter = noise * np.abs(self.draws.jitter(obs.week, offer_rows))
                aim = clip(aim - jitter, p_min[offer_rows], self.p_max)
            chosen = self.book.select(aim, offer_rows, self.model)
            first = opening[offer_rows] & (obs.week <= spec.phases.expiry_week)
            chosen = np.where(first[:, None], self.opening[None, :], chosen)
            if self.lookahead is not None and batch <= self.lookahead.max_batch:
                chosen = self.lookahead.refine(self, obs, offer_rows, chosen, aim)
                # conceding more than planned moves the target down with it
                picked = self.book.own_utility(chosen)
                target[offer_rows] = np.minimum(target[offer_rows], picked)
            offers[offer_rows] = chosen
            moved = rows_differ(chosen, mine[offer_rows])
        # every move below is gated by its legal mask (offer rows need a legal
        # OFFER, accepts a legal ACCEPT, walk-outs a legal WALK_OUT); offer rows
        # never accept, and post only a package that differs from the standing one
        move = filled(batch, _HOLD, np.int8)
        if p["walk_out"] > 0:
            retreat = u_other < self.prev_other - 1e-9
            walk = legal[:, _WALK_OUT] & retreat & ~accept
            if offer_rows.size:
                walk[offer_rows[moved]] = False
            move[walk] = _WALK_OUT
        move[accept] = _ACCEPT
        if offer_rows.size:
            move[offer_rows[moved]] = _OFFER
            offers[offer_rows[~moved]] = -1
            # the offered-at target moves with each try
            self.offered_at[offer_rows] = target[offer_rows]

        pressure, drivers = self.pressure.choose(ns, obs.legal_pressure)
        pressure &= live[:, None]
        self.target = target
        self.prev_other = np.where(np.isnan(u_other), self.prev_other, u_other)
        self._record = frozen_record(
            explain.DecisionRecord,
            dict(
                spec=spec,
                side=side,
                week=obs.week,
                phase=obs.phase,
                ns=ns,
                move=move,
                offers=offers,
                mine=mine,
                u_other=u_other,
                target=target,
                driver=driver,
                pressure=pressure,
                drivers=tuple(drivers),
                initial=self.initial,
            ),
        )
        texts = explain.LazyTexts(self._record) if batch <= EXPLAIN_MAX_BATCH else []
        return frozen_record(
            SideDecision, dict(move=move, offer=offers, pressure=pressure, explanations=texts)
        )
