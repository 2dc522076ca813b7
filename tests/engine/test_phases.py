"""Every rule of the weekly order: votes, strike, deals, walk-outs, endings."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from conftest import acts, const, kinds, make_spec, run_to

from strikesim.engine import (
    GameSpec,
    IllegalAction,
    Move,
    Outcome,
    Phase,
    initial_state,
    legal_moves,
    step,
)


def with_phases(spec: GameSpec, **kw: object) -> GameSpec:
    return replace(spec, phases=replace(spec.phases, **kw))


def test_authorization_vote_then_strike_at_expiry(spec: GameSpec) -> None:
    st = run_to(spec, initial_state(spec), 1)
    st, ev = step(spec, st, acts(spec))
    assert kinds(ev) == ["AUTHORIZATION_VOTE"]
    assert ev.ref[0] == 1 and 0.9 < ev.value[0] <= 1.0
    assert st.authorized[0] and st.phase[0] == Phase.TALKS
    st, ev = step(spec, st, acts(spec))
    assert "STRIKE_BEGAN" in kinds(ev)
    assert st.week == 3 and st.phase[0] == Phase.STRIKE and st.strike_weeks[0] == 0
    st, _ = step(spec, st, acts(spec))
    assert st.strike_weeks[0] == 1


def test_failed_authorization_means_no_strike(spec: GameSpec) -> None:
    spec = with_phases(spec, authorization_yes=const(0.1))
    st = run_to(spec, initial_state(spec), 8)
    assert not st.authorized[0]
    assert st.phase[0] == Phase.TALKS and st.strike_weeks[0] == 0


def test_accept_ratification_ratified(spec: GameSpec) -> None:
    st = run_to(spec, initial_state(spec), 4)
    st, ev = step(spec, st, acts(spec, studio=Move.OFFER, studio_offer=(3, 2, 1)))
    assert kinds(ev).count("OFFER_MADE") == 1
    st, ev = step(spec, st, acts(spec, union=Move.ACCEPT))
    assert kinds(ev)[-2:] == ["OFFER_ACCEPTED", "DEAL_REACHED"]
    assert st.phase[0] == Phase.RATIFICATION and st.ratify_week[0] == 6
    assert st.tentative[0].tolist() == [3, 2, 1]
    assert legal_moves(spec, st, 0)[0].tolist() == [True, False, False, False]
    sw = st.strike_weeks[0]
    st, ev = step(spec, st, acts(spec))
    assert kinds(ev)[-2:] == ["RATIFICATION_VOTE", "GAME_ENDED"]
    assert st.outcome[0] == Outcome.DEAL_RATIFIED and st.phase[0] == Phase.ENDED
    assert st.contract[0].tolist() == [3, 2, 1] and st.end_week[0] == 6
    assert st.strike_weeks[0] == sw  # members were back at work


def test_failed_ratification_goes_back_to_strike_keeping_offers(spec: GameSpec) -> None:
    st = run_to(spec, initial_state(spec), 4)
    st, _ = step(spec, st, acts(spec, union=Move.ACCEPT))  # studio's 0-utility opening offer
    st, ev = step(spec, st, acts(spec))
    assert "RATIFICATION_FAILED" in kinds(ev)
    assert ev.value[kinds(ev).index("RATIFICATION_VOTE")] < 0.5
    assert st.phase[0] == Phase.STRIKE and st.outcome[0] == Outcome.ONGOING
    assert st.tentative[0].tolist() == [-1, -1, -1] and st.ratify_week[0] == -1
    assert st.offers[0].tolist() == [[3, 2, 1], [0, 0, 0]]
    assert st.contract[0].tolist() == [0, 0, 0]


def test_failed_ratification_before_any_strike_returns_to_talks(spec: GameSpec) -> None:
    st, _ = step(spec, initial_state(spec), acts(spec, union=Move.ACCEPT))
    st, ev = step(spec, st, acts(spec))
    assert "RATIFICATION_FAILED" in kinds(ev)
    assert st.phase[0] == Phase.TALKS


def test_studio_acceptance_and_union_first_when_both_accept(spec: GameSpec) -> None:
    spec = with_phases(spec, ratification_yes=const(1.0), ratification_weeks=0)
    st, _ = step(spec, initial_state(spec), acts(spec, studio=Move.ACCEPT))
    assert st.outcome[0] == Outcome.DEAL_RATIFIED and st.contract[0].tolist() == [3, 2, 1]
    st, _ = step(spec, initial_state(spec), acts(spec, union=Move.ACCEPT, studio=Move.ACCEPT))
    assert st.contract[0].tolist() == [0, 0, 0] and st.outcome[0] == Outcome.DEAL_RATIFIED


def test_walk_out_suspends_talks_then_resumes(spec: GameSpec) -> None:
    st = run_to(spec, initial_state(spec), 4)
    st, ev = step(spec, st, acts(spec, union=Move.WALK_OUT))
    assert kinds(ev) == ["WALKED_OUT"] and st.suspended_until[0] == 7
    for _ in range(2):
        assert legal_moves(spec, st, 1)[0].tolist() == [True, False, False, False]
        with pytest.raises(IllegalAction, match="suspended until week 7"):
            step(spec, st, acts(spec, studio=Move.OFFER, studio_offer=(1, 1, 1)))
        st, ev = step(spec, st, acts(spec))
    assert "TALKS_RESUMED" in kinds(ev) and st.week == 7
    assert legal_moves(spec, st, 1)[0].all()


def test_union_capitulation_takes_studio_offer(spec: GameSpec) -> None:
    spec = with_phases(spec, union_capitulates=const(1.0))
    st = run_to(spec, initial_state(spec), 3)
    st, ev = step(spec, st, acts(spec, studio=Move.OFFER, studio_offer=(1, 1, 0)))
    assert kinds(ev)[-2:] == ["CAPITULATION", "GAME_ENDED"]
    assert st.outcome[0] == Outcome.UNION_CAPITULATED
    assert st.contract[0].tolist() == [1, 1, 0] and st.end_week[0] == 3


def test_studio_capitulation_signs_union_offer(spec: GameSpec) -> None:
    spec = with_phases(spec, studio_capitulates=const(1.0))
    st = run_to(spec, initial_state(spec), 4)
    assert st.outcome[0] == Outcome.STUDIO_CAPITULATED
    assert st.contract[0].tolist() == [3, 2, 1]


def test_no_capitulation_outside_a_strike(spec: GameSpec) -> None:
    spec = with_phases(spec, studio_capitulates=const(1.0), union_capitulates=const(1.0))
    st = run_to(spec, initial_state(spec), 2)
    assert st.outcome[0] == Outcome.ONGOING


def test_deadline_and_frozen_after_end(spec: GameSpec) -> None:
    spec = with_phases(spec, max_weeks=8, authorization_yes=const(0.0))
    st = run_to(spec, initial_state(spec), 7)
    st, ev = step(spec, st, acts(spec))
    assert kinds(ev) == ["DEADLINE_REACHED", "ARBITRATION", "GAME_ENDED"]
    assert st.outcome[0] == Outcome.DEADLINE and st.end_week[0] == 7
    # final-offer arbitration imposed one of the two standing (opening) offers
    assert st.contract[0].tolist() in [list(o) for o in spec.opening_offers]
    later, ev = step(spec, st, acts(spec))
    assert len(ev) == 0 and later.week == st.week + 1
    assert np.array_equal(later.values, st.values)
    assert later.outcome[0] == Outcome.DEADLINE and later.end_week[0] == 7


def test_deadline_preempted_by_ratification_in_the_same_week(spec: GameSpec) -> None:
    spec = with_phases(spec, max_weeks=2, ratification_yes=const(1.0), ratification_weeks=0)
    st, _ = step(spec, initial_state(spec), acts(spec))
    st, ev = step(spec, st, acts(spec, studio=Move.ACCEPT))
    assert st.outcome[0] == Outcome.DEAL_RATIFIED and "DEADLINE_REACHED" not in kinds(ev)


def test_negative_authorization_week_means_authorized_from_start() -> None:
    spec = make_spec()
    spec = with_phases(spec, authorization_week=-1)
    assert initial_state(spec).authorized[0]
