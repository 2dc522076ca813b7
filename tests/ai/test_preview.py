"""The offer preview estimates the other side's answer from the player's belief about it."""

from __future__ import annotations

import inspect
from dataclasses import replace
from functools import cache

import numpy as np
import pytest

from strikesim.ai.belief import OpponentBelief, announced_opponent, public_state
from strikesim.ai.preview import Preview, chance_band, preview_offer
from strikesim.analysis.frontier import pareto_frontier
from strikesim.analysis.space import outcome_space
from strikesim.engine import initial_state
from strikesim.engine.spec import STUDIO, UNION
from strikesim.records import Seat
from strikesim.session import Session

from .helpers import scenario

KEY_UNION = ("strike_fund", "solidarity", "public_support_union", "member_expectation")


@cache
def _played(spec_id: str, weeks: int, union: str = "", studio: str = "", seed: int = 1) -> Session:
    spec = scenario(spec_id)
    names = (union or spec.default_negotiators[UNION], studio or spec.default_negotiators[STUDIO])
    session = Session(spec, (Seat("ai", names[0]), Seat("ai", names[1])), seed)
    for _ in range(weeks):
        if session.is_over:
            break
        session.advance()
    return session


@cache
def _belief(spec_id: str, weeks: int, side: int = UNION) -> OpponentBelief:
    session = _played(spec_id, weeks)
    belief = OpponentBelief(
        session.spec, side, session.seed, announced=announced_opponent(session.seats, 1 - side)
    )
    belief.follow(session.record.weeks)
    return belief


def _frontier_sweep(spec_id: str, n: int) -> list[np.ndarray]:
    space = outcome_space(scenario(spec_id))
    frontier = pareto_frontier(space)
    picks = np.linspace(0, frontier.size - 1, n).astype(int)
    return [space.levels[frontier.index[i]] for i in picks]


@cache
def _sweep(spec_id: str, weeks: int, n: int = 13) -> list[Preview]:
    session = _played(spec_id, weeks)
    belief = _belief(spec_id, weeks)
    return [
        preview_offer(session.spec, session.state, UNION, levels, belief=belief)
        for levels in _frontier_sweep(spec_id, n)
    ]


class Untouchable:
    """Stands in for the live opponent: any use of it fails the test."""

    def __getattribute__(self, name: str) -> object:
        raise AssertionError(f"the preview read the live opponent ({name})")


def test_the_preview_has_no_way_to_the_live_opponent() -> None:
    params = inspect.signature(preview_offer).parameters
    assert "opponent" not in params
    session = _played("wga-2023", 12)
    live = session.negotiators[STUDIO]
    session.negotiators[STUDIO] = Untouchable()  # type: ignore[call-overload]
    try:
        belief = OpponentBelief(
            session.spec, UNION, session.seed, announced=("amptp_2023", "normal")
        )
        belief.follow(session.record.weeks)
        offer = session.state.offers[0, UNION]
        p = preview_offer(session.spec, session.state, UNION, offer, belief=belief)
    finally:
        session.negotiators[STUDIO] = live
    assert p.accept_chance is not None and 0.0 <= p.accept_chance <= 1.0


def test_hidden_variables_are_not_read() -> None:
    spec = scenario("wga-2023")
    j = spec.var_index["studio_cash"]
    var = spec.variables[j]
    hidden = replace(var, visible_to=(False, True))
    secret = replace(spec, variables=(*spec.variables[:j], hidden, *spec.variables[j + 1 :]))
    state = initial_state(spec, batch=1, seed=0)
    state = state.evolve(values=state.values + 1.0)
    seen = public_state(secret, state, UNION)
    assert seen.values[0, j] == pytest.approx(var.initial)
    others = [k for k in range(len(spec.variables)) if k != j]
    np.testing.assert_array_equal(seen.values[0, others], state.values[0, others])
    assert public_state(secret, state, STUDIO) is state


def test_accept_chance_is_not_a_step_function() -> None:
    """Along the frontier the estimate passes through values between 0 and 1 every
    week, and in some weeks through several (how many depends on how alike the
    plausible opponents behave at that point of the game)."""
    widest = 0
    for week in (10, 14, 18):
        chances = [p.accept_chance for p in _sweep("wga-2023", week)]
        assert all(c is not None for c in chances)
        inner = {round(c, 3) for c in chances if c is not None and 0.02 < c < 0.98}
        assert inner, (week, chances)
        widest = max(widest, len(inner))
        # the package worth most to them is taken, the one worth least is not
        assert chances[0] == 1.0 and chances[-1] == 0.0
    assert widest >= 3


def test_bands_have_real_spread() -> None:
    previews = _sweep("wga-2023", 12)
    for p in previews:
        assert np.all(p.p10 <= p.median + 1e-9) and np.all(p.median <= p.p90 + 1e-9)
        wide = [v for v in KEY_UNION if p.band(v)[2][-1] - p.band(v)[0][-1] > 1e-9]
        assert len(wide) >= 2, (p.accept_chance, wide)
    uncertain = [
        p for p in previews if p.accept_chance is not None and 0.02 < p.accept_chance < 0.98
    ]
    assert uncertain
    for p in uncertain:
        assert p.accept_band is not None and p.accept_chance is not None
        lo, hi = p.accept_band
        assert lo < hi and lo <= p.accept_chance <= hi


