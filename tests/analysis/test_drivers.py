"""What-drove breakdowns and objective scores come from the run and the equations."""

from __future__ import annotations

import numpy as np
import pytest

from strikesim.analysis.drivers import CORE_UPDATE_READS, run_drivers, variable_reads, what_drove
from strikesim.analysis.objectives import evaluate_objectives, score
from strikesim.engine import Move, Phase, initial_state
from strikesim.engine.equations import CORE_UPDATES
from strikesim.engine.namespace import build_namespace, plan_for
from strikesim.records import Seat
from strikesim.scenario import load_scenario
from strikesim.session import Decision, Session


@pytest.fixture(scope="module")
def spec():  # type: ignore[no-untyped-def]
    return load_scenario("wga-2023")


def _striking_namespace(spec):  # type: ignore[no-untyped-def]
    state = initial_state(spec, batch=1, seed=0)
    rng = np.random.default_rng(1)
    values = state.values.copy()
    for j, v in enumerate(spec.variables):
        lo = v.lo if v.lo is not None else 0.0
        hi = v.hi if v.hi is not None else max(2.0 * abs(v.initial), 1.0)
        values[0, j] = lo + (hi - lo) * rng.uniform(0.2, 0.8)
    state = state.evolve(
        values=values,
        phase=np.array([Phase.STRIKE], np.int8),
        strike_weeks=np.array([9], np.int32),
        week=15,
    )
    rows = np.ascontiguousarray(state.values.T)
    return build_namespace(spec, plan_for(spec), state, rows)


def test_core_update_reads_match_the_equations(spec) -> None:  # type: ignore[no-untyped-def]
    ns = _striking_namespace(spec)
    ids = [v.id for v in spec.variables]
    for var_id, fn in CORE_UPDATES.items():
        base = np.asarray(fn(ns), dtype=np.float64)
        reads = set()
        for other in ids:
            if other == var_id:
                continue
            changed = dict(ns)
            changed[other] = np.asarray(ns[other]) * 1.1 + 0.013
            if not np.allclose(
                np.asarray(fn(changed), dtype=np.float64), base, rtol=1e-12, atol=1e-12
            ):
                reads.add(other)
        assert reads == set(CORE_UPDATE_READS[var_id]), var_id


def test_scenario_formulas_read_their_names(spec) -> None:  # type: ignore[no-untyped-def]
    reads = variable_reads(spec, "ai_fear")
    assert reads == {"ai_adoption"}  # guardrail is a builtin, ai_fear itself excluded
    assert "content_stock" in variable_reads(spec, "content_drought")


def test_what_drove_lists_the_weeks_action_and_the_change(spec) -> None:  # type: ignore[no-untyped-def]
    session = Session(spec, (Seat("human"), Seat("ai", spec.default_negotiators[1])), 9)
    picket_week = None
    while not session.is_over and session.week < 20:
        pressure: tuple[str, ...] = ()
        if "picket_studios" in session.legal_pressure_ids(0) and picket_week is None:
            pressure = ("picket_studios",)
            picket_week = session.week
        session.submit(0, Decision(Move.HOLD, None, pressure))
        session.advance()
    assert picket_week is not None, "the union never went on strike"
    week = picket_week + 1
    drivers = what_drove(spec, session.history, session.reports, "solidarity", week)
    j = spec.var_index["solidarity"]
    change = drivers[0]
    assert change.kind == "change"
    assert change.amount == pytest.approx(session.history[week][j] - session.history[week - 1][j])
    action = [d for d in drivers if d.kind == "action"]
    assert (
        action
        and action[0].label == "Picket the studio gates"
        and action[0].amount == pytest.approx(0.01)
    )
    fund = what_drove(spec, session.history, session.reports, "strike_fund", week)
    assert any(d.kind == "action" and d.amount == pytest.approx(-0.1) for d in fund)
    total = run_drivers(spec, session.history, session.reports, "strike_fund")
    assert total.pushes[0][0] == "Picket the studio gates" and total.pushes[0][2] == 1
    assert total.end == pytest.approx(session.history[-1][spec.var_index["strike_fund"]])
    with pytest.raises(KeyError):
        what_drove(spec, session.history, session.reports, "no_such_variable", 1)


def test_objectives_are_evaluated_on_the_final_state(spec) -> None:  # type: ignore[no-untyped-def]
    session = Session(
        spec, (Seat("ai", spec.default_negotiators[0]), Seat("ai", spec.default_negotiators[1])), 3
    )
    session.play_to_end()
    results = {r.id: r for r in evaluate_objectives(spec, session.state, 0)}
    assert set(results) == {o.id for o in spec.objectives if o.side == 0}
    contract = session.state.contract[0]
    ai = spec.issues[spec.issue_index["ai_writing"]]
    assert results["ai_protection"].value == pytest.approx(
        ai.values[contract[spec.issue_index["ai_writing"]]]
    )
    assert results["hold_together"].value == pytest.approx(session.value("solidarity"))
    assert results["result"].value == pytest.approx(session.value("union_result"))
    # partial credit between floor and target on the result; met-or-not elsewhere
    r = results["result"]
    assert r.floor is not None
    share = min(max((r.value - r.floor) / (r.target - r.floor), 0.0), 1.0)
    assert r.credit == pytest.approx(share)
    earned = sum(
        x.weight * (x.credit if x.floor is not None else float(x.met)) for x in results.values()
    )
    assert score(list(results.values())) == pytest.approx(
        100 * earned / sum(x.weight for x in results.values())
    )
    studio = evaluate_objectives(spec, session.state, 1)
    weeks = next(r for r in studio if r.id == "save_the_fall")
    assert weeks.value == int(session.state.strike_weeks[0]) and weeks.met == (weeks.value <= 20)


def test_levels_far_from_the_start_are_listed(spec) -> None:  # type: ignore[no-untyped-def]
    session = Session(spec, (Seat("human"), Seat("ai", spec.default_negotiators[1])), 4)
    while not session.is_over and int(session.state.strike_weeks[0]) < 4:
        session.submit(0, Decision(Move.HOLD))
        session.advance()
    week = session.week
    k = spec.var_index["production_level"]
    assert session.history[week - 1][k] < 0.9 * session.history[0][k]
    drivers = what_drove(spec, session.history, session.reports, "studio_cash", week)
    levels = {d.label: d for d in drivers if d.kind == "level"}
    production = levels["Production level"]
    assert production.amount == pytest.approx(session.history[week - 1][k])
    assert production.text.endswith("(start 100%)")
    assert "Subscribers" not in levels  # barely moved: not listed
