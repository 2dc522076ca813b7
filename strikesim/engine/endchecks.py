"""Step 6 of the week: votes, the strike at expiry, capitulation, deadline."""

from __future__ import annotations

import numpy as np

from . import codes as C
from . import rng
from .eventlog import EventLog
from .mathfn import clip, some
from .namespace import EnginePlan, offer_utilities
from .rules import truthy
from .spec import STUDIO, UNION, GameSpec, Namespace
from .state import State

__all__ = ["arbitration_costs", "end_checks", "rejection_costs"]

VOTE_NOISE = 0.01
"""Standard deviation of the vote-share noise (sampling of who turns out)."""


def end_checks(
    spec: GameSpec, plan: EnginePlan, st: State, ns: Namespace, live: np.ndarray,
    log: EventLog,
) -> State:  # fmt: skip
    """Step 6: votes, strike at expiry, capitulation, deadline (week not advanced).

    Fields that do not change are the input's own arrays. Formulas run
    unguarded: call inside ``np.errstate(all="ignore")``."""
    ph = spec.phases
    b, week = st.batch, st.week
    new = _Changes(st)

    if week == ph.authorization_week:
        # (a tentative deal out to the members does not put the strike vote off)
        vote = live & (st.phase != C.PHASE_STRIKE) & ~st.authorized
        if some(vote):
            noise = rng.normal(st.seed, st.campaign, week, rng.VOTES, 0) * VOTE_NOISE
            share = np.asarray(plan.phase_formulas["authorization_yes"](ns), np.float64)
            yes = clip(share + noise, 0.0, 1.0)
            passed = vote & (yes >= ph.authorization_threshold)
            authorized = new.copy("authorized")
            authorized |= passed
            log.add(vote, C.EV_AUTHORIZATION_VOTE, passed.astype(np.int32), yes)

    if ph.strike_at_expiry and week + 1 >= ph.expiry_week:
        begin = live & (st.phase == C.PHASE_TALKS) & new.get("authorized")
        if some(begin):
            new.copy("phase")[begin] = C.PHASE_STRIKE
            log.add(begin, C.EV_STRIKE_BEGAN, 0)

    due = new.get("phase") == C.PHASE_RATIFICATION  # narrowed below where a deal is out
    if some(due):
        due &= live & (week >= st.ratify_week)
    if some(due):
        noise = rng.normal(st.seed, st.campaign, week, rng.VOTES, 1) * VOTE_NOISE
        share = np.asarray(plan.phase_formulas["ratification_yes"](ns), np.float64)
        yes = clip(share + noise, 0.0, 1.0)
        yes = np.broadcast_to(yes, (b,))
        passed = due & (yes >= ph.ratification_threshold)
        failed = due & ~passed
        log.add(due, C.EV_RATIFICATION_VOTE, passed.astype(np.int32), yes)
        tentative = new.copy("tentative")
        new.copy("contract")[passed] = tentative[passed]
        _end(passed, C.OUTCOME_DEAL_RATIFIED, new, week, log)
        if some(failed):
            # a rejected deal sends the members back to the line: on strike if one was
            # on, or if the contract has expired under an authorised strike (the strike
            # starts at expiry even while a vote is pending)
            struck = st.strike_weeks > 0
            if ph.strike_at_expiry and week + 1 >= ph.expiry_week:
                struck = struck | new.get("authorized")
            phase = new.copy("phase")
            phase[failed] = np.where(struck[failed], C.PHASE_STRIKE, C.PHASE_TALKS)
            log.add(failed, C.EV_RATIFICATION_FAILED, 0)
        tentative[due] = -1
        new.copy("ratify_week")[due] = -1

    # only campaigns that spent this week on strike can give in
    striking = live & (st.phase == C.PHASE_STRIKE)
    if "phase" in new.fields:
        striking &= new.fields["phase"] == C.PHASE_STRIKE
    if some(striking):
        uc = striking & truthy(plan.phase_formulas["union_capitulates"](ns), b)
        sc = striking & ~uc & truthy(plan.phase_formulas["studio_capitulates"](ns), b)
        for mask, side, winner in ((uc, UNION, STUDIO), (sc, STUDIO, UNION)):
            if some(mask):
                standing = st.offers[:, winner]
                has = mask & (standing[:, 0] >= 0) if standing.shape[1] else mask
                new.copy("contract")[has] = standing[has]
                log.add(mask, C.EV_CAPITULATION, side)
        _end(uc, C.OUTCOME_UNION_CAPITULATED, new, week, log)
        _end(sc, C.OUTCOME_STUDIO_CAPITULATED, new, week, log)

    if week + 1 >= ph.max_weeks:
        late = live & (new.get("outcome") == C.OUTCOME_ONGOING)
        if some(late):
            log.add(late, C.EV_DEADLINE_REACHED, 0)
            _arbitrate(plan, st, late, new, log)
            _end(late, C.OUTCOME_DEADLINE, new, week, log)

    resuming = st.suspended_until == week + 1
    if some(resuming):
        log.add(resuming & live & (new.get("outcome") == C.OUTCOME_ONGOING), C.EV_TALKS_RESUMED, 0)
    return st.evolve(**new.fields) if new.fields else st


