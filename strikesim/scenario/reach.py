"""Does every number matter? What reaches an outcome, and what is only scenery.

A variable *matters* when a chain of formulas carries it to something that
decides the game or its aftermath (an **outcome**): a vote, an end condition,
a reservation, an objective (a score), a side's result, what the computer
negotiators read, or where the post-deal projection starts. The chain runs
through scenario formulas, the built-in core equations (traced once by calling
each with a recording namespace) and the effects of actions and events (an
effect makes its target depend on what the effect, the condition and the
chance read).

:func:`reach_findings` warns about

* a variable no chain carries to an outcome (unless ``display_only: true``
  says it is shown to players on purpose), naming what reads it;
* an action or event that changes variables and every change lands on such
  variables (placebo content);
* a parameter the scenario sets that nothing relevant reads;
* a contract term neither the projection nor any formula reads;
* a projection scale at odds with the parties (exposed jobs above the
  industry's jobs, AI savings above the studio's operating income, the core's
  industry-wide defaults under a scenario that resizes the studio).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from strikesim.engine import core
from strikesim.engine.projection import PROJECTION_PARAMS, PROJECTION_TERMS
from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.findings import Finding, warning
from strikesim.scenario.model import ScenarioModel
from strikesim.scenario.references import CORE_IDS, formula_texts

__all__ = ["AI_READS", "CORE_DISPLAY_ONLY", "PROJECTION_STARTS", "core_reads", "reach_findings"]

AI_READS = frozenset({
    "union_cost", "studio_cost", "solidarity", "public_support_union", "production_level",
    "member_expectation", "ai_capability", "strike_fund", "hardship", "studio_cash",
    "content_stock", "subscribers", "rejected_deal", "union_result", "studio_result",
})  # fmt: skip
"""Variables the negotiators' position, view and the end checks read (docs/model.md §6)."""

PROJECTION_STARTS = frozenset({
    "ai_orders", "ai_adoption", "employment", "content_stock", "subscribers",
    "digital_replicas", "ai_investment",
})  # fmt: skip
"""Variables whose final values start the post-deal projection."""

CORE_DISPLAY_ONLY = frozenset({"economic_loss", "share_price", "public_support_studio"})
"""Core variables shown to players as the dispute's toll or mood, not inputs of any outcome."""

_SAVING_BAR = 2.0
"""Most a full AI takeover of the exposed jobs may add to the studio's yearly operating
income, as a multiple of it: the savings are wages no longer paid, a share of costs."""

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Tracer(dict[str, Any]):
    """A namespace answering every name with ones and remembering what was read."""

    def __init__(self) -> None:
        super().__init__()
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return np.ones(2)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key]

    def __contains__(self, key: object) -> bool:
        return True


@functools.cache
def core_reads() -> Mapping[str, frozenset[str]]:
    """Core variable -> the names its built-in equation reads."""
    out = {}
    with np.errstate(all="ignore"):
        derived = {k: fn for k, (fn, _) in core.CORE_DERIVED.items()}
        for name, fn in {**core.CORE_UPDATES, **derived}.items():
            ns = _Tracer()
            fn(ns)
            out[name] = frozenset(ns.read - {name})
    return out


def _names(texts: Iterable[str | None]) -> set[str]:
    out: set[str] = set()
    for t in texts:
        if t:
            out.update(_NAME_RE.findall(t))
    return out


def _effect_sources(model: ScenarioModel) -> list[tuple[Any, tuple[str | int, ...], str]]:
    """(item, path, kind) of every action and event."""
    out: list[tuple[Any, tuple[str | int, ...], str]] = []
    for side in ("union", "studio"):
        for k, a in enumerate(getattr(model.actions, side)):
            out.append((a, ("actions", side, k), "action"))
    out += [(ev, ("events", k), "event") for k, ev in enumerate(model.events)]
    return out


