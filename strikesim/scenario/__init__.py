"""Scenario files: hardened YAML -> validated model -> compiled :class:`GameSpec`.

Public surface::

    load_scenario("wga-2023")              # shipped id or path -> GameSpec
    validate_path("scenarios/")            # -> list[Diagnostic] (errors, warnings, hints)
    list_scenarios()                       # ids of playable shipped scenarios
    resource_path("assets")                # data folders, in a checkout or a wheel
    scenario_json_schema(), reference_markdown()
"""

from __future__ import annotations

from typing import Any

from strikesim.scenario.diagnostics import Diagnostic, ScenarioError, Severity
from strikesim.scenario.load import load_model, load_scenario, resolve_scenario, validate_path
from strikesim.scenario.model import ScenarioModel
from strikesim.scenario.resources import list_scenarios, resource_path, scenario_file

__all__ = [
    "Diagnostic",
    "ScenarioError",
    "ScenarioModel",
    "Severity",
    "list_scenarios",
    "load_model",
    "load_scenario",
    "reference_markdown",
    "resolve_scenario",
    "resource_path",
    "scenario_file",
    "scenario_json_schema",
    "validate_path",
]


def __getattr__(name: str) -> Any:
    # The schema helpers are imported on first use, so that
    # ``python -m strikesim.scenario.schema`` (which regenerates the docs)
    # does not find its own module already imported.
    if name in ("reference_markdown", "scenario_json_schema"):
        from strikesim.scenario import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
