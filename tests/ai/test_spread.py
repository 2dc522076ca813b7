"""Per-campaign personalities, war-of-attrition breakthroughs and the spread of
dispute lengths they produce (research/models.md §1.3-1.4)."""

from __future__ import annotations

import numpy as np
import pytest

from strikesim.ai import make_negotiator
from strikesim.ai.agent import TacticalNegotiator
from strikesim.ai.difficulty import get_difficulty
from strikesim.ai.offers import OfferBook
from strikesim.ai.opponent_model import FrequencyModel
from strikesim.ai.personality import SIDE_SPREAD, UNION_TEMPO, Z_LOW
from strikesim.analysis import outcome_space, pareto_mask_of
from strikesim.batch import run_batch
from strikesim.engine import Actions, initial_state, observe, step
from strikesim.engine.spec import STUDIO, UNION
from strikesim.engine.state import Outcome, Phase
from strikesim.records import Seat
from tests.ai.helpers import scenario


def _tactical(spec_id: str, side: int, level: str = "normal") -> TacticalNegotiator:
    spec = scenario(spec_id)
    neg = make_negotiator(spec, spec.default_negotiators[side], side, level)
    assert isinstance(neg, TacticalNegotiator)
    return neg


def test_personality_factors_are_lognormal_with_the_levels_spread() -> None:
    spec = scenario("wga-2023")
    spread = get_difficulty("normal").spread
    union, studio = _tactical("wga-2023", UNION), _tactical("wga-2023", STUDIO)
    for neg in (union, studio):
        neg.reset(spec, 4000, 11)
    base = {n.side: n.params["horizon"] * n.difficulty.patience for n in (union, studio)}
    tempo_u = np.log(union.horizon / base[UNION])
    tempo_s = np.log(studio.horizon / base[STUDIO])
    # one shared tempo draw: the union feels a fixed share of it
    np.testing.assert_allclose(tempo_u, UNION_TEMPO * tempo_s, atol=1e-9)
    assert tempo_s.min() >= Z_LOW * spread - 1e-9
    upper = tempo_s[tempo_s > 0]
    assert np.std(np.r_[upper, -upper]) == pytest.approx(spread, rel=0.1)
    own = np.log(studio.e / studio.params["e"])
    assert np.std(own) == pytest.approx(spread * SIDE_SPREAD, rel=0.1)
    # the two sides' temperaments are independent draws
    assert abs(np.corrcoef(own, np.log(union.e / union.params["e"]))[0, 1]) < 0.1


def test_factors_are_keyed_by_campaign_not_by_batch_position() -> None:
    spec = scenario("wga-2023")
    neg = _tactical("wga-2023", STUDIO)
    neg.reset(spec, 50, 3)
    horizons, es = neg.horizon.copy(), neg.e.copy()
    for i in (0, 17, 49):
        neg.reset(spec, 1, 3, np.array([i]))
        assert neg.horizon[0] == horizons[i] and neg.e[0] == es[i]
    neg.reset(spec, 50, 4)
    assert not np.array_equal(neg.horizon, horizons), "another seed, other people"
    with pytest.raises(ValueError, match="campaign ids"):
        neg.reset(spec, 3, 0, np.arange(2))


def test_levels_without_spread_play_the_profile_exactly() -> None:
    spec = scenario("wga-2023")
    from dataclasses import replace

    from strikesim.ai.agent import TacticalNegotiator as TN

    level = replace(get_difficulty("normal"), spread=0.0)
    neg = TN(spec, STUDIO, "time_dependent", {"e": 0.2, "horizon": 26}, level, "x")
    neg.reset(spec, 20, 1)
    assert (neg.horizon == 26.0).all() and (neg.e == 0.2).all()


def _mid_strike(spec_id: str, weeks: int, batch: int) -> tuple[object, list[TacticalNegotiator]]:
    spec = scenario(spec_id)
    negs = [_tactical(spec_id, s) for s in (UNION, STUDIO)]
    for n in negs:
        n.reset(spec, batch, 5)
    state = initial_state(spec, batch=batch, seed=5)
    for _ in range(weeks):
        acts = Actions.hold(batch, len(spec.issues), len(spec.actions))
        for s in (UNION, STUDIO):
            d = negs[s].decide(observe(spec, state, s))
            acts.move[:, s] = np.where(d.move == 3, 0, d.move)  # keep talking: no accepts
            acts.offer[:, s] = d.offer
        state, _ = step(spec, state, acts)
    return state, negs


