"""One week of a batch of disputes: :func:`initial_state` and :func:`step`.

Weekly order, for every live campaign (finished campaigns are frozen):

1. namespace of the start-of-week state (legal masks are judged on it);
2. scenario events fire (condition, then a uniform draw below ``chance``),
   effects applied in file order;
3. pressure actions (must be legal): cost and effects applied, cooldown set;
4. table moves: an ACCEPT takes the other side's standing offer (the union's
   acceptance is checked first) and sends it to ratification; OFFERs replace
   standing offers; a WALK_OUT suspends talks for ``walkout_weeks``;
5. dynamics: core equations and scenario ``update`` formulas, clipped to
   bounds; ``strike_weeks`` grows while striking;
6. end checks: authorisation vote, strike at expiry, ratification vote,
   capitulation, deadline; then the costs of a rejected deal or an
   arbitration award, and derived values recomputed for the final flags;
7. the week advances.

:func:`step` reads as this list: one function per stage, sharing a
``_Week`` working set.

Pure: inputs are never modified; randomness comes only from :mod:`.rng` keyed
by (seed, campaign id, week, stream), so row ``i`` of a batch plays exactly
like a single game with campaign id ``i``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import codes as C
from . import rng
from .dynamics import next_values
from .endchecks import arbitration_costs, end_checks, rejection_costs
from .eventlog import EventLog
from .mathfn import clip_one, every, filled, some
from .memo import CampaignDraws
from .namespace import (
    EnginePlan,
    bind_rows,
    build_namespace,
    offer_utilities,
    plan_for,
    recompute_derived,
)
from .rules import (
    ONE_TRUE,
    legal_moves,
    legal_pressure,
    moves_mask,
    remember_start,
    remembered_start,
    truthy,
)
from .spec import STUDIO, UNION, GameSpec
from .state import Actions, State, StepEvents
from .tablemoves import table_moves
from .tables import OP_ADD, OP_MUL, CompiledEffect, CompiledEvent
from .validate import check_actions, check_pressure

__all__ = ["initial_state", "legal_moves", "legal_pressure", "step", "utilities"]


def utilities(spec: GameSpec, offers: Any, *, missing: float = 0.0) -> np.ndarray:
    """Union and studio utility of offers ``(..., I)`` level indices -> ``(..., 2)``.

    Utility = sum over issues of weight × score (``spec.issue_utility_tables``);
    an offer with a missing level (``-1``) scores ``missing`` for both sides (0,
    as formulas see it; pass ``math.nan`` to keep "no offer" apart). See
    :func:`strikesim.engine.namespace.offer_utilities`.
    """
    return offer_utilities(plan_for(spec), np.asarray(offers), missing=missing)


def initial_state(
    spec: GameSpec, batch: int = 1, seed: int = 0, campaigns: Sequence[int] | None = None
) -> State:
    """Week 0 of ``batch`` campaigns (ids ``0..batch-1``, or ``campaigns``).

    Talks are open with both opening offers standing and the old contract in
    force. A negative ``phases.authorization_week`` means the strike is
    authorised from the start.
    """
    if campaigns is not None:
        ids = np.array(campaigns, dtype=np.uint64).reshape(-1)  # the state's own copy
        if ids.size == 0:
            raise ValueError("campaigns must name at least one campaign id")
        if batch not in (1, ids.size):
            raise ValueError(f"batch={batch} but {ids.size} campaign ids were given")
    else:
        if batch < 1:
            raise ValueError(f"batch must be at least 1, got {batch}")
        ids = np.arange(batch, dtype=np.uint64)
    b = ids.shape[0]
    plan = plan_for(spec)
    n_i, n_a, n_e = len(spec.issues), len(spec.actions), len(spec.events)
    init = np.array([v.initial for v in spec.variables], dtype=np.float64)
    rows = np.clip(np.repeat(init[:, None], b, axis=1), plan.lo, plan.hi)
    offers = np.empty((b, 2, n_i), np.int16)
    offers[:, UNION] = np.asarray(spec.opening_offers[UNION], np.int16)
    offers[:, STUDIO] = np.asarray(spec.opening_offers[STUDIO], np.int16)
    state = State(
        week=0,
        seed=int(seed),
        campaign=ids,
        values=rows.T,
        phase=filled(b, C.PHASE_TALKS, np.int8),
        strike_weeks=np.zeros(b, np.int32),
        authorized=filled(b, spec.phases.authorization_week < 0, bool),
        offers=offers,
        offer_week=np.zeros((b, 2), np.int32),
        tentative=filled((b, n_i), -1, np.int16),
        ratify_week=filled(b, -1, np.int32),
        suspended_until=np.zeros(b, np.int32),
        cooldown=np.zeros((b, n_a), np.int32),
        fired=filled((b, n_e), -1, np.int32),
        contract=np.broadcast_to(plan.old_contract, (b, n_i)).copy(),
        outcome=filled(b, C.OUTCOME_ONGOING, np.int8),
        end_week=filled(b, -1, np.int32),
    )
    with np.errstate(all="ignore"):
        recompute_derived(plan, build_namespace(spec, plan, state, rows), rows)
    return state.evolve(values=rows.T)


def _apply_effects(
    effects: Sequence[CompiledEffect], mask: np.ndarray, ns: dict[str, Any], rows: np.ndarray
) -> None:
    """Apply effects where ``mask``, in place on ``rows`` (published to ``ns``),
    each result clipped to its variable's bounds."""
    scalar = rows.shape[1] == 1  # a batch of one (its mask is true): values, not rows
    everywhere = scalar or every(mask)
    for eff in effects:
        j = eff.row
        if j is None:
            raise ValueError(f"effect on unknown variable {eff.target!r}")
        x = eff.fn(ns)
        cur = rows[j, 0] if scalar else rows[j]
        new = cur + x if eff.op == OP_ADD else cur * x if eff.op == OP_MUL else x
        if scalar:
            rows[j, 0] = clip_one(new, eff.lo, eff.hi)
            ns[eff.target] = rows[j, 0]
            continue
        if eff.lo > -math.inf:
            new = np.maximum(new, eff.lo)
        if eff.hi < math.inf:
            new = np.minimum(new, eff.hi)
        if everywhere:
            cur[...] = new
        else:
            np.copyto(cur, new, where=mask)  # broadcasts a scalar ``new``


