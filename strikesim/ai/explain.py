"""Plain-language reasons for AI moves, grounded in what the side observed.

Each function returns one short sentence; a negotiator joins at most two (the
move, and the pressure action if it took one). Numbers come from the
observation row the decision was made on, e.g. "We moved on streaming
bonuses because our content stock is down to 6 weeks."
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from strikesim.engine.spec import SIDES, UNION, GameSpec

DRIVER_TEXT: Mapping[str, tuple[str, str]] = {
    "strike_fund": ("our strike fund", "${:.1f}M"),
    "hardship": ("hardship among our members", "{:.0%}"),
    "solidarity": ("solidarity", "{:.0%}"),
    "member_expectation": ("what our members expect", "{:.2f}"),
    "content_stock": ("our content stock", "{:.0f} weeks"),
    "content_drought": ("the content drought", "{:.0%}"),
    "subscribers": ("subscribers", "{:.0%} of normal"),
    "churn": ("weekly churn", "{:.1%}"),
    "studio_cash": ("our cash", "${:,.0f}M"),
    "public_support_union": ("public support for the union", "{:.0%}"),
    "public_support_studio": ("public support for the studios", "{:.0%}"),
    "ai_capability": ("AI capability", "{:.0%}"),
    "ai_adoption": ("AI adoption", "{:.0%}"),
}
"""Variable id -> (noun phrase, value format) for explanations."""


def other_name(spec: GameSpec, side: int) -> str:
    """Short name of the other side ("the studios" style)."""
    party = spec.parties[1 - side]
    return party.short_name or party.name or SIDES[1 - side]


def driver_phrase(
    var: str, value: float | None, label: str = "", start: float | None = None
) -> str:
    """A clause about one variable, e.g. "our content stock is down to 6 weeks".

    ``start`` (the variable's value at the start) picks "is down to" / "is up
    to" / "stands at"; ``label`` names variables without a phrase of their own.
    """
    noun, fmt = DRIVER_TEXT.get(var, (soft_lower(label or var.replace("_", " ")), "{:.3g}"))
    if value is None or not np.isfinite(value):
        return f"of where {noun} stands"
    verb = "stands at"
    if start is not None and np.isfinite(start):
        if value < start - 0.05 * max(abs(start), 1e-9):
            verb = "is down to"
        elif value > start + 0.05 * max(abs(start), 1e-9):
            verb = "is up to"
    return f"{noun} {verb} {fmt.format(value)}"


def moved_issue(spec: GameSpec, side: int, before: np.ndarray, after: np.ndarray) -> str | None:
    """Label of the issue where the new offer gives up the most own utility
    (or changed at all), e.g. "streaming bonus (to 2%)"; None if nothing moved."""
    if (before < 0).any():
        return None
    best, loss_best = None, -np.inf
    for j, issue in enumerate(spec.issues):
        if before[j] == after[j]:
            continue
        weight = issue.weight[side]
        loss = weight * (issue.utility[side][before[j]] - issue.utility[side][after[j]])
        if loss > loss_best:
            best, loss_best = j, loss
    if best is None:
        return None
    issue = spec.issues[best]
    return f"{soft_lower(issue.label)} (to {issue.level_labels[after[best]]})"


def soft_lower(label: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym ("AI ...")."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def weeks(n: int) -> str:
    return f"{n} week" if n == 1 else f"{n} weeks"


def time_phrase(week: int, horizon: float) -> str:
    left = max(0, round(horizon - week))
    if left == 0:
        return f"we are {weeks(week)} in and past the point we planned to settle by"
    return f"we are {weeks(week)} in, with about {weeks(left)} left in our plan"


def accept_sentence(spec: GameSpec, side: int, value: float, target: float) -> str:
    return (
        f"We accepted {other_name(spec, side)}'s offer: it is worth {value:.2f} to us, "
        f"at least the {target:.2f} we were holding out for."
    )


def offer_sentence(spec: GameSpec, side: int, issue: str | None, reason: str, opening: bool) -> str:
    if opening:
        return f"We opened with our full demands; {reason}."
    if issue is None:
        return f"We restated our position because {reason}."
    return f"We moved on {issue} because {reason}."


def hold_sentence(spec: GameSpec, side: int, value: float | None, target: float) -> str:
    if value is None or not np.isfinite(value):
        return f"We held our offer and are waiting for {other_name(spec, side)} to answer."
    return (
        f"We held firm: {other_name(spec, side)}'s offer is worth {value:.2f} to us "
        f"and we are aiming for {target:.2f}."
    )


def walkout_sentence(spec: GameSpec, side: int) -> str:
    return f"We walked out because {other_name(spec, side)} took back ground it had given."


PUBLIC_VARS = frozenset({"opinion_shift", "public_support_union", "public_support_studio"})
AI_VARS = frozenset({"ai_investment", "ai_orders", "ai_capability", "ai_adoption"})


def pressure_driver(side: int, driver: str) -> str:
    """The variable worth citing for a pressure action driven by ``driver``:
    public messages cite public support for the side, AI moves AI capability."""
    if driver in PUBLIC_VARS:
        return "public_support_union" if side == UNION else "public_support_studio"
    if driver in AI_VARS:
        return "ai_capability"
    return driver


def pressure_sentence(label: str, reason: str) -> str:
    return f"We also acted — “{label}” — because {reason}."


def ratification_sentence(spec: GameSpec, side: int) -> str:
    if side == UNION:
        return "Our members are voting on the tentative deal."
    return f"We are waiting for {other_name(spec, side)}'s members to vote on the deal."


def side_word(side: int) -> str:
    return "union" if side == UNION else "studios"
