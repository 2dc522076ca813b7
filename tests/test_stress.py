"""check --stress, the tracked metrics, difficulty expectations and package news."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import numpy as np
import pytest

from strikesim.batch import run_batch
from strikesim.cli import main
from strikesim.engine import EventKind
from strikesim.expectations import check, default_seats, metric_values
from strikesim.scenario import load_model, load_scenario
from strikesim.session import Session
from strikesim.stress import DISTORTIONS, _distorted_spec, stress


def test_distortions_change_what_they_say() -> None:
    spec = load_scenario("classroom-quick")
    model, _ = load_model("classroom-quick")
    by_id = {d.id: d for d in DISTORTIONS}
    poor = _distorted_spec(spec, model, by_id["poor_studio"])
    j = spec.var_index["studio_cash"]
    assert poor.variables[j].initial == pytest.approx(spec.variables[j].initial / 4)
    fast = _distorted_spec(spec, model, by_id["fast_decay"])
    assert fast.params["tau0"] == pytest.approx(4 * spec.params["tau0"])
    assert _distorted_spec(spec, model, by_id["expert"]) is spec  # a seat change only
    assert len(DISTORTIONS) == len({d.id for d in DISTORTIONS}) == 11


def test_stress_finds_the_distortion_an_expectation_fails_under() -> None:
    spec = load_scenario("classroom-quick")
    model, _ = load_model("classroom-quick")
    result = stress(spec, model, runs=24, only=["other_studio", "costly_strike"])
    assert list(result.distorted) == ["other_studio", "costly_strike"]
    ids = [r.expectation.id for r in result.shipped]
    # a strike that costs three times as much ends the classroom dispute before week 7
    assert "costly_strike" in result.failing_under(ids.index("short_dispute"))
    # another studio negotiator settles pay at an extreme
    assert "other_studio" in result.failing_under(ids.index("pay_in_middle"))
    assert not {"short_dispute", "pay_in_middle"} & set(result.never_failing())


def test_check_stress_prints_the_table() -> None:
    out = io.StringIO()
    code = main(["check", "next-round-2026", "--stress", "--runs", "8"], out=out)
    text = out.getvalue()
    assert "d11 costly_strike" in text
    assert text.count("\n") > 15 and "rules_hold" in text
    assert code in (0, 1)


def test_tracked_metrics_are_the_vote_and_the_first_counter_offer() -> None:
    spec = load_scenario("wga-2023")
    result = run_batch(spec, default_seats(spec), runs=6, seed=3)
    votes = metric_values(spec, result, "ratification_share")
    assert votes.size == int((result.outcome == 1).sum()) and ((votes > 0.5) & (votes <= 1)).all()
    weeks = metric_values(spec, result, "first_counter_week")
    assert weeks.size and (weeks == np.round(weeks)).all()
    assert (weeks < result.end_week[: weeks.size].max()).all()


def test_an_expectation_may_name_its_difficulty() -> None:
    spec = load_scenario("wga-2023")
    expert = next(e for e in spec.expectations if e.id == "expert_strike")
    assert expert.difficulty == "expert"
    results = {r.expectation.id: r for r in check(spec, runs=6)}
    assert "at expert" in results["expert_strike"].describe()


def test_a_new_package_says_what_changed() -> None:
    spec = load_scenario("wga-2023")
    session = Session(spec, default_seats(spec), 1)
    bodies = [
        h.body
        for report in session.play_to_end()
        for h in report.happenings
        if h.kind == EventKind.OFFER_MADE
    ]
    assert bodies and all(b.startswith(("Changed: ", "The same terms")) for b in bodies)
    assert any("→" in b for b in bodies)


def test_a_repeating_event_rests_between_firings(tmp_path: Path) -> None:
    folder = tmp_path / "drum"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(
        "format_version: 1\nid: drum\nextends: classroom-quick\ntitle: Drum\n"
        "events:\n  - {id: drumbeat, headline: Drums, repeat: true, every: 3,\n"
        "     effects: {opinion_shift: '+0.001'}}\n",
        encoding="utf-8",
    )
    spec = load_scenario(folder)
    index = next(k for k, e in enumerate(spec.events) if e.id == "drumbeat")
    session = Session(spec, default_seats(spec), 2)
    weeks = [
        report.week
        for report in session.play_to_end()
        for h in report.happenings
        if h.kind == EventKind.SCENARIO_EVENT and h.ref == index
    ]
    assert len(weeks) >= 3
    assert all(b - a == 3 for a, b in itertools.pairwise(weeks))