def _campaign_draws(plan: EnginePlan, state: State) -> CampaignDraws:
    """:func:`rng.campaign_key` of the state's seed and campaign ids, remembered
    while the same seed and ids are played from week to week."""
    ids = state.campaign
    memo_key = (state.seed, ids.tobytes())
    hit = plan.memo.campaign.get(memo_key)
    if hit is not None:
        return hit
    return plan.memo.campaign.put(memo_key, CampaignDraws(rng.campaign_key(state.seed, ids)))


def _events_of_week(plan: EnginePlan, week: int) -> tuple[CompiledEvent, ...]:
    """The scenario events whose week window holds ``week``, in file order."""
    by_week = plan.memo.events_of_week
    events = by_week.get(week)
    if events is None:
        events = by_week[week] = tuple(
            ev for ev in plan.events if ev.first_week <= week <= ev.last_week
        )
    return events


EVENT_TABLE_MAX_BATCH = 64
"""Batches up to this size draw the event chances of every week at once (the
same numbers as drawing them week by week)."""


def _event_draws(spec: GameSpec, plan: EnginePlan, state: State) -> np.ndarray | None:
    """``(W, E, B)`` uniform draws of every event of weeks ``0..max_weeks`` of a
    small batch (``None`` for bigger ones), remembered with the campaign key."""
    if state.batch > EVENT_TABLE_MAX_BATCH:
        return None
    draws = _campaign_draws(plan, state)
    if draws.event_table is None:
        weeks = np.arange(spec.phases.max_weeks + 1)
        skey = rng.stream_key(rng.week_prefix(draws.key[None, :], weeks[:, None]), rng.EVENTS)
        events = np.arange(len(spec.events))
        table = rng.uniform_at(skey[:, None, :], events[None, :, None])  # (W, E, B)
        table.setflags(write=False)
        draws.event_table = table
    return draws.event_table


