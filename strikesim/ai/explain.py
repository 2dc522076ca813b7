"""Plain-language reasons for AI moves, grounded in what the side observed.

Each function returns one short sentence; a negotiator joins at most two (the
move, and the pressure action if it took one). Numbers come from the
observation row the decision was made on, e.g. "We moved on streaming
bonuses because our content stock is down to 6 weeks."
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from strikesim.ai.position import last_ratifiable_week
from strikesim.analysis.result import COST_VARIABLE
from strikesim.engine.spec import SIDES, UNION, GameSpec, Namespace
from strikesim.engine.state import Move, Phase

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
    "ai_investment": ("our AI investment", "${:,.0f}M a year"),
    "ratification_sentiment": ("members' readiness to ratify", "{:.0%}"),
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
    """Labels of the issues where the new offer gives up own utility, the largest
    concession first, e.g. "streaming bonus (to 2%) and AI (to consent)"; an issue that
    changed at no cost to the side when nothing else did; None if nothing moved."""
    if (before < 0).any():
        return None
    moved: list[tuple[float, int]] = []
    for j, issue in enumerate(spec.issues):
        if before[j] == after[j]:
            continue
        weight = issue.weight[side]
        moved.append((weight * (issue.utility[side][before[j]] - issue.utility[side][after[j]]), j))
    if not moved:
        return None
    conceded = sorted((m for m in moved if m[0] > 1e-12), key=lambda m: -m[0])
    chosen = conceded or [max(moved, key=lambda m: m[0])]
    labels = [
        f"{soft_lower(spec.issues[j].label)} (to {spec.issues[j].level_labels[after[j]]})"
        for _, j in chosen
    ]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def soft_lower(label: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym ("AI ...")."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def weeks(n: int) -> str:
    return f"{n} week" if n == 1 else f"{n} weeks"


def money(amount: float) -> str:
    """ "$1.2B" / "$340M" for an amount in $M."""
    if abs(amount) >= 1000:
        return f"${amount / 1000:,.1f}B"
    return f"${amount:,.0f}M"


def position_phrase(rec: DecisionRecord, row: int) -> str:
    """Why the position moved the target, in public terms: what the dispute has cost
    us, the strike threat at expiry, or the arbitration deadline (never the private
    target or tolerance)."""
    spec, side = rec.spec, rec.side
    if rec.driver == "deadline":
        left = max(0, last_ratifiable_week(spec) - rec.week)
        return (
            f"only {weeks(left)} remain before an arbitrator would impose the more "
            "reasonable final offer"
        )
    if rec.driver == "threat":
        left = max(0, spec.phases.expiry_week - rec.week)
        when = "this week" if left == 0 else f"in {weeks(left)}"
        return f"the contract expires {when} and a strike would cost us dearly"
    cost = _value(rec, row, COST_VARIABLE[side])
    stake = float(spec.params.get(("union_stake", "studio_stake")[side], 0.0))
    if cost is None or cost <= 0:
        return "we want a deal before this dispute starts to cost us"
    what = (
        "our members' lost pay and hardship"
        if side == UNION
        else "stopped shows and lost subscribers"
    )
    return f"the dispute has cost us about {money(cost * stake)} so far in {what}"


def accept_sentence(spec: GameSpec, side: int, value: float, target: float) -> str:
    return (
        f"We accepted {other_name(spec, side)}'s offer: worth {value:.2f} to us, it is "
        "as good as we can expect from fighting on."
    )


def offer_sentence(
    spec: GameSpec, side: int, issue: str | None, reason: str, opening: bool,
    retracted: str | None = None,
) -> str:  # fmt: skip
    if opening:
        return "We opened with our full demands."
    back = f" and took back ground on {retracted}" if retracted else ""
    if issue is None:
        return f"We reshaped our package{back} because {reason}."
    return f"We moved on {issue}{back} because {reason}."


def hold_sentence(spec: GameSpec, side: int, value: float | None, target: float) -> str:
    if value is None or not np.isfinite(value):
        return f"We held our offer and are waiting for {other_name(spec, side)} to answer."
    return (
        f"We held firm: {other_name(spec, side)}'s offer is worth {value:.2f} to us, "
        "not enough for what we can still win."
    )


def walkout_sentence(spec: GameSpec, side: int) -> str:
    return f"We walked out because {other_name(spec, side)} took back ground it had given."


def pressure_reason(rec_phrase: str, driver: str) -> str:
    """ "to raise solidarity (now 94%)" from a signed driver and a phrase about it."""
    verb = "raise" if driver.startswith("+") else "cut"
    return f"to {verb} {rec_phrase}"


def pressure_sentence(label: str, reason: str) -> str:
    return f"We also acted — “{label}” — {reason}."


def gained_issue(spec: GameSpec, side: int, before: np.ndarray, after: np.ndarray) -> str | None:
    """Label of an issue where the new offer asks more for this side than the
    standing one (a retraction), e.g. "minimum pay (to 9%)"; None if none."""
    if (before < 0).any() or (after < 0).any():
        return None
    best, gain_best = None, 0.0
    for j, issue in enumerate(spec.issues):
        a, b = int(before[j]), int(after[j])
        gain = (issue.utility[side][b] - issue.utility[side][a]) * issue.weight[side]
        if gain > gain_best + 1e-12:
            best, gain_best = f"{soft_lower(issue.label)} (to {issue.level_labels[b]})", gain
    return best


def ratification_sentence(spec: GameSpec, side: int) -> str:
    if side == UNION:
        return "Our members are voting on the tentative deal."
    return f"We are waiting for {other_name(spec, side)}'s members to vote on the deal."


@dataclass(frozen=True)
class DecisionRecord:
    """What a week's decision was made from, kept to explain it on request."""

    spec: GameSpec
    side: int
    week: int
    phase: np.ndarray  # (B,) Phase
    ns: Namespace  # the namespace the side saw
    move: np.ndarray  # (B,) Move
    offers: np.ndarray  # (B, I) new offers (-1 where none)
    mine: np.ndarray  # (B, I) the side's standing offer before the move
    u_other: np.ndarray  # (B,) own utility of the other side's offer (NaN = none)
    target: np.ndarray  # (B,) target utility
    driver: str  # what drove the target: cost, threat, deadline, resource, tit_for_tat, zeuthen
    pressure: np.ndarray  # (B, A) pressure actions taken
    drivers: tuple[str, ...]  # per action, the variable that made it worth taking
    initial: Mapping[str, float]  # variables' starting values


