"""Sanity of the built-in core model and of scenario overrides of it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from conftest import F, const, make_spec, run_to

from strikesim.engine import CORE_PARAMS, CORE_VARIABLES, GameSpec, initial_state
from strikesim.engine.core import CORE_DERIVED, CORE_UPDATES


def series(spec: GameSpec, weeks: int, name: str, **kw: object) -> np.ndarray:
    """One variable's weekly values of a held game (row 0)."""
    from conftest import acts

    from strikesim.engine import step

    st = initial_state(spec, **kw)  # type: ignore[arg-type]
    out = [st.values[0, spec.var_index[name]]]
    for _ in range(weeks):
        st, _ = step(spec, st, acts(spec, st.batch))
        out.append(st.values[0, spec.var_index[name]])
    return np.array(out)


def test_tables_are_complete_and_consistent() -> None:
    ids = [v.id for v in CORE_VARIABLES]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(CORE_UPDATES) | set(CORE_DERIVED)
    for v in CORE_VARIABLES:
        assert v.derived == (v.id in CORE_DERIVED)
        assert v.unit and v.source and v.description
        assert v.lo is None or v.hi is None or v.lo <= v.initial <= v.hi
    for name, p in CORE_PARAMS.items():
        default, description, source = p
        assert name.isidentifier() and name == name.lower()
        assert isinstance(default, float) and description and source


def test_initial_derived_values_agree_with_the_table(spec: GameSpec) -> None:
    st = initial_state(spec)
    for v in CORE_VARIABLES:
        if v.id in ("union_result", "studio_result"):  # the old contract's value: per scenario
            continue
        assert st.values[0, spec.var_index[v.id]] == pytest.approx(v.initial, abs=0.006), v.id


def test_hardship_rises_and_fund_depletes_on_a_long_strike(spec: GameSpec) -> None:
    hardship = series(spec, 30, "hardship")
    fund = series(spec, 30, "strike_fund")
    assert hardship[3] == 0.0  # strike begins at week 3
    assert (np.diff(hardship[4:]) > 0).all()
    assert fund[30] < 0.25 * fund[3]


def test_expectations_decay_during_strike_towards_the_floor(spec: GameSpec) -> None:
    exp = series(spec, 39, "member_expectation")
    assert exp[0] == pytest.approx(0.9)
    assert (np.diff(exp[4:]) < 0).all()
    assert exp[-1] > CORE_PARAMS["u_star"].default


def test_drought_raises_churn_and_cuts_subscribers(spec: GameSpec) -> None:
    churn = series(spec, 25, "churn")
    drought = series(spec, 25, "content_drought")
    subs = series(spec, 25, "subscribers")
    assert drought[0] == 0.0 and drought[25] > 0.3
    assert churn[25] > 1.3 * churn[0]
    assert subs[25] < 0.95


def test_no_strike_keeps_the_industry_steady() -> None:
    spec = make_spec()
    spec = replace(spec, phases=replace(spec.phases, authorization_yes=const(0.0)))
    for name in ("subscribers", "content_stock", "strike_fund"):
        s = series(spec, 20, name)
        assert s[-1] >= s[0] - 1e-9, name
    assert series(spec, 20, "economic_loss")[-1] == 0.0


def test_adoption_is_capped_by_the_guardrail() -> None:
    free = make_spec(old_contract=(0, 0, 0))
    guarded = make_spec(old_contract=(0, 2, 0))  # ai_writing level value 1.0 = guardrail 1
    slow = {"kappa_50": 0.0, "tau0": 0.08}
    free, guarded = replace(free, params=slow), replace(guarded, params=slow)
    a_free = series(free, 39, "ai_adoption")
    a_guard = series(guarded, 39, "ai_adoption")
    assert a_free[-1] > a_free[0]
    assert (np.diff(a_guard) <= 1e-12).all()
    cap = series(free, 39, "ai_capability")
    assert (a_free <= np.maximum(cap, a_free[0]) + 1e-12).all()


def test_scenario_update_and_formula_replace_the_core_equation() -> None:
    spec = make_spec()
    variables = tuple(
        replace(v, update=F("strike_fund + 1", lambda ns: ns["strike_fund"] + 1.0))
        if v.id == "strike_fund"
        else replace(v, formula=const(0.5))
        if v.id == "hardship"
        else v
        for v in spec.variables
    )
    spec = replace(spec, variables=variables)
    fund = series(spec, 10, "strike_fund")
    assert np.allclose(np.diff(fund), 1.0)
    assert np.allclose(series(spec, 10, "hardship"), 0.5)


def test_params_override_defaults() -> None:
    fast = make_spec(params={"tau0": 0.3})
    slow = make_spec(params={"tau0": 0.02})
    assert series(fast, 15, "member_expectation")[-1] < series(slow, 15, "member_expectation")[-1]


def test_derived_cycle_is_reported_by_name() -> None:
    spec = make_spec()
    a = replace(spec.variables[-1], id="a", formula=F("b", lambda ns: ns["b"], "b"))
    b = replace(spec.variables[-1], id="b", formula=F("a", lambda ns: ns["a"], "a"))
    spec = replace(spec, variables=(*spec.variables, a, b))
    with pytest.raises(ValueError, match="cycle between derived variables: a -> b -> a"):
        initial_state(spec)


def test_public_support_follows_opinion_shocks_then_recovers() -> None:
    from conftest import acts

    from strikesim.engine import step

    spec = make_spec(events=())
    j = spec.var_index["public_support_union"]
    st = initial_state(spec)
    assert st.values[0, j] == pytest.approx(0.62)
    for _ in range(8):
        st, _ = step(spec, st, acts(spec, pressure=("ad_campaign",)))
    low = st.values[0, j]
    assert low < 0.62 - 0.05
    st = run_to(spec, st, 40)
    assert low < st.values[0, j] <= 0.62 + 1e-9
