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
   capitulation, deadline;
7. the week advances.

Pure: inputs are never modified; randomness comes only from :mod:`.rng` keyed
by (seed, campaign id, week, stream), so row ``i`` of a batch plays exactly
like a single game with campaign id ``i``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from . import rng
from .core import core_update
from .eventlog import EventLog
from .namespace import (
    EnginePlan,
    build_namespace,
    clip_rows,
    offer_utilities,
    plan_for,
    recompute_derived,
)
from .rules import moves_mask, pressure_mask, truthy
from .spec import SIDES, STUDIO, UNION, Effect, GameSpec
from .state import Actions, EventKind, IllegalAction, Move, Outcome, Phase, State, StepEvents

__all__ = ["initial_state", "step", "utilities"]

_EV_ACTION_TAKEN = int(EventKind.ACTION_TAKEN)
_EV_AUTHORIZATION_VOTE = int(EventKind.AUTHORIZATION_VOTE)
_EV_CAPITULATION = int(EventKind.CAPITULATION)
_EV_DEADLINE_REACHED = int(EventKind.DEADLINE_REACHED)
_EV_DEAL_REACHED = int(EventKind.DEAL_REACHED)
_EV_GAME_ENDED = int(EventKind.GAME_ENDED)
_EV_OFFER_ACCEPTED = int(EventKind.OFFER_ACCEPTED)
_EV_OFFER_MADE = int(EventKind.OFFER_MADE)
_EV_RATIFICATION_FAILED = int(EventKind.RATIFICATION_FAILED)
_EV_RATIFICATION_VOTE = int(EventKind.RATIFICATION_VOTE)
_EV_SCENARIO_EVENT = int(EventKind.SCENARIO_EVENT)
_EV_STRIKE_BEGAN = int(EventKind.STRIKE_BEGAN)
_EV_TALKS_RESUMED = int(EventKind.TALKS_RESUMED)
_EV_WALKED_OUT = int(EventKind.WALKED_OUT)
_MOVE_ACCEPT = int(Move.ACCEPT)
_MOVE_OFFER = int(Move.OFFER)
_MOVE_WALK_OUT = int(Move.WALK_OUT)
_OUTCOME_DEADLINE = int(Outcome.DEADLINE)
_OUTCOME_DEAL_RATIFIED = int(Outcome.DEAL_RATIFIED)
_OUTCOME_ONGOING = int(Outcome.ONGOING)
_OUTCOME_STUDIO_CAPITULATED = int(Outcome.STUDIO_CAPITULATED)
_OUTCOME_UNION_CAPITULATED = int(Outcome.UNION_CAPITULATED)
_PHASE_ENDED = int(Phase.ENDED)
_PHASE_RATIFICATION = int(Phase.RATIFICATION)
_PHASE_STRIKE = int(Phase.STRIKE)
_PHASE_TALKS = int(Phase.TALKS)

_VOTE_NOISE = 0.01
"""Standard deviation of the vote-share noise (sampling of who turns out)."""


def utilities(spec: GameSpec, offers: Any) -> np.ndarray:
    """Union and studio utility of offers ``(..., I)`` level indices -> ``(..., 2)``.

    Utility = sum over issues of weight × score (``spec.issue_utility_tables``);
    an offer with a missing level (``-1``) scores 0 for both sides.
    """
    return offer_utilities(plan_for(spec), np.asarray(offers))


def initial_state(
    spec: GameSpec, batch: int = 1, seed: int = 0, campaigns: Sequence[int] | None = None
) -> State:
    """Week 0 of ``batch`` campaigns (ids ``0..batch-1``, or ``campaigns``).

    Talks are open with both opening offers standing and the old contract in
    force. A negative ``phases.authorization_week`` means the strike is
    authorised from the start.
    """
    if campaigns is not None:
        ids = np.asarray(campaigns, dtype=np.uint64).reshape(-1)
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
        phase=np.full(b, _PHASE_TALKS, np.int8),
        strike_weeks=np.zeros(b, np.int32),
        authorized=np.full(b, spec.phases.authorization_week < 0, bool),
        offers=offers,
        offer_week=np.zeros((b, 2), np.int32),
        tentative=np.full((b, n_i), -1, np.int16),
        ratify_week=np.full(b, -1, np.int32),
        suspended_until=np.zeros(b, np.int32),
        cooldown=np.zeros((b, n_a), np.int32),
        fired=np.zeros((b, n_e), bool),
        contract=np.broadcast_to(plan.old_contract, (b, n_i)).copy(),
        outcome=np.full(b, _OUTCOME_ONGOING, np.int8),
        end_week=np.full(b, -1, np.int32),
    )
    recompute_derived(plan, build_namespace(spec, plan, state, rows), rows)
    return state.evolve(values=rows.T)


