"""The scenarios a campaign plays: loaded once, plus the names a stage's formulas see.

A stage's scenario is loaded as its merged, validated model (so carry can
replace starting values and compile it again) and as the compiled
:class:`GameSpec` the stage would play without carry (for its variable ids,
bounds, parameters, contract terms and issues). Both are cached by file and
modification time: a campaign run compiles each scenario once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from strikesim.engine.spec import GameSpec
from strikesim.errors import ScenarioError
from strikesim.scenario.compile import compile_model
from strikesim.scenario.load import load_model, stamped
from strikesim.scenario.model import ScenarioModel

__all__ = ["RESULT_NAMES", "AbstractScenario", "ScenarioInfo", "record_names", "scenario_info"]

RESULT_NAMES = (
    "guardrail",
    "outcome",
    "outcome_deal",
    "strike_weeks",
    "end_week",
    "union_utility",
    "studio_utility",
    "economic_loss",
)
"""Names every record namespace holds besides variables, parameters, contract
terms, ``deal_<issue>`` and ``campaign_<ledger name>``."""


class AbstractScenario(ScenarioError):
    """The scenario is an abstract base (for ``extends:``) and cannot be played."""

    def __init__(self, scenario_id: str) -> None:
        super().__init__((), f"scenario '{scenario_id}' is an abstract base and cannot be played")
        self.scenario_id = scenario_id


@dataclass(frozen=True)
class ScenarioInfo:
    """One scenario file as a campaign uses it."""

    path: Path
    model: ScenarioModel
    spec: GameSpec


_CACHE: dict[tuple[Path, int], ScenarioInfo] = {}


def scenario_info(path: Path) -> ScenarioInfo:
    """Load (or reuse) the scenario at ``path``; raises :class:`ScenarioError`.

    Abstract scenarios raise :class:`AbstractScenario`: they cannot be played.
    """
    resolved = path.resolve()
    key = (resolved, resolved.stat().st_mtime_ns)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    model, _warnings = load_model(resolved)
    if model.abstract:
        raise AbstractScenario(model.id)
    spec, _findings = compile_model(model)
    if spec is None:  # load_model compiles too, so its errors were raised already
        raise RuntimeError(f"scenario {resolved} passed loading but did not compile")
    info = ScenarioInfo(resolved, model, stamped(spec, model, resolved))
    _CACHE[key] = info
    return info


def record_names(spec: GameSpec, ledger: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Every name a ``record`` formula of a stage playing ``spec`` may read."""
    names = set(RESULT_NAMES)
    names.update(v.id for v in spec.variables)
    names.update(spec.params)
    names.update(f"contract_{t}" for t in spec.projection.contract_terms)
    names.update(f"deal_{i.id}" for i in spec.issues)
    names.update(f"campaign_{n}" for n in ledger)
    return frozenset(names)
