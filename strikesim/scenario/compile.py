"""Turn a checked scenario model into the engine's :class:`GameSpec`.

Here every formula is compiled (errors become findings located inside the
formula text), the core variables and parameters of :mod:`strikesim.engine.core`
are merged with the scenario's overrides, issue levels get their utility scores
and studio costs, and offers become level indices. Compiling never raises on a
user mistake: it returns ``None`` plus the findings explaining why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

import numpy as np

from strikesim.engine import core
from strikesim.engine import spec as S
from strikesim.scenario import formula as F
from strikesim.scenario.checks import Finding, IssueLevels, error, issue_levels, resolve_level
from strikesim.scenario.compile_parts import compile_effects, compile_event, compile_variables
from strikesim.scenario.model import IssueModel, IssueSideModel, ObjectiveModel, ScenarioModel
from strikesim.scenario.reach import reach_findings
from strikesim.scenario.references import (
    CORE_IDS,
    check_expectations,
    check_personalities,
    default_negotiators,
    unused_variables,
)

__all__ = ["FormulaCompiler", "compile_model"]

Kind = Literal["number", "condition"]
_SIDE = {"union": S.UNION, "studio": S.STUDIO}
SIDES: tuple[Literal["union"], Literal["studio"]] = ("union", "studio")
T = TypeVar("T")
_CACHE: dict[tuple[str, Kind, frozenset[str]], S.Formula] = {}
_CACHE_LIMIT = 20_000


class FormulaCompiler:
    """Compiles formulas, remembering failures as findings (and results by source)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def __call__(
        self,
        source: str,
        names: frozenset[str],
        path: tuple[str | int, ...],
        *,
        kind: Kind = "number",
        offset: int = 0,
    ) -> S.Formula | None:
        key = (source, kind, names)
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        where = ".".join(str(p) for p in path)
        try:
            compiled = F.compile_formula(source, names, kind=kind, where=where)
        except F.FormulaError as exc:
            self.findings.append(
                error(
                    path,
                    f"bad formula: {exc.message}",
                    value=source,
                    hint=exc.hint,
                    column_offset=offset + exc.column,
                )
            )
            return None
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = compiled
        return compiled


def _scores(levels: IssueLevels, side: IssueSideModel) -> tuple[float, ...]:
    if side.scores is not None:
        return tuple(float(side.scores[i]) for i in levels.ids)
    assert side.ideal is not None and side.reservation is not None

    def anchor(v: float | str) -> float:
        return levels.values[levels.ids.index(v)] if isinstance(v, str) else float(v)

    ideal, res = anchor(side.ideal), anchor(side.reservation)
    raw = (np.asarray(levels.values) - res) / (ideal - res)
    return tuple(float(x) + 0.0 for x in np.clip(raw, 0.0, 1.0))


def _issue(
    issue: IssueModel,
    k: int,
    weights: tuple[float, float],
    params: Mapping[str, float],
    fc: FormulaCompiler,
) -> S.IssueSpec | None:
    levels = issue_levels(issue)
    assert levels is not None
    cost_f = fc(issue.cost, frozenset({"value", *params}), ("issues", k, "cost"))
    if cost_f is None:
        return None
    costs = []
    for v in levels.values:
        with np.errstate(all="ignore"):
            c = float(np.asarray(cost_f({**params, "value": v}), dtype=float).reshape(-1)[0])
        if not math.isfinite(c):
            fc.findings.append(error(("issues", k, "cost"), f"cost is not finite at level {v:g}"))
            return None
        costs.append(c)
    return S.IssueSpec(
        id=issue.id,
        label=issue.label,
        unit=issue.unit,
        kind="options" if issue.options is not None else "range",
        values=levels.values,
        level_ids=levels.ids,
        level_labels=levels.labels,
        utility=(_scores(levels, issue.union), _scores(levels, issue.studio)),
        weight=weights,
        cost=tuple(costs),
        description=issue.description,
        level_short_labels=(
            tuple(o.short_label for o in issue.options)
            if issue.options and any(o.short_label for o in issue.options)
            else ()
        ),
    )


def _weights(model: ScenarioModel) -> list[tuple[float, float]]:
    totals = [sum(getattr(i, s).weight for i in model.issues) or 1.0 for s in ("union", "studio")]
    return [(i.union.weight / totals[0], i.studio.weight / totals[1]) for i in model.issues]


def _offer(
    offer: Mapping[str, float | str], issues: Sequence[IssueModel]
) -> tuple[int, ...] | None:
    out = []
    for issue in issues:
        levels = issue_levels(issue)
        value = issue.agreed if issue.agreed is not None else offer.get(issue.id)
        idx = None if levels is None or value is None else resolve_level(levels, value)
        if idx is None:
            return None
        out.append(idx)
    return tuple(out)