def _apply_effects(
    spec: GameSpec, plan: EnginePlan, effects: Sequence[Effect], mask: np.ndarray,
    ns: Mapping[str, Any], rows: np.ndarray,
) -> None:  # fmt: skip
    """Apply effects where ``mask``, in place on ``rows`` (seen through ``ns``),
    each result clipped to its variable's bounds."""
    index = spec.var_index
    for eff in effects:
        j = index.get(eff.target)
        if j is None:
            raise ValueError(f"effect on unknown variable {eff.target!r}")
        x = np.asarray(eff.value(ns), dtype=np.float64)
        cur = rows[j]
        new = cur + x if eff.op == "add" else cur * x if eff.op == "mul" else x
        new = np.minimum(np.maximum(new, plan.lo[j, 0]), plan.hi[j, 0])
        np.copyto(cur, np.broadcast_to(new, cur.shape), where=mask)


def _illegal(state: State, row: int, side: int, what: str, why: str) -> IllegalAction:
    return IllegalAction(
        f"campaign row {row} (id {int(state.campaign[row])}), week {state.week}: "
        f"{SIDES[side]} cannot {what}: {why}"
    )


def _check_actions(spec: GameSpec, plan: EnginePlan, state: State, actions: Actions) -> None:
    b, n_i, n_a = state.batch, len(spec.issues), len(spec.actions)
    shapes = {
        "move": (actions.move, (b, 2)),
        "offer": (actions.offer, (b, 2, n_i)),
        "pressure": (actions.pressure, (b, n_a)),
    }
    for name, (arr, shape) in shapes.items():
        if np.shape(arr) != shape:
            raise IllegalAction(f"actions.{name} has shape {np.shape(arr)}, expected {shape}")
    move = np.asarray(actions.move)
    if ((move < 0) | (move > 3)).any():
        row, side = (int(x[0]) for x in np.nonzero((move < 0) | (move > 3)))
        raise _illegal(state, row, side, f"make move {int(move[row, side])}", "no such move")
    allowed = moves_mask(state)
    ok = np.ones(move.shape, dtype=bool)
    for m in (_MOVE_OFFER, _MOVE_ACCEPT, _MOVE_WALK_OUT):
        ok &= (move != m) | allowed[:, :, m]
    if not ok.all():
        row, side = (int(x[0]) for x in np.nonzero(~ok))
        m = Move(int(move[row, side]))
        if state.outcome[row] != _OUTCOME_ONGOING:
            why = "the campaign has ended"
        elif state.phase[row] == _PHASE_RATIFICATION:
            why = "a tentative deal is out for ratification"
        elif state.week < state.suspended_until[row]:
            why = f"talks are suspended until week {int(state.suspended_until[row])}"
        else:
            why = f"the {SIDES[1 - side]} has no standing offer"
        raise _illegal(state, row, side, m.name, why)
    offering = move == _MOVE_OFFER
    if offering.any():
        off = np.asarray(actions.offer)
        bad = offering[:, :, None] & ((off < 0) | (off >= plan.n_levels))
        if bad.any():
            row, side, i = (int(x[0]) for x in np.nonzero(bad))
            raise _illegal(
                state, row, side, "OFFER",
                f"level {int(off[row, side, i])} of issue {spec.issues[i].id!r} is not one of "
                f"its {int(plan.n_levels[i])} levels",
            )  # fmt: skip


