"""The player's seat reads the game through GamePlay: a variable the side may not see
never reaches its screens (the hot seat relies on it)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from strikesim.engine import Move, Phase, visible_rows, visible_variables
from strikesim.engine.spec import GameSpec
from strikesim.play.seat import GamePlay
from strikesim.records import Seat
from strikesim.session import Session

from .game_helpers import wga

HIDDEN = "strike_fund"


def _spec_with_a_secret() -> GameSpec:
    """wga-2023 with the strike fund known to the union alone."""
    spec = wga()
    variables = [
        replace(v, visible_to=(True, False)) if v.id == HIDDEN else v for v in spec.variables
    ]
    return replace(spec, variables=variables)


def _hot_seat(spec: GameSpec, weeks: int = 3) -> GamePlay:
    play = GamePlay(Session(spec, (Seat("human"), Seat("human")), 5), 0, autosave=False)
    for _ in range(weeks):
        for side in (0, 1):
            play.switch_to(side)
            play.play(Move.HOLD)
    return play


def test_one_filter_says_what_each_side_sees() -> None:
    spec = _spec_with_a_secret()
    j = spec.var_index[HIDDEN]
    assert j in visible_rows(spec, 0) and j not in visible_rows(spec, 1)
    assert HIDDEN in {v.id for v in visible_variables(spec, 0)}
    assert HIDDEN not in {v.id for v in visible_variables(spec, 1)}
    assert len(visible_rows(spec, 1)) == len(spec.variables) - 1


def test_the_studio_seat_cannot_read_the_unions_secret() -> None:
    play = _hot_seat(_spec_with_a_secret())
    assert play.session.week == 3
    play.switch_to(1)
    assert HIDDEN not in {v.id for v in play.visible_variables}
    assert HIDDEN not in play.observation().variables
    for read in (
        lambda: play.history(HIDDEN),
        lambda: play.what_drove(HIDDEN, 1),
        lambda: play.run_drivers(HIDDEN),
    ):
        with pytest.raises(KeyError):
            read()
    play.switch_to(0)
    fund = play.history(HIDDEN)
    assert len(fund) == 4 and fund[0] == pytest.approx(play.session.history[0][wga_index()])


def wga_index() -> int:
    return wga().var_index[HIDDEN]


def test_pressure_cooldowns_are_read_for_own_actions_only() -> None:
    play = _hot_seat(wga(), weeks=0)
    own = next(a for a in play.spec.actions if a.side == 0)
    other = next(a for a in play.spec.actions if a.side == 1)
    assert play.weeks_until_ready(own.id) == 0
    with pytest.raises(KeyError):
        play.weeks_until_ready(other.id)


def test_the_deal_and_the_vote_come_from_the_public_record() -> None:
    play = _hot_seat(wga(), weeks=0)
    play.switch_to(1)
    assert play.members_yes(tuple(play.spec.opening_offers[1])) is None
    play.switch_to(0)
    assert play.deal_levels() is None and play.ratify_week == -1 and play.end_week == -1
    yes = play.members_yes(tuple(play.spec.opening_offers[1]))
    assert yes is not None and 0.0 <= yes <= 1.0
    richer = play.members_yes(tuple(int(n) - 1 for n in play.n_levels))  # best for the union
    assert richer is not None and richer >= yes
    # a tentative deal: the union accepts the studio's standing offer
    play.switch_to(0)
    play.play(Move.ACCEPT)
    play.switch_to(1)
    play.play(Move.HOLD)
    assert play.phase == Phase.RATIFICATION
    assert play.deal_levels() == tuple(int(x) for x in play.spec.opening_offers[1])
    assert play.ratify_week > play.session.week - 1
    assert play.members_yes() is None  # the members' mood is the union's to know
    play.switch_to(0)
    assert np.isfinite(play.members_yes() or np.nan)
