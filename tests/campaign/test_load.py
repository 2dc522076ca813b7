"""Loading campaign files: the shipped campaign, and broken files with one mistake each.

Every ``fixtures/broken/*.yaml`` starts with ``# expect: <message>``: validating
it must report exactly that one located error, and ``load_campaign`` must raise
:class:`ScenarioError` with it. Paths in messages are relative to the
repository root, so the tests run there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from strikesim.campaign import list_campaigns, load_campaign, validate_campaign
from strikesim.scenario import ScenarioError, Severity

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
BROKEN = HERE / "fixtures" / "broken"
FIXTURES = sorted(BROKEN.glob("*.yaml"))
MINI = HERE / "fixtures" / "valid" / "mini.yaml"


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: ...'"
    return first.removeprefix("# expect: ")


def test_shipped_campaign_loads_without_any_diagnostic() -> None:
    assert validate_campaign("hollywood-decade") == []
    campaign = load_campaign("hollywood-decade")
    assert campaign.title == "The AI Decade"
    assert campaign.start == "writers_2023"
    assert len(campaign.stages) == 7
    assert campaign.warnings == ()


def test_shipped_campaign_is_listed_with_its_first_branch_chain() -> None:
    listed = {cid: (title, chain) for cid, title, chain in list_campaigns()}
    assert listed["hollywood-decade"] == (
        "The AI Decade",
        ["wga-2023", "sag-aftra-2023", "next-round-2026", "ai-everywhere-2030"],
    )


def test_stage_record_merges_campaign_record_and_stage_wins() -> None:
    campaign = load_campaign("hollywood-decade")
    writers = campaign.stage("writers_2023")
    assert writers.record["relationship"].source.startswith("clip(0.55")
    assert writers.record["deals"].source == "campaign_deals + outcome_deal"
    actors = campaign.stage("actors_2023")
    assert actors.record["relationship"].source == "relationship"
    assert writers.label == "1. The writers' strike (2023)"
    assert writers.scenario_id == "wga-2023"


def test_valid_fixture_loads() -> None:
    campaign = load_campaign(MINI.relative_to(ROOT))
    assert [s.id for s in campaign.first_branch_path()] == ["first", "second_guarded"]
    assert campaign.stage("second").label == "Round two"


def test_there_are_enough_broken_fixtures() -> None:
    assert len(FIXTURES) >= 8


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_broken_fixture_reports_exactly_its_one_mistake(path: Path) -> None:
    diagnostics = validate_campaign(path.relative_to(ROOT))
    assert [d.format() for d in diagnostics] == [_expected(path)]
    assert diagnostics[0].severity is Severity.ERROR


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_loading_a_broken_fixture_raises_scenario_error(path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_campaign(path.relative_to(ROOT))
    assert str(caught.value) == _expected(path)


def _write(tmp_path: Path, text: str, name: str = "mini.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_stage_scenario_that_fails_to_load_passes_its_diagnostics_through(
    tmp_path: Path,
) -> None:
    broken = ROOT / "tests" / "scenario" / "fixtures" / "broken" / "formula_syntax.yaml"
    text = MINI.read_text(encoding="utf-8").replace(
        "  - id: second\n    scenario: classroom-quick", f"  - id: second\n    scenario: {broken}"
    )
    lines = [d.format() for d in validate_campaign(_write(tmp_path, text))]
    assert len(lines) == 2
    assert lines[0].endswith(
        "error: stages[1].scenario: scenario '"
        + str(broken)
        + "' does not load (1 error(s), listed with its file)"
    )
    assert lines[1].endswith("error: variables[0].update: bad formula: invalid formula syntax")
    assert "formula_syntax.yaml:9:23" in lines[1]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        MINI.read_text(encoding="utf-8")
        .replace("start: first", "start: frist")
        .replace('psi0: "trust"', 'psi_0: "trust"')
        .replace("{fund:.1f}M", "{funds:.1f}M")
    )
    messages = [d.message for d in validate_campaign(_write(tmp_path, text))]
    assert messages == [
        "unknown stage 'frist'",
        "placeholder '{funds}' is not a ledger name",
        "scenario 'classroom-quick' has no parameter 'psi_0'",
    ]


def test_unreachable_stage_is_a_warning_and_still_loads(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "epilogues:", "  - id: orphan\n    scenario: classroom-quick\nepilogues:"
    )
    path = _write(tmp_path, text)
    [warning] = validate_campaign(path)
    assert warning.severity is Severity.WARNING
    assert warning.message == "stage 'orphan' cannot be reached from the start stage 'first'"
    assert load_campaign(path).warnings == (warning,)


def test_file_name_differing_from_id_is_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, MINI.read_text(encoding="utf-8"), name="other.yaml")
    [warning] = validate_campaign(path)
    assert warning.severity is Severity.WARNING
    assert "differs from the file name 'other.yaml'" in warning.message


def test_unknown_campaign_id_suggests_the_closest() -> None:
    [d] = validate_campaign("hollywood-decad")
    assert d.format() == (
        "hollywood-decad: error: no such campaign file or campaign id"
        " (did you mean 'hollywood-decade'?)"
    )


def test_misspelt_keys_do_not_hide_other_problems(tmp_path: Path) -> None:
    text = (
        MINI.read_text(encoding="utf-8")
        .replace('summary: "Two', 'summry: "Two')
        .replace('    label: "Round two"\n', '    lable: "Round two"\n')
        .replace("start: first", "start: frist")
    )
    messages = [d.format().split(": error: ")[1] for d in validate_campaign(_write(tmp_path, text))]
    assert messages == [
        "unknown key 'summry' (did you mean 'summary'?)",
        "start: unknown stage 'frist' (did you mean 'first'?)",
        "stages[1]: unknown key 'lable' (did you mean 'label'?)",
    ]
    with pytest.raises(ScenarioError):
        load_campaign(_write(tmp_path, text))


def test_committed_json_schema_is_current() -> None:
    from strikesim.campaign.schema import SCHEMA_FILE, schema_json

    assert (ROOT / SCHEMA_FILE).read_text(encoding="utf-8") == schema_json()