def _default_stakes(params: dict[str, float], issues: list[S.IssueSpec | None]) -> None:
    """Fill ``union_stake`` / ``studio_stake`` left at 0: the studio's yearly cost range
    over the issues (dearest package minus cheapest) times ``contract_years`` — what the
    whole utility range is worth in money over the contract (docs/model.md §2)."""
    spread = sum(max(i.cost) - min(i.cost) for i in issues if i is not None and i.cost)
    stake = max(spread * params.get("contract_years", 3.0), 1.0)
    for name in ("union_stake", "studio_stake"):
        if params.get(name, 0.0) <= 0.0:
            params[name] = stake


def compile_model(model: ScenarioModel) -> tuple[S.GameSpec | None, list[Finding]]:
    """Compile ``model`` (already free of structural errors) into a GameSpec.

    Returns ``(spec, findings)``; ``spec`` is None when any finding is an error.
    Formulas are compiled in file order (so findings come in that order): the
    variables, the parties' reservations, issues, actions, events, phases,
    objectives and contract terms.
    """
    fc = FormulaCompiler()
    params, var_ids, names = _names(model, fc)
    variables = compile_variables(model, names, fc)
    reservations = tuple(
        fc(getattr(model.parties, side).reservation, names, ("parties", side, "reservation"))
        for side in SIDES
    )
    issues = [
        _issue(issue, k, w, params, fc)
        for k, (issue, w) in enumerate(zip(model.issues, _weights(model), strict=True))
    ]
    actions = _actions(model, var_ids, names, fc)
    events = [compile_event(ev, k, var_ids, names, fc) for k, ev in enumerate(model.events)]
    phase_formulas = _phase_formulas(model, names, fc)
    objectives = _objectives(model, names, fc)
    issue_names = frozenset({*(i.id for i in model.issues), *params})
    contract_terms = {
        t: fc(source, issue_names, ("projection", "contract_terms", t))
        for t, source in model.projection.contract_terms.items()
    }
    _default_stakes(params, issues)
    fc.findings += check_expectations(model, var_ids)
    fc.findings += unused_variables(model)
    fc.findings += check_personalities(model)
    if not any(f.severity == "error" for f in fc.findings):  # reach needs a sound model
        fc.findings += reach_findings(model)
    if any(f.severity == "error" for f in fc.findings):
        return None, fc.findings
    assert model.parties is not None and model.opening_offers is not None
    assert model.old_contract is not None
    spec = S.GameSpec(
        id=model.id,
        version=model.version,
        title=model.title,
        summary=model.summary,
        parties=(_party(model, "union", reservations[0]), _party(model, "studio", reservations[1])),
        issues=tuple(_must(i) for i in issues),
        variables=tuple(variables),
        params=params,
        actions=tuple(actions),
        events=tuple(events),
        phases=_phases(model, phase_formulas),
        personalities=tuple(
            S.PersonalitySpec(
                p.id,
                p.label,
                None if p.side is None else _SIDE[p.side],
                p.tactic,
                dict(p.params),
                p.description,
            )
            for p in model.personalities
        ),
        default_negotiators=default_negotiators(model),
        objectives=tuple(
            S.ObjectiveSpec(
                o.id,
                _SIDE[side],
                o.label,
                _must(formula),
                o.target,
                o.weight,
                o.higher_is_better,
                o.floor,
            )
            for side, o, formula in objectives
        ),
        projection=S.ProjectionSpec(
            model.projection.years, {t: _must(f) for t, f in contract_terms.items()}
        ),
        opening_offers=(
            _must(_offer(model.opening_offers.union, model.issues)),
            _must(_offer(model.opening_offers.studio, model.issues)),
        ),
        old_contract=_must(_offer(model.old_contract, model.issues)),
        scripted_offers=tuple(
            S.ScriptedOffer(
                _SIDE[so.side], so.week, _must(_offer(so.offer, model.issues)), so.label, so.note
            )
            for so in model.scripted_offers
        ),
        expectations=tuple(
            S.Expectation(
                x.id, x.metric, x.min, x.max, x.share, x.runs, x.description, x.difficulty
            )
            for x in model.expectations
        ),
        sources=tuple(model.sources),
        difficulty=model.difficulty,
        tags=tuple(model.tags),
        news_masthead=model.news.masthead,
        news_outlets=tuple(model.news.outlets),
    )
    return _fix_agreed(spec, model), fc.findings


def _party(
    model: ScenarioModel, side: Literal["union", "studio"], reservation: S.Formula | None
) -> S.PartySpec:
    p = getattr(model.parties, side)
    return S.PartySpec(side, p.name, p.short_name, p.members, p.description, _must(reservation))


def _names(
    model: ScenarioModel, fc: FormulaCompiler
) -> tuple[dict[str, float], list[str], frozenset[str]]:
    """The parameters (core defaults, then the scenario's), the variable ids (core, then
    the scenario's own) and every name a formula may read; a parameter named like a
    variable or a builtin is an error."""
    params = {name: p.default for name, p in core.CORE_PARAMS.items()}
    params.update(model.params)
    var_ids = [v.id for v in core.CORE_VARIABLES]
    var_ids += [v.id for v in model.variables if v.id not in CORE_IDS]
    builtins = frozenset(core.BUILTIN_NAMES)
    for name in sorted(set(params) & (set(var_ids) | builtins)):
        path: tuple[str | int, ...] = ("params", name) if name in model.params else ("variables",)
        fc.findings.append(error(path, f"'{name}' is both a parameter and a variable name"))
    terms = model.projection.contract_terms
    names = frozenset({*params, *var_ids, *builtins, *(f"contract_{t}" for t in terms)})
    return params, var_ids, names


