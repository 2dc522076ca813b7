"""The projection as a model: uncertain AI progress, a contract that binds for its term."""

from __future__ import annotations

import numpy as np
import pytest

from strikesim.engine import GameSpec, initial_state, project
from strikesim.scenario import load_scenario

NO_RULES, BAN = 0, 3  # classroom-quick ai_writing levels


@pytest.fixture(scope="module")
def classroom() -> GameSpec:
    return load_scenario("classroom-quick")


def _levels(ai: int, pay: int = 3) -> list[int]:
    return [pay, ai, 0]


def test_bands_are_open_without_an_ai_clause(classroom: GameSpec) -> None:
    st = initial_state(classroom)
    p = project(classroom, st.values, _levels(NO_RULES), samples=100, seed=2)
    width = p.high["ai_adoption"][0, 10] - p.low["ai_adoption"][0, 10]
    assert width > 0.2  # the capability ceiling is uncertain, so the band means something
    assert p.high["ai_capability"][0, 3] - p.low["ai_capability"][0, 3] > 0.2
    assert p.mean["ai_adoption"][0, 10] < 0.95


def test_adoption_never_runs_backwards_under_a_ban(classroom: GameSpec) -> None:
    st = initial_state(classroom)
    p = project(classroom, st.values, _levels(BAN))
    adoption = p.mean["ai_adoption"][0]
    assert (np.diff(adoption) >= -1e-12).all()


def test_the_contract_binds_for_its_term_then_renewals_drift(classroom: GameSpec) -> None:
    st = initial_state(classroom)
    p = project(classroom, st.values, _levels(BAN))
    assert p.term_years.tolist() == [3.0]
    # a ban holds adoption where it was for the three years of the contract ...
    assert p.mean["ai_adoption"][0, 3] == pytest.approx(p.mean["ai_adoption"][0, 0])
    # ... and the renewals after it loosen the rule towards an even bargain
    assert p.mean["ai_adoption"][0, 10] > p.mean["ai_adoption"][0, 3] + 0.05


def test_pay_follows_the_raise_during_the_term_only(classroom: GameSpec) -> None:
    st = initial_state(classroom)
    low, high = (project(classroom, st.values, _levels(NO_RULES, pay)) for pay in (0, 6))
    # wage_raise = first-year raise + 7.5 over three years, against 3 % inflation
    assert high.mean["real_pay"][0, 3] == pytest.approx(1.155 / 1.03**3, rel=1e-6)
    assert low.mean["real_pay"][0, 3] == pytest.approx(1.095 / 1.03**3, rel=1e-6)
    # renewals raise pay with inflation: real pay holds after the term
    assert high.mean["real_pay"][0, 10] == pytest.approx(high.mean["real_pay"][0, 3])


def test_the_classroom_projects_its_own_guild(classroom: GameSpec) -> None:
    st = initial_state(classroom)
    p = project(classroom, st.values, _levels(NO_RULES))
    assert p.mean["jobs_displaced"].max() <= 1.8 + 1e-9  # of 4,000 writers, 45 % exposed
    assert p.mean["employment"][0, 0] == pytest.approx(4.0)
    yearly_income = 52 * 6.0
    assert p.mean["studio_profit"].max() < 2 * yearly_income
