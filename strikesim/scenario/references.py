"""What the parts of a scenario refer to: readers, tactics, negotiators, metrics.

Checks that need the whole compiled picture of names: variables and
parameters nobody reads (often a misspelled core id), personalities whose
tactic or parameters the AI does not know, default negotiators that do not
exist, and expectation metrics that cannot be measured.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from strikesim.engine import core
from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.findings import Finding, error, warning
from strikesim.scenario.model import ScenarioModel

__all__ = [
    "CORE_IDS",
    "METRICS",
    "check_expectations",
    "check_personalities",
    "default_negotiators",
    "formula_texts",
    "unused_variables",
]

CORE_IDS = frozenset(v.id for v in core.CORE_VARIABLES)
METRICS = (
    "strike_weeks", "end_week", "outcome_deal", "union_utility", "studio_utility",
    "ratification_share", "first_counter_week",
)  # fmt: skip
"""Expectation metrics besides ``deal_<issue>`` and any variable id."""
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def formula_texts(model: ScenarioModel) -> list[str]:
    """Every formula of the scenario but the contract terms, as source text."""
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
    for text in formula_texts(model):
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
    # the AI owns the tactic registry (plain data: the negotiators are not loaded)
    from strikesim.ai.profiles import BUILTINS, DEFAULTS, SCRIPTED, TACTICS

    tactics = (*TACTICS, SCRIPTED)
    found: list[Finding] = []
    scripted_sides = {o.side for o in model.scripted_offers}
    for k, p in enumerate(model.personalities):
        if p.tactic == SCRIPTED:
            missing = [s for s in ((p.side,) if p.side else ("union", "studio"))
                       if s not in scripted_sides]  # fmt: skip
            if missing:
                found.append(
                    error(
                        ("personalities", k, "tactic"),
                        f"personality '{p.id}' plays the script, but scripted_offers has "
                        f"no offers for the {' or '.join(missing)}",
                        expected="scripted_offers with side: "
                        + missing[0]
                        + ("" if p.side else ", or a side: for this personality"),
                    )
                )
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
    found += _check_horizons(model, DEFAULTS["horizon"])
    return found


TIME_DRIVEN = ("time_dependent", "adaptive")
"""Tactics whose concessions follow the time curve (the others only drift with it)."""


def last_ratifiable_week(model: ScenarioModel) -> int:
    """The last week a tentative deal can be struck and still be voted on in time.

    Weeks run from 0 to ``max_weeks - 1``; as ``strikesim.ai.position.last_ratifiable_week``.
    """
    return max(model.phases.max_weeks - model.phases.ratification.weeks - 1, 1)


def _check_horizons(model: ScenarioModel, default: float) -> list[Finding]:
    """A horizon past the last ratifiable week: the usual cause of deadlocks (docs/modding.md)."""
    last = last_ratifiable_week(model)
    found: list[Finding] = []
    for k, p in enumerate(model.personalities):
        if p.tactic not in TIME_DRIVEN:
            continue
        horizon = p.params.get("horizon", default)
        if horizon <= last:
            continue
        given = "horizon" in p.params
        found.append(
            warning(
                ("personalities", k, "params", "horizon") if given else ("personalities", k),
                f"personality '{p.id}' reaches its walk-away point only at week {horizon:g}"
                + ("" if given else " (the default horizon)")
                + f", after the last week a deal can still be ratified ({last}: the last week "
                f"{model.phases.max_weeks - 1} minus {model.phases.ratification.weeks} weeks to "
                "vote); it will rarely settle in time",
                value=f"{horizon:g}",
                expected=f"a horizon of at most {last} weeks",
                hint=f"horizon: {max(1, last - 2)}",
            )
        )
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