def _actions(
    model: ScenarioModel, var_ids: list[str], names: frozenset[str], fc: FormulaCompiler
) -> list[S.ActionSpec]:
    """Both sides' pressure actions, the union's first, each in file order."""
    actions = []
    for side in SIDES:
        for k, a in enumerate(getattr(model.actions, side)):
            path = ("actions", side, k)
            condition = fc(a.condition, names, (*path, "condition"), kind="condition")
            cost = compile_effects(a.cost, (*path, "cost"), var_ids, names, fc)
            effects = compile_effects(a.effects, (*path, "effects"), var_ids, names, fc)
            actions.append(
                S.ActionSpec(
                    a.id,
                    _SIDE[side],
                    a.label,
                    a.description,
                    condition,
                    a.cooldown,
                    cost,
                    effects,
                    a.headline,
                )
            )
    return actions


@dataclass(frozen=True)
class _PhaseFormulas:
    """The compiled vote and capitulation formulas (None where one failed)."""

    authorization_yes: S.Formula | None
    ratification_yes: S.Formula | None
    union_capitulates: S.Formula | None
    studio_capitulates: S.Formula | None


def _phase_formulas(
    model: ScenarioModel, names: frozenset[str], fc: FormulaCompiler
) -> _PhaseFormulas:
    phases, at = model.phases, ("phases",)
    return _PhaseFormulas(
        authorization_yes=fc(phases.authorization.yes, names, (*at, "authorization", "yes")),
        ratification_yes=fc(phases.ratification.yes, names, (*at, "ratification", "yes")),
        union_capitulates=fc(
            phases.union_capitulates, names, (*at, "union_capitulates"), kind="condition"
        ),
        studio_capitulates=fc(
            phases.studio_capitulates, names, (*at, "studio_capitulates"), kind="condition"
        ),
    )


def _phases(model: ScenarioModel, formulas: _PhaseFormulas) -> S.PhaseSpec:
    """The calendar and the votes; the authorisation vote defaults to two weeks
    before expiry."""
    phases = model.phases
    expiry = phases.expiry_week if phases.expiry_week is not None else 0
    auth_week = phases.authorization.week
    return S.PhaseSpec(
        start_date=model.start_date or "",
        expiry_week=expiry,
        authorization_week=auth_week if auth_week is not None else max(0, expiry - 2),
        authorization_yes=_must(formulas.authorization_yes),
        authorization_threshold=phases.authorization.threshold,
        strike_at_expiry=phases.strike_at_expiry,
        ratification_weeks=phases.ratification.weeks,
        ratification_yes=_must(formulas.ratification_yes),
        ratification_threshold=phases.ratification.threshold,
        max_weeks=phases.max_weeks,
        walkout_weeks=phases.walkout_weeks,
        union_capitulates=_must(formulas.union_capitulates),
        studio_capitulates=_must(formulas.studio_capitulates),
    )


def _objectives(
    model: ScenarioModel, names: frozenset[str], fc: FormulaCompiler
) -> list[tuple[str, ObjectiveModel, S.Formula | None]]:
    """``(side, objective, compiled formula)`` of both sides' objectives, in file order."""
    out: list[tuple[str, ObjectiveModel, S.Formula | None]] = []
    for side in SIDES:
        for k, objective in enumerate(getattr(model.objectives, side)):
            formula = fc(objective.formula, names, ("objectives", side, k, "formula"))
            out.append((side, objective, formula))
    return out


def _fix_agreed(spec: S.GameSpec, model: ScenarioModel) -> S.GameSpec:
    """Issues with ``agreed:`` keep only their agreed level (every offer already names it)."""
    agreed = [j for j, issue in enumerate(model.issues) if issue.agreed is not None]
    if not agreed:
        return spec
    keep = {j: spec.opening_offers[0][j] for j in agreed}
    issues = list(spec.issues)
    for j, k in keep.items():
        i = issues[j]
        issues[j] = replace(
            i,
            values=(i.values[k],),
            level_ids=(i.level_ids[k],),
            level_labels=(i.level_labels[k],),
            utility=((i.utility[0][k],), (i.utility[1][k],)),
            cost=(i.cost[k],),
            level_short_labels=(i.level_short_labels[k],) if i.level_short_labels else (),
            agreed=True,
        )

    def fixed(levels: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(0 if j in keep else v for j, v in enumerate(levels))

    return replace(
        spec,
        issues=tuple(issues),
        opening_offers=(fixed(spec.opening_offers[0]), fixed(spec.opening_offers[1])),
        old_contract=fixed(spec.old_contract),
        scripted_offers=tuple(replace(so, levels=fixed(so.levels)) for so in spec.scripted_offers),
    )


def _must(value: T | None) -> T:
    """A part compiled without error (only called once no error was found)."""
    assert value is not None
    return value
