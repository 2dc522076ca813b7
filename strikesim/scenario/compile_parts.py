"""Compiling the state side of a scenario: variables, effects and events.

Split from :mod:`strikesim.scenario.compile` (which assembles the whole
:class:`GameSpec`): here the core variables of :mod:`strikesim.engine.core` are
merged with the scenario's overrides, derived-variable cycles are found,
effect maps are parsed (``"+x"`` add, ``"=x"`` set, ``"*x"`` multiply) and
variables nobody reads are reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

import numpy as np

from strikesim.engine import core
from strikesim.engine import spec as S
from strikesim.scenario import formula as F
from strikesim.scenario.checks import Finding, error, warning
from strikesim.scenario.cycles import MAX_CHAIN_DEPTH, chain_depth
from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.model import EventModel, ScenarioModel

__all__ = ["compile_effects", "compile_event", "compile_variables"]

from strikesim.scenario.references import CORE_IDS


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
    union_var, studio_var = core.FUNDS_VARIABLES
    funds = {
        union_var: model.parties.union.funds if model.parties else None,
        studio_var: model.parties.studio.funds if model.parties else None,
    }
    out: list[S.VariableSpec] = []
    graph: dict[str, set[str]] = {}
    formula_path: dict[str, tuple[str | int, ...]] = {}
    for cv in core.CORE_VARIABLES:
        base: dict[str, Any] = {
            "label": cv.label, "unit": cv.unit, "owner": cv.owner, "description": cv.description,
            "initial": cv.initial, "min": cv.lo, "max": cv.hi, "favours": None,
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
            if ov.favours is not None and _has_built_in_side(cv.id):
                fc.findings.append(
                    warning(
                        (*path, "favours"),
                        f"core variable '{cv.id}' already has a side the negotiators know "
                        "(it is built in); 'favours' is ignored",
                    )
                )
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
            "min": v.min, "max": v.max, "favours": v.favours,
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
    depth, deepest = chain_depth({v: deps & derived for v, deps in graph.items()})
    if depth > MAX_CHAIN_DEPTH:
        fc.findings.append(
            error(
                formula_path.get(deepest, ("variables",)),
                f"derived variable '{deepest}' starts a chain of {depth} derived variables "
                f"reading each other; at most {MAX_CHAIN_DEPTH} are allowed",
            )
        )
    return out


def _has_built_in_side(var_id: str) -> bool:
    """Whether the negotiators' pressure choices already know the core variable's side."""
    from strikesim.ai.pressure import UNION_GOOD

    return var_id in UNION_GOOD


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
        favours=b["favours"] or "neutral",
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
        ev.repeat, eff, ev.favours, ev.category, ev.date or "", ev.every,
    )  # fmt: skip