def step(spec: GameSpec, state: State, actions: Actions) -> tuple[State, StepEvents]:
    """Play one week for every campaign; returns the next state and what happened.

    Raises :class:`IllegalAction` (naming the campaign row, side and action) if
    a requested move or pressure action is not legal this week.
    """
    plan = plan_for(spec)
    ph = spec.phases
    b, week = state.batch, state.week
    _check_actions(spec, plan, state, actions)
    live = state.outcome == _OUTCOME_ONGOING
    frozen = ~live
    log = EventLog(week)
    rows = np.array(state.values.T, dtype=np.float64, order="C")
    ns = build_namespace(spec, plan, state, rows)

    # 3 (checked first, on the start-of-week state): pressure legality
    pressure = np.asarray(actions.pressure, dtype=bool)
    if pressure.any():
        legal = pressure_mask(spec, plan, state, ns)
        bad = pressure & ~legal
        if bad.any():
            row, a = (int(x[0]) for x in np.nonzero(bad))
            act = spec.actions[a]
            why = "the campaign has ended" if frozen[row] else (
                f"it is cooling down for {int(state.cooldown[row, a])} more week(s)"
                if state.cooldown[row, a] > 0 else "its condition does not hold"
            )  # fmt: skip
            raise _illegal(state, row, act.side, f"take action {act.id!r}", why)

    # 2. scenario events
    fired = state.fired.copy()
    changed = False
    if spec.events and live.any():
        key = rng.prefix(state.seed, state.campaign, week)
        spent = (fired | ~live[:, None]).all(axis=0)  # once-only events with no row left
        for e, event in enumerate(spec.events):
            if spent[e] and not event.repeat:
                continue
            elig = live if event.repeat else live & ~fired[:, e]
            if event.condition is not None:
                elig = elig & truthy(event.condition(ns), b)
                if not elig.any():
                    continue
            chance = np.asarray(event.chance(ns), dtype=np.float64)
            if chance.ndim == 0 and chance >= 1.0:
                fire = elig
            else:
                # counter-based: drawing only for eligible rows changes no other draw
                rows_e = np.flatnonzero(elig)
                u = rng.uniform_from(key[rows_e], rng.EVENTS, e)
                fire = np.zeros(b, dtype=bool)
                fire[rows_e] = u < np.broadcast_to(chance, (b,))[rows_e]
            if fire.any():
                _apply_effects(spec, plan, event.effects, fire, ns, rows)
                fired[:, e] |= fire
                log.add(fire, _EV_SCENARIO_EVENT, e)
                changed = True

    # 3. pressure actions
    cooldown = state.cooldown
    if pressure.any():
        for a, act in enumerate(spec.actions):
            m = pressure[:, a]
            if m.any():
                _apply_effects(spec, plan, act.cost, m, ns, rows)
                _apply_effects(spec, plan, act.effects, m, ns, rows)
                log.add(m, _EV_ACTION_TAKEN, a)
        changed = True
    if cooldown.size:
        cds = np.array([a.cooldown for a in spec.actions], dtype=np.int32)
        dec = np.where(live[:, None], np.maximum(cooldown - 1, 0), cooldown)
        cooldown = np.where(pressure, cds, dec).astype(np.int32)
    if changed:
        recompute_derived(plan, ns, rows)

    # 4. table moves
    move = np.asarray(actions.move)
    offers, offer_week = state.offers.copy(), state.offer_week.copy()
    phase, tentative = state.phase.copy(), state.tentative.copy()
    ratify_week, suspended = state.ratify_week.copy(), state.suspended_until.copy()
    u_acc = move[:, UNION] == _MOVE_ACCEPT
    s_acc = (move[:, STUDIO] == _MOVE_ACCEPT) & ~u_acc
    deal_rows = u_acc | s_acc
    if deal_rows.any():
        deal = np.where(u_acc[:, None], state.offers[:, STUDIO], state.offers[:, UNION])
        tentative[deal_rows] = deal[deal_rows]
        phase[deal_rows] = _PHASE_RATIFICATION
        ratify_week[deal_rows] = week + ph.ratification_weeks
        du = offer_utilities(plan, deal)[:, UNION]
        log.add(u_acc, _EV_OFFER_ACCEPTED, UNION)
        log.add(s_acc, _EV_OFFER_ACCEPTED, STUDIO)
        log.add(deal_rows, _EV_DEAL_REACHED, np.where(u_acc, UNION, STUDIO), du)
    for side in (UNION, STUDIO):
        m = move[:, side] == _MOVE_OFFER
        if m.any():
            offers[m, side] = np.asarray(actions.offer)[m, side]
            offer_week[m, side] = week
            log.add(m, _EV_OFFER_MADE, side)
    walk = (move == _MOVE_WALK_OUT) & ~deal_rows[:, None]
    if walk.any():
        suspended[walk.any(axis=1)] = week + 1 + ph.walkout_weeks
        for side in (UNION, STUDIO):
            log.add(walk[:, side], _EV_WALKED_OUT, side)

    # 5. dynamics (this week's phase: a strike week counts even if a deal came)
    new_rows = core_update(spec, ns, rows)
    if frozen.any():
        new_rows[:, frozen] = rows[:, frozen]
    clip_rows(plan, new_rows)
    strike_weeks = state.strike_weeks + (state.phase == _PHASE_STRIKE).astype(np.int32)
    mid = state.evolve(
        values=new_rows.T, phase=phase, strike_weeks=strike_weeks, offers=offers,
        offer_week=offer_week, tentative=tentative, ratify_week=ratify_week,
        suspended_until=suspended, cooldown=cooldown, fired=fired,
    )  # fmt: skip
    offers_changed = bool(deal_rows.any() or (move == _MOVE_OFFER).any())
    ns2 = build_namespace(
        spec, plan, mid, new_rows, ns, offers_changed=offers_changed, contract_changed=False
    )
    recompute_derived(plan, ns2, new_rows)

    # 6. end checks
    final = _end_checks(spec, plan, mid, ns2, live, log)
    # derived values stored in the state must match the state's final flags
    flags_changed = not np.array_equal(final.phase, mid.phase)
    if (
        flags_changed
        or plan.derived_reads_week
        or not np.array_equal(final.authorized, mid.authorized)
    ):
        contract_changed = not np.array_equal(final.contract, mid.contract)
        ns3 = build_namespace(
            spec, plan, final, new_rows, ns2,
            offers_changed=flags_changed, contract_changed=contract_changed,
        )  # fmt: skip
        ns3["week"] = float(week + 1)
        recompute_derived(plan, ns3, new_rows)
    if frozen.any():
        new_rows[:, frozen] = state.values.T[:, frozen]
    return final.evolve(week=week + 1, values=new_rows.T), log.build()


