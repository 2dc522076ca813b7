"""A side's goals in words and where it stands: the brief's section, the live standing,
the debrief's breakdown."""

from __future__ import annotations

import numpy as np
import pytest

from strikesim.analysis.goals import (
    format_value,
    goals_markdown,
    money,
    objective_detail,
    objective_rule,
    objectives_of,
    points,
    result_text,
    standing,
)
from strikesim.analysis.objectives import ObjectiveResult, evaluate_objectives, score
from strikesim.analysis.result import ResultParts, result_parts
from strikesim.engine import utilities
from strikesim.engine.spec import GameSpec
from strikesim.engine.state import State
from strikesim.records import Seat
from strikesim.scenario import list_scenarios, load_scenario
from strikesim.session import Session

SHIPPED = [s for s in list_scenarios() if s != "base-hollywood"]


def _midgame(spec: GameSpec, weeks: int, seed: int = 0) -> Session:
    seats = (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1]))
    session = Session(spec, seats, seed)
    for _ in range(weeks):
        if session.is_over:
            break
        session.advance()
    return session


@pytest.mark.parametrize("scenario", SHIPPED)
@pytest.mark.parametrize("side", [0, 1])
def test_the_brief_states_every_objective_with_its_rule_and_weight(
    scenario: str, side: int
) -> None:
    spec = load_scenario(scenario)
    text = goals_markdown(spec, side)
    goals = objectives_of(spec, side)
    assert goals, "every shipped scenario scores both sides"
    total = sum(o.weight for o in goals)
    for o in goals:
        line = next(ln for ln in text.splitlines() if f"**{o.label}**" in ln)
        assert f"{o.weight / total:.0%} of your score" in line
        assert format_value(spec, o, o.target) in line
        if o.floor is not None:
            assert f"none at {format_value(spec, o, o.floor)}" in line
    other = {o.label for o in objectives_of(spec, 1 - side)} - {o.label for o in goals}
    assert not [label for label in other if label in text], "only the side's own goals"
    stake = spec.params[("union_stake", "studio_stake")[side]]
    assert f"every {money(stake / 10)} the dispute costs you" in text
    assert "weighted average of the credit" in text


def test_rules_read_the_right_way_round() -> None:
    spec = load_scenario("wga-2023")
    by_id = {(o.side, o.id): o for o in spec.objectives}
    assert objective_rule(spec, by_id[0, "result"]) == (
        "full credit at 0.80 or more, none at 0.15 or less, in proportion between"
    )
    assert objective_rule(spec, by_id[1, "save_the_fall"]) == (
        "met at 20 weeks or less, else no credit"
    )
    assert objective_rule(spec, by_id[0, "hold_together"]) == "met at 70% or more, else no credit"


def test_money_reads_in_millions_and_billions() -> None:
    assert money(1281) == "$1.3B"
    assert money(128.1) == "$128M"
    assert money(4.54) == "$4.5M"
    assert money(-20) == "−$20M"


@pytest.mark.parametrize("scenario", ["wga-2023", "classroom-quick"])
def test_standing_with_the_contract_in_force_is_the_score(scenario: str) -> None:
    spec = load_scenario(scenario)
    session = _midgame(spec, 14)
    state = session.state
    before = state.values.copy()
    for side in (0, 1):
        now = standing(spec, state, side)
        assert now.score == pytest.approx(score(evaluate_objectives(spec, state, side)))
        assert now.parts == result_parts(spec, state, side)
    np.testing.assert_array_equal(state.values, before)


def test_standing_settles_an_offer_on_the_state_as_it_is() -> None:
    spec = load_scenario("wga-2023")
    session = _midgame(spec, 14)
    state = session.state
    offer = session.standing_offer(1)
    assert offer is not None
    settled = standing(spec, state, 0, offer)
    u = utilities(spec, np.asarray(offer), missing=np.nan)
    cost = result_parts(spec, state, 0).cost
    assert settled.parts.contract == pytest.approx(u[0])
    assert settled.parts.cost == pytest.approx(cost), "the dispute's cost so far is kept"
    result = next(r for r in settled.results if r.id == "result")
    assert result.value == pytest.approx(u[0] - cost)
    weeks = next(r for r in standing(spec, state, 1, offer).results if r.id == "save_the_fall")
    assert weeks.value == session.state.strike_weeks[0]
    best = tuple(max(range(i.n_levels), key=lambda k: i.utility[0][k]) for i in spec.issues)
    assert standing(spec, state, 0, best).score > settled.score


def test_points_add_up_to_the_score_and_the_detail_names_each_part() -> None:
    results = [
        ObjectiveResult("a", "A", 0.45, 0.75, 1.0, True, 0.15),
        ObjectiveResult("b", "B", 3.0, 2.0, 0.5, False),
        ObjectiveResult("c", "C", 1.0, 0.6, 0.5, True),
    ]
    assert sum(points(r, results) for r in results) == pytest.approx(score(results))
    assert points(results[0], results) == pytest.approx(25.0)
    spec = load_scenario("wga-2023")
    text = objective_detail(spec, 0, results[0], results)
    assert "0.45" in text and "≥ 0.75" in text and "floor 0.15" in text
    assert "credit 50%" in text and "weight 1" in text and "25.0 of 50 points" in text
    lower = objective_detail(spec, 0, results[1], results)
    assert "≤ 2" in lower and "floor" not in lower and "0.0 of 25 points" in lower


def test_the_result_is_shown_as_value_less_cost_in_money() -> None:
    text = result_text(ResultParts(contract=0.71, cost=0.24, stake=1281.0))
    assert text == "Result 0.47 = contract value 0.71 − dispute cost 0.24 ($307M)"


def test_a_state_is_a_batch_row() -> None:
    spec = load_scenario("classroom-quick")
    session = _midgame(spec, 3)
    two = State.take(session.state, np.array([0, 0]))
    assert standing(spec, two, 0, row=1).score == standing(spec, session.state, 0).score