def test_breakthroughs_come_from_the_side_with_the_lower_cost_ratio() -> None:
    spec = scenario("wga-2023")
    state, negs = _mid_strike("wga-2023", 14, 400)
    assert (state.phase == Phase.STRIKE).all()
    moved = {}
    for s in (UNION, STUDIO):
        neg = negs[s]
        neg.params["attrition"] = 50.0  # the hazard at its cap: about half the weeks
        obs = observe(spec, state, s)
        ns = neg.namespace(obs)
        p_min = neg.reservation(ns, 400)
        u_other = obs.offer_utility[:, 1 - s]
        u_mine = obs.offer_utility[:, s]
        target = np.maximum(neg.target, p_min + 0.05)
        after = neg.breakthrough(obs, ns, target, p_min, u_other, u_mine, np.ones(400, bool))
        assert (after <= target).all()
        step_ = target - after
        moving = step_ > 0
        np.testing.assert_allclose(step_[moving], 0.2 * (target - p_min)[moving])
        moved[s] = moving
    both = moved[UNION] & moved[STUDIO]
    assert moved[UNION].any() or moved[STUDIO].any()
    assert not both.any(), "one breakthrough per campaign-week, by one side"
    share = (moved[UNION] | moved[STUDIO]).mean()
    assert 0.35 < share < 0.65  # the shared draw against the capped chance of 1/2


def test_no_breakthroughs_outside_a_strike() -> None:
    spec = scenario("wga-2023")
    neg = _tactical("wga-2023", STUDIO)
    neg.reset(spec, 50, 0)
    neg.params["attrition"] = 50.0
    state = initial_state(spec, batch=50, seed=0)
    obs = observe(spec, state, STUDIO)
    ns = neg.namespace(obs)
    target = np.full(50, 0.8)
    out = neg.breakthrough(
        obs, ns, target, np.full(50, 0.3), np.full(50, 0.4), np.full(50, 0.9), np.ones(50, bool)
    )
    np.testing.assert_array_equal(out, target)


def test_offer_selection_prefers_efficient_packages_near_the_target() -> None:
    spec = scenario("wga-2023")
    space = outcome_space(spec)
    on = pareto_mask_of(space)
    book = OfferBook(space, STUDIO)
    model = FrequencyModel(64, space.n_levels)
    model.observe(np.repeat(space.levels[-1:], 64, axis=0))
    targets = np.linspace(book.worst + 0.1, book.best - 0.1, 64)
    chosen = book.select(targets, np.arange(64), model)
    idx = space.flat_index(chosen)
    own = space.utility[idx, STUDIO]
    assert (own >= targets - 1e-9).all() and (own <= targets + 0.08 + 1e-9).all()
    front_u = space.utility[on, STUDIO]
    has_front = np.array([((front_u >= t) & (front_u <= t + 0.08)).any() for t in targets])
    assert has_front.sum() > 40
    assert on[idx][has_front].all()


def test_default_wga_disputes_vary_in_length_like_real_ones() -> None:
    """Over many seeds the default negotiators' strikes spread out (Kennan:
    near-exponential durations; Hollywood means of 14-21 weeks) and still end
    in ratified deals."""
    spec = scenario("wga-2023")
    seats = (
        Seat(kind="ai", personality=spec.default_negotiators[UNION]),
        Seat(kind="ai", personality=spec.default_negotiators[STUDIO]),
    )
    result = run_batch(spec, seats, runs=400, seed=2)
    weeks = result.strike_weeks
    p10, p50, p90 = np.percentile(weeks, [10, 50, 90])
    assert 15 <= p50 <= 24
    assert p90 - p10 >= 7  # 15 -> 22 weeks under the position-driven negotiators
    assert (weeks > 0).all(), "the 2023 gap is too wide to settle before expiry"
    assert (result.outcome == Outcome.DEAL_RATIFIED).mean() >= 0.9
    assert result.on_frontier.mean() >= 0.5


