"""Every shipped scenario meets its own expectations over its seeds (issue: calibration)."""

from __future__ import annotations

import pytest

from strikesim.expectations import UnknownMetric, check, metric_values
from strikesim.scenario import list_scenarios, load_scenario


@pytest.mark.parametrize("scenario_id", list_scenarios())
def test_shipped_expectations_hold(scenario_id: str) -> None:
    spec = load_scenario(scenario_id)
    assert spec.expectations, f"{scenario_id} states no expectations"
    assert all(e.runs >= 200 for e in spec.expectations)
    results = check(spec, seed=0)
    failures = [r.describe() for r in results if not r.passed]
    assert not failures, "\n".join(failures)
    if any(e.metric == "strike_weeks" for e in spec.expectations):
        from strikesim.batch import run_batch
        from strikesim.expectations import default_seats

        first_week = run_batch(spec, default_seats(spec), runs=50, seed=0).end_week
        assert first_week.min() > 1, "default opponents settle in the first weeks"


def test_unknown_metric_is_reported() -> None:
    spec = load_scenario("classroom-quick")
    from strikesim.batch import run_batch
    from strikesim.expectations import default_seats

    result = run_batch(spec, default_seats(spec), runs=3, seed=1)
    with pytest.raises(UnknownMetric, match="'no_such_metric' is not known"):
        metric_values(spec, result, "no_such_metric")
    assert metric_values(spec, result, "strike_weeks").shape == (3,)
