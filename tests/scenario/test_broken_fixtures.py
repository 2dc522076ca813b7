"""Each broken fixture holds exactly one mistake and names the one line it must produce.

The first line of every ``fixtures/broken/*.yaml`` is ``# expect: <message>``;
loading the file must report exactly that error and nothing else, and
``load_scenario`` must raise :class:`ScenarioError` (never another exception).
Paths in messages are relative to the repository root, so the tests run there.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from strikesim.scenario import ScenarioError, Severity, load_scenario, validate_path

ROOT = Path(__file__).resolve().parents[2]
BROKEN = Path(__file__).parent / "fixtures" / "broken"
FIXTURES = sorted(BROKEN.glob("*.yaml"))


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: ...'"
    return first.removeprefix("# expect: ")


def test_there_are_at_least_twenty_fixtures() -> None:
    assert len(FIXTURES) >= 20


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_reports_exactly_its_one_mistake(path: Path) -> None:
    diagnostics = validate_path(path.relative_to(ROOT))
    assert [d.format() for d in diagnostics] == [_expected(path)]
    assert diagnostics[0].severity is Severity.ERROR


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_loading_a_broken_fixture_raises_only_scenario_error(path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path.relative_to(ROOT))
    assert str(caught.value) == _expected(path)


def test_alias_bomb_is_refused_before_expansion() -> None:
    """The bomb is refused at its first anchor; a generous bound guards against a hang."""
    start = time.perf_counter()
    diagnostics = validate_path(BROKEN / "alias_bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert len(diagnostics) == 1
    assert "anchors and aliases" in diagnostics[0].message


def test_file_too_big_is_one_located_error(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("format_version: 1\n" + "# padding\n" * 120_000, encoding="utf-8")
    diagnostics = validate_path(big)
    assert len(diagnostics) == 1
    assert diagnostics[0].message.startswith("the file is too large")


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = (ROOT / "tests/scenario/fixtures/valid/minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("members: 100", "membrs: 100")
    text = text.replace("weight: 0.4, scores", "weight: lots, scores")
    text = text.replace('"morale + 0.01 * is_striking"', '"morale + 0.01 * is_strking"')
    text = text.replace('"5 * value"', '"5 * valeu"')
    text = text.replace('{opinion_shift: "+0.01"}', '{opinion_shift: "=morale +"}')
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    found = {d.message: (d.line, d.column) for d in validate_path(path)}
    lines = text.splitlines()

    def at(message: str) -> str:
        line, column = found[message]
        return lines[line - 1][column - 1 :]

    assert at("unknown key 'membrs'").startswith("membrs")
    assert at("expected a number between 0 and 1, got 'lots'").startswith("lots")
    # formulas are still checked although the structure is broken, each in its own scope
    assert at("bad formula: unknown name 'is_strking' (did you mean 'is_striking'?)").startswith(
        'is_strking"'
    )
    assert at("bad formula: unknown name 'valeu' (did you mean 'value'?)").startswith('valeu"')
    assert at("bad formula: invalid formula syntax").startswith('"}')
    assert len(found) == 5
