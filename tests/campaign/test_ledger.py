"""Carry, record, next, intros, epilogues and the summary on hand-made ledgers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from strikesim.campaign import ledger as L
from strikesim.campaign import load_campaign
from strikesim.campaign.scenarios import scenario_info
from strikesim.campaign.spec import Campaign
from strikesim.campaign.text import fill, ledger_value, template_problems
from strikesim.engine import GameSpec, Outcome, State, initial_state, utilities
from strikesim.scenario import load_scenario

MINI = Path(__file__).parent / "fixtures" / "valid" / "mini.yaml"


@pytest.fixture(scope="module")
def mini() -> Campaign:
    return load_campaign(MINI)


@pytest.fixture(scope="module")
def decade() -> Campaign:
    return load_campaign("hollywood-decade")


def _initial(var_id: str, spec: GameSpec) -> float:
    return float(spec.variables[spec.var_index[var_id]].initial)


def test_carry_sets_initial_values_and_params_of_the_next_scenario(mini: Campaign) -> None:
    shipped = load_scenario("classroom-quick")
    ledger = {**mini.ledger, "fund": 13.5, "trust": 0.71}
    spec = L.stage_spec(mini.stage("first"), ledger)
    assert _initial("strike_fund", spec) == 13.5
    assert _initial("strike_fund", shipped) == 6.0
    assert spec.params["psi0"] == 0.71
    assert shipped.params["psi0"] == 0.6
    # the carried values are what the game actually starts from
    state = initial_state(spec, batch=1, seed=0)
    assert state.values[0, spec.var_index["strike_fund"]] == 13.5
    # everything else is the scenario as shipped
    assert spec.id == shipped.id and spec.version == shipped.version
    assert [i.id for i in spec.issues] == [i.id for i in shipped.issues]
    assert len(spec.events) == len(shipped.events)


def test_carry_changes_the_played_game(mini: Campaign) -> None:
    from strikesim.records import Seat
    from strikesim.session import Session

    seats = (Seat("ai", "time_dependent"), Seat("ai", "time_dependent"))
    poor = L.stage_spec(mini.stage("first"), {**mini.ledger, "fund": 0.5, "trust": 0.5})
    rich = L.stage_spec(mini.stage("first"), {**mini.ledger, "fund": 40.0, "trust": 0.5})
    a, b = Session(poor, seats, 3), Session(rich, seats, 3)
    a.advance()
    b.advance()
    assert a.value("strike_fund") < 1.0 < 39.0 < b.value("strike_fund")


def test_carried_variable_is_clipped_to_its_bounds(mini: Campaign) -> None:
    stage = mini.stage("second")
    variables, params = L.carried_values(stage, {**mini.ledger, "trust": 0.5})
    assert variables["relationship"] == 1.0  # "trust + 1" = 1.5, max 1
    assert variables["strike_fund"] == 11.0
    assert params == {}


def test_carry_of_a_core_variable_the_scenario_does_not_list(decade: Campaign) -> None:
    stage = decade.stage("actors_2023")
    spec = L.stage_spec(stage, {**decade.ledger, "actors_fund": 3.25})
    assert _initial("strike_fund", spec) == 3.25
    assert spec.params["psi0"] == pytest.approx(0.5 * 0.67 + 0.5 * 0.62)


def test_stage_without_carry_plays_the_scenario_as_shipped(decade: Campaign) -> None:
    stage = decade.stage("writers_2023")
    spec = L.stage_spec(stage, decade.ledger)
    assert spec is scenario_info(stage.scenario_path).spec
    shipped = load_scenario("wga-2023")
    assert [v.initial for v in spec.variables] == [v.initial for v in shipped.variables]
    assert dict(spec.params) == dict(shipped.params)


def _finished_state(
    spec: GameSpec, outcome: Outcome, contract: tuple[int, ...], weeks: int
) -> State:
    """A one-game state as if it had ended with ``outcome`` on ``contract``."""
    state = initial_state(spec, batch=1, seed=0)
    state.outcome[0] = int(outcome)
    state.contract[0] = np.asarray(contract, dtype=state.contract.dtype)
    state.strike_weeks[0] = weeks
    state.end_week[0] = weeks + 4
    return state


def test_results_namespace_holds_what_the_format_promises(mini: Campaign) -> None:
    spec = load_scenario("classroom-quick")
    top = tuple(i.n_levels - 1 for i in spec.issues)
    state = _finished_state(spec, Outcome.DEAL_RATIFIED, top, 7)
    ns = L.results_namespace(spec, state, {"fund": 9.0, "rounds": 2.0})
    assert ns["outcome"] == 1.0 and ns["outcome_deal"] == 1.0
    assert ns["strike_weeks"] == 7.0 and ns["end_week"] == 11.0
    assert ns["campaign_fund"] == 9.0 and ns["campaign_rounds"] == 2.0
    u = utilities(spec, np.asarray(top)[None, :])[0]
    assert ns["union_utility"] == pytest.approx(u[0])
    assert ns["studio_utility"] == pytest.approx(u[1])
    for j, issue in enumerate(spec.issues):
        assert ns[f"deal_{issue.id}"] == issue.values[top[j]]
    values = {i.id: i.values[top[j]] for j, i in enumerate(spec.issues)}
    terms = {
        t: float(f({**spec.params, **values})) for t, f in spec.projection.contract_terms.items()
    }
    assert ns["guardrail"] == pytest.approx(terms["guardrail"])
    assert ns["contract_pay_raise"] == pytest.approx(terms["pay_raise"])
    assert ns["strike_fund"] == state.values[0, spec.var_index["strike_fund"]]
    assert ns["psi0"] == spec.params["psi0"]


def test_capitulation_counts_through_comparisons(decade: Campaign) -> None:
    spec = load_scenario("wga-2023")
    stage = decade.stage("writers_2023")
    before = dict(decade.ledger)
    state = _finished_state(spec, Outcome.UNION_CAPITULATED, spec.old_contract, 30)
    after = L.record_stage(stage, before, L.results_namespace(spec, state, before))
    assert after["guild_defeats"] == 1.0 and after["studio_defeats"] == 0.0
    assert after["deals"] == 0.0
    assert after["total_strike_weeks"] == 30.0
    assert after["writers_strike_weeks"] == 30.0
    assert after["relationship"] == pytest.approx(0.25)  # clip(0.55 - 0.3, 0.2, 0.6)
    assert after["stages_played"] == 1.0
    assert after["training_clause"] == before["training_clause"]  # not recorded: unchanged


def test_record_formulas_all_read_the_ledger_before_the_stage(mini: Campaign) -> None:
    # "rounds" and "strikes" both read campaign_*: writing one must not affect the other
    stage = mini.stage("first")
    before = {**mini.ledger, "rounds": 4.0, "strikes": 10.0}
    results = {**{f"campaign_{k}": v for k, v in before.items()}, "strike_weeks": 3.0,
               "guardrail": 0.7, "strike_fund": 2.5}  # fmt: skip
    after = L.record_stage(stage, before, results)
    assert after == {**before, "rounds": 5.0, "strikes": 13.0, "guard": 0.7, "fund": 2.5}


def test_next_takes_the_first_branch_that_holds(mini: Campaign, decade: Campaign) -> None:
    first = mini.stage("first")
    assert L.next_stage(first, {**mini.ledger, "guard": 0.5}) == "second_guarded"
    assert L.next_stage(first, {**mini.ledger, "guard": 0.49}) == "second"
    assert L.next_stage(mini.stage("second"), mini.ledger) is None
    after_2026 = decade.stage("writers_2026_guarded")
    ledger = {**decade.ledger, "writers_guardrail": 0.86}
    assert L.next_stage(after_2026, {**ledger, "training_clause": 0.9, "deals": 3}) == (
        "coalition_2030_strong"
    )
    assert L.next_stage(after_2026, {**ledger, "training_clause": 0.9, "deals": 2}) == (
        "coalition_2030"
    )
    assert L.next_stage(after_2026, {**ledger, "training_clause": 0.3, "deals": 3}) == (
        "coalition_2030_weak"
    )
    weak_rules = {**ledger, "training_clause": 0.9, "deals": 3, "writers_guardrail": 0.7}
    assert L.next_stage(after_2026, weak_rules) == "coalition_2030"


def test_intro_fills_ledger_values_and_chosen_texts(mini: Campaign, decade: Campaign) -> None:
    first = mini.stage("first")
    assert L.intro_text(first, {**mini.ledger, "trust": 0.7}) == (
        "Round 0: the fund holds $9.0M. The public is with you."
    )
    assert L.intro_text(first, {**mini.ledger, "rounds": 1}).endswith("The public is unsure.")
    actors = decade.stage("actors_2023")
    still = {**decade.ledger, "writers_strike_weeks": 20, "writers_end_week": 30}
    over = {**decade.ledger, "writers_strike_weeks": 10, "writers_end_week": 12}
    assert "The writers are still on strike." in L.intro_text(actors, still)
    assert "The writers' strike is already over." in L.intro_text(actors, over)
    assert "The writers settled without a strike." in L.intro_text(actors, decade.ledger)


def test_epilogues_in_file_order_when_they_hold(mini: Campaign) -> None:
    ledger = {**mini.ledger, "strikes": 12, "rounds": 2, "guard": 0.333}
    assert L.epilogue_texts(mini, ledger) == [
        ("Strikes", "12 weeks on strike."),
        ("The end", "2 rounds; guardrail 0.33; {braces}."),
    ]
    assert [t for t, _ in L.epilogue_texts(mini, {**ledger, "strikes": 0})] == ["The end"]


def test_summary_table_formats_values_and_units(mini: Campaign) -> None:
    ledger = {**mini.ledger, "rounds": 2, "fund": 1234.56, "trust": 0.625}
    assert L.summary_table(mini, ledger) == [
        ("Rounds", "2"),
        ("Fund", "$1,234.6M"),
        ("Trust", "62%"),
    ]


def test_changes_lists_only_what_moved() -> None:
    assert L.changes({"a": 1.0, "b": 2.0}, {"a": 1.0, "b": 3.0}) == [("b", 2.0, 3.0)]


def test_placeholders() -> None:
    assert template_problems("{a:.0%} and {{x}}", ["a"]) == []
    assert template_problems("{a!r}", ["a"]) == [("placeholder '{a!r}': '!' is not allowed", None)]
    assert template_problems("{b}", ["bb"]) == [("placeholder '{b}' is not a ledger name", "bb")]
    assert template_problems("{a.x}", ["a"])[0][0] == "placeholder '{a.x}' is not a ledger name"
    assert template_problems("{a:.0q}", ["a"])[0][0].startswith("placeholder '{a:.0q}': bad format")
    assert template_problems("open {", ["a"])[0][0].startswith("bad placeholder braces")
    assert fill("{a:.0f}%", {"a": -0.2}) == "0%"
    assert ledger_value(4318.05) == "4,318" and ledger_value(0.1137) == "0.114"
    assert ledger_value(32.22) == "32.2" and ledger_value(19.0) == "19"


def test_a_formula_that_gives_no_number_in_play_is_a_located_error(
    mini: Campaign, tmp_path: Path
) -> None:
    from strikesim.scenario import ScenarioError

    stage = mini.stage("second")
    with pytest.raises(ScenarioError) as caught:
        L.carried_values(stage, {**mini.ledger, "fund": float("nan")})
    [d] = caught.value.diagnostics
    assert d.file.endswith("mini.yaml")
    assert d.path == "stages[1].carry.variables.strike_fund"
    assert d.message == "'strike_fund' evaluated to nan (not a finite number) in play"


def test_ledger_entries_show_with_their_labels_units_and_formats(decade: Campaign) -> None:
    assert L.shown_entry(decade, "ai_adoption", 0.114) == (
        "AI adoption (share of the work AI can do)",
        "11%",
    )
    assert L.shown_entry(decade, "writers_fund", 20.0) == ("Writers' strike fund", "$20.0M")
    assert L.shown_entry(decade, "total_strike_weeks", 19.0)[1] == "19 weeks"


def test_undeclared_ledger_entries_show_as_words(mini: Campaign) -> None:
    assert L.shown_entry(mini, "fund", 9.0) == ("Fund", "9")


def test_the_decade_starts_where_its_first_stage_does(decade: Campaign) -> None:
    spec = L.stage_spec(decade.stage("writers_2023"), decade.ledger)
    assert decade.ledger["ai_adoption"] == _initial("ai_adoption", spec)


def test_the_actors_stage_starts_from_the_writers_world(decade: Campaign) -> None:
    ledger = {**decade.ledger, "ai_adoption": 0.3, "ai_orders": 1.1, "public_trust": 0.9}
    spec = L.stage_spec(decade.stage("actors_2023"), ledger)
    assert _initial("ai_adoption", spec) == 0.3
    assert _initial("ai_orders", spec) == 1.1
    assert _initial("public_support_union", spec) == pytest.approx(0.5 * 0.67 + 0.45)


def test_branching_tells_a_guild_win_from_a_guild_defeat(decade: Campaign) -> None:
    stage = decade.stage("writers_2026_guarded")
    base = {**decade.ledger, "training_clause": 0.8, "writers_guardrail": 0.86, "deals": 2}
    assert L.next_stage(stage, {**base, "studio_defeats": 1}) == "coalition_2030_strong"
    assert L.next_stage(stage, {**base, "guild_defeats": 1}) == "coalition_2030_weak"