def arbitration_costs(spec: GameSpec, rows: np.ndarray, awarded: np.ndarray) -> None:
    """An imposed award costs both sides ``arbitration_cost`` (docs/model.md §5): added
    to ``union_cost`` and ``studio_cost`` in the week's new ``(V, B)`` value ``rows``
    in place where ``awarded``."""
    extra = spec.params.get("arbitration_cost", 0.0)
    for var in ("union_cost", "studio_cost"):
        j = spec.var_index.get(var)
        if j is not None:
            rows[j, awarded] += extra


def rejection_costs(
    spec: GameSpec, rows: np.ndarray, failed: np.ndarray, deal_utility: np.ndarray
) -> None:
    """A rejected tentative deal costs the union's leadership: solidarity and public
    support fall by ``rejection_solidarity`` / ``rejection_support``, and the members'
    value of the rejected deal (``deal_utility``, (B,)) becomes the bar a new deal must
    clear (``rejected_deal``; docs/model.md §4). Changes the week's new ``(V, B)``
    value ``rows`` in place where ``failed``."""
    idx = spec.var_index
    j = idx.get("rejected_deal")
    if j is not None:
        rows[j, failed] = np.maximum(rows[j, failed], deal_utility[failed])
    for var, param in (
        ("solidarity", "rejection_solidarity"),
        ("public_support_union", "rejection_support"),
    ):
        j = idx.get(var)
        if j is not None:
            rows[j, failed] = np.maximum(rows[j, failed] - spec.params.get(param, 0.0), 0.0)


def _arbitrate(plan: EnginePlan, st: State, late: np.ndarray, new: _Changes, log: EventLog) -> None:
    """Final-offer arbitration at the last week (docs/model.md §5): of the two standing
    offers the arbitrator imposes the one with the larger Nash product of the two
    sides' utilities, so an extreme final position loses to a reasonable one. A deal
    out for ratification stands; with no offer on the table the old contract stays."""
    pending = late & (new.get("phase") == C.PHASE_RATIFICATION)
    contract = new.copy("contract")
    if some(pending):
        contract[pending] = new.get("tentative")[pending]
    open_rows = late & ~pending
    if not some(open_rows):
        return
    offers = st.offers
    u = offer_utilities(plan, np.maximum(offers, 0), check=False)  # (B, 2 offers, 2 sides)
    product = u[:, :, UNION] * u[:, :, STUDIO]
    product = np.where(offers[:, :, 0] >= 0, product, -1.0) if offers.shape[2] else product
    pick = np.where(product[:, UNION] >= product[:, STUDIO], UNION, STUDIO)
    best = np.take_along_axis(product, pick[:, None], axis=1)[:, 0]
    award = open_rows & (best >= 0)
    chosen = offers[np.arange(offers.shape[0]), pick]
    contract[award] = chosen[award]
    log.add(open_rows, C.EV_ARBITRATION, np.where(award, pick, -1), np.maximum(best, 0.0))


class _Changes:
    """The fields of a state that end checks change, each copied on its first change."""

    def __init__(self, st: State) -> None:
        self.st = st
        self.fields: dict[str, np.ndarray] = {}

    def get(self, name: str) -> np.ndarray:
        """The field as changed so far (the state's own array if unchanged)."""
        arr = self.fields.get(name)
        return getattr(self.st, name) if arr is None else arr

    def copy(self, name: str) -> np.ndarray:
        """The field's copy, to be changed in place."""
        arr = self.fields.get(name)
        if arr is None:
            arr = self.fields[name] = getattr(self.st, name).copy()
        return arr


def _end(mask: np.ndarray, result: int, new: _Changes, week: int, log: EventLog) -> None:
    if some(mask):
        new.copy("phase")[mask] = C.PHASE_ENDED
        new.copy("outcome")[mask] = result
        new.copy("end_week")[mask] = week
        log.add(mask, C.EV_GAME_ENDED, int(result), float(result))
