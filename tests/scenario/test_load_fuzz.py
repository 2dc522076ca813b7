"""Random damage to a valid scenario never escapes as anything but ScenarioError."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikesim.engine.spec import GameSpec
from strikesim.scenario import ScenarioError, load_scenario, validate_path
from strikesim.scenario.diagnostics import Diagnostic

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml"
BASE: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from([float("inf"), float("-inf"), 1e308, -1e-308, 10**30]),
    st.sampled_from(["week", "value", "ban", "none", "morale", "1/0", "x ** 99", "union"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            out += _paths(child, (*prefix, index))
    return out


PATHS = [p for p in _paths(BASE) if p]


def _damage(data: dict[str, Any], path: tuple[Any, ...], value: Any, delete: bool) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(PATHS), values, st.booleans()), min_size=1, max_size=3
    )
)
def test_damaged_scenario_gives_only_diagnostics(tmp_path: Path, changes: list[Any]) -> None:
    data = copy.deepcopy(BASE)
    for path, value, delete in changes:
        try:
            _damage(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced this path
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    diagnostics = validate_path(path)
    assert all(isinstance(d, Diagnostic) and d.format() for d in diagnostics)
    try:
        spec = load_scenario(path)
    except ScenarioError as exc:
        assert exc.diagnostics
    else:
        assert isinstance(spec, GameSpec)