def _graph(model: ScenarioModel) -> dict[str, set[str]]:
    """name -> names it reads (edges of the reach search)."""
    reads = core_reads()
    graph: dict[str, set[str]] = {k: set(v) for k, v in reads.items()}
    for v in model.variables:
        if v.update or v.formula:
            graph[v.id] = _names([v.update, v.formula])
    for term, src in model.projection.contract_terms.items():
        graph[f"contract_{term}"] = _names([src])
    for item, _, _ in _effect_sources(model):
        trigger = _names([getattr(item, "condition", None), getattr(item, "chance", None)])
        for target, src in [*getattr(item, "cost", {}).items(), *item.effects.items()]:
            graph.setdefault(target, set()).update(_names([src]) | trigger)
    return graph


def _sinks(model: ScenarioModel) -> set[str]:
    ph = model.phases
    texts = [ph.authorization.yes, ph.ratification.yes, ph.union_capitulates,
             ph.studio_capitulates]  # fmt: skip
    if model.parties:
        texts += [model.parties.union.reservation, model.parties.studio.reservation]
    texts += [o.formula for o in [*model.objectives.union, *model.objectives.studio]]
    terms = {f"contract_{t}" for t in model.projection.contract_terms if t in PROJECTION_TERMS}
    return _names(texts) | AI_READS | PROJECTION_STARTS | terms


def _live(model: ScenarioModel, shown: bool = False) -> set[str]:
    """Names some chain carries to an outcome (``shown``: or to a display-only variable)."""
    graph = _graph(model)
    live: set[str] = set()
    todo = list(_sinks(model))
    if shown:
        todo += [v.id for v in model.variables if v.display_only] + list(CORE_DISPLAY_ONLY)
    while todo:
        name = todo.pop()
        if name in live:
            continue
        live.add(name)
        todo += graph.get(name, ())
    return live


def _readers(graph: Mapping[str, set[str]], name: str) -> list[str]:
    return sorted(k for k, deps in graph.items() if name in deps and k != name)


def _variable_findings(model: ScenarioModel, live: set[str]) -> list[Finding]:
    graph = _graph(model)
    listed = {v.id: k for k, v in enumerate(model.variables)}
    display = {v.id for v in model.variables if v.display_only}
    display |= CORE_DISPLAY_ONLY - {v.id for v in model.variables if v.display_only is False}
    ids = [*(v.id for v in core.CORE_VARIABLES), *(v.id for v in model.variables)]
    named = _names(_all_texts(model))
    found = []
    for vid in dict.fromkeys(ids):
        if vid in live or vid in display:
            continue
        readers = _readers(graph, vid)
        if vid not in listed and not any(vid in t for t in _written(model)):
            continue  # an untouched core variable the scenario never shows work on
        if not readers and vid not in CORE_IDS and vid not in named:
            continue  # references.unused_variables already says nothing reads it
        said = (
            f"read only by {', '.join(readers)}, which reach no outcome"
            if readers
            else ("read by nothing")
        )
        path: tuple[str | int, ...] = (
            ("variables", listed[vid], "id") if vid in listed else ("variables",)
        )
        found.append(
            warning(
                path,
                f"variable '{vid}' reaches no outcome ({said}); a vote, an end condition, a "
                "reservation, an objective, the negotiators or the projection would have to "
                "read it, directly or through another variable",
                expected="a formula on that chain that reads it, or display_only: true",
            )
        )
    return found


def _written(model: ScenarioModel) -> list[set[str]]:
    return [
        set(item.effects) | set(getattr(item, "cost", {})) for item, _, _ in _effect_sources(model)
    ]


def _placebo_findings(model: ScenarioModel, live: set[str]) -> list[Finding]:
    found = []
    for item, path, kind in _effect_sources(model):
        targets = set(item.effects) | set(getattr(item, "cost", {}))
        if targets and not targets & live:
            found.append(
                warning(
                    (*path, "effects"),
                    f"{kind} '{item.id}' changes only {', '.join(sorted(targets))}, which reach "
                    "no outcome: it is news without consequence",
                    expected="an effect on a variable that matters, or no effects",
                )
            )
    return found


