"""Step 4 of the week: accepts, offers and walk-outs at the table."""

from __future__ import annotations

import numpy as np

from . import codes as C
from . import rng
from .dynamics import SMALL_BATCH
from .eventlog import EventLog
from .mathfn import some
from .namespace import EnginePlan, revise_standing_utilities, standing_utilities
from .spec import STUDIO, UNION, GameSpec
from .state import State

__all__ = ["table_moves"]


def table_moves(
    spec: GameSpec, plan: EnginePlan, state: State, move: np.ndarray, offer: np.ndarray,
    log: EventLog,
) -> dict[str, np.ndarray]:  # fmt: skip
    """Step 4 on the (already checked) ``move`` ``(B, 2)`` and ``offer``
    ``(B, 2, I)``: an ACCEPT takes the other side's standing offer and sends it to
    ratification (when both sides accept in the same week a fair coin, drawn from
    the campaign's own stream, picks whose offer becomes the deal); OFFERs replace
    standing offers; a WALK_OUT suspends talks for ``walkout_weeks``.

    Returns the :class:`State` fields that change, as new arrays (none when
    every side holds). New standing offers of a big batch have their utilities
    revised (see :func:`.namespace.revise_standing_utilities`)."""
    changed: dict[str, np.ndarray] = {}
    if not some(move):  # every side holds
        return changed
    ph, week = spec.phases, state.week
    u_acc = move[:, UNION] == C.MOVE_ACCEPT
    s_acc = move[:, STUDIO] == C.MOVE_ACCEPT
    both = u_acc & s_acc
    if some(both):
        # heads (< 0.5): the union's acceptance stands, so the studio's offer is the deal
        heads = rng.uniform(state.seed, state.campaign, week, rng.TABLE, 0) < 0.5
        log.add(both, C.EV_COIN_TOSS, np.where(heads, STUDIO, UNION))
        u_acc = u_acc & (~both | heads)
        s_acc = s_acc & (~both | ~heads)
    deal_rows = u_acc | s_acc
    if some(deal_rows):
        deal = np.where(u_acc[:, None], state.offers[:, STUDIO], state.offers[:, UNION])
        tentative, phase = state.tentative.copy(), state.phase.copy()
        ratify_week = state.ratify_week.copy()
        tentative[deal_rows] = deal[deal_rows]
        phase[deal_rows] = C.PHASE_RATIFICATION
        ratify_week[deal_rows] = week + ph.ratification_weeks
        changed.update(tentative=tentative, phase=phase, ratify_week=ratify_week)
        standing = standing_utilities(plan, state.offers)  # the deal is one of them
        du = np.where(u_acc, standing[:, STUDIO, UNION], standing[:, UNION, UNION])
        log.add(u_acc, C.EV_OFFER_ACCEPTED, UNION)
        log.add(s_acc, C.EV_OFFER_ACCEPTED, STUDIO)
        log.add(deal_rows, C.EV_DEAL_REACHED, np.where(u_acc, UNION, STUDIO), du)
    offering = move == C.MOVE_OFFER
    if some(offering):
        offers, offer_week = state.offers.copy(), state.offer_week.copy()
        np.copyto(offers, offer, "unsafe", offering[:, :, None])
        np.copyto(offer_week, week, where=offering)
        for side in (UNION, STUDIO):
            log.add(offering[:, side], C.EV_OFFER_MADE, side)
        changed.update(offers=offers, offer_week=offer_week)
        if state.batch > SMALL_BATCH:  # small ones score all standing offers afresh
            revise_standing_utilities(plan, state.offers, offers, offering)
    walk = (move == C.MOVE_WALK_OUT) & ~deal_rows[:, None]
    if some(walk):
        suspended = state.suspended_until.copy()
        suspended[walk.any(axis=1)] = week + 1 + ph.walkout_weeks
        changed["suspended_until"] = suspended
        for side in (UNION, STUDIO):
            log.add(walk[:, side], C.EV_WALKED_OUT, side)
    return changed