def _value(rec: DecisionRecord, row: int, var: str) -> float | None:
    if var not in rec.ns:
        return None
    arr = np.asarray(rec.ns[var], dtype=np.float64).reshape(-1)
    return float(arr[min(row, arr.size - 1)])


def phrase(rec: DecisionRecord, row: int, var: str) -> str:
    """A clause citing variable ``var`` in campaign ``row``."""
    index = rec.spec.var_index.get(var)
    label = rec.spec.variables[index].label if index is not None else ""
    return driver_phrase(var, _value(rec, row, var), label, rec.initial.get(var))


def reason(rec: DecisionRecord, row: int) -> str:
    """Why the target moved: the clock, the resource furthest run down, the
    other side's concession, or the risk comparison."""
    side = rec.side
    if rec.driver == "resource":
        names = (
            ("strike_fund", "hardship")
            if side == UNION
            else ("content_stock", "subscribers", "studio_cash")
        )
        present = [n for n in names if n in rec.ns]

        def left(n: str) -> float:
            v = _value(rec, row, n) or 0.0
            return 1.0 - v if n == "hardship" else v / max(rec.initial.get(n, 1.0), 1e-9)

        if present:
            return phrase(rec, row, min(present, key=left))
    if rec.driver == "tit_for_tat":
        return f"{other_name(rec.spec, side)} moved our way and we answer in kind"
    if rec.driver == "zeuthen":
        return "we have more to lose from a breakdown than they do right now"
    return position_phrase(rec, row)


def explain_row(rec: DecisionRecord, row: int) -> str:
    """One or two sentences on campaign ``row``'s move and pressure action."""
    spec, side = rec.spec, rec.side
    m = Move(int(rec.move[row]))
    if m == Move.ACCEPT:
        text = accept_sentence(spec, side, float(rec.u_other[row]), float(rec.target[row]))
    elif m == Move.OFFER:
        issue = moved_issue(spec, side, rec.mine[row], rec.offers[row])
        back = gained_issue(spec, side, rec.mine[row], rec.offers[row])
        opening = bool(rec.mine[row][0] < 0)
        text = offer_sentence(spec, side, issue, reason(rec, row), opening, back)
    elif m == Move.WALK_OUT:
        text = walkout_sentence(spec, side)
    elif rec.phase[row] == Phase.ENDED:
        return ""
    elif rec.phase[row] == Phase.RATIFICATION:
        text = ratification_sentence(spec, side)
    else:
        value = None if np.isnan(rec.u_other[row]) else float(rec.u_other[row])
        text = hold_sentence(spec, side, value, float(rec.target[row]))
    for j in np.flatnonzero(rec.pressure[row]).tolist():
        signed = rec.drivers[j] or "+"
        var = signed[1:]
        if var == "opinion_shift":  # a shift towards the union
            var = "public_support_union" if signed[0] == "+" else "public_support_studio"
            signed = "+" + var
        value = _value(rec, row, var)
        index = spec.var_index.get(var)
        label = soft_lower(spec.variables[index].label) if index is not None else var
        noun, fmt = DRIVER_TEXT.get(var, (label, "{:.3g}"))
        about = noun
        if value is not None and np.isfinite(value):
            about = f"{noun} (now {fmt.format(value)})"
        text += " " + pressure_sentence(spec.actions[j].label, pressure_reason(about, signed))
    return text


class LazyTexts(Sequence[str]):
    """The explanations of a decision, written only when read."""

    def __init__(self, record: DecisionRecord) -> None:
        self.record = record
        self._cache: dict[int, str] = {}

    def __len__(self) -> int:
        return int(self.record.move.shape[0])

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("explanation row out of range")
        if index not in self._cache:
            self._cache[index] = explain_row(self.record, index)
        return self._cache[index]

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
