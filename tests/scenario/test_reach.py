"""Every number matters or says it doesn't: the reach warnings of validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikesim.scenario import Severity, validate_path

SHIPPED = ("classroom-quick", "wga-2023", "sag-aftra-2023", "next-round-2026",
           "ai-everywhere-2030")  # fmt: skip


def _messages(tmp_path: Path, body: str) -> list[str]:
    folder = tmp_path / "reach-test"
    folder.mkdir()
    head = "format_version: 1\nid: reach-test\nextends: classroom-quick\ntitle: Reach test\n"
    (folder / "scenario.yaml").write_text(head + body, encoding="utf-8")
    return [d.message for d in validate_path(folder) if d.severity == Severity.WARNING]


@pytest.mark.parametrize("scenario", SHIPPED)
def test_shipped_scenarios_have_no_warnings(scenario: str) -> None:
    from strikesim.scenario import resolve_scenario

    assert [d.message for d in validate_path(resolve_scenario(scenario))] == []


def test_a_variable_nothing_relevant_reads_is_named_with_its_readers(tmp_path: Path) -> None:
    body = """variables:
  - {id: gossip, initial: 0, update: "gossip + 0.1"}
  - {id: rumours, initial: 0, update: "rumours + gossip"}
"""
    found = _messages(tmp_path, body)
    assert any("'gossip' reaches no outcome (read only by rumours" in m for m in found)
    assert any("'rumours' reaches no outcome (read by nothing)" in m for m in found)


def test_a_variable_no_formula_names_is_warned_about_once(tmp_path: Path) -> None:
    found = _messages(tmp_path, "variables:\n  - {id: spare, initial: 1}\n")
    assert [m for m in found if "'spare'" in m] == [
        "variable 'spare' is never read by any formula, objective or expectation"
    ]


def test_display_only_silences_a_variable_shown_on_purpose(tmp_path: Path) -> None:
    body = "variables:\n  - {id: gossip, initial: 0, update: 'gossip + 0.1', display_only: true}\n"
    assert not any("gossip" in m for m in _messages(tmp_path, body))


def test_an_event_that_only_moves_scenery_is_placebo(tmp_path: Path) -> None:
    body = """events:
  - {id: stock_dip, headline: "Shares dip", week: 2, effects: {share_price: "*0.9"}}
  - {id: real_dip, headline: "Shares dip", week: 3,
     effects: {share_price: "*0.9", studio_cash: "-5"}}
"""
    found = _messages(tmp_path, body)
    assert any("event 'stock_dip' changes only share_price" in m for m in found)
    assert not any("real_dip" in m for m in found)


def test_a_contract_term_nothing_reads_is_flagged_with_a_suggestion(tmp_path: Path) -> None:
    body = "projection:\n  contract_terms:\n    wage_rise: pay_raise\n"
    found = _messages(tmp_path, body)
    assert any("contract term 'wage_rise' reaches nothing" in m for m in found)


def test_a_projection_scale_at_odds_with_the_parties_is_flagged(tmp_path: Path) -> None:
    found = _messages(tmp_path, "params:\n  exposed_jobs: 204\n  ai_saving_per_kjob: 20\n")
    assert any("204 thousand jobs exposed to AI but the industry has only e0 = 4" in m
               for m in found)  # fmt: skip
    assert any("more than twice its whole operating income" in m for m in found)


def test_a_parameter_only_dead_formulas_read_is_flagged(tmp_path: Path) -> None:
    body = """params:
  chatter_rate: 0.1
  noise_rate: 0.1
variables:
  - {id: chatter, initial: 0, update: "chatter + chatter_rate", display_only: true}
  - {id: noise, initial: 0, update: "noise + noise_rate"}
"""
    found = _messages(tmp_path, body)
    assert not any("chatter_rate" in m for m in found)  # it feeds a display-only variable
    assert any("parameter 'noise_rate' is read only by formulas that reach no outcome" in m
               for m in found)  # fmt: skip
