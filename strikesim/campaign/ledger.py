"""The campaign ledger at work: carry into a stage, record out of it, branch, close.

The ledger is a flat mapping of names to floats. Before a stage, its ``carry``
formulas (over ledger names, evaluated once on plain floats) replace starting
values of the stage's scenario, which is then compiled again into the
:class:`GameSpec` the stage plays. When the stage ends, its ``record`` formulas
read the finished game's results (:func:`results_namespace`) and write the new
ledger all at once; ``next`` then picks the following stage. After the last
stage, epilogues and the summary table are rendered from the final ledger.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from strikesim.campaign.scenarios import scenario_info
from strikesim.campaign.spec import Campaign, Stage
from strikesim.campaign.text import fill, format_number, ledger_label, ledger_value
from strikesim.engine import GameSpec, Outcome, State, utilities
from strikesim.engine.spec import STUDIO, UNION, Formula, Namespace
from strikesim.scenario.compile import compile_model
from strikesim.scenario.diagnostics import Diagnostic, ScenarioError, Severity
from strikesim.scenario.model import VariableModel
from strikesim.units import with_unit

__all__ = [
    "Ledger",
    "carried_values",
    "changes",
    "epilogue_texts",
    "evaluate",
    "intro_text",
    "next_stage",
    "record_stage",
    "results_namespace",
    "shown_entry",
    "stage_spec",
    "summary_table",
]

Ledger = Mapping[str, float]


def evaluate(formula: Formula, ns: Namespace) -> float:
    """A formula's value on a namespace of plain floats (conditions give 0.0 or 1.0)."""
    with np.errstate(all="ignore"):
        return float(np.asarray(formula(ns), dtype=np.float64).reshape(-1)[0])


def _holds(formula: Formula | None, ledger: Ledger) -> bool:
    return formula is None or evaluate(formula, ledger) != 0.0


def _finite(value: float, stage: Stage, part: str, name: str) -> float:
    """``value``, or a :class:`ScenarioError` naming the formula that gave inf or nan."""
    if not math.isfinite(value):
        message = f"'{name}' evaluated to {value} (not a finite number) in play"
        path = f"stages[{stage.index}].{part}.{name}"
        raise ScenarioError([Diagnostic(Severity.ERROR, stage.source, 0, 0, path, message)])
    return value


def carried_values(stage: Stage, ledger: Ledger) -> tuple[dict[str, float], dict[str, float]]:
    """The starting values ``(variables, params)`` the stage's carry sets from ``ledger``.

    Variable values are clipped to the variable's bounds in the scenario.
    """
    spec = scenario_info(stage.scenario_path).spec
    variables = {}
    for vid, f in stage.carry_variables.items():
        var = spec.variables[spec.var_index[vid]]
        value = _finite(evaluate(f, ledger), stage, "carry.variables", vid)
        if var.lo is not None:
            value = max(value, var.lo)
        if var.hi is not None:
            value = min(value, var.hi)
        variables[vid] = value
    params = {
        p: _finite(evaluate(f, ledger), stage, "carry.params", p)
        for p, f in stage.carry_params.items()
    }
    return variables, params


def stage_spec(stage: Stage, ledger: Ledger) -> GameSpec:
    """The scenario of ``stage`` with its starting values carried from ``ledger``.

    Without carry this is the scenario as shipped. Otherwise the merged model
    gets new ``initial`` values (a ``{id, initial}`` entry is added for a core
    variable the scenario does not list) and parameters, and is compiled again.
    """
    info = scenario_info(stage.scenario_path)
    variables, params = carried_values(stage, ledger)
    if not variables and not params:
        return info.spec
    model = info.model
    listed = {v.id for v in model.variables}
    new_vars = [
        v.model_copy(update={"initial": variables[v.id]}) if v.id in variables else v
        for v in model.variables
    ]
    new_vars += [
        VariableModel(id=vid, initial=x) for vid, x in variables.items() if vid not in listed
    ]
    model = model.model_copy(update={"variables": new_vars, "params": {**model.params, **params}})
    spec, findings = compile_model(model)
    if spec is None:
        raise ScenarioError(
            Diagnostic(Severity.ERROR, str(stage.scenario_path), 0, 0, ".".join(map(str, f.path)),
                       f"after carry from stage '{stage.id}': {f.message}")
            for f in findings
            if f.severity == Severity.ERROR
        )  # fmt: skip
    return spec