def test_weekly_draws_are_the_engines_counter_based_numbers() -> None:
    """Jitter and breakthrough draws equal the engine RNG's keyed draws, whether
    a small batch tabled them at reset or a big one draws them week by week."""
    from strikesim.ai.personality import BREAKTHROUGH, TABLE_MAX_BATCH
    from strikesim.engine import rng

    spec = scenario("wga-2023")
    ids = np.arange(TABLE_MAX_BATCH + 10)
    key = rng.prefix(7, ids, 12)
    np.testing.assert_array_equal(
        rng.normal_from(key, rng.NEGOTIATOR, 1), rng.normal(7, ids, 12, rng.NEGOTIATOR, 1)
    )
    big, small = _tactical("wga-2023", STUDIO), _tactical("wga-2023", STUDIO)
    big.reset(spec, ids.shape[0], 7)
    small.reset(spec, 3, 7, ids[[4, 40, 70]])
    rows = np.array([4, 40, 70])
    for week in (0, 12, spec.phases.max_weeks):
        np.testing.assert_array_equal(
            small.draws.breakthrough(week), big.draws.breakthrough(week)[rows]
        )
        np.testing.assert_array_equal(
            small.draws.breakthrough(week),
            rng.uniform(7, ids[rows], week, rng.NEGOTIATOR, BREAKTHROUGH),
        )
        np.testing.assert_array_equal(
            small.draws.jitter(week, np.arange(3)), big.draws.jitter(week, rows)
        )


def test_small_batches_reuse_remembered_draws_and_factors_read_only() -> None:
    """A game makes its negotiators (seed 0) and resets them (its seed): the
    draws of a seed and ids seen lately are reused, equal to fresh ones and
    read-only; other seeds, sides or ids get their own."""
    from strikesim.ai import personality as P

    ids = np.array([3, 9], dtype=np.uint64)
    factors = P.personality_factors(5, ids, UNION, 0.3)
    assert P.personality_factors(5, ids.copy(), UNION, 0.3) is factors
    np.testing.assert_array_equal(factors, P._factors(5, ids, UNION, 0.3))
    assert not factors.flags.writeable
    assert P.personality_factors(6, ids, UNION, 0.3) is not factors
    assert not np.array_equal(P.personality_factors(5, ids, STUDIO, 0.3)[:, 1], factors[:, 1])
    first = P.WeeklyDraws(5, ids, UNION, 30)
    again = P.WeeklyDraws(5, ids.copy(), UNION, 30)
    assert again._tables is first._tables
    assert first._tables is not None and not first._tables[0].flags.writeable
    studio = P.WeeklyDraws(5, ids, STUDIO, 30)  # one breakthrough table for both sides
    assert studio._tables is not None and studio._tables[0] is first._tables[0]
    assert not np.array_equal(studio._tables[1], first._tables[1])  # its own jitter
    key = P.rng.prefix(5, ids[:, None], np.arange(31)[None, :])
    np.testing.assert_array_equal(
        first._tables[0], P.rng.uniform_from(key, P.rng.NEGOTIATOR, P.BREAKTHROUGH)
    )
    np.testing.assert_array_equal(
        studio._tables[1], P.rng.normal_from(key, P.rng.NEGOTIATOR, STUDIO)
    )
    other = P.WeeklyDraws(5, ids[::-1].copy(), UNION, 30)
    np.testing.assert_array_equal(other.breakthrough(4), first.breakthrough(4)[::-1])
    for seed in range(100, 100 + P._TABLES_KEPT + 2):  # the memory stays small
        P.WeeklyDraws(seed, ids, UNION, 30)
    assert len(P._TABLES) <= P._TABLES_KEPT


def test_alike_campaigns_share_one_solution_and_it_is_their_own() -> None:
    """A big batch solves each distinct (bid history, window) once; every
    campaign still gets exactly the offer it would get alone."""
    spec = scenario("wga-2023")
    space = outcome_space(spec)
    book = OfferBook(space, STUDIO)
    rng = np.random.default_rng(7)
    batch = 300
    model = FrequencyModel(batch, space.n_levels)
    kind = rng.integers(0, 4, size=batch)  # four kinds of bid history
    for _ in range(3):  # three weeks of bids
        bids = space.levels[rng.integers(0, space.levels.shape[0], size=4)]
        model.observe(bids[kind])
    targets = rng.choice(np.linspace(book.worst + 0.05, book.best - 0.1, 5), size=batch)
    together = book.select(targets, np.arange(batch), model)
    alone = np.concatenate(
        [book.select(targets[i : i + 1], np.array([i]), model) for i in range(batch)]
    )
    np.testing.assert_array_equal(together, alone)
    assert book._distinct < 0.1  # grouped: a few problems per kind of history and target
