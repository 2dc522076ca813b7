from __future__ import annotations

import numpy as np
import pytest

from strikesim.ai import ScriptedNegotiator, make_negotiator
from strikesim.engine import Move, Outcome, initial_state, observe
from strikesim.engine.spec import STUDIO, UNION

from .helpers import play, scenario


def test_scripted_negotiator_tables_each_package_in_its_week() -> None:
    spec = scenario("wga-2023")
    studio = make_negotiator(spec, "scripted", STUDIO)
    assert isinstance(studio, ScriptedNegotiator)
    union = make_negotiator(spec, "boulware", UNION)
    _, decisions = play(spec, (union, studio), batch=1, seed=4)
    studio_moves = decisions[1::2]
    packages = {o.week: o for o in spec.scripted_offers if o.side == STUDIO}
    standing = tuple(spec.opening_offers[STUDIO])
    tabled = []
    for week, d in enumerate(studio_moves):
        if d.move[0] == Move.OFFER:
            standing = tuple(int(x) for x in d.offer[0])
            tabled.append(week)
        current = studio.current(week)
        if current is not None and d.move[0] != Move.ACCEPT:
            assert standing == current.levels, f"week {week}: not the scripted package"
    assert set(tabled) <= set(packages), "offers only in scripted weeks"
    assert len(tabled) >= 2


def test_scripted_needs_offers_for_its_side() -> None:
    spec = scenario("wga-2023")
    assert not any(o.side == UNION for o in spec.scripted_offers)
    with pytest.raises(ValueError, match="scripts no offers"):
        ScriptedNegotiator(spec, UNION)


def test_history_check_union_waits_for_the_september_package() -> None:
    """The default union turns down the May and August packages and accepts the
    September one, nine times in ten within three weeks of September 24, 2023
    (week 26)."""
    spec = scenario("wga-2023")
    packages = sorted((o for o in spec.scripted_offers if o.side == STUDIO), key=lambda o: o.week)
    september = packages[-1]
    batch = 40
    union = make_negotiator(spec, spec.default_negotiators[UNION], UNION)
    studio = make_negotiator(spec, "scripted", STUDIO)
    state, decisions = play(spec, (union, studio), batch=batch, seed=1)
    union_moves = np.stack([d.move for d in decisions[0::2]])  # (weeks, B)
    accepted = union_moves == Move.ACCEPT
    assert accepted.any(axis=0).all(), "every campaign ends with the union accepting"
    first = accepted.argmax(axis=0)
    assert (first >= september.week).all(), "no earlier package was accepted"
    assert (first <= september.week + 3).mean() >= 0.9
    assert (first <= september.week + 5).all()
    ratified = state.outcome == Outcome.DEAL_RATIFIED
    assert ratified.mean() > 0.9
    # the studios await the answer to their package, so history's package is what is signed
    assert (state.contract[ratified] == np.array(september.levels)).all(axis=1).mean() >= 0.9


def test_scripted_opens_with_the_opening_offer_before_its_first_package() -> None:
    spec = scenario("wga-2023")
    studio = make_negotiator(spec, "scripted", STUDIO)
    studio.reset(spec, 1, 0)
    d = studio.decide(observe(spec, initial_state(spec, batch=1, seed=0), STUDIO))
    # the opening offer is already standing at week 0: nothing to table
    assert d.move[0] == Move.HOLD


def test_history_check_default_negotiators_strike_length() -> None:
    """With the default negotiators on both sides the median strike over 1,000
    seeds lasts between 12 and 30 weeks."""
    spec = scenario("wga-2023")
    negs = (
        make_negotiator(spec, spec.default_negotiators[UNION], UNION),
        make_negotiator(spec, spec.default_negotiators[STUDIO], STUDIO),
    )
    state, _ = play(spec, negs, batch=1000, seed=2023)
    assert (state.outcome != Outcome.ONGOING).all()
    assert 12 <= float(np.median(state.strike_weeks)) <= 30
