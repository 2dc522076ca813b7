"""The generated JSON Schemas against real files, checked with a third-party validator.

Editors and CI tools use ``docs/scenario.schema.json`` and ``docs/campaign.schema.json``
through libraries like ``jsonschema``; whatever the game accepts, the schema must accept
(including files that ``extends`` a base and give only part of each thing), and a key the
game rejects as unknown, the schema must reject too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from strikesim.scenario.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*/scenario.yaml"))
CAMPAIGNS = sorted((ROOT / "scenarios" / "campaigns").glob("*.yaml"))
BROKEN = ROOT / "tests" / "scenario" / "fixtures" / "broken"
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*/scenario.yaml"))

SCHEMA_REJECTS = {
    "bad_date.yaml",
    "bad_id.yaml",
    "missing_required.yaml",
    "mistyped_key.yaml",
    "weight_out_of_range.yaml",
    "wrong_choice.yaml",
    "wrong_format_version.yaml",
    "wrong_type.yaml",
}
"""Broken fixtures whose mistake is one of shape (a key, a type, a pattern, a range)."""
ONLY_THE_GAME_SEES = {
    "derived_cycle.yaml",
    "duplicate_id.yaml",
    "effect_unknown_variable.yaml",
    "extends_cycle.yaml",
    "formula_attribute.yaml",
    "formula_syntax.yaml",
    "formula_unknown_name.yaml",
    "huge_power.yaml",
    "ideal_outside_range.yaml",
    "bad_option_in_offer.yaml",
    "missing_offer_issue.yaml",
    "offer_not_a_level.yaml",
    "range_step.yaml",
    "remove_unknown.yaml",
    "scripted_week_too_late.yaml",
    "unknown_base.yaml",
    "unknown_metric.yaml",
    "unknown_personality.yaml",
}
"""Broken fixtures whose mistake needs the whole scenario (ids, formulas, bases): the
schema accepts them and the game's validator reports them."""
UNPARSEABLE = {
    "alias_bomb.yaml",
    "duplicate_key.yaml",
    "not_a_mapping.yaml",
    "tab_indent.yaml",
    "too_deep.yaml",
}
"""Broken fixtures the game's hardened YAML reader refuses before any schema applies."""


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "docs" / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _data(path: Path) -> Any:
    return load_yaml(path, display_name=path.name).data


def _messages(validator: Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", SCENARIOS + EXAMPLES, ids=lambda p: p.parent.name)
def test_every_shipped_scenario_and_example_is_valid_under_the_schema(path: Path) -> None:
    assert _messages(_validator("scenario.schema.json"), _data(path)) == []


@pytest.mark.parametrize("path", CAMPAIGNS, ids=lambda p: p.stem)
def test_every_shipped_campaign_is_valid_under_the_schema(path: Path) -> None:
    assert _messages(_validator("campaign.schema.json"), _data(path)) == []


def test_the_fixture_lists_cover_every_broken_fixture() -> None:
    names = {p.name for p in BROKEN.glob("*.yaml")}
    assert names == SCHEMA_REJECTS | ONLY_THE_GAME_SEES | UNPARSEABLE


@pytest.mark.parametrize("name", sorted(SCHEMA_REJECTS))
def test_the_schema_rejects_broken_fixtures_of_shape(name: str) -> None:
    assert _messages(_validator("scenario.schema.json"), _data(BROKEN / name))


@pytest.mark.parametrize("name", sorted(ONLY_THE_GAME_SEES))
def test_the_schema_accepts_fixtures_only_the_game_can_judge(name: str) -> None:
    assert _messages(_validator("scenario.schema.json"), _data(BROKEN / name)) == []


def test_the_schema_rejects_a_file_that_is_not_a_mapping() -> None:
    assert _messages(_validator("scenario.schema.json"), [{"id": "x"}])


def test_an_extending_file_may_be_partial_but_not_misspelled() -> None:
    validator = _validator("scenario.schema.json")
    partial = {
        "format_version": 1,
        "id": "mine",
        "extends": "wga-2023",
        "parties": {"union": {"name": "Renamed guild"}},
        "issues": [{"id": "ai_writing", "label": "AI"}, {"id": "term_years", "remove": True}],
    }
    assert _messages(validator, partial) == []
    assert _messages(validator, {**partial, "titel": "x"})
    without_item_id = {**partial, "issues": [{"label": "AI"}]}
    assert any("'id' is a required property" in m for m in _messages(validator, without_item_id))
    standalone = {k: v for k, v in partial.items() if k != "extends"}
    assert any("'title' is a required property" in m for m in _messages(validator, standalone))
