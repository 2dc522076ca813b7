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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from strikesim.scenario.diagnostics import Severity, did_you_mean
from strikesim.scenario.model import (
    ID_PATTERN,
    IssueModel,
    IssueSideModel,
    OfferValue,
    ScenarioModel,
)

__all__ = ["Finding", "IssueLevels", "check_model", "issue_levels", "resolve_level"]

Path = tuple[str | int, ...]
MAX_LEVELS = 201
"""Most levels one issue may have (a range with a tiny step would explode the offer space)."""


@dataclass(frozen=True)
class Finding:
    """One problem at a key path; ``at_key`` points at the key instead of the value.

    ``column_offset`` (0-based, in characters of the value's text) locates a
    problem inside a formula string.
    """

    severity: Severity
    path: Path
    message: str
    value: str | None = None
    expected: str | None = None
    hint: str | None = None
    at_key: bool = False
    column_offset: int | None = None


def error(path: Path, message: str, **kw: object) -> Finding:
    return Finding(Severity.ERROR, path, message, **kw)  # type: ignore[arg-type]


def warning(path: Path, message: str, **kw: object) -> Finding:
    return Finding(Severity.WARNING, path, message, **kw)  # type: ignore[arg-type]


def hint(path: Path, message: str, **kw: object) -> Finding:
    return Finding(Severity.HINT, path, message, **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class IssueLevels:
    """The discrete levels of one issue: numbers, ids and labels, in order."""

    values: tuple[float, ...]
    ids: tuple[str, ...]
    labels: tuple[str, ...]


def _fmt(x: float) -> str:
    return f"{x:g}"


def issue_levels(issue: IssueModel) -> IssueLevels | None:
    """Levels of a well-formed issue (None if its range/options are unusable)."""
    if issue.options is not None:
        if not issue.options:
            return None
        opts = issue.options
        return IssueLevels(
            tuple(o.value for o in opts), tuple(o.id for o in opts), tuple(o.label for o in opts)
        )
    if issue.range is None:
        return None
    lo, hi, step = issue.range.min, issue.range.max, issue.range.step
    count = (hi - lo) / step
    if not math.isfinite(count) or count + 1 > MAX_LEVELS:
        return None
    if hi < lo or abs(count - round(count)) > 1e-6:
        return None
    n = round(count) + 1
    values = tuple(round(lo + k * step, 10) for k in range(n))
    text = tuple(_fmt(v) for v in values)
    unit = f" {issue.unit}" if issue.unit and issue.unit != "%" else issue.unit
    return IssueLevels(values, text, tuple(f"{t}{unit}" for t in text))


def resolve_level(levels: IssueLevels, value: OfferValue) -> int | None:
    """The index of the level written as ``value`` (a number or an option id)."""
    if isinstance(value, str):
        return levels.ids.index(value) if value in levels.ids else None
    for k, v in enumerate(levels.values):
        if math.isclose(v, value, rel_tol=1e-9, abs_tol=1e-9):
            return k
    return None


def _level_problem(
    levels: IssueLevels, issue: IssueModel, value: OfferValue, path: Path
) -> Finding | None:
    if resolve_level(levels, value) is not None:
        return None
    if issue.options is not None:
        shown = ", ".join(levels.ids)
        guess = did_you_mean(str(value), levels.ids) if isinstance(value, str) else None
        return error(
            path,
            f"'{value}' is not an option of issue '{issue.id}' (options: {shown})",
            value=str(value),
            expected=f"one of {shown}",
            hint=guess,
        )
    if isinstance(value, str):
        return error(
            path, f"expected a number for range issue '{issue.id}', got '{value}'", value=value
        )
    near = min(levels.values, key=lambda v: abs(v - value))
    span = f"{_fmt(levels.values[0])} to {_fmt(levels.values[-1])}"
    step = _fmt(issue.range.step) if issue.range else "1"
    return error(
        path,
        f"{_fmt(value)} is not a level of issue '{issue.id}' ({span} in steps of {step})",
        value=_fmt(value),
        expected=f"a level from {span}",
        hint=_fmt(near),
    )


def _check_ids(items: Iterable[object], path: Path, what: str) -> list[Finding]:
    seen: dict[str, int] = {}
    found = []
    for k, item in enumerate(items):
        ident = getattr(item, "id", "")
        if ident in seen:
            found.append(
                error(
                    (*path, k, "id"),
                    f"duplicate {what} id '{ident}' (also used by {path[-1]}[{seen[ident]}])",
                    value=ident,
                )
            )
        else:
            seen[ident] = k
    return found


def _check_issue(issue: IssueModel, path: Path) -> list[Finding]:
    found: list[Finding] = []
    if (issue.range is None) == (issue.options is None):
        return [error(path, f"issue '{issue.id}' needs exactly one of 'range' or 'options'")]
    if issue.range is not None:
        r = issue.range
        if r.max <= r.min:
            return [error((*path, "range", "max"), f"max ({_fmt(r.max)}) must exceed min")]
        count = (r.max - r.min) / r.step
        if not math.isfinite(count) or count + 1 > MAX_LEVELS:
            return [error((*path, "range", "step"), f"the range has more than {MAX_LEVELS} levels")]
        if abs(count - round(count)) > 1e-6:
            return [
                error(
                    (*path, "range", "step"),
                    f"step {_fmt(r.step)} does not divide the range "
                    f"{_fmt(r.min)}..{_fmt(r.max)} evenly",
                )
            ]
        if round(count) + 1 > MAX_LEVELS:
            return [error((*path, "range", "step"), f"the range has more than {MAX_LEVELS} levels")]
    else:
        assert issue.options is not None
        if len(issue.options) < 2:
            return [error((*path, "options"), "an issue needs at least 2 options")]
        found += _check_ids(issue.options, (*path, "options"), "option")
    levels = issue_levels(issue)
    assert levels is not None
    for side in ("union", "studio"):
        found += _check_side(issue, getattr(issue, side), levels, (*path, side))
    return found


def _check_side(
    issue: IssueModel, s: IssueSideModel, levels: IssueLevels, path: Path
) -> list[Finding]:
    found: list[Finding] = []
    if s.scores is not None:
        if issue.options is None:
            return [error((*path, "scores"), "'scores' is only for issues with options")]
        if s.ideal is not None or s.reservation is not None:
            return [error((*path, "scores"), "give either 'scores' or 'ideal'/'reservation'")]
        for key in s.scores:
            if key not in levels.ids:
                found.append(
                    error(
                        (*path, "scores", key),
                        f"unknown option '{key}' of issue '{issue.id}'",
                        hint=did_you_mean(key, levels.ids),
                        at_key=True,
                    )
                )
        missing = [o for o in levels.ids if o not in s.scores]
        if missing and not found:
            found.append(error((*path, "scores"), f"missing scores for {', '.join(missing)}"))
        return found
    for key in ("ideal", "reservation"):
        value = getattr(s, key)
        if value is None:
            found.append(error(path, f"missing '{key}' (or give 'scores')"))
            continue
        problem = _level_problem(levels, issue, value, (*path, key))
        if problem is not None and (issue.options is not None or isinstance(value, str)):
            found.append(problem)
        elif problem is not None and not levels.values[0] <= value <= levels.values[-1]:
            span = f"{_fmt(levels.values[0])}..{_fmt(levels.values[-1])}"
            found.append(
                error(
                    (*path, key),
                    f"{key} {_fmt(value)} is outside the range {span}",
                    value=_fmt(value),
                    expected=f"a number in {span}",
                )
            )
    if not found and _anchor(levels, s.ideal) == _anchor(levels, s.reservation):
        found.append(error((*path, "reservation"), "ideal and reservation must differ"))
    return found


def _anchor(levels: IssueLevels, value: OfferValue | None) -> float:
    if isinstance(value, str):
        return levels.values[levels.ids.index(value)]
    return float(value or 0.0)


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
        problem = _level_problem(levels, issue, value, (*path, key))
        if problem:
            found.append(problem)
    missing = [i for i in issues if i not in offer]
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
    found += _check_ids(model.issues, ("issues",), "issue")
    found += _check_ids(model.variables, ("variables",), "variable")
    found += _check_ids(model.events, ("events",), "event")
    found += _check_ids(model.personalities, ("personalities",), "personality")
    found += _check_ids(model.expectations, ("expectations",), "expectation")
    found += _check_ids(
        [*model.actions.union, *model.actions.studio], ("actions", "union"), "action"
    )
    issues: dict[str, tuple[IssueModel, IssueLevels]] = {}
    for k, issue in enumerate(model.issues):
        problems = _check_issue(issue, ("issues", k))
        found += problems
        levels = issue_levels(issue)
        if levels is not None and issue.id not in issues:
            issues[issue.id] = (issue, levels)
        if not problems and levels is not None:
            found += _contest_hint(issue, levels, ("issues", k))
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


def _contest_hint(issue: IssueModel, levels: IssueLevels, path: Path) -> list[Finding]:
    if issue.union.scores is not None or issue.studio.scores is not None:
        return []
    if _anchor(levels, issue.union.ideal) == _anchor(levels, issue.studio.ideal):
        return [
            hint(
                (*path, "studio", "ideal"),
                f"both sides want the same level of '{issue.id}'; the issue is not contested",
            )
        ]
    return []


def _check_calendar(model: ScenarioModel) -> list[Finding]:
    found: list[Finding] = []
    ph = model.phases
    last = ph.max_weeks
    if ph.expiry_week is not None and ph.expiry_week >= last:
        found.append(
            error(("phases", "expiry_week"), f"expiry week is not before max_weeks {last}")
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