def step(spec: GameSpec, state: State, actions: Actions) -> tuple[State, StepEvents]:
    """Play one week for every campaign; returns the next state and what happened.

    Raises :class:`IllegalAction` (naming the campaign row, side and action) if
    a requested move or pressure action is not legal this week.
    """
    with np.errstate(all="ignore"):  # once for every formula of the week
        return _step(spec, state, actions)


@dataclass(eq=False, slots=True)
class _Week:
    """The working set of one week's step, shared by its stages."""

    spec: GameSpec
    plan: EnginePlan
    state: State
    rows: np.ndarray
    """(V, B) working copy of the values; ``ns`` views its rows."""
    ns: dict[str, Any]
    live: np.ndarray  # (B,) campaigns still being played
    frozen: np.ndarray  # (B,) ended campaigns (their values are kept as they are)
    any_frozen: bool
    log: EventLog
    touched: set[str]
    """Variables changed by events and pressure (their derived ones are recomputed)."""


def _step(spec: GameSpec, state: State, actions: Actions) -> tuple[State, StepEvents]:
    w, pressure = _begin_week(spec, state, actions)
    fired = _fire_events(w)
    cooldown = _take_pressure(w, pressure)
    if w.touched:
        recompute_derived(w.plan, w.ns, w.rows, w.touched)
    moved = table_moves(
        spec, w.plan, state, np.asarray(actions.move), np.asarray(actions.offer), w.log
    )
    mid, ns, new_rows = _dynamics(w, cooldown, fired, moved)
    final = end_checks(spec, w.plan, mid, ns, w.live, w.log)
    ns_final = _settle(w, mid, final, ns, new_rows)
    after = final.evolve(week=state.week + 1, values=new_rows.T)
    remember_start(w.plan, after, new_rows, ns_final)
    return after, w.log.build()


def _begin_week(spec: GameSpec, state: State, actions: Actions) -> tuple[_Week, np.ndarray]:
    """Stage 1: the start-of-week namespace (reused when the state was observed)
    and the legality of every requested move and pressure action."""
    plan = plan_for(spec)
    rows = np.array(state.values.T, dtype=np.float64, order="C")
    start = remembered_start(plan, state)  # observed this state: reuse its namespace
    if start is None:
        allowed = moves_mask(state, plan)
        ns = build_namespace(spec, plan, state, rows)
    else:
        allowed = start.moves
        ns = dict(start.ns)
        if state.batch != 1:  # views must see the working copy (a scalar namespace holds values)
            bind_rows(plan, ns, rows)
    check_actions(spec, plan, state, actions, allowed)
    live = state.outcome == C.OUTCOME_ONGOING
    frozen = ~live
    w = _Week(spec, plan, state, rows, ns, live, frozen, some(frozen), EventLog(state.week), set())
    # pressure legality is judged on the start-of-week state, before any event
    pressure = np.asarray(actions.pressure, dtype=bool)
    legal = None
    if start is not None and len(start.pressure) == 2:  # both sides observed
        legal = start.pressure[UNION] | start.pressure[STUDIO]
    check_pressure(spec, plan, state, ns, pressure, legal)
    return w, pressure


def _fire_events(w: _Week) -> np.ndarray:
    """Stage 2: scenario events whose condition holds fire with their chance
    (conditions are false outside their week window); returns ``fired``."""
    state, plan, b = w.state, w.plan, w.state.batch
    fired = state.fired  # copied at the first event that fires
    if not plan.events or not (some(w.live) if w.any_frozen else b > 0):
        return fired
    draws = _WeekDraws(w)
    if b == 1:  # (and live)
        return _fire_one(w, draws)
    for ev in _events_of_week(plan, state.week):
        e = ev.index
        open_rows = w.live  # live rows where the event may still fire
        if not ev.repeat or ev.every > 1:
            last = fired[:, e]
            rested = last < 0
            if ev.repeat:
                rested = rested | (last <= state.week - ev.every)
            open_rows = w.live & rested if w.any_frozen else rested
            if not some(open_rows):  # fired everywhere (once-only) or too recently
                continue
        if ev.condition is None or ev.window_only:  # holds for every campaign
            elig = open_rows
        else:
            cond = truthy(ev.condition(w.ns), b)
            if not some(cond):
                continue
            elig = cond & open_rows
            if not some(elig):
                continue
        if ev.chance_always:
            fire = elig
        else:
            chance = np.asarray(ev.chance(w.ns), dtype=np.float64)
            fire = elig if chance.ndim == 0 and chance >= 1.0 else draws.fire(e, elig, chance)
        if some(fire):
            _apply_effects(ev.effects, fire, w.ns, w.rows)
            w.touched.update(ev.targets)
            if fired is state.fired:
                fired = fired.copy()
            fired[:, e] = np.where(fire, state.week, fired[:, e])
            w.log.add(fire, C.EV_SCENARIO_EVENT, e)
    return fired


