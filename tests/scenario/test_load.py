"""Loading scenarios: shipped ones are clean and fast; extends merges as documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from strikesim.engine.spec import STUDIO, UNION
from strikesim.scenario import (
    ScenarioError,
    Severity,
    list_scenarios,
    load_model,
    load_scenario,
    resource_path,
    validate_path,
)

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml"
SHIPPED = sorted(p.parent.name for p in resource_path("scenarios").glob("*/scenario.yaml"))


def test_extends_cannot_reach_files_outside_the_scenario_folders(tmp_path: Path) -> None:
    secret = tmp_path / "private" / "keys.yaml"
    secret.parent.mkdir()
    secret.write_text("API_KEY: hunter2\n", encoding="utf-8")
    (tmp_path / "mods" / "mine").mkdir(parents=True)
    for target in (secret.as_posix(), "../../private/keys.yaml", "/etc/passwd"):
        child = tmp_path / "mods" / "mine" / "scenario.yaml"
        child.write_text(HEAD.replace("minimal.yaml", target), encoding="utf-8")
        text = "\n".join(d.format() for d in validate_path(child))
        assert "extends may only name a scenario id or a .yaml file" in text
        assert "API_KEY" not in text and "hunter2" not in text and "root:" not in text


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_shipped_scenario_validates_without_errors_or_warnings(scenario_id: str) -> None:
    problems = [
        d.format()
        for d in validate_path(resource_path("scenarios") / scenario_id)
        if d.severity is not Severity.HINT
    ]
    assert problems == []


@pytest.mark.parametrize("scenario_id", list_scenarios())
def test_every_playable_shipped_scenario_loads_strictly(scenario_id: str) -> None:
    spec = load_scenario(scenario_id, strict=True)
    assert spec.id == scenario_id
    assert spec.issues and len(spec.opening_offers[UNION]) == len(spec.issues)


def test_abstract_base_is_not_listed_or_playable() -> None:
    assert "base-hollywood" not in list_scenarios()
    assert "base-hollywood" in list_scenarios(include_abstract=True)
    with pytest.raises(ScenarioError, match="abstract base scenario"):
        load_scenario("base-hollywood")


def test_unknown_id_suggests_a_shipped_one() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario("wga-2024")
    (d,) = caught.value.diagnostics
    assert d.hint == "wga-2023"
    assert "no such scenario" in d.message


def _write(tmp: Path, name: str, text: str) -> Path:
    # extends may only reach files near the file being checked: keep the base beside it
    (tmp / "minimal.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


CHILD = "format_version: 1\nid: c\ntitle: C\nextends: base.yaml\n"
HEAD = "format_version: 1\nid: child\ntitle: Child\nextends: minimal.yaml\n"


def test_extends_merges_mappings_and_lists_by_id(tmp_path: Path) -> None:
    child = _write(
        tmp_path,
        "child.yaml",
        HEAD
        + "parties: {union: {members: 250}}\n"
        + "issues:\n  - {id: wage, union: {ideal: 9}}\n"
        + "events:\n  - {id: poll, remove: true}\n"
        + "  - {id: rally, headline: Rally, week: 5}\n"
        + "personalities:\n  - {id: calm, params: {e: 0.3}}\n",
    )
    spec = load_scenario(child)
    base = load_scenario(MINIMAL)
    assert spec.parties[UNION].members == 250
    assert spec.parties[UNION].name == base.parties[UNION].name  # untouched sibling kept
    wage = spec.issues[spec.issue_index["wage"]]
    assert wage.utility[UNION][9] == 1.0 and wage.utility[UNION][10] == 1.0
    assert wage.label == "Wage raise"  # inherited field of a merged item
    assert [e.id for e in spec.events] == ["rally"]
    assert spec.personalities[0].params == {"e": 0.3, "horizon": 16.0}  # maps merge by key
    assert spec.id == "child" and spec.title == "Child"


def test_extends_does_not_inherit_abstract(tmp_path: Path) -> None:
    base = _write(
        tmp_path, "base.yaml", MINIMAL.read_text().replace("id: minimal", "id: b\nabstract: true")
    )
    child = _write(
        tmp_path, "child.yaml", "format_version: 1\nid: c\ntitle: C\nextends: base.yaml\n"
    )
    with pytest.raises(ScenarioError, match="abstract"):
        load_scenario(base)
    assert load_scenario(child).id == "c"  # relative path, resolved next to the child


def test_problem_in_a_base_is_located_in_the_base_file(tmp_path: Path) -> None:
    base_text = MINIMAL.read_text().replace('"5 * value"', '"5 * valu"')
    _write(tmp_path, "base.yaml", base_text)
    child = _write(
        tmp_path, "child.yaml", "format_version: 1\nid: c\ntitle: C\nextends: base.yaml\n"
    )
    (d,) = validate_path(child)
    assert d.file.endswith("base.yaml")
    line = base_text.splitlines()[d.line - 1]
    assert line[d.column - 1 :].startswith('valu"')
    assert "unknown name 'valu' (did you mean 'value'?)" in d.message


def test_overriding_a_core_variable_keeps_its_other_fields(tmp_path: Path) -> None:
    child = _write(
        tmp_path, "child.yaml", HEAD + "variables:\n  - {id: strike_fund, initial: 55}\n"
    )
    spec = load_scenario(child)
    fund = spec.variables[spec.var_index["strike_fund"]]
    assert fund.initial == 55 and fund.core and fund.unit == "$M"


def test_party_funds_set_the_core_money_variables() -> None:
    spec = load_scenario("wga-2023")
    assert spec.variables[spec.var_index["strike_fund"]].initial == 20


def test_weights_that_do_not_sum_to_one_warn_and_are_normalised(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace("weight: 0.4, scores", "weight: 0.9, scores")
    path = _write(tmp_path, "s.yaml", text)
    (d,) = validate_path(path)
    assert d.severity is Severity.WARNING
    assert d.message.startswith("the union's issue weights sum to 1.5")
    spec = load_scenario(path)
    assert sum(i.weight[UNION] for i in spec.issues) == pytest.approx(1.0)
    with pytest.raises(ScenarioError):
        load_scenario(path, strict=True)


def test_unused_and_unreachable_things_warn(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace("week: 3", "week: 30")
    text = text.replace("actions:", "  - {id: spare, label: Spare, initial: 1}\nactions:", 1)
    path = _write(tmp_path, "s.yaml", text)
    messages = {d.message: d.severity for d in validate_path(path)}
    assert messages == {
        "event 'poll' can never fire: week 30 is after the game's last week (19)": (
            Severity.WARNING
        ),
        "variable 'spare' is never read by any formula, objective or expectation": Severity.WARNING,
    }


def test_load_model_returns_the_merged_model() -> None:
    model, diagnostics = load_model("wga-2023")
    assert model.extends == "base-hollywood"
    ids = [a.id for a in model.actions.union]
    assert ids[:2] == ["picket_studios", "social_media_campaign"]  # inherited first
    assert model.actions.union[0].cost == {"strike_fund": "-0.1"}  # kept from the base
    assert diagnostics == ()


def test_compiled_wga_matches_the_history() -> None:
    spec = load_scenario("wga-2023")
    wage = spec.issues[spec.issue_index["wage_minimum"]]
    assert wage.values[spec.opening_offers[UNION][0]] == 16.5
    assert wage.values[spec.opening_offers[STUDIO][0]] == 9.5
    final = next(o for o in spec.scripted_offers if o.week == 26)
    cost = sum(spec.issues[j].cost[k] for j, k in enumerate(final.levels))
    may = next(o for o in spec.scripted_offers if o.week == 6)
    ask = sum(spec.issues[j].cost[k] for j, k in enumerate(spec.opening_offers[UNION]))
    assert 200 < cost < 260  # the WGA valued the deal at $233M a year
    assert 400 < ask < 450  # ... its ask at $429M
    assert 70 < sum(spec.issues[j].cost[k] for j, k in enumerate(may.levels)) < 100  # $86M
    assert spec.phases.expiry_week == 6 and spec.phases.authorization_week == 4
    assert len(spec.events) >= 15
    assert {a.side for a in spec.actions} == {UNION, STUDIO}
    assert len(spec.sources) >= 15


def test_scenario_id_should_match_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my-strike"
    folder.mkdir()
    _write(folder, "scenario.yaml", MINIMAL.read_text(encoding="utf-8"))
    (d,) = validate_path(folder)
    assert d.severity is Severity.WARNING and d.path == "id" and d.hint == "my-strike"
    assert d.message == (
        "the id 'minimal' differs from the folder name 'my-strike'; "
        "the game lists scenarios by folder"
    )
    assert load_scenario(folder).id == "minimal"  # a warning does not stop loading


def test_loading_a_scenario_does_not_load_the_negotiators() -> None:
    """The personality check reads the AI's tactic tables only, which keeps a
    cold load quick (importing the negotiators costs more than the load)."""
    code = (
        "import sys\n"
        "from strikesim.scenario import load_scenario\n"
        "load_scenario('wga-2023')\n"
        "bad = [m for m in ('strikesim.ai.agent', 'strikesim.analysis') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
