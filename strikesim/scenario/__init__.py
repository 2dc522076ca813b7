"""Scenario files: hardened YAML -> validated model -> compiled :class:`GameSpec`.

Public surface::

    load_scenario("wga-2023")              # shipped id or path -> GameSpec
    validate_path("scenarios/")            # -> list[Diagnostic] (errors, warnings, hints)
    list_scenarios()                       # ids of playable shipped scenarios
    resource_path("assets")                # data folders, in a checkout or a wheel
    scenario_json_schema(), reference_markdown()
"""

from __future__ import annotations

from strikesim.scenario.diagnostics import Diagnostic, ScenarioError, Severity
from strikesim.scenario.load import load_model, load_scenario, resolve_scenario, validate_path
from strikesim.scenario.model import ScenarioModel
from strikesim.scenario.resources import list_scenarios, resource_path, scenario_file
from strikesim.scenario.schema import reference_markdown, scenario_json_schema

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
