"""What the table says about moves: the question before Accept or Walk out (with the
members' forecast), "hold until something changes", the other side's whole week in words,
and the money runway.
"""

from __future__ import annotations

from strikesim.engine import EventKind, Move, Phase
from strikesim.narrate import possessive
from strikesim.play.forecast import forecast_text
from strikesim.play.seat import GamePlay
from strikesim.session import WeekReport
from strikesim.ui.context import UIContext
from strikesim.ui.screens.dialog import Dialog, confirm

STOP_KINDS = frozenset(
    {
        EventKind.SCENARIO_EVENT,
        EventKind.OFFER_MADE,
        EventKind.OFFER_ACCEPTED,
        EventKind.WALKED_OUT,
        EventKind.TALKS_RESUMED,
        EventKind.AUTHORIZATION_VOTE,
        EventKind.STRIKE_BEGAN,
        EventKind.DEAL_REACHED,
        EventKind.RATIFICATION_VOTE,
        EventKind.RATIFICATION_FAILED,
        EventKind.CAPITULATION,
        EventKind.DEADLINE_REACHED,
        EventKind.GAME_ENDED,
    }
)
"""What stops "hold until something changes": any news, offer, vote or turn of events."""
MAX_QUIET_WEEKS = 26
"""The longest run of quiet weeks one "hold until" plays."""
MONEY = {"union": ("strike_fund",), "studio": ("studio_cash",)}
"""The variables whose running out ends a side's strike (the runway warning watches them)."""
RUNWAY_WARNING = 8
"""Weeks of money left below which the table warns."""


def something_changed(play: GamePlay, report: WeekReport) -> bool:
    """True when the week brought news, an offer, a vote or a new phase."""
    if play.is_over or play.phase == Phase.RATIFICATION:
        return True
    return any(h.kind in STOP_KINDS for h in report.happenings)


def hold_until_change(play: GamePlay) -> tuple[int, WeekReport | None]:
    """Hold week after week until something changes (or :data:`MAX_QUIET_WEEKS`);
    returns (weeks played, the last week's report, None if a week could not be played)."""
    report: WeekReport | None = None
    for n in range(1, MAX_QUIET_WEEKS + 1):
        report = play.play(Move.HOLD)
        if report is None:
            return n - 1, None
        if something_changed(play, report) or play.handover_to is not None:
            return n, report
    return MAX_QUIET_WEEKS, report


def accept_question(ctx: UIContext, play: GamePlay) -> Dialog[bool]:
    """Accept? With the package's worth and the members' forecast for it."""
    theirs = play.other_offer()
    other = play.name(play.other)
    union = play.name(0)
    weeks = play.spec.phases.ratification_weeks
    parts = [
        f"Their package becomes a tentative deal, and the members of {union} vote on it "
        f"in {weeks} week{'s' if weeks != 1 else ''}."
    ]
    if theirs is not None:
        parts.append(f"It is worth {play.own_utility(theirs):.2f} to you.")
    forecast = forecast_text(play, theirs, "it")
    if forecast:
        parts.append(forecast)
    parts.append("(Settings can turn these questions off.)")
    return confirm(ctx, f"Accept {possessive(other)} package?", " ".join(parts), yes="Accept")


def walk_out_question(ctx: UIContext, play: GamePlay) -> Dialog[bool]:
    weeks = play.spec.phases.walkout_weeks
    text = (
        f"Talks are suspended for {weeks} week{'s' if weeks != 1 else ''}: nobody can make "
        "or accept an offer until they resume. (Settings can turn these questions off.)"
    )
    return confirm(ctx, "Walk out of the talks?", text, yes="Walk out", danger=True)


def other_week_text(play: GamePlay) -> str:
    """The other side's whole last week: its move, every pressure action, the news."""
    lines = [play.last_move_text()]
    reports = play.session.reports
    if reports:
        last = reports[-1]
        spec = play.spec
        actions = [
            spec.actions[spec.action_index[a]].label
            for a in last.decisions[play.other].pressure
            if a in spec.action_index
        ]
        if actions:
            lines.append("Pressure: " + "; ".join(actions) + ".")
    if play.last_explanation():
        lines.append(f"“{play.last_explanation()}”")
    if reports:
        news = [h.headline for h in reports[-1].happenings if h.kind == EventKind.SCENARIO_EVENT]
        if news:
            lines.append("In the news: " + "; ".join(news) + ".")
    return "\n".join(lines)


def runway(play: GamePlay) -> tuple[str, float, float] | None:
    """(label, money now, weeks left at the last four weeks' rate) for the player's money,
    when it is falling; None when it is not (or the scenario has none)."""
    spec = play.spec
    visible = {v.id for v in play.visible_variables}
    for var_id in MONEY.get(play.side_key, ()):
        if var_id not in visible:
            continue
        history = play.history(var_id)
        if len(history) < 2:
            continue
        now = history[-1]
        back = history[max(0, len(history) - 5)]
        weeks = len(history) - 1 - max(0, len(history) - 5)
        burn = (back - now) / max(1, weeks)
        if burn > 1e-9:
            return spec.variables[spec.var_index[var_id]].label, now, max(0.0, now / burn)
    return None


def runway_text(play: GamePlay) -> tuple[str, str] | None:
    """(warning, colour) when the player's money runs out within :data:`RUNWAY_WARNING`
    weeks at its recent rate."""
    found = runway(play)
    if found is None:
        return None
    label, now, weeks = found
    if weeks >= RUNWAY_WARNING:
        return None
    colour = "negative" if weeks < 3 else "warning"
    return f"{label}: ${now:,.1f}M, about {weeks:.0f} weeks left at this rate", colour


def wants_question(move: Move, ctx: UIContext) -> bool:
    return ctx.settings.confirm_moves and move in (Move.ACCEPT, Move.WALK_OUT)
