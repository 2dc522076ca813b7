"""The balance harness: legal, deterministic play; strict JSON; clear CLI errors."""

from __future__ import annotations

import io
import json
import math
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from strikesim.ai import make_negotiator
from strikesim.ai.lookahead import Lookahead
from strikesim.balance.harness import SUITE, Games, play, play_seat
from strikesim.balance.levers import LEVERS, Knob, Lever, lever_table, setting, spec_with
from strikesim.balance.policies import (
    DEFAULT_AI,
    TRIVIAL_POLICIES,
    LinearMidpoint,
    TitForTat,
    make_policy,
)
from strikesim.balance.report import BalanceReport, report_json, report_text
from strikesim.balance.result import side_result
from strikesim.cli import main
from strikesim.engine import Actions, Move, initial_state, observe, step, utilities
from strikesim.scenario import load_scenario

SCENARIOS = ("classroom-quick", "wga-2023")
RUNS = 4


@pytest.fixture(scope="module")
def specs() -> dict[str, Any]:
    return {sid: load_scenario(sid) for sid in SCENARIOS}


def _strict(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"non-strict JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("sid", SCENARIOS)
@pytest.mark.parametrize("side", [0, 1])
@pytest.mark.parametrize("policy", SUITE)
def test_each_policy_plays_legally_to_an_end(
    specs: dict[str, Any], sid: str, side: int, policy: str
) -> None:
    spec = specs[sid]
    mine = make_policy(spec, policy, side, "normal")
    theirs = make_negotiator(spec, spec.default_negotiators[1 - side], 1 - side, "normal")
    pair = (mine, theirs) if side == 0 else (theirs, mine)
    state = initial_state(spec, RUNS, seed=3)
    for neg in pair:
        neg.reset(spec, RUNS, 3, state.campaign)
    while not state.is_over.all():
        acts = Actions.hold(RUNS, len(spec.issues), len(spec.actions))
        for s, neg in enumerate(pair):
            obs = observe(spec, state, s)
            d = neg.decide(obs)
            assert d.move.shape == (RUNS,) and d.pressure.shape == obs.legal_pressure.shape
            assert obs.legal_moves[np.arange(RUNS), d.move].all()
            assert not (d.pressure & ~obs.legal_pressure).any()
            acts.move[:, s] = d.move
            acts.offer[:, s] = d.offer
            acts.pressure[:] |= d.pressure
        state, _ = step(spec, state, acts)  # the engine refuses anything illegal
    assert state.is_over.all()
    assert state.week <= spec.phases.max_weeks
    if policy != DEFAULT_AI:
        assert mine.explain(0)


def _weeks(spec: Any, policy: str, side: int, weeks: int) -> list[tuple[np.ndarray, Any, Any]]:
    """The policy's moves, decisions and the state after each of the first ``weeks``
    weeks against the default AI."""
    mine = make_policy(spec, policy, side)
    theirs = make_negotiator(spec, spec.default_negotiators[1 - side], 1 - side)
    state = initial_state(spec, 2, seed=1)
    mine.reset(spec, 2, 1, state.campaign)
    theirs.reset(spec, 2, 1, state.campaign)
    out = []
    for _ in range(weeks):
        acts = Actions.hold(2, len(spec.issues), len(spec.actions))
        for s, neg in ((side, mine), (1 - side, theirs)):
            d = neg.decide(observe(spec, state, s))
            if s == side:
                mine_d = d
            acts.move[:, s] = d.move
            acts.offer[:, s] = d.offer
            acts.pressure[:] |= d.pressure
        state, _ = step(spec, state, acts)
        out.append((mine_d.move.copy(), mine_d, state))
    return out


def test_trivial_policies_do_what_they_say(specs: dict[str, Any]) -> None:
    spec = specs["wga-2023"]
    first = _weeks(spec, "accept_everything", 0, 1)[0][0]
    assert (first == Move.ACCEPT).all()  # the studio's opening offer stands in week 0
    assert all((m == Move.HOLD).all() for m, _, _ in _weeks(spec, "never_agree", 1, 8))
    for side in (0, 1):
        moves = _weeks(spec, "max_never_move", side, 8)
        ideal = make_policy(spec, "max_never_move", side).ideal  # type: ignore[attr-defined]
        assert (moves[0][2].offers[:, side] == ideal).all()  # tabled (or already standing)
        assert all((m == Move.HOLD).all() for m, _, _ in moves[1:])
    pressed = _weeks(spec, "max_never_move_pressure", 0, 3)
    assert any(d.pressure.any() for _, d, _ in pressed)
    walk = _weeks(spec, "walk_out_early", 1, 1)[0][0]
    assert (walk == Move.WALK_OUT).all()


def test_linear_midpoint_reaches_the_midpoint_by_the_last_ratifiable_week(
    specs: dict[str, Any],
) -> None:
    spec = specs["wga-2023"]
    for side in (0, 1):
        policy = LinearMidpoint(spec, side)
        u = utilities(spec, np.asarray(spec.opening_offers))[:, side]
        assert policy.target(0) == pytest.approx(policy.book.best)
        assert policy.target(policy.last_week) == pytest.approx(u.mean())
        assert policy.target(spec.phases.max_weeks) == pytest.approx(u.mean())
        vote = policy.last_week + spec.phases.ratification_weeks
        assert vote == spec.phases.max_weeks - 1


def test_tit_for_tat_returns_the_other_sides_concession(specs: dict[str, Any]) -> None:
    spec = specs["classroom-quick"]
    policy = TitForTat(spec, 0)
    policy.reset(spec, 1, 0)
    state = initial_state(spec, 1)
    obs = observe(spec, state, 0)
    policy.decide(obs)
    start = float(policy.aim[0])
    assert start == pytest.approx(policy.book.best)
    # the studio improves its offer for the union by one step of the union's book
    better = policy.book.levels[np.searchsorted(policy.book.utility, obs.offer_utility[0, 1]) + 40]
    offers = np.array(state.offers)
    offers[0, 1] = better
    moved = state.evolve(offers=offers)
    gain = float(utilities(spec, better)[0] - obs.offer_utility[0, 1])
    assert gain > 0
    policy.decide(observe(spec, moved, 0))
    assert float(policy.aim[0]) == pytest.approx(
        max(start - gain, float(utilities(spec, better)[0]))
    )


def test_same_seed_same_table(specs: dict[str, Any]) -> None:
    spec = specs["classroom-quick"]
    kw: dict[str, Any] = dict(
        runs=3, seed=5, difficulties=["normal"], opponents=["studio_firm", "linear"]
    )
    a = play_seat(spec, 0, **kw)
    b = play_seat(spec, 0, **kw)
    assert a.cells == b.cells and a.by_opponent == b.by_opponent
    other = play_seat(spec, 0, **{**kw, "seed": 6})
    assert other.cells != a.cells or other.by_opponent != a.by_opponent


def _report(spec: Any, table: Any) -> BalanceReport:
    return BalanceReport(
        scenario=spec.id,
        title=spec.title,
        parties=("U", "S"),
        runs=table.runs,
        seed=table.seed,
        difficulties=table.difficulties,
        seats=(table,),
    )


def test_report_json_is_strict_and_text_has_the_tables(specs: dict[str, Any]) -> None:
    spec = specs["classroom-quick"]
    table = play_seat(spec, 1, runs=2, difficulties=["easy", "normal"], opponents=["guild_firm"])
    report = _report(spec, table)
    data = _strict(report_json(report))
    seat = data["seats"][0]
    assert seat["seat"] == "studio" and seat["opponents"] == ["guild_firm"]
    assert {c["policy"] for c in seat["cells"]} == set(SUITE)
    assert len(seat["verdicts"]) == len(TRIVIAL_POLICIES)
    text = report_text(report)
    assert text.index(f"{DEFAULT_AI} (studio_firm)") < text.index("accept_everything")
    assert "Verdict" in text and "never_agree" in text


def test_report_says_how_to_play_with_look_ahead(specs: dict[str, Any]) -> None:
    spec = specs["classroom-quick"]
    kw: dict[str, Any] = dict(difficulties=["hard"], policies=[DEFAULT_AI], opponents=["linear"])
    table = play_seat(spec, 0, runs=Lookahead.max_batch + 1, **kw)
    assert table.lookahead == {"hard": False}
    text = report_text(_report(spec, table))
    assert f"hard off (on with --runs {Lookahead.max_batch} or fewer" in text
    looked = replace(table, lookahead={"hard": True})
    assert "hard on\n" in report_text(_report(spec, looked)) + "\n"
    assert "--runs" not in report_text(_report(spec, looked)).split("Score")[0]


def test_json_has_no_nan_even_when_a_number_is_missing(specs: dict[str, Any]) -> None:
    spec = specs["classroom-quick"]
    table = play_seat(
        spec, 0, runs=1, difficulties=["normal"], policies=["never_agree"], opponents=["linear"]
    )
    # no default_ai row: every margin is missing
    data = _strict(report_json(_report(spec, table)))
    assert data["seats"][0]["verdicts"][0]["margins"] == {"normal": None}


def test_result_is_the_contract_value_less_a_cost(specs: dict[str, Any]) -> None:
    spec = specs["wga-2023"]
    state = play(
        spec, make_policy(spec, DEFAULT_AI, 0), make_policy(spec, DEFAULT_AI, 1), runs=3, seed=0
    )
    for side in (0, 1):
        r = side_result(spec, state, side)
        assert r.shape == (3,) and np.isfinite(r).all()
        # the contract's value less a dispute cost that is never negative
        assert (r <= utilities(spec, state.contract)[:, side] + 1e-9).all()
    games = Games.of(spec, state, 0)
    assert games.stats().games == 3


def test_levers_move_what_they_name_and_missing_ones_are_na(specs: dict[str, Any]) -> None:
    spec = specs["classroom-quick"]
    fund = next(lever for lever in LEVERS if lever.id == "strike_fund")
    found = setting(spec, fund)
    assert found is not None
    weak_vars, _ = found.overrides("weak")
    strong_vars, _ = found.overrides("strong")
    assert strong_vars["strike_fund"] == pytest.approx(10 * weak_vars["strike_fund"])
    weak = spec_with("classroom-quick", weak_vars, {})
    assert weak.variables[weak.var_index["strike_fund"]].initial == weak_vars["strike_fund"]
    savings = next(lever for lever in LEVERS if lever.id == "savings")
    _, p = setting(spec, savings).overrides("strong")  # type: ignore[union-attr]
    _, q = setting(spec, savings).overrides("weak")  # type: ignore[union-attr]
    assert math.exp(p["savings_mu"] - q["savings_mu"]) == pytest.approx(10)
    ghost = Lever("ghost", "Ghost", 0, (Knob("variable", ("no_such_var",), float, float),))
    assert setting(spec, ghost) is None
    table = lever_table("classroom-quick", runs=2, levers=(ghost, fund))
    assert not table.rows[0].applies and math.isnan(table.rows[0].gain)
    assert table.rows[1].applies and math.isfinite(table.rows[1].gain)


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        code = main(list(argv), out=out)
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_cli_prints_tables_and_strict_json() -> None:
    code, text = _cli(
        "balance",
        "classroom-quick",
        "--side",
        "union",
        "--runs",
        "1",
        "--difficulty",
        "normal",
        "--levers",
    )
    assert code == 0
    assert "Union seat" in text and "Studio seat" not in text
    assert "Levers" in text and "Strike fund" in text
    code, text = _cli(
        "balance",
        "classroom-quick",
        "--side",
        "studio",
        "--runs",
        "1",
        "--difficulty",
        "easy",
        "--json",
    )
    assert code == 0
    data = _strict(text)
    assert data["difficulties"] == ["easy"] and data["seats"][0]["seat"] == "studio"


@pytest.mark.parametrize(
    "argv",
    [
        ("balance", "no-such-scenario"),
        ("balance", "wga-2023", "--side", "referee"),
        ("balance", "wga-2023", "--difficulty", "impossible"),
        ("balance", "wga-2023", "--runs", "0"),
        ("balance", "wga-2023", "--runs", "-3"),
    ],
)
def test_cli_bad_arguments_exit_2_without_a_traceback(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _cli(*argv)
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()
    assert out == ""
