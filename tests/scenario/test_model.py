"""The scenario model: shape rules, documented defaults, levels, scores and generated docs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from strikesim.engine.spec import STUDIO, UNION
from strikesim.scenario import load_scenario
from strikesim.scenario.checks import check_model, issue_levels, resolve_level
from strikesim.scenario.compile import compile_model
from strikesim.scenario.model import IssueModel, ScenarioModel
from strikesim.scenario.schema import DOC_FILES, reference_markdown, schema_json
from strikesim.scenario.validation import validate_model

ROOT = Path(__file__).resolve().parents[2]


def _models() -> list[type[BaseModel]]:
    from strikesim.scenario.schema import _models as reachable

    return reachable(ScenarioModel)


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_optional_field_documents_its_default(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        if info.is_required():
            assert info.description, f"{model.__name__}.{name} has no description"
            continue
        text = info.description or ""
        assert "Default" in text or "Required" in text, f"{model.__name__}.{name}: {text!r}"


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_models_are_strict_and_frozen(model: type[BaseModel]) -> None:
    assert model.model_config.get("extra") == "forbid"
    assert model.model_config.get("frozen") is True


def _issue(**kw: Any) -> IssueModel:
    base: dict[str, Any] = {
        "id": "wage",
        "label": "Wage",
        "range": {"min": 2, "max": 4, "step": 0.5},
        "union": {"weight": 1, "ideal": 4, "reservation": 3},
        "studio": {"weight": 1, "ideal": 2, "reservation": 4},
        "cost": "10 * value",
    }
    base.update(kw)
    return IssueModel.model_validate(base)


def test_range_levels_and_lookup() -> None:
    levels = issue_levels(_issue())
    assert levels is not None
    assert levels.values == (2.0, 2.5, 3.0, 3.5, 4.0)
    assert levels.ids == ("2", "2.5", "3", "3.5", "4")
    assert resolve_level(levels, 3.5) == 3
    assert resolve_level(levels, 3.25) is None
    assert resolve_level(levels, "3") == 2  # a quoted number names the same level
    assert resolve_level(levels, "three") is None


def test_options_levels_keep_file_order() -> None:
    issue = _issue(
        range=None,
        options=[
            {"id": "b", "label": "B", "value": 5},
            {"id": "a", "label": "A", "value": 1},
        ],
        union={"weight": 1, "scores": {"a": 1, "b": 0}},
        studio={"weight": 1, "ideal": "b", "reservation": "a"},
    )
    levels = issue_levels(issue)
    assert levels is not None and levels.ids == ("b", "a") and levels.values == (5.0, 1.0)
    assert resolve_level(levels, "a") == 1


def _minimal() -> dict[str, Any]:
    import yaml

    text = (Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_scores_are_linear_between_reservation_and_ideal_and_clipped() -> None:
    data = _minimal()
    model, problems = validate_model(data)
    assert model is not None and problems == []
    spec, findings = compile_model(model)
    assert spec is not None and findings == []
    wage = spec.issues[0]
    # union: 1 at 10, 0 at 2, linear between, clipped below 2
    assert wage.utility[UNION][:3] == (0.0, 0.0, 0.0)
    assert wage.utility[UNION][6] == pytest.approx(0.5)
    assert wage.utility[UNION][10] == 1.0
    # studio: ideal 0, reservation 8 -> 1 - v/8, clipped to 0 above 8
    assert wage.utility[STUDIO][4] == pytest.approx(0.5)
    assert wage.utility[STUDIO][9:] == (0.0, 0.0)
    assert wage.cost == tuple(5.0 * v for v in range(11))
    ai = spec.issues[1]
    assert ai.utility[UNION] == (0.0, 0.7, 1.0)  # explicit scores
    assert ai.utility[STUDIO] == pytest.approx((1.0, 0.4, 0.0))  # linear in option values
    assert ai.cost == (0.0, 0.0, 0.0)  # default cost "0"


def test_format_version_must_be_one() -> None:
    data = _minimal() | {"format_version": 2}
    with pytest.raises(ValidationError):
        ScenarioModel.model_validate(data)


@pytest.mark.parametrize("ident", ["Wage", "2wage", "wage-min", "wage min", ""])
def test_item_ids_are_snake_case(ident: str) -> None:
    with pytest.raises(ValidationError):
        _issue(id=ident)


def test_scenario_ids_may_use_dashes_and_labels_are_free_text() -> None:
    data = _minimal() | {"id": "my-strike_2", "title": "Any text: 'quoted', ünïcode"}
    assert ScenarioModel.model_validate(data).id == "my-strike_2"


def test_numbers_are_accepted_where_formulas_are_expected() -> None:
    data = _minimal()
    data["events"][0]["chance"] = 0.25
    data["parties"]["union"]["reservation"] = 1
    model = ScenarioModel.model_validate(data)
    assert model.events[0].chance == "0.25"
    assert model.parties is not None and model.parties.union.reservation == "1"


def test_models_are_immutable() -> None:
    model = ScenarioModel.model_validate(_minimal())
    with pytest.raises(ValidationError):
        model.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["issues"][0]["union"].update(ideal=2),
            "ideal and reservation must differ",
        ),
        (
            lambda d: d["issues"][1]["union"]["scores"].pop("ban"),
            "missing scores for ban",
        ),
        (
            lambda d: d["issues"][0].update(options=[{"id": "x", "label": "X", "value": 1}]),
            "issue 'wage' needs exactly one of 'range' or 'options'",
        ),
        (
            lambda d: d["phases"].update(expiry_week=25),
            "expiry week is not before max_weeks 20",
        ),
        (
            lambda d: d.pop("old_contract"),
            "missing required key 'old_contract'",
        ),
    ],
)
def test_cross_checks(change: Any, message: str) -> None:
    data = _minimal()
    change(data)
    model = ScenarioModel.model_validate(data)
    assert message in [f.message for f in check_model(model)]


def test_abstract_scenarios_may_leave_out_the_playable_parts() -> None:
    model = ScenarioModel.model_validate(
        {"format_version": 1, "id": "base", "title": "Base", "abstract": True}
    )
    assert check_model(model) == []


def test_contested_issue_hint() -> None:
    data = _minimal()
    data["issues"][0]["studio"].update(ideal=10, reservation=2)
    model = ScenarioModel.model_validate(data)
    (finding,) = check_model(model)
    assert finding.severity == "hint" and "not contested" in finding.message


def test_generated_docs_are_up_to_date() -> None:
    expected = (schema_json(), reference_markdown() + "\n")
    for name, text in zip(DOC_FILES, expected, strict=True):
        committed = (ROOT / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python -m strikesim.scenario.schema"


def test_schema_accepts_formulas_as_numbers_and_forbids_unknown_keys() -> None:
    import json

    schema = json.loads(schema_json())
    event = schema["$defs"]["EventModel"]
    assert event["additionalProperties"] is False
    assert "number" in event["properties"]["chance"]["type"]
    assert schema["$defs"]["ScenarioModel"]["properties"]["format_version"]["const"] == 1


def test_shipped_scenario_compiles_same_as_loader() -> None:
    spec = load_scenario("wga-2023")
    assert [i.id for i in spec.issues][:2] == ["wage_minimum", "streaming_residuals"]


def _compile_findings(change: Any) -> list[tuple[str, str, str | None]]:
    data = _minimal()
    change(data)
    model = ScenarioModel.model_validate(data)
    assert check_model(model) == []
    _, findings = compile_model(model)
    return [(str(f.severity), f.message, f.hint) for f in findings]


@pytest.mark.parametrize(
    ("change", "finding"),
    [
        (
            lambda d: d["personalities"][0].update(side="union"),
            ("error", "personality 'calm' plays the union", None),
        ),
        (
            lambda d: d["personalities"][0].update(tactic="time_dependant"),
            ("error", "unknown tactic 'time_dependant'", "time_dependent"),
        ),
        (
            lambda d: d["personalities"][0]["params"].update(horizn=20),
            ("error", "unknown tactic parameter 'horizn'", "horizon"),
        ),
        (
            lambda d: d.update(params={"tua0": 0.1}),
            ("warning", "parameter 'tua0' is not a core parameter and no formula reads it", "tau0"),
        ),
        (
            lambda d: d["variables"].append({"id": "strike_fnd", "initial": 5}),
            (
                "warning",
                "variable 'strike_fnd' is never read by any formula, objective or expectation",
                "strike_fund",
            ),
        ),
        (
            lambda d: d["projection"]["contract_terms"].update({"Wage Raise": "wage"}),
            (
                "error",
                "contract term name 'Wage Raise' must be a snake_case id "
                "(it is read as contract_<name> in formulas)",
                None,
            ),
        ),
    ],
)
def test_compile_checks(change: Any, finding: tuple[str, str, str | None]) -> None:
    if finding[1].startswith("contract term"):
        data = _minimal()
        change(data)
        model = ScenarioModel.model_validate(data)
        assert [(str(f.severity), f.message, f.hint) for f in check_model(model)] == [finding]
        return
    assert _compile_findings(change) == [finding]


def test_built_in_negotiator_names_are_accepted() -> None:
    assert (
        _compile_findings(lambda d: d.update(negotiators={"union": "calm", "studio": "boulware"}))
        == []
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["issues"][0]["range"].update(max=float("inf")), "expected a finite number"),
        (lambda d: d["params"].update(tau0=float("nan")), "expected a finite number"),
        (
            lambda d: d["issues"][0]["range"].update(max=1e308),
            "expected a number between -1e+12 and 1e+12",
        ),
        (lambda d: d["issues"][0]["range"].update(max=1e11), "the range has more than 201 levels"),
    ],
)
def test_non_finite_and_huge_numbers_are_reported(change: Any, message: str) -> None:
    data = _minimal()
    data.setdefault("params", {})
    change(data)
    model, problems = validate_model(data)
    found = [f.message for f in problems] + (
        [] if model is None else [f.message for f in check_model(model)]
    )
    assert any(m.startswith(message) for m in found), found


def test_initial_value_outside_bounds_warns() -> None:
    findings = _compile_findings(lambda d: d["variables"][0].update(initial=3))
    assert findings == [
        (
            "warning",
            "variable 'morale': initial value 3 is outside its bounds; it is clipped on the "
            "first update",
            None,
        )
    ]


def test_favours_on_a_core_variable_with_a_built_in_side_warns() -> None:
    findings = _compile_findings(
        lambda d: d["variables"].append({"id": "strike_fund", "favours": "studio"})
    )
    assert findings == [
        (
            "warning",
            "core variable 'strike_fund' already has a side the negotiators know (it is "
            "built in); 'favours' is ignored",
            None,
        )
    ]
    # a lever the scenario adds is taken as stated
    assert _compile_findings(lambda d: d["variables"][0].update(favours="union")) == []