def _param_findings(model: ScenarioModel, live: set[str]) -> list[Finding]:
    in_equations = set().union(*core_reads().values())
    engine_params = set(core.CORE_PARAMS) - in_equations
    found = []
    for name in model.params:
        if name in live or name in PROJECTION_PARAMS or name in engine_params:
            continue
        if name not in core.CORE_PARAMS and name not in _names(_all_texts(model)):
            continue  # references.unused_variables already says so
        found.append(
            warning(
                ("params", name),
                f"parameter '{name}' is read only by formulas that reach no outcome and show "
                "nothing",
                at_key=True,
            )
        )
    return found


def _all_texts(model: ScenarioModel) -> list[str]:
    return formula_texts(model)


def _term_findings(model: ScenarioModel) -> list[Finding]:
    read = _names(_all_texts(model))
    found = []
    for term in model.projection.contract_terms:
        if term in PROJECTION_TERMS or f"contract_{term}" in read:
            continue
        known = ", ".join(PROJECTION_TERMS)
        found.append(
            warning(
                ("projection", "contract_terms", term),
                f"contract term '{term}' reaches nothing: the projection reads only {known}, "
                f"and no formula reads contract_{term}",
                hint=did_you_mean(term, PROJECTION_TERMS),
                at_key=True,
            )
        )
    return found


def _scale_findings(model: ScenarioModel) -> list[Finding]:
    params = {k: p.default for k, p in core.CORE_PARAMS.items()}
    params.update({k: float(v) for k, v in model.params.items()})
    found = []
    jobs, e0 = params["exposed_jobs"], params["e0"]
    if jobs > e0:
        found.append(
            warning(
                ("params", "exposed_jobs"),
                f"{jobs:g} thousand jobs exposed to AI but the industry has only e0 = {e0:g} "
                "thousand",
                expected="exposed_jobs no larger than e0",
                at_key=True,
            )
        )
    saving = jobs * params["ai_saving_per_kjob"]
    income = 52.0 * params["weekly_operating_income"]
    if saving > _SAVING_BAR * income:
        found.append(
            warning(
                ("params", "ai_saving_per_kjob"),
                f"AI doing every exposed job would save the studio ${saving:,.0f}M a year, more "
                f"than twice its whole operating income (${income:,.0f}M a year)",
                expected="exposed_jobs x ai_saving_per_kjob at most 2 x 52 x "
                "weekly_operating_income",
                at_key=True,
            )
        )
    resized = "weekly_operating_income" in model.params
    scale_set = {"exposed_jobs", "e0"} & set(model.params)
    if resized and not scale_set:
        found.append(
            warning(
                ("params", "weekly_operating_income"),
                "the studio is resized but the projection keeps the core's industry-wide scale "
                f"({params['exposed_jobs']:g} thousand exposed jobs of {e0:g} thousand)",
                expected="exposed_jobs and e0 for this scenario's industry",
                at_key=True,
            )
        )
    if model.parties is not None and model.parties.union.members / 1000.0 > e0:
        found.append(
            warning(
                ("params",),
                f"the union has {model.parties.union.members:,} members but the industry only "
                f"e0 = {e0:g} thousand jobs",
                expected="e0 (thousand jobs) at least the union's members / 1000",
            )
        )
    return found


def reach_findings(model: ScenarioModel) -> list[Finding]:
    """Every warning of this module for a merged scenario model (see the module text)."""
    if model.abstract:
        return []
    live = _live(model)
    return [
        *_variable_findings(model, live),
        *_placebo_findings(model, live),
        *_param_findings(model, _live(model, shown=True)),
        *_term_findings(model),
        *_scale_findings(model),
    ]