def results_namespace(
    spec: GameSpec, state: State, before: Ledger, index: int = 0
) -> dict[str, float]:
    """What ``record`` formulas read about game ``index`` of a finished ``state``.

    Every variable and parameter, ``guardrail`` and ``contract_<term>`` of the
    contract in force, the outcome metrics, ``deal_<issue>`` (the contract's
    level values) and ``campaign_<name>`` (the ledger before the stage).
    """
    ns: dict[str, float] = {k: float(v) for k, v in spec.params.items()}
    row = state.values[index]
    ns.update({v.id: float(row[j]) for j, v in enumerate(spec.variables)})
    contract = np.asarray(state.contract[index], dtype=np.int16)
    issue_values = {i.id: float(i.values[int(contract[j])]) for j, i in enumerate(spec.issues)}
    terms_ns: dict[str, float] = {**ns, **issue_values}
    terms = {t: evaluate(f, terms_ns) for t, f in spec.projection.contract_terms.items()}
    ns["guardrail"] = terms.get("guardrail", 0.0)
    ns.update({f"contract_{t}": x for t, x in terms.items()})
    ns.update({f"deal_{k}": x for k, x in issue_values.items()})
    outcome = Outcome(int(state.outcome[index]))
    u = utilities(spec, contract[None, :])[0]
    ns["outcome"] = float(int(outcome))
    ns["outcome_deal"] = 1.0 if outcome == Outcome.DEAL_RATIFIED else 0.0
    ns["strike_weeks"] = float(state.strike_weeks[index])
    ns["end_week"] = float(state.end_week[index])
    ns["union_utility"] = float(u[UNION])
    ns["studio_utility"] = float(u[STUDIO])
    ns["economic_loss"] = ns.get("economic_loss", 0.0)
    ns.update({f"campaign_{k}": float(x) for k, x in before.items()})
    return ns


def record_stage(stage: Stage, before: Ledger, results: Mapping[str, float]) -> dict[str, float]:
    """The ledger after ``stage``: every record formula evaluated, then written at once."""
    written = {
        name: _finite(evaluate(f, results), stage, "record", name)
        for name, f in stage.record.items()
    }
    return {**before, **written}


def next_stage(stage: Stage, ledger: Ledger) -> str | None:
    """The id of the first branch whose condition holds, or None (the campaign ends)."""
    return next((b.stage for b in stage.next if _holds(b.when, ledger)), None)


def intro_text(stage: Stage, ledger: Ledger) -> str:
    """The stage's intro with placeholders filled from ``ledger`` and its intro values."""
    values: dict[str, float | str] = dict(ledger)
    for name, choices in stage.intro_values.items():
        values[name] = next((c.text for c in choices if _holds(c.when, ledger)), "")
    return fill(stage.intro, values).strip()


def epilogue_texts(campaign: Campaign, ledger: Ledger) -> list[tuple[str, str]]:
    """``(title, text)`` of every epilogue whose condition holds, in file order."""
    return [
        (fill(e.title, ledger).strip(), fill(e.text, ledger).strip())
        for e in campaign.epilogues
        if _holds(e.when, ledger)
    ]


def shown_entry(campaign: Campaign, name: str, value: float) -> tuple[str, str]:
    """``(label, value text)`` of ledger entry ``name`` as players see it: with the
    campaign's ``ledger_display`` label, format and unit, else the name in words."""
    shown = campaign.ledger_display.get(name)
    if shown is None:
        return ledger_label(name), ledger_value(value)
    text = format_number(value, shown.format) if shown.format else ledger_value(value)
    return shown.label, with_unit(text, shown.unit)


def summary_table(campaign: Campaign, ledger: Ledger) -> list[tuple[str, str]]:
    """``(label, formatted value)`` of every summary row on ``ledger``.

    A unit is a suffix (``"%"`` is written without a space); a unit starting
    with ``$`` puts the dollar sign in front (``$M`` -> ``$4,349M``).
    """
    return [
        (row.label, with_unit(format_number(evaluate(row.value, ledger), row.format), row.unit))
        for row in campaign.summary_rows
    ]


def changes(before: Ledger, after: Ledger) -> list[tuple[str, float, float]]:
    """``(name, before, after)`` of every ledger entry the stage changed, in ledger order."""
    return [(k, before[k], after[k]) for k in after if before.get(k) != after[k]]