def test_their_own_offer_is_taken_and_the_preview_starts_from_now() -> None:
    session = _played("wga-2023", 16)
    spec, state = session.spec, session.state
    theirs = state.offers[0, STUDIO]
    p = preview_offer(spec, state, UNION, theirs, runs=50, weeks=4, belief=_belief("wga-2023", 16))
    # (a kind that would table a new package this week may not: a script, say)
    assert p.accept_chance is not None and p.accept_chance >= 0.95
    assert p.deal_chance is not None and p.deal_chance >= 0.95
    assert p.weeks.tolist() == list(range(16, 21))
    assert p.median.shape == (5, len(p.variables))
    _, mid, _ = p.band("strike_fund")
    assert mid[0] == pytest.approx(state.values[0, spec.var_index["strike_fund"]])


def test_a_standing_offer_they_would_take_now_is_reported() -> None:
    session = _played("wga-2023", 12)
    spec, state = session.spec, session.state
    offers = state.offers.copy()
    offers[0, UNION] = offers[0, STUDIO]  # our standing offer: their own package
    state = state.evolve(offers=offers)
    draft = _frontier_sweep("wga-2023", 13)[-1]
    p = preview_offer(spec, state, UNION, draft, belief=_belief("wga-2023", 12))
    assert p.standing_chance is not None and p.standing_chance >= 0.95
    assert p.accept_chance is not None and p.accept_chance <= 0.05  # the draft is never answered
    assert p.deal_chance is not None and p.deal_chance >= 0.95


@pytest.mark.parametrize("opponent", ["studio_flexible", "studio_mirror"])
def test_the_belief_learns_who_they_are(opponent: str) -> None:
    session = _played("classroom-quick", 12, studio=opponent)  # the whole game
    belief = OpponentBelief(session.spec, UNION, session.seed)  # told nothing
    prior = _by_name(belief)
    belief.follow(session.record.weeks)
    posterior = _by_name(belief)
    assert posterior[opponent] > 1.5 * prior[opponent], posterior
    # a mirror that met a steady opponent looks much like a firm negotiator: the true
    # kind must at least be among the two the belief finds likeliest
    top_two = sorted(posterior, key=posterior.__getitem__, reverse=True)[:2]
    assert opponent in top_two, posterior


def _by_name(belief: OpponentBelief) -> dict[str, float]:
    mass: dict[str, float] = {}
    for kind, w in zip(belief.types, belief.type_weights, strict=True):
        mass[kind.name] = mass.get(kind.name, 0.0) + float(w)
    return mass


def test_hot_seat_forecasts_nothing_about_the_other_side() -> None:
    session = _played("wga-2023", 10)
    offer = session.state.offers[0, STUDIO]
    p = preview_offer(session.spec, session.state, STUDIO, offer, forecast=False)
    assert not p.forecast
    assert p.accept_chance is None and p.accept_band is None and p.deal_chance is None
    assert p.belief == ()
    assert p.median.shape == (9, len(p.variables))


def test_previews_and_beliefs_are_reproducible() -> None:
    session = _played("wga-2023", 12)
    again = OpponentBelief(session.spec, UNION, session.seed, announced=("amptp_2023", "normal"))
    again.follow(session.record.weeks)
    np.testing.assert_array_equal(again.weights, _belief("wga-2023", 12).weights)
    offer = _frontier_sweep("wga-2023", 13)[3]
    a, b = (
        preview_offer(session.spec, session.state, UNION, offer, belief=belief)
        for belief in (again, _belief("wga-2023", 12))
    )
    assert a.accept_chance == b.accept_chance and a.accept_band == b.accept_band
    np.testing.assert_array_equal(a.median, b.median)
    np.testing.assert_array_equal(a.p90, b.p90)


def test_a_belief_restarts_for_another_record() -> None:
    belief = OpponentBelief(scenario("wga-2023"), UNION, 1)
    belief.follow(_played("wga-2023", 12).record.weeks)
    learnt = belief.weights.copy()
    belief.follow(_played("wga-2023", 4).record.weeks)
    assert belief.weeks_seen == 4
    assert not np.array_equal(belief.weights, learnt)


def test_chance_band_spans_the_kinds_of_opponent() -> None:
    rng = np.random.default_rng(0)
    split = np.r_[np.zeros(100, dtype=bool), np.ones(100, dtype=bool)]
    lo, hi = chance_band(split, np.r_[np.zeros(100), np.ones(100)], rng)
    assert lo < 0.1 and hi > 0.9  # one kind refuses, the other accepts
    lo, hi = chance_band(split, np.zeros(200), rng)
    assert 0.35 < lo < 0.5 < hi < 0.65  # one kind, half the time: Monte Carlo error only


def test_preview_rejects_bad_drafts() -> None:
    spec = scenario("wga-2023")
    state = initial_state(spec, batch=1, seed=0)
    with pytest.raises(ValueError, match="valid level for every issue"):
        preview_offer(spec, state, UNION, [0] * (len(spec.issues) - 1))
    with pytest.raises(ValueError, match="valid level for every issue"):
        preview_offer(spec, state, UNION, [99] * len(spec.issues))
    with pytest.raises(ValueError, match="other side"):
        preview_offer(
            spec, state, STUDIO, spec.opening_offers[STUDIO], belief=_belief("wga-2023", 2)
        )
    p = preview_offer(spec, state, STUDIO, spec.opening_offers[STUDIO], runs=20, weeks=2)
    with pytest.raises(KeyError, match="no variable"):
        p.band("nonsense")
