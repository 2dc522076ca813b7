"""Plain-text rendering of a game for the terminal: the week-by-week log."""

from __future__ import annotations

from collections.abc import Iterable

from strikesim.engine import EventKind, GameSpec, Move, Outcome, Phase
from strikesim.engine.spec import STUDIO, UNION
from strikesim.narrate import OUTCOME_TEXT, party_name, week_date
from strikesim.session import Session, WeekReport

#: Variables shown under each week, in order, when the scenario has them.
KEY_VARIABLES = (
    ("strike_fund", "fund", "${:,.1f}M"),
    ("hardship", "hardship", "{:.0%}"),
    ("member_expectation", "members expect", "{:.2f}"),
    ("public_support_union", "public support", "{:.0%}"),
    ("content_stock", "content", "{:.1f} wk"),
    ("subscribers", "subscribers", "{:.3f}"),
    ("ai_adoption", "AI adoption", "{:.1%}"),
    ("economic_loss", "loss", "${:,.0f}M"),
)

PHASE_TEXT = {
    Phase.TALKS: "talks",
    Phase.STRIKE: "strike",
    Phase.RATIFICATION: "ratification",
    Phase.ENDED: "ended",
}


def describe_offer(spec: GameSpec, levels: Iterable[int]) -> str:
    """``"Min pay 13% · AI: consent + disclosure · …"`` for an offer's level indices."""
    parts = []
    for issue, level in zip(spec.issues, levels, strict=True):
        parts.append(f"{issue.label}: {issue.level_labels[level]}")
    return " · ".join(parts)


def header(session: Session) -> list[str]:
    spec = session.spec
    lines = [
        f"StrikeSim — {spec.title} ({spec.id} v{spec.version}), seed {session.seed}",
        f"{party_name(spec, UNION)} ({session.seats[UNION].describe()}) vs "
        f"{party_name(spec, STUDIO)} ({session.seats[STUDIO].describe()})",
    ]
    for side, verb in ((UNION, "asks"), (STUDIO, "offers")):
        standing = session.standing_offer(side)
        if standing is not None:
            lines.append(
                f"On the table, {party_name(spec, side)} {verb}: {describe_offer(spec, standing)}"
            )
    lines.append("")
    return lines


def week_lines(session: Session, report: WeekReport) -> list[str]:
    spec = session.spec
    lines = [f"Week {report.week} · {week_date(spec, report.week)} · {PHASE_TEXT[report.phase]}"]
    for side, d in enumerate(report.decisions):
        who = party_name(spec, side)
        if d.move == Move.OFFER and d.offer is not None:
            lines.append(f"  {who} offers: {describe_offer(spec, d.offer)}")
        elif d.move == Move.ACCEPT:
            lines.append(f"  {who} accepts the {party_name(spec, 1 - side)} package")
        elif d.move == Move.WALK_OUT:
            lines.append(f"  {who} walks out of the talks")
        else:
            lines.append(f"  {who} holds")
        for pid in d.pressure:
            lines.append(f"  {who} acts: {spec.actions[spec.action_index[pid]].label}")
        if d.explanation:
            lines.append(f"    “{d.explanation}”")
    for h in report.happenings:
        if h.kind in (
            EventKind.OFFER_MADE,
            EventKind.ACTION_TAKEN,
            EventKind.OFFER_ACCEPTED,
            EventKind.WALKED_OUT,
        ):
            continue  # already shown with the decision
        marker = "NEWS" if h.kind == EventKind.SCENARIO_EVENT else ">>"
        lines.append(f"  {marker} {h.headline}")
    values = report.values
    shown = [
        f"{label} {fmt.format(values[name])}"
        for name, label, fmt in KEY_VARIABLES
        if name in values
    ]
    lines.append("  · " + " · ".join(shown))
    return lines


def summary_lines(session: Session) -> list[str]:
    spec = session.spec
    state = session.state
    outcome = session.outcome
    end = int(state.end_week[0])
    lines = [
        "",
        f"Outcome: {OUTCOME_TEXT.get(outcome, outcome.name)} "
        f"(week {end}, {week_date(spec, end)}); {int(state.strike_weeks[0])} weeks on strike.",
    ]
    if outcome in (Outcome.DEAL_RATIFIED, Outcome.UNION_CAPITULATED, Outcome.STUDIO_CAPITULATED):
        contract = tuple(int(x) for x in state.contract[0])
        u, s = session.offer_utilities(contract)
        lines.append(f"Contract: {describe_offer(spec, contract)}")
        lines.append(
            f"Utility: {party_name(spec, UNION)} {u:.2f}, {party_name(spec, STUDIO)} {s:.2f}"
        )
    values = session.values()
    if "economic_loss" in values:
        lines.append(f"Economic loss: ${values['economic_loss']:,.0f}M")
    return lines


def run_to_json(session: Session) -> dict[str, object]:
    spec = session.spec
    weeks = []
    for r in session.reports:
        weeks.append(
            {
                "week": r.week,
                "date": week_date(spec, r.week),
                "phase": PHASE_TEXT[r.phase],
                "decisions": [
                    {
                        "side": ("union", "studio")[side],
                        "move": d.move.name.lower(),
                        "offer": list(d.offer) if d.offer is not None else None,
                        "pressure": list(d.pressure),
                        "explanation": d.explanation,
                    }
                    for side, d in enumerate(r.decisions)
                ],
                "events": [
                    {"kind": h.kind.name.lower(), "headline": h.headline, "favours": h.favours}
                    for h in r.happenings
                ],
                "values": r.values,
            }
        )
    state = session.state
    return {
        "scenario": {"id": spec.id, "version": spec.version, "title": spec.title},
        "seed": session.seed,
        "seats": [s.describe() for s in session.seats],
        "weeks": weeks,
        "outcome": session.outcome.name.lower(),
        "end_week": int(state.end_week[0]),
        "strike_weeks": int(state.strike_weeks[0]),
        "contract": [int(x) for x in state.contract[0]],
    }
