"""validate => plays: a scenario validate accepts runs without a traceback.

``scenarios/`` keeps every hostile file found so far, each pinned by its first
line (``# expect: ok`` or a part of its first error). A property test mutates a
shipped scenario's numbers, weeks and dates (hypothesis, fixed seed, bounded
count) and plays each variant that validates for a few weeks, AI against AI and
with a person walking out.
"""

from __future__ import annotations

import math
import resource
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikesim.engine import Move
from strikesim.errors import ScenarioError
from strikesim.records import Seat
from strikesim.scenario import Severity, load_scenario, validate_path
from strikesim.scenario.resources import scenario_file
from strikesim.scenario.yaml_source import load_yaml
from strikesim.session import Decision, Session

CORPUS = Path(__file__).parent / "scenarios"
FILES = sorted(CORPUS.glob("*.yaml"))


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name}: first line must be '# expect: ...'"
    return first.removeprefix("# expect: ")


def play_a_little(path: Path | str, weeks: int = 4) -> None:
    """AI against AI for ``weeks`` weeks, then a person who walks out at once."""
    spec = load_scenario(path)
    union, studio = spec.default_negotiators
    ai = Session(spec, (Seat("ai", union), Seat("ai", studio)), seed=1)
    for _ in range(weeks):
        if ai.is_over:
            break
        ai.advance()
    person = Session(spec, (Seat("human"), Seat("ai", studio)), seed=2)
    if Move.WALK_OUT in person.legal_move_names(0):
        person.submit(0, Decision(Move.WALK_OUT))
        person.advance()
    for _ in range(2):
        if person.is_over:
            break
        person.submit(0, Decision(Move.HOLD))
        person.advance()
    for value in ai.values().values():
        assert not math.isnan(value)


def test_the_corpus_has_accepted_and_refused_files() -> None:
    expectations = [_expected(p) for p in FILES]
    assert "ok" in expectations and len(set(expectations)) > 5


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_hostile_file_is_refused_clearly_or_plays(path: Path) -> None:
    expected = _expected(path)
    diagnostics = validate_path(path)
    errors = [d.format() for d in diagnostics if d.severity is Severity.ERROR]
    if expected == "ok":
        assert errors == []
        play_a_little(path)
    else:
        assert errors and expected in errors[0], errors
        assert all("\x1b" not in e and "\x00" not in e for e in errors)
        with pytest.raises(ScenarioError):
            load_scenario(path)


# ---- property: mutated shipped scenarios ---------------------------------------

BASE = scenario_file("classroom-quick")
assert BASE is not None
BASE_DATA: dict[str, Any] = load_yaml(BASE).data

TARGETS: list[tuple[str | int, ...]] = [
    ("phases", "walkout_weeks"),
    ("phases", "max_weeks"),
    ("phases", "expiry_week"),
    ("phases", "ratification", "weeks"),
    ("phases", "authorization", "week"),
    ("actions", "union", 0, "cooldown"),
    ("actions", "studio", 0, "cooldown"),
    ("events", 0, "week"),
    ("parties", "union", "funds"),
    ("parties", "studio", "funds"),
    ("parties", "union", "members"),
    ("variables", 0, "initial"),
    ("issues", 0, "range", "max"),
    ("issues", 0, "range", "step"),
    ("start_date",),
]
NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.integers(-3, 600),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 519, 520, 521, 2**31, 2**63, 1e12, 1e13, -1e12, 1e308]),
)
DATES = st.sampled_from(["9999-12-31", "0001-01-01", "2023-02-30", "2999-12-31", "1800-01-01"])


def _mutated(changes: list[tuple[tuple[str | int, ...], Any]]) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(yaml.safe_dump(BASE_DATA))
    for path, value in changes:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    data["id"] = "mutant"
    return data


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(TARGETS), NUMBERS),
        min_size=1,
        max_size=3,
    ),
    DATES,
    st.booleans(),
)
def test_every_variant_validate_accepts_plays(
    tmp_path: Path, changes: list[tuple[tuple[str | int, ...], Any]], date: str, new_date: bool
) -> None:
    if new_date:
        changes = [*changes, (("start_date",), date)]
    changes = [(p, v) for p, v in changes if p != ("start_date",) or isinstance(v, str)]
    folder = tmp_path / "mutant"
    folder.mkdir(exist_ok=True)
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(_mutated(changes), allow_unicode=True), encoding="utf-8")
    diagnostics = validate_path(path)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        with pytest.raises(ScenarioError):
            load_scenario(path)
        return
    play_a_little(path, weeks=3)


# ---- bounded work ----------------------------------------------------------------


def _many_misspellings(count: int) -> str:
    lines = ["format_version: 1", "id: dym", "title: Misspelt", "extends: classroom-quick",
             "variables:"]  # fmt: skip
    for i in range(count):
        lines.append(f"  - {{id: variable_number_{i}, formula: 'varaible_number_{i} + 1'}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("count", [1400])
def test_a_file_under_100_kb_validates_within_2_s_and_500_mb(tmp_path: Path, count: int) -> None:
    path = tmp_path / "dym" / "scenario.yaml"
    path.parent.mkdir()
    path.write_text(_many_misspellings(count), encoding="utf-8")
    assert path.stat().st_size < 100_000
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.process_time()
    found = validate_path(path)
    took = time.process_time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert len(found) >= count
    assert took < 2.0, f"validate took {took:.1f} s of CPU"
    assert peak_mb < 500 + before.ru_maxrss / 1024
