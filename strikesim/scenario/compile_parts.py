"""Compiling the state side of a scenario: variables, effects and events.

Split from :mod:`strikesim.scenario.compile` (which assembles the whole
:class:`GameSpec`): here the core variables of :mod:`strikesim.engine.core` are
merged with the scenario's overrides, derived-variable cycles are found,
effect maps are parsed (``"+x"`` add, ``"=x"`` set, ``"*x"`` multiply) and
variables nobody reads are reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

import numpy as np

from strikesim.engine import core
from strikesim.engine import spec as S
from strikesim.scenario import formula as F
from strikesim.scenario.checks import Finding, error, warning
from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.model import EventModel, ScenarioModel

__all__ = [
    "CORE_IDS",
    "METRICS",
    "check_expectations",
    "compile_effects",
    "compile_event",
    "compile_variables",
    "default_negotiators",
    "unused_variables",
]

CORE_IDS = frozenset(v.id for v in core.CORE_VARIABLES)
METRICS = (
    "strike_weeks", "end_week", "outcome_deal", "union_utility", "studio_utility",
)  # fmt: skip
"""Expectation metrics besides ``deal_<issue>`` and any variable id."""
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Compiler(Protocol):
    findings: list[Finding]

    def __call__(
        self,
        source: str,
        names: frozenset[str],
        path: tuple[str | int, ...],
        *,
        kind: Literal["number", "condition"] = "number",
        offset: int = 0,
    ) -> S.Formula | None: ...


def _core_derived_deps(var_id: str) -> frozenset[str]:
    return core.CORE_DERIVED[var_id][1] if var_id in core.CORE_DERIVED else frozenset()


def compile_variables(
    model: ScenarioModel, names: frozenset[str], fc: Compiler
) -> list[S.VariableSpec]:
    """Core variables with overrides, then the scenario's own, in that order."""
    overrides = {v.id: (k, v) for k, v in enumerate(model.variables)}
    funds = {
        "strike_fund": model.parties.union.funds if model.parties else None,
        "studio_cash": model.parties.studio.funds if model.parties else None,
    }
    out: list[S.VariableSpec] = []
    graph: dict[str, set[str]] = {}
    formula_path: dict[str, tuple[str | int, ...]] = {}
    for cv in core.CORE_VARIABLES:
        base: dict[str, Any] = {
            "label": cv.label, "unit": cv.unit, "owner": cv.owner, "description": cv.description,
            "initial": cv.initial, "min": cv.lo, "max": cv.hi,
        }  # fmt: skip
        if funds.get(cv.id) is not None:
            base["initial"] = funds[cv.id]
        k, ov = overrides.get(cv.id, (None, None))
        upd = frm = None
        vis = (True, True)
        if ov is not None and k is not None:
            for key in base:
                if getattr(ov, key) is not None:
                    base[key] = getattr(ov, key)
            path: tuple[str | int, ...] = ("variables", k)
            if ov.update is not None and cv.derived:
                fc.findings.append(
                    error(
                        (*path, "update"),
                        f"core variable '{cv.id}' is derived (recomputed every week); "
                        "give it a 'formula', not an 'update'",
                    )
                )
            upd = _var_formula(ov.update, names, (*path, "update"), fc)
            frm = _var_formula(ov.formula, names, (*path, "formula"), fc)
            vis = _visibility(ov.visible_to)
            if ov.formula is not None:
                formula_path[cv.id] = (*path, "formula")
        if frm is not None:
            graph[cv.id] = set(frm.names)
        elif cv.derived:
            graph[cv.id] = set(_core_derived_deps(cv.id))
        out.append(_spec(cv.id, base, upd, frm, True, vis))
    for k, v in enumerate(model.variables):
        if v.id in CORE_IDS:
            continue
        path = ("variables", k)
        if v.update is not None and v.formula is not None:
            fc.findings.append(error(path, "give either 'update' or 'formula', not both"))
        upd = _var_formula(v.update, names, (*path, "update"), fc)
        frm = _var_formula(v.formula, names, (*path, "formula"), fc)
        if frm is not None:
            graph[v.id] = set(frm.names)
            formula_path[v.id] = (*path, "formula")
        base = {
            "label": v.label or v.id, "unit": v.unit or "", "owner": v.owner or "industry",
            "description": v.description or "", "initial": v.initial or 0.0,
            "min": v.min, "max": v.max,
        }  # fmt: skip
        out.append(_spec(v.id, base, upd, frm, False, _visibility(v.visible_to)))
    for spec in out:
        if spec.lo is not None and spec.hi is not None and spec.lo > spec.hi:
            k, _ = overrides.get(spec.id, (None, None))
            where: tuple[str | int, ...] = ("variables", k) if k is not None else ("variables",)
            fc.findings.append(error(where, f"variable '{spec.id}': min is above max"))
        elif (spec.lo is not None and spec.initial < spec.lo) or (
            spec.hi is not None and spec.initial > spec.hi
        ):
            k, _ = overrides.get(spec.id, (None, None))
            where = ("variables", k) if k is not None else ("variables",)
            message = f"variable '{spec.id}': initial value {spec.initial:g} is outside its bounds"
            fc.findings.append(warning(where, message + "; it is clipped on the first update"))
    derived = set(graph)
    for cycle in F.dependency_cycles({v: deps & derived for v, deps in graph.items()}):
        where = next((formula_path[v] for v in cycle if v in formula_path), ("variables",))
        fc.findings.append(
            error(where, "cycle between derived variables: " + " -> ".join([*cycle, cycle[0]]))
        )
    return out