def _fire_one(w: _Week, draws: _WeekDraws) -> np.ndarray:
    """:func:`_fire_events` of a live batch of one: the same events fire, each
    decided on Python values (numpy's cost per call outweighs one campaign's work)."""
    state = w.state
    fired, week = state.fired, state.week
    last_fired = fired[0].tolist()
    for ev in _events_of_week(w.plan, week):
        e = ev.index
        last = last_fired[e]
        if (not ev.repeat or ev.every > 1) and not (
            last < 0 or (ev.repeat and last <= week - ev.every)
        ):
            continue  # fired already (once-only) or too recently
        held = ev.condition is None or ev.window_only or truthy(ev.condition(w.ns), 1)[0]
        if not held:
            continue
        if not ev.chance_always:
            chance = np.asarray(ev.chance(w.ns), dtype=np.float64)
            if not (chance.ndim == 0 and chance >= 1.0) and not draws.fire(e, ONE_TRUE, chance)[0]:
                continue
        _apply_effects(ev.effects, ONE_TRUE, w.ns, w.rows)
        w.touched.update(ev.targets)
        if fired is state.fired:
            fired = fired.copy()
        fired[0, e] = week
        w.log.add(ONE_TRUE, C.EV_SCENARIO_EVENT, e)
    return fired


class _WeekDraws:
    """This week's event draws, drawn on first need (counter-based: drawing only
    for eligible rows changes no other draw)."""

    __slots__ = ("_drawn", "_key", "_table", "_w")

    def __init__(self, w: _Week) -> None:
        self._w = w
        self._drawn = False
        self._key: np.ndarray | None = None
        self._table: np.ndarray | None = None  # this week's (E, B) draws of a small batch

    def _draw(self) -> None:
        w = self._w
        self._drawn = True  # this week's events stream, shared by every event
        every_week = _event_draws(w.spec, w.plan, w.state)
        if every_week is not None and w.state.week < every_week.shape[0]:
            self._table = every_week[w.state.week]
        else:
            prefix = rng.week_prefix(_campaign_draws(w.plan, w.state).key, w.state.week)
            self._key = rng.stream_key(prefix, rng.EVENTS)

    def fire(self, e: int, elig: np.ndarray, chance: np.ndarray) -> np.ndarray:
        """(B,) bool: eligible rows whose draw for event ``e`` is below ``chance``."""
        if not self._drawn:
            self._draw()
        table, key = self._table, self._key
        if every(elig):  # every row draws
            if table is not None:
                u = table[e]
            else:
                assert key is not None
                u = rng.uniform_at(key, e)
            fired: np.ndarray = u < chance  # (B,)
            return fired
        b = elig.shape[0]
        rows_e = elig.nonzero()[0]
        if table is not None:
            u = table[e, rows_e]
        else:
            assert key is not None
            u = rng.uniform_at(key[rows_e], e)
        fire = np.zeros(b, dtype=bool)
        fire[rows_e] = u < (chance if chance.ndim == 0 else np.broadcast_to(chance, (b,))[rows_e])
        return fire


