"""Cross-checks of a validated scenario model that pydantic cannot express.

Pydantic checks each value on its own; here the whole scenario is known, so we
check what refers to what: unique ids, issue levels and utility anchors,
offers naming real levels, personalities that exist, weeks inside the game,
weights summing to one. Problems come back as :class:`Finding` values (a key
path plus a message) that the loader turns into located diagnostics; nothing
here raises.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.findings import Finding, Path, check_ids, error, hint, warning
from strikesim.scenario.levels import (
    MAX_LEVELS,
    IssueLevels,
    check_issue,
    contest_hint,
    issue_levels,
    level_problem,
    resolve_level,
)
from strikesim.scenario.model import (
    ID_PATTERN,
    IssueModel,
    OfferValue,
    ScenarioModel,
)

MAX_OUTCOMES = 1_000_000
"""Most possible contracts (the product of the issues' level counts) a playable scenario
may have: the negotiators and the analysis enumerate them all (about 0.5 KB each at peak)."""

__all__ = [
    "MAX_LEVELS",
    "MAX_OUTCOMES",
    "Finding",
    "IssueLevels",
    "check_model",
    "error",
    "hint",
    "issue_levels",
    "resolve_level",
    "warning",
]


def _check_offer(
    offer: Mapping[str, OfferValue],
    issues: Mapping[str, tuple[IssueModel, IssueLevels]],
    path: Path,
) -> list[Finding]:
    found = []
    for key, value in offer.items():
        if key not in issues:
            found.append(
                error(
                    (*path, key),
                    f"unknown issue '{key}'",
                    value=key,
                    hint=did_you_mean(key, issues),
                    at_key=True,
                )
            )
            continue
        issue, levels = issues[key]
        problem = level_problem(levels, issue, value, (*path, key))
        if problem:
            found.append(problem)
    missing = [i for i, (issue, _) in issues.items() if i not in offer and issue.agreed is None]
    if missing:
        found.append(error(path, f"missing level for issue(s): {', '.join(missing)}"))
    return found


def check_model(model: ScenarioModel) -> list[Finding]:
    """Every structural problem of ``model`` (formulas are checked when compiling)."""
    found: list[Finding] = []
    playable = not model.abstract
    if playable:
        for key in ("parties", "opening_offers", "old_contract"):
            if getattr(model, key) is None:
                found.append(error((), f"missing required key '{key}'", at_key=True))
        if not model.issues:
            found.append(error((), "missing required key 'issues' (at least one issue)"))
        if model.phases.expiry_week is None:
            found.append(error(("phases",), "missing required key 'expiry_week'"))
    found += check_ids(model.issues, ("issues",), "issue")
    found += check_ids(model.variables, ("variables",), "variable")
    found += check_ids(model.events, ("events",), "event")
    found += check_ids(model.personalities, ("personalities",), "personality")
    found += check_ids(model.expectations, ("expectations",), "expectation")
    found += check_ids(
        [*model.actions.union, *model.actions.studio], ("actions", "union"), "action"
    )
    issues: dict[str, tuple[IssueModel, IssueLevels]] = {}
    for k, issue in enumerate(model.issues):
        problems = check_issue(issue, ("issues", k))
        found += problems
        levels = issue_levels(issue)
        if levels is not None and issue.id not in issues:
            issues[issue.id] = (issue, levels)
        if issue.agreed is not None and levels is not None:
            problem = level_problem(levels, issue, issue.agreed, ("issues", k, "agreed"))
            problems += [problem] if problem else []
            found += [problem] if problem else []
        if not problems and levels is not None and issue.agreed is None:
            found += contest_hint(issue, levels, ("issues", k))
    outcomes = math.prod(len(levels.values) for _, levels in issues.values())
    if outcomes > MAX_OUTCOMES:
        found.append(
            error(
                ("issues",),
                f"the issues make {outcomes:,} possible contracts, more than the "
                f"{MAX_OUTCOMES:,} the game can weigh up (time and memory grow with it)",
                expected="fewer issues or fewer levels (a larger range step, fewer options)",
            )
        )
    for side in ("union", "studio"):
        total = sum(getattr(i, side).weight for i in model.issues)
        if model.issues and not math.isclose(total, 1.0, abs_tol=1e-6):
            found.append(
                warning(
                    ("issues",),
                    f"the {side}'s issue weights sum to {total:.3g}, not 1; "
                    "they are scaled to sum to 1",
                )
            )
    if len(issues) == len(model.issues):
        if model.opening_offers is not None:
            for side in ("union", "studio"):
                offer = getattr(model.opening_offers, side)
                found += _check_offer(offer, issues, ("opening_offers", side))
        if model.old_contract is not None:
            found += _check_offer(model.old_contract, issues, ("old_contract",))
        for k, so in enumerate(model.scripted_offers):
            found += _check_offer(so.offer, issues, ("scripted_offers", k, "offer"))
    for term in model.projection.contract_terms:
        if not re.match(ID_PATTERN, term):
            found.append(
                error(
                    ("projection", "contract_terms", term),
                    f"contract term name '{term}' must be a snake_case id "
                    "(it is read as contract_<name> in formulas)",
                    at_key=True,
                )
            )
    found += _check_calendar(model)
    for k, x in enumerate(model.expectations):
        if x.max < x.min:
            found.append(error(("expectations", k, "max"), "max must not be below min"))
    return found


def _check_calendar(model: ScenarioModel) -> list[Finding]:
    found: list[Finding] = []
    ph = model.phases
    last = ph.max_weeks
    if ph.expiry_week is not None and ph.expiry_week >= last:
        found.append(
            error(("phases", "expiry_week"), f"expiry week is not before max_weeks {last}")
        )
    elif ph.expiry_week is not None and last - 1 - ph.expiry_week < ph.ratification.weeks:
        found.append(
            warning(
                ("phases", "max_weeks"),
                f"only {last - 1 - ph.expiry_week} week(s) from expiry (week {ph.expiry_week}) "
                f"to the last week ({last - 1}) but a deal needs {ph.ratification.weeks} to be "
                "ratified: a strike can never end in a deal",
                value=str(last),
                expected=f"max_weeks of at least {ph.expiry_week + ph.ratification.weeks + 1}",
            )
        )
    if ph.walkout_weeks >= last:
        found.append(
            warning(
                ("phases", "walkout_weeks"),
                f"a walk-out suspends talks for {ph.walkout_weeks} weeks, as long as the whole "
                "game: one walk-out ends any chance of a deal",
            )
        )
    auth = ph.authorization.week
    if auth is not None and ph.expiry_week is not None and auth > ph.expiry_week:
        found.append(
            error(("phases", "authorization", "week"), "the vote must be no later than expiry")
        )
    for k, so in enumerate(model.scripted_offers):
        if so.week >= last:
            found.append(
                error(
                    ("scripted_offers", k, "week"),
                    f"week {so.week} is after the game's last week ({last - 1})",
                    value=str(so.week),
                    expected=f"a week below max_weeks ({last})",
                )
            )
    for k, ev in enumerate(model.events):
        if ev.week is not None and ev.week >= last:
            found.append(
                warning(
                    ("events", k, "week"),
                    f"event '{ev.id}' can never fire: week {ev.week} is after the game's "
                    f"last week ({last - 1})",
                )
            )
        if ev.chance.strip() in ("0", "0.0"):
            found.append(hint(("events", k, "chance"), f"event '{ev.id}' has chance 0"))
    return found