def _var_formula(
    source: str | None, names: frozenset[str], path: tuple[str | int, ...], fc: Compiler
) -> S.Formula | None:
    return None if source is None else fc(source, names, path)


def _visibility(sides: Sequence[str] | None) -> tuple[bool, bool]:
    if sides is None:
        return (True, True)
    return ("union" in sides, "studio" in sides)


def _spec(
    ident: str,
    b: Mapping[str, Any],
    upd: S.Formula | None,
    frm: S.Formula | None,
    is_core: bool,
    vis: tuple[bool, bool],
) -> S.VariableSpec:
    return S.VariableSpec(
        ident, b["label"], b["unit"], b["owner"], b["description"], float(b["initial"]),
        b["min"], b["max"], update=upd, formula=frm, core=is_core, visible_to=vis,
    )  # fmt: skip


def compile_effects(
    effects: Mapping[str, str],
    path: tuple[str | int, ...],
    var_ids: Sequence[str],
    names: frozenset[str],
    fc: Compiler,
) -> tuple[S.Effect, ...]:
    """Parse an effect map: '=x' sets, '*x' multiplies, anything else adds."""
    out = []
    for target, text in effects.items():
        if target not in var_ids:
            fc.findings.append(
                error(
                    (*path, target),
                    f"effect on unknown variable '{target}'",
                    value=target,
                    expected="a variable id",
                    hint=did_you_mean(target, var_ids),
                    at_key=True,
                )
            )
            continue
        stripped = text.lstrip()
        lead = len(text) - len(stripped)
        op: Literal["add", "set", "mul"] = "add"
        if stripped[:1] in ("=", "*"):
            op = "set" if stripped[0] == "=" else "mul"
            stripped, lead = stripped[1:], lead + 1
        f = fc(stripped, names, (*path, target), offset=lead)
        if f is not None:
            out.append(S.Effect(target, op, f))
    return tuple(out)


def _and(week: int, cond: S.Formula | None) -> S.Formula:
    def fn(ns: Mapping[str, Any]) -> Any:
        at = np.asarray(ns["week"]) == week
        return at if cond is None else np.logical_and(at, cond(ns))

    src = f"week == {week}" + ("" if cond is None else f" and ({cond.source})")
    used = frozenset({"week"}) | (cond.names if cond is not None else frozenset())
    return S.Formula(src, used, fn)


def compile_event(
    ev: EventModel, k: int, var_ids: Sequence[str], names: frozenset[str], fc: Compiler
) -> S.EventSpec:
    path = ("events", k)
    cond = None
    if ev.condition is not None:
        cond = fc(ev.condition, names, (*path, "condition"), kind="condition")
    if ev.week is not None:
        cond = _and(ev.week, cond)
    chance = fc(ev.chance, names, (*path, "chance"))
    eff = compile_effects(ev.effects, (*path, "effects"), var_ids, names, fc)
    return S.EventSpec(
        ev.id, ev.headline, ev.body, cond, chance,  # type: ignore[arg-type]
        ev.repeat, eff, ev.favours, ev.category, ev.date or "",
    )  # fmt: skip


def _formula_texts(model: ScenarioModel) -> list[str]:
    texts: list[str] = [model.phases.authorization.yes, model.phases.ratification.yes]
    texts += [model.phases.union_capitulates, model.phases.studio_capitulates]
    if model.parties:
        texts += [model.parties.union.reservation, model.parties.studio.reservation]
    for v in model.variables:
        texts += [t for t in (v.update, v.formula) if t]
    for a in [*model.actions.union, *model.actions.studio]:
        texts += [a.condition, *a.cost.values(), *a.effects.values()]
    for ev in model.events:
        texts += [ev.condition or "", ev.chance, *ev.effects.values()]
    for o in [*model.objectives.union, *model.objectives.studio]:
        texts.append(o.formula)
    return texts


