"""Engine events in words: the news feed, the CLI log and the debrief share them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from strikesim.engine import EventKind, GameSpec, Outcome, StepEvents
from strikesim.engine.spec import SIDES


@dataclass(frozen=True)
class Happening:
    """One thing that happened in a week, ready for a headline."""

    week: int
    kind: EventKind
    headline: str
    body: str = ""
    favours: str = "neutral"  # "union" | "studio" | "neutral"
    category: str = "talks"
    value: float = 0.0
    ref: int = -1


OUTCOME_TEXT = {
    Outcome.DEAL_RATIFIED: "Deal ratified: the dispute is over",
    Outcome.UNION_CAPITULATED: "The union gives in: members return on the studios' terms",
    Outcome.STUDIO_CAPITULATED: "The studios give in and sign the union's terms",
    Outcome.DEADLINE: "Time runs out: an arbitrator imposes a final offer",
}


def party_name(spec: GameSpec, side: int) -> str:
    return spec.parties[side].short_name or spec.parties[side].name


def week_date(spec: GameSpec, week: int) -> str:
    """The calendar date of a week (``"May 8, 2023"``), or ``"Week N"`` without a start date."""
    try:
        start = dt.date.fromisoformat(spec.phases.start_date)
    except (TypeError, ValueError):
        return f"Week {week}"
    day = start + dt.timedelta(weeks=week)
    return f"{day:%b} {day.day}, {day.year}"


def narrate(
    spec: GameSpec,
    events: StepEvents,
    row: int,
    week: int,
    offers: tuple[Any, Any] | None = None,
) -> list[Happening]:
    """The events of batch row ``row`` in one step, as :class:`Happening` records.

    With ``offers`` (the row's ``(2, I)`` standing offers before and after the step, level
    indices, -1 = none), a new package's story says what it changed.
    """
    out: list[Happening] = []
    for kind, ref, value in events.for_campaign(row):
        happening = _one(spec, week, kind, ref, value)
        if kind == EventKind.OFFER_MADE and offers is not None:
            happening = replace(happening, body=_package_changes(spec, ref, *offers))
        out.append(happening)
    return out


def _package_changes(spec: GameSpec, side: int, before: Any, after: Any) -> str:
    """``"Changed: Minimum pay raise: 5% → 7%; ..."`` of a side's new package."""
    old_levels = [int(x) for x in before[side]]
    new_levels = [int(x) for x in after[side]]
    parts = []
    for issue, a, b in zip(spec.issues, old_levels, new_levels, strict=True):
        if a != b and b >= 0:
            was = issue.level_labels[a] if a >= 0 else "nothing"
            parts.append(f"{issue.label}: {was} → {issue.level_labels[b]}")
    if not parts:
        return "The same terms, tabled again."
    return "Changed: " + "; ".join(parts) + "."


def _one(spec: GameSpec, week: int, kind: EventKind, ref: int, value: float) -> Happening:
    if kind == EventKind.SCENARIO_EVENT:
        ev = spec.events[ref]
        return Happening(week, kind, ev.headline, ev.body, ev.favours, ev.category, value, ref)
    if kind == EventKind.ACTION_TAKEN:
        act = spec.actions[ref]
        who = party_name(spec, act.side)
        headline = act.headline or f"{who}: {act.label}"
        return Happening(
            week, kind, headline, act.description, SIDES[act.side], "pressure", value, ref
        )
    if kind in (
        EventKind.OFFER_MADE,
        EventKind.OFFER_ACCEPTED,
        EventKind.WALKED_OUT,
        EventKind.CAPITULATION,
    ):
        who = party_name(spec, ref)
        other = party_name(spec, 1 - ref)
        text = {
            EventKind.OFFER_MADE: f"{who} puts a new package on the table",
            EventKind.OFFER_ACCEPTED: f"{who} accepts the {other} package",
            EventKind.WALKED_OUT: f"{who} walks out of talks",
            EventKind.CAPITULATION: f"{who} gives in",
        }[kind]
        return Happening(week, kind, text, "", SIDES[ref], "talks", value, ref)
    union = party_name(spec, 0)
    if kind == EventKind.AUTHORIZATION_VOTE:
        verdict = "authorise" if ref == 1 else "refuse"
        return Happening(
            week,
            kind,
            f"{union} members {verdict} a strike: {value:.1%} yes",
            "",
            "union",
            "vote",
            value,
            ref,
        )
    if kind == EventKind.STRIKE_BEGAN:
        return Happening(
            week,
            kind,
            f"{union} on strike",
            "The contract has expired with no deal; picket lines go up.",
            "union",
            "strike",
            value,
            ref,
        )
    if kind == EventKind.DEAL_REACHED:
        return Happening(
            week,
            kind,
            "Tentative agreement reached",
            "The deal goes to the members for ratification.",
            "neutral",
            "talks",
            value,
            ref,
        )
    if kind == EventKind.RATIFICATION_VOTE:
        verdict = "ratify" if ref == 1 else "reject"
        return Happening(
            week,
            kind,
            f"Members {verdict} the deal: {value:.1%} yes",
            "",
            "neutral",
            "vote",
            value,
            ref,
        )
    if kind == EventKind.RATIFICATION_FAILED:
        return Happening(
            week,
            kind,
            "Back to the table",
            "The members voted the tentative deal down.",
            "union",
            "vote",
            value,
            ref,
        )
    if kind == EventKind.ARBITRATION:
        if ref < 0:
            return Happening(
                week, kind, "Arbitration: no offer on the table",
                "With neither side's final offer standing, the old contract stays in force.",
                "neutral", "talks", value, ref,
            )  # fmt: skip
        who = party_name(spec, ref)
        return Happening(
            week, kind, f"Arbitrator picks the {who} final offer",
            "Final-offer arbitration: of the two final offers the arbitrator imposes the more "
            "reasonable one (the larger product of the two sides' values).",
            SIDES[ref], "talks", value, ref,
        )  # fmt: skip
    if kind == EventKind.COIN_TOSS:
        who = party_name(spec, ref)
        return Happening(
            week, kind, f"Both sides accept at once: a coin toss picks the {who} offer",
            "When both sides accept in the same week, a fair coin decides whose offer "
            "becomes the tentative deal.",
            "neutral", "talks", value, ref,
        )  # fmt: skip
    if kind == EventKind.TALKS_RESUMED:
        return Happening(week, kind, "Talks resume", "", "neutral", "talks", value, ref)
    if kind == EventKind.DEADLINE_REACHED:
        return Happening(
            week, kind, "No contract by the deadline", "", "neutral", "talks", value, ref
        )
    if kind == EventKind.GAME_ENDED:
        return Happening(
            week,
            kind,
            OUTCOME_TEXT.get(Outcome(int(value)), "The dispute ends"),
            "",
            "neutral",
            "outcome",
            value,
            ref,
        )
    return Happening(week, kind, kind.name.replace("_", " ").title(), value=value, ref=ref)
