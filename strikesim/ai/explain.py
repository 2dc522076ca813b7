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

DRIVER_TEXT: Mapping[str, str] = {
    "strike_fund": "our strike fund is down to ${:.1f}M",
    "hardship": "{:.0%} of our members are in hardship",
    "member_expectation": "our members would now settle for less",
    "solidarity": "solidarity has slipped to {:.0%}",
    "content_stock": "our content stock is down to {:.0f} weeks",
    "content_drought": "the content drought has reached {:.0%}",
    "subscribers": "subscribers are at {:.0%} of normal",
    "churn": "weekly churn is up to {:.1%}",
    "studio_cash": "cash is down to ${:,.0f}M",
    "public_support_union": "public support for the union is at {:.0%}",
    "public_support_studio": "public support for the studios is at {:.0%}",
    "ai_capability": "AI capability has reached {:.0%}",
    "ai_adoption": "AI adoption has reached {:.0%}",
}


def other_name(spec: GameSpec, side: int) -> str:
    """Short name of the other side ("the studios" style)."""
    party = spec.parties[1 - side]
    return party.short_name or party.name or SIDES[1 - side]


def driver_phrase(var: str, value: float | None) -> str:
    """A clause about one variable, e.g. "our content stock is down to 6 weeks"."""
    template = DRIVER_TEXT.get(var)
    if template is None or value is None or not np.isfinite(value):
        return var.replace("_", " ") + " has moved"
    return template.format(value)


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
    return f"{issue.label.lower()} (to {issue.level_labels[after[best]]})"


def time_phrase(week: int, horizon: float) -> str:
    left = max(0, round(horizon - week))
    if left == 0:
        return f"we are {week} weeks in and past the point we planned to settle by"
    return f"we are {week} weeks in, with about {left} weeks left in our plan"


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


def pressure_sentence(label: str, driver: str, value: float | None) -> str:
    return f"We chose to {label[:1].lower() + label[1:]} because {driver_phrase(driver, value)}."


def side_word(side: int) -> str:
    return "union" if side == UNION else "studios"