def unused_variables(model: ScenarioModel) -> list[Finding]:
    """Warnings for added variables and parameters that nothing reads.

    A misspelled core id (``strike_fnd``) silently adds a new variable or
    parameter instead of overriding the core one, so these warnings carry a
    did-you-mean hint towards the core names.
    """
    read: set[str] = set()
    for text in _formula_texts(model):
        read.update(_NAME_RE.findall(text))
    read.update(x.metric for x in model.expectations)
    found = [
        warning(
            ("variables", k, "id"),
            f"variable '{v.id}' is never read by any formula, objective or expectation",
            hint=did_you_mean(v.id, CORE_IDS),
        )
        for k, v in enumerate(model.variables)
        if v.id not in CORE_IDS and v.id not in read
    ]
    found += [
        warning(
            ("params", name),
            f"parameter '{name}' is not a core parameter and no formula reads it",
            hint=did_you_mean(name, core.CORE_PARAMS),
            at_key=True,
        )
        for name in model.params
        if name not in core.CORE_PARAMS and name not in read
    ]
    return found


def check_personalities(model: ScenarioModel) -> list[Finding]:
    """Tactic names and tactic parameters must be ones the AI knows."""
    from strikesim.ai.agent import DEFAULTS, TACTICS  # the AI owns the tactic registry
    from strikesim.ai.registry import BUILTINS, SCRIPTED

    tactics = (*TACTICS, SCRIPTED)
    found: list[Finding] = []
    for k, p in enumerate(model.personalities):
        if p.tactic not in tactics:
            found.append(
                error(
                    ("personalities", k, "tactic"),
                    f"unknown tactic '{p.tactic}'",
                    value=p.tactic,
                    expected="one of " + ", ".join(tactics),
                    hint=did_you_mean(p.tactic, tactics),
                )
            )
        for name in p.params:
            if name not in DEFAULTS:
                found.append(
                    error(
                        ("personalities", k, "params", name),
                        f"unknown tactic parameter '{name}'",
                        value=name,
                        expected="one of " + ", ".join(sorted(DEFAULTS)),
                        hint=did_you_mean(name, DEFAULTS),
                        at_key=True,
                    )
                )
    if model.negotiators is not None:
        found += _check_negotiators(model, BUILTINS, SCRIPTED)
    return found


def _check_negotiators(
    model: ScenarioModel, builtins: Mapping[str, object], scripted: str
) -> list[Finding]:
    assert model.negotiators is not None
    found: list[Finding] = []
    known = {p.id: p for p in model.personalities}
    for side in ("union", "studio"):
        name = getattr(model.negotiators, side)
        usable = [p for p in known if known[p].side in (None, side)] + list(builtins)
        if any(o.side == side for o in model.scripted_offers):
            usable.append(scripted)
        if name in known and known[name].side not in (None, side):
            message = f"personality '{name}' plays the {known[name].side}"
            found.append(error(("negotiators", side), message, value=name))
        elif name not in usable:
            found.append(
                error(
                    ("negotiators", side),
                    f"unknown personality '{name}'",
                    value=name,
                    expected="a personality id or a built-in negotiator",
                    hint=did_you_mean(name, usable),
                )
            )
    return found


def check_expectations(model: ScenarioModel, var_ids: Sequence[str]) -> list[Finding]:
    known = {*METRICS, *var_ids, *(f"deal_{i.id}" for i in model.issues)}
    return [
        error(
            ("expectations", k, "metric"),
            f"unknown metric '{x.metric}'",
            value=x.metric,
            expected="strike_weeks, end_week, outcome_deal, union_utility, studio_utility, "
            "deal_<issue id> or a variable id",
            hint=did_you_mean(x.metric, known),
        )
        for k, x in enumerate(model.expectations)
        if x.metric not in known
    ]


def default_negotiators(model: ScenarioModel, fallback: str = "time_dependent") -> tuple[str, str]:
    """The personalities playing each side by default (``negotiators:`` or the first fitting)."""
    if model.negotiators is not None:
        return (model.negotiators.union, model.negotiators.studio)
    picks = []
    for side in ("union", "studio"):
        fit = [p.id for p in model.personalities if p.side in (None, side)]
        picks.append(fit[0] if fit else fallback)
    return (picks[0], picks[1])
