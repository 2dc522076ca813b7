"""A balance report: the seat tables and lever table of one scenario, as text or JSON."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from strikesim.ai import DIFFICULTIES
from strikesim.ai.lookahead import Lookahead
from strikesim.balance.harness import (
    BAR_MARGIN,
    DEFAULT_RUNS,
    SUITE,
    SeatTable,
    Stats,
    play_seat,
)
from strikesim.balance.levers import GAIN_BAR, LeverRow, LeverTable, lever_table
from strikesim.balance.policies import DEFAULT_AI, PolicyFactory
from strikesim.balance.result import RESULT_MEASURE
from strikesim.engine.spec import SIDES, STUDIO, UNION
from strikesim.narrate import party_name
from strikesim.scenario import load_scenario

__all__ = ["BalanceReport", "report_json", "report_text", "run_balance"]


@dataclass(frozen=True)
class BalanceReport:
    scenario: str
    title: str
    parties: tuple[str, str]
    runs: int
    seed: int
    difficulties: tuple[str, ...]
    seats: tuple[SeatTable, ...]
    levers: LeverTable | None = None


def run_balance(
    source: str | Path,
    *,
    sides: Sequence[int] = (UNION, STUDIO),
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    difficulties: Sequence[str] = tuple(DIFFICULTIES),
    policies: Sequence[str] = SUITE,
    levers: bool = False,
    progress: Callable[[str], Any] | None = None,
    custom: Mapping[str, PolicyFactory] | None = None,
) -> BalanceReport:
    """Play the suite in each of ``sides`` (and the levers, at the first difficulty);
    ``custom`` enters more negotiators by name (see :func:`play_seat`)."""
    spec = load_scenario(source)
    seats = []
    for side in sides:

        def tick(done: int, total: int, side: int = side) -> None:
            if progress is not None:
                progress(f"{SIDES[side]} seat: {done}/{total} batches")

        seats.append(
            play_seat(
                spec,
                side,
                runs=runs,
                seed=seed,
                difficulties=difficulties,
                policies=policies,
                progress=tick,
                custom=custom,
            )
        )
    table = None
    if levers:
        if progress is not None:
            progress("levers")
        level = difficulties[0] if difficulties else "normal"
        table = lever_table(source, runs=runs, seed=seed, difficulty=level)
    return BalanceReport(
        scenario=spec.id,
        title=spec.title,
        parties=(party_name(spec, UNION), party_name(spec, STUDIO)),
        runs=runs,
        seed=seed,
        difficulties=tuple(difficulties),
        seats=tuple(seats),
        levers=table,
    )


# ---- text ------------------------------------------------------------------------------


def _num(x: float, fmt: str) -> str:
    return format(x, fmt) if math.isfinite(x) else "n/a"


def _pct(x: float) -> str:
    return f"{x:.0%}" if math.isfinite(x) else "n/a"


def _policy_label(table: SeatTable, policy: str) -> str:
    if policy == DEFAULT_AI:
        return f"{policy} ({table.default_ai})"
    return f"{policy} (custom)" if policy in table.custom else policy


def _seat_text(report: BalanceReport, table: SeatTable) -> list[str]:
    side, other = table.side, 1 - table.side
    levels = table.difficulties
    width = max(len(_policy_label(table, p)) for p in table.policies) + 2
    looking = [d for d in levels if d in ("hard", "expert")]
    look = "Look-ahead: not played (no hard/expert level)"
    if looking:
        look = f"Look-ahead of hard/expert AIs in these batches of {table.runs} campaigns: " + (
            ", ".join(f"{d} {'on' if table.lookahead.get(d) else 'off'}" for d in looking)
        )
        if not all(table.lookahead.get(d) for d in looking):
            look += f" (on with --runs {Lookahead.max_batch} or fewer, as in the game window)"
    lines = [
        f"== {SIDES[side].capitalize()} seat ({report.parties[side]}) against "
        f"{len(table.opponents)} {SIDES[other]} negotiators ==",
        "Opponents: " + ", ".join(table.opponents),
        look,
        "",
    ]
    head = "".join(f"{d:>9}" for d in levels)
    for title, attr, fmt in (
        ("Score, 0-100 (mean over opponents and runs)", "score", ".1f"),
        ("Result: contract value minus dispute cost, utility (mean)", "result", ".3f"),
    ):
        lines.append(f"{title}")
        lines.append(f"  {'policy':<{width}}{head}")
        for p in table.policies:
            row = "".join(f"{_num(getattr(table.cells[(p, d)], attr), fmt):>9}" for d in levels)
            lines.append(f"  {_policy_label(table, p):<{width}}{row}")
        lines.append("")
    lines.append(
        "Endings (share of games: ratified deal, any strike, this side's / the other side's "
        "capitulation, deadline reached without agreement) and mean strike weeks"
    )
    cols = ("deal", "strike", "gave in", "other gave in", "deadline", "strike wks")
    lines.append(f"  {'policy':<{width}}{'level':<8}" + "".join(f"{c:>14}" for c in cols))
    for p in table.policies:
        for d in levels:
            s = table.cells[(p, d)]
            vals = [
                _pct(s.deal),
                _pct(s.strike),
                _pct(s.gave_in),
                _pct(s.other_gave_in),
                _pct(s.no_deal),
                _num(s.strike_weeks, ".1f"),
            ]
            label = _policy_label(table, p) if d == levels[0] else ""
            lines.append(f"  {label:<{width}}{d:<8}" + "".join(f"{v:>14}" for v in vals))
    lines.append("")
    trivial = table.trivial
    if DEFAULT_AI in table.policies and trivial:
        lines.append(
            f"Verdict (bar: each trivial policy scores >= {BAR_MARGIN:.0f} points below "
            f"default_ai at every level; margin = default_ai minus the policy)"
        )
        for p in trivial:
            margins = " ".join(f"{d} {_num(table.margin(p, d), '+.1f')}" for d in levels)
            verdict = "meets the bar" if table.meets_bar(p) else "FAILS the bar"
            lines.append(f"  {p:<{width}}{verdict:<15} {margins}")
        lines.append("")
    return lines


def _lever_text(report: BalanceReport, table: LeverTable) -> list[str]:
    u, s = report.parties
    lines = [
        f"== Levers: default AIs ({table.negotiators[0]} vs {table.negotiators[1]}), "
        f"{table.difficulty}, {table.runs} runs, seed {table.seed} ==",
        f"Gain = mean result of the side the lever favours, strong minus weak "
        f"(bar: >= {GAIN_BAR} for a 10x stronger lever).",
        "",
    ]
    cols = (
        f"{u} result",
        f"{u} score",
        f"{s} result",
        f"{s} score",
        "strike wks",
        "deal",
        f"{u} gave in",
        f"{s} gave in",
    )
    colw = max(12, *(len(c) + 2 for c in cols))

    def row(label: str, pair: tuple[Stats, Stats]) -> str:
        a, b = pair
        vals = (
            _num(a.result, ".3f"),
            _num(a.score, ".1f"),
            _num(b.result, ".3f"),
            _num(b.score, ".1f"),
            _num(a.strike_weeks, ".1f"),
            _pct(a.deal),
            _pct(a.gave_in),
            _pct(b.gave_in),
        )
        return f"  {label:<16}" + "".join(f"{v:>{colw}}" for v in vals)

    header = f"  {'':<16}" + "".join(f"{c:>{colw}}" for c in cols)
    lines += [header, row("as shipped", table.baseline), ""]
    for r in table.rows:
        lines += _lever_row_text(r, row, report)
    lines.append("Gains: " + ", ".join(_gain_summary(r) for r in table.rows))
    return lines


def _lever_row_text(
    r: LeverRow, row: Callable[[str, tuple[Stats, Stats]], str], report: BalanceReport
) -> list[str]:
    lever = r.lever
    who = report.parties[lever.favours]
    if not r.applies or r.setting is None or r.weak is None or r.strong is None:
        return [f"{lever.label}: n/a (the scenario has none of its variables or parameters)", ""]
    lines = [f"{lever.label} (favours {who}): {r.setting.describe()}"]
    if lever.note:
        lines.append(f"  ({lever.note})")
    if r.shown is not None:
        lines.append(f"  {lever.shows} at the start: {r.shown[0]:.3g} vs {r.shown[1]:.3g}")
    lines += [row("weak", r.weak), row("strong", r.strong)]
    mark = "meets the bar" if r.gain >= GAIN_BAR else "below the bar"
    lines += [f"  gain of {who}: {r.gain:+.4f} ({mark})", ""]
    return lines


def _gain_summary(r: LeverRow) -> str:
    return f"{r.lever.id} {r.gain:+.3f}" if r.applies else f"{r.lever.id} n/a"


def report_text(report: BalanceReport) -> str:
    """The tables ``strikesim balance`` prints."""
    lines = [
        f"Balance of {report.title} ({report.scenario}): {report.runs} runs per batch "
        f"(one batch per policy x opponent x level), seed {report.seed}",
        f"Result = {RESULT_MEASURE} (utility units).",
        "",
    ]
    for table in report.seats:
        lines += _seat_text(report, table)
    if report.levers is not None:
        lines += _lever_text(report, report.levers)
    return "\n".join(lines).rstrip() + "\n"


# ---- JSON ------------------------------------------------------------------------------


def _finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by None (strict JSON)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _seat_json(table: SeatTable) -> dict[str, Any]:
    return {
        "seat": table.seat,
        "default_ai": table.default_ai,
        "opponents": list(table.opponents),
        "lookahead": dict(table.lookahead),
        "cells": [
            {
                "policy": p,
                "difficulty": d,
                **asdict(table.cells[(p, d)]),
                "margin": table.margin(p, d) if p != DEFAULT_AI else None,
                "opponent_view": asdict(table.opponent_view[(p, d)]),
            }
            for p in table.policies
            for d in table.difficulties
        ],
        "by_opponent": [
            {"policy": p, "difficulty": d, "opponent": o, **asdict(stats)}
            for (p, d, o), stats in table.by_opponent.items()
        ],
        "verdicts": [
            {
                "policy": p,
                "meets_bar": table.meets_bar(p),
                "margins": {d: table.margin(p, d) for d in table.difficulties},
            }
            for p in table.trivial
        ],
        "custom": list(table.custom),
    }


def report_json(report: BalanceReport) -> str:
    """The report as strict JSON (no NaN or infinity: missing numbers are null)."""
    data: dict[str, Any] = {
        "scenario": report.scenario,
        "title": report.title,
        "parties": {SIDES[s]: report.parties[s] for s in (UNION, STUDIO)},
        "runs": report.runs,
        "seed": report.seed,
        "difficulties": list(report.difficulties),
        "result_measure": RESULT_MEASURE,
        "bar_margin": BAR_MARGIN,
        "seats": [_seat_json(t) for t in report.seats],
    }
    if report.levers is not None:
        lt = report.levers
        data["levers"] = {
            "difficulty": lt.difficulty,
            "negotiators": {SIDES[s]: lt.negotiators[s] for s in (UNION, STUDIO)},
            "gain_bar": GAIN_BAR,
            "baseline": {SIDES[s]: asdict(lt.baseline[s]) for s in (UNION, STUDIO)},
            "rows": [r.to_json() for r in lt.rows],
        }
    return json.dumps(_finite(data), indent=1, allow_nan=False) + "\n"
