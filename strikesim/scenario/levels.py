"""Issue levels: the discrete values of a range or options issue, and their checks.

A range issue has levels ``min, min+step, …, max``; an options issue has its
options in file order. Offers, anchors (ideal/reservation) and scores name
levels by number or option id; this module resolves them and reports levels
that do not exist, with the nearest valid one as a suggestion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from strikesim.scenario.diagnostics import did_you_mean
from strikesim.scenario.findings import Finding, Path, check_ids, error, hint
from strikesim.scenario.model import IssueModel, IssueSideModel, OfferValue

__all__ = [
    "MAX_LEVELS",
    "IssueLevels",
    "anchor",
    "check_issue",
    "contest_hint",
    "issue_levels",
    "level_problem",
    "resolve_level",
]

MAX_LEVELS = 201
"""Most levels one issue may have (a range with a tiny step would explode the offer space)."""


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


def level_problem(
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


def check_issue(issue: IssueModel, path: Path) -> list[Finding]:
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
        found += check_ids(issue.options, (*path, "options"), "option")
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
        problem = level_problem(levels, issue, value, (*path, key))
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
    if not found and anchor(levels, s.ideal) == anchor(levels, s.reservation):
        found.append(error((*path, "reservation"), "ideal and reservation must differ"))
    return found


def anchor(levels: IssueLevels, value: OfferValue | None) -> float:
    if isinstance(value, str):
        return levels.values[levels.ids.index(value)]
    return float(value or 0.0)


def contest_hint(issue: IssueModel, levels: IssueLevels, path: Path) -> list[Finding]:
    if issue.union.scores is not None or issue.studio.scores is not None:
        return []
    if anchor(levels, issue.union.ideal) == anchor(levels, issue.studio.ideal):
        return [
            hint(
                (*path, "studio", "ideal"),
                f"both sides want the same level of '{issue.id}'; the issue is not contested",
            )
        ]
    return []
