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


def possessive(name: str) -> str:
    """``"Guild's"``, but ``"Studios'"`` for a plural name ending in s."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


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


@dataclass(frozen=True)
class _Line:
    """How one kind of engine event reads. ``headline`` and ``body`` may name ``{who}``
    (the party the event's ``ref`` names), ``{other}`` (the other party), ``{union}``,
    ``{verdict}`` (from :data:`_VERDICTS`) and ``{yes}`` (the value as a vote share).
    ``favours`` is ``"side"`` for the side ``ref`` names."""

    headline: str
    body: str = ""
    favours: str = "neutral"
    category: str = "talks"


_LINES: dict[EventKind, _Line] = {
    EventKind.OFFER_MADE: _Line("{who} puts a new package on the table", favours="side"),
    EventKind.OFFER_ACCEPTED: _Line("{who} accepts the {other} package", favours="side"),
    EventKind.WALKED_OUT: _Line("{who} walks out of talks", favours="side"),
    EventKind.CAPITULATION: _Line("{who} gives in", favours="side"),
    EventKind.AUTHORIZATION_VOTE: _Line(
        "{union} members {verdict} a strike: {yes}", favours="union", category="vote"
    ),
    EventKind.STRIKE_BEGAN: _Line(
        "{union} on strike",
        "The contract has expired with no deal; picket lines go up.",
        "union",
        "strike",
    ),
    EventKind.DEAL_REACHED: _Line(
        "Tentative agreement reached", "The deal goes to the members for ratification."
    ),
    EventKind.RATIFICATION_VOTE: _Line("Members {verdict} the deal: {yes}", category="vote"),
    EventKind.RATIFICATION_FAILED: _Line(
        "Back to the table", "The members voted the tentative deal down.", "union", "vote"
    ),
    EventKind.ARBITRATION: _Line(
        "Arbitrator picks the {who} final offer",
        "Final-offer arbitration: of the two final offers the arbitrator imposes the more "
        "reasonable one (the larger product of the two sides' values).",
        "side",
    ),
    EventKind.COIN_TOSS: _Line(
        "Both sides accept at once: a coin toss picks the {who} offer",
        "When both sides accept in the same week, a fair coin decides whose offer "
        "becomes the tentative deal.",
    ),
    EventKind.TALKS_RESUMED: _Line("Talks resume"),
    EventKind.DEADLINE_REACHED: _Line("No contract by the deadline"),
}
"""The words of every engine event that is not about a scenario event, a pressure
action or the end of the game (those read the scenario: see :func:`_one`)."""

_NO_OFFER_ARBITRATION = _Line(
    "Arbitration: no offer on the table",
    "With neither side's final offer standing, the old contract stays in force.",
)
"""Arbitration with neither side's final offer standing (``ref`` -1)."""

_VERDICTS = {
    EventKind.AUTHORIZATION_VOTE: ("refuse", "authorise"),
    EventKind.RATIFICATION_VOTE: ("reject", "ratify"),
}
"""The vote's verdict in words: (failed, passed)."""


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
    if kind == EventKind.GAME_ENDED:
        text = OUTCOME_TEXT.get(Outcome(int(value)), "The dispute ends")
        return Happening(week, kind, text, "", "neutral", "outcome", value, ref)
    line = _LINES.get(kind)
    if line is None:
        return Happening(week, kind, kind.name.replace("_", " ").title(), value=value, ref=ref)
    if kind == EventKind.ARBITRATION and ref < 0:
        line = _NO_OFFER_ARBITRATION
    names = {
        "union": party_name(spec, 0),
        "verdict": _VERDICTS[kind][ref == 1] if kind in _VERDICTS else "",
        "yes": f"{value:.1%} yes",
    }
    if ref in (0, 1):
        names["who"], names["other"] = party_name(spec, ref), party_name(spec, 1 - ref)
    favours = SIDES[ref] if line.favours == "side" else line.favours
    return Happening(
        week,
        kind,
        line.headline.format(**names),
        line.body.format(**names),
        favours,
        line.category,
        value,
        ref,
    )