def _end_checks(
    spec: GameSpec, plan: EnginePlan, st: State, ns: Mapping[str, Any], live: np.ndarray,
    log: EventLog,
) -> State:  # fmt: skip
    """Step 6: votes, strike at expiry, capitulation, deadline (week not advanced)."""
    ph = spec.phases
    b, week = st.batch, st.week
    phase, authorized = st.phase.copy(), st.authorized.copy()
    contract, tentative = st.contract.copy(), st.tentative.copy()
    ratify_week, outcome, end_week = st.ratify_week.copy(), st.outcome.copy(), st.end_week.copy()

    if week == ph.authorization_week:
        vote = live & (phase == _PHASE_TALKS) & ~authorized
        if vote.any():
            noise = rng.normal(st.seed, st.campaign, week, rng.VOTES, 0) * _VOTE_NOISE
            yes = np.clip(np.asarray(ph.authorization_yes(ns), np.float64) + noise, 0.0, 1.0)
            passed = vote & (yes >= ph.authorization_threshold)
            authorized |= passed
            log.add(vote, _EV_AUTHORIZATION_VOTE, passed.astype(np.int32), yes)

    begin = live & (phase == _PHASE_TALKS) & authorized & (week + 1 >= ph.expiry_week)
    if ph.strike_at_expiry and begin.any():
        phase[begin] = _PHASE_STRIKE
        log.add(begin, _EV_STRIKE_BEGAN, 0)

    due = live & (phase == _PHASE_RATIFICATION) & (week >= ratify_week)
    if due.any():
        noise = rng.normal(st.seed, st.campaign, week, rng.VOTES, 1) * _VOTE_NOISE
        yes = np.clip(np.asarray(ph.ratification_yes(ns), np.float64) + noise, 0.0, 1.0)
        yes = np.broadcast_to(yes, (b,))
        passed = due & (yes >= ph.ratification_threshold)
        failed = due & ~passed
        log.add(due, _EV_RATIFICATION_VOTE, passed.astype(np.int32), yes)
        contract[passed] = tentative[passed]
        _end(passed, _OUTCOME_DEAL_RATIFIED, phase, outcome, end_week, week, log)
        if failed.any():
            phase[failed] = np.where(st.strike_weeks[failed] > 0, _PHASE_STRIKE, _PHASE_TALKS)
            log.add(failed, _EV_RATIFICATION_FAILED, 0)
        tentative[due] = -1
        ratify_week[due] = -1

    # only campaigns that spent this week on strike can give in
    striking = live & (st.phase == _PHASE_STRIKE) & (phase == _PHASE_STRIKE)
    if striking.any():
        uc = striking & truthy(ph.union_capitulates(ns), b)
        sc = striking & ~uc & truthy(ph.studio_capitulates(ns), b)
        for mask, side, winner in ((uc, UNION, STUDIO), (sc, STUDIO, UNION)):
            if mask.any():
                standing = st.offers[:, winner]
                has = mask & (standing[:, 0] >= 0) if standing.shape[1] else mask
                contract[has] = standing[has]
                log.add(mask, _EV_CAPITULATION, side)
        _end(uc, _OUTCOME_UNION_CAPITULATED, phase, outcome, end_week, week, log)
        _end(sc, _OUTCOME_STUDIO_CAPITULATED, phase, outcome, end_week, week, log)

    late = live & (outcome == _OUTCOME_ONGOING) & (week + 1 >= ph.max_weeks)
    if late.any():
        log.add(late, _EV_DEADLINE_REACHED, 0)
        _end(late, _OUTCOME_DEADLINE, phase, outcome, end_week, week, log)

    resumed = live & (outcome == _OUTCOME_ONGOING) & (st.suspended_until == week + 1)
    log.add(resumed, _EV_TALKS_RESUMED, 0)
    return st.evolve(
        phase=phase, authorized=authorized, contract=contract, tentative=tentative,
        ratify_week=ratify_week, outcome=outcome, end_week=end_week,
    )  # fmt: skip


def _end(
    mask: np.ndarray, result: int, phase: np.ndarray, outcome: np.ndarray,
    end_week: np.ndarray, week: int, log: EventLog,
) -> None:  # fmt: skip
    if mask.any():
        phase[mask] = _PHASE_ENDED
        outcome[mask] = result
        end_week[mask] = week
        log.add(mask, _EV_GAME_ENDED, int(result), float(result))