def _take_pressure(w: _Week, pressure: np.ndarray) -> np.ndarray:
    """Stage 3: pressure actions' costs and effects, and the cooldowns they
    start (every other cooldown counts down); returns ``cooldown``."""
    plan, state = w.plan, w.state
    # actions taken somewhere (the transposed copy reduces along memory)
    taken: list[int] = []
    if pressure.shape[0] == 1:
        taken = np.flatnonzero(pressure[0]).tolist()
    elif some(pressure):
        taken = np.flatnonzero(pressure.T.copy().any(axis=1)).tolist()
    for a in taken:
        m = pressure[:, a]
        effects = plan.action_effects[a]
        _apply_effects(effects, m, w.ns, w.rows)
        w.touched.update(eff.target for eff in effects)
        w.log.add(m, C.EV_ACTION_TAKEN, a)
    cooldown = state.cooldown
    if not taken and not some(cooldown):  # every cooldown stays 0
        return cooldown
    dec: np.ndarray = np.subtract(cooldown, 1, dtype=np.int32)
    np.maximum(dec, 0, out=dec)
    if w.any_frozen:  # ended campaigns keep theirs
        np.copyto(dec, cooldown, where=w.frozen[:, None])
    for a in taken:
        np.copyto(dec[:, a], plan.cooldowns[a], where=pressure[:, a])
    return dec


def _dynamics(
    w: _Week, cooldown: np.ndarray, fired: np.ndarray, moved: dict[str, Any]
) -> tuple[State, dict[str, Any], np.ndarray]:
    """Stage 5: core equations and scenario updates (this week's phase: a strike
    week counts even if a deal came); returns the mid-week state, its namespace
    and its ``(V, B)`` values."""
    state, plan = w.state, w.plan
    new_rows = next_values(plan, w.ns, w.rows)
    if w.any_frozen:
        new_rows[:, w.frozen] = w.rows[:, w.frozen]
    strike_weeks = state.strike_weeks + (state.phase == C.PHASE_STRIKE).astype(np.int32)
    mid = state.evolve(
        values=new_rows.T, strike_weeks=strike_weeks, cooldown=cooldown, fired=fired, **moved
    )
    offers_changed = "offers" in moved or "tentative" in moved
    ns = build_namespace(
        w.spec, plan, mid, new_rows, w.ns, offers_changed=offers_changed, contract_changed=False,
        phase_changed="phase" in moved,  # (authorisation changes only in the end checks)
    )  # fmt: skip
    recompute_derived(plan, ns, new_rows)
    return mid, ns, new_rows


def _settle(
    w: _Week, mid: State, final: State, ns: dict[str, Any], new_rows: np.ndarray
) -> dict[str, Any]:
    """The end of stage 6 (after :func:`end_checks`): the costs of a rejected deal
    or an arbitration award, and the namespace of the final state (derived
    values stored in the state must match its final flags); ended campaigns'
    values are restored. Returns the final namespace."""
    spec, plan, week = w.spec, w.plan, w.state.week
    # end checks hand on the fields they do not change as they are
    flags_changed = final.phase is not mid.phase and some(final.phase != mid.phase)
    if flags_changed:
        rejected = (mid.phase == C.PHASE_RATIFICATION) & (
            (final.phase == C.PHASE_STRIKE) | (final.phase == C.PHASE_TALKS)
        )
        if some(rejected):
            deal = offer_utilities(plan, np.maximum(mid.tentative, 0), check=False)[:, UNION]
            rejection_costs(spec, new_rows, rejected, deal)
        awarded = (final.outcome == C.OUTCOME_DEADLINE) & (mid.outcome == C.OUTCOME_ONGOING)
        if some(awarded):
            arbitration_costs(spec, new_rows, awarded)
    ns_final = ns  # offers, deal and contract of ``final`` as scored in it
    if (
        flags_changed
        or plan.derived_reads_week
        or (final.authorized is not mid.authorized and some(final.authorized != mid.authorized))
    ):
        contract_changed = final.contract is not mid.contract and some(
            final.contract != mid.contract
        )
        ns_final = build_namespace(
            spec, plan, final, new_rows, ns,
            offers_changed=flags_changed, contract_changed=contract_changed,
        )  # fmt: skip
        ns_final["week"] = float(week + 1)
        recompute_derived(plan, ns_final, new_rows)
    if w.any_frozen:
        new_rows[:, w.frozen] = w.state.values.T[:, w.frozen]
        bind_rows(plan, ns_final, new_rows)  # a batch of one's namespace holds values
    return ns_final
