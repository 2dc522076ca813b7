"""Monte Carlo batches: many seeds of one scenario in one vectorised engine pass.

Each run is campaign ``i`` of one batch: its random draws are keyed by
``(seed, i, week, stream)``, so run ``i`` of a batch equals a single game played
with campaign id ``i`` (tests hold this).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np

from strikesim.ai import Negotiator, make_negotiator
from strikesim.ai.difficulty import get_difficulty
from strikesim.ai.lookahead import Lookahead
from strikesim.analysis import outcome_space, pareto_mask_of
from strikesim.engine import (
    Actions,
    EventKind,
    GameSpec,
    Outcome,
    State,
    initial_state,
    observe,
    step,
    utilities,
)
from strikesim.engine.spec import STUDIO, UNION
from strikesim.narrate import party_name
from strikesim.records import Seat, write_atomic


@dataclass(frozen=True)
class BatchResult:
    """Per-run outcomes of a batch, as arrays of shape ``(runs,)`` (or ``(runs, I)``)."""

    seed: int
    seats: tuple[Seat, Seat]
    outcome: np.ndarray  # int8 Outcome
    end_week: np.ndarray  # int32
    strike_weeks: np.ndarray  # int32
    contract: np.ndarray  # (runs, I) int16 levels of the final contract
    union_utility: np.ndarray  # float64
    studio_utility: np.ndarray  # float64
    economic_loss: np.ndarray  # float64, $M
    on_frontier: np.ndarray  # bool
    final_values: np.ndarray  # (runs, V)
    ratification_share: np.ndarray  # float64 yes share of the last ratification vote (nan: none)
    first_counter_week: np.ndarray  # float64 week of the studio's first new offer (nan: none)

    @property
    def runs(self) -> int:
        return int(self.outcome.shape[0])


def run_batch(
    spec: GameSpec,
    seats: tuple[Seat, Seat],
    *,
    runs: int,
    seed: int = 0,
    progress: TextIO | None = None,
    campaigns: Sequence[int] | None = None,
    lookahead: bool = False,
) -> BatchResult:
    """Play ``runs`` AI-vs-AI campaigns at once and collect their outcomes.

    Hard and expert negotiators look ahead only in small batches (interactive play,
    :attr:`Lookahead.max_batch <strikesim.ai.lookahead.Lookahead.max_batch>`);
    with ``lookahead`` the campaigns are played in batches that small, so every
    game is the one a player would meet (same campaign ids; much slower)."""
    ids = np.arange(runs) if campaigns is None else np.asarray(campaigns).reshape(-1)
    size = lookahead_batch(seats) if lookahead else runs
    parts = []
    for start in range(0, runs, size):
        chunk = ids[start : start + size]
        negs = tuple(
            make_negotiator(spec, seat.personality, side, difficulty=seat.difficulty)
            for side, seat in enumerate(seats)
        )
        parts.append(
            play_batch_tracked(
                spec,
                (negs[0], negs[1]),
                runs=int(chunk.shape[0]),
                seed=seed,
                progress=progress if size == runs else None,
                campaigns=chunk.tolist(),
            )
        )
        if progress is not None and size < runs:
            done = min(start + size, runs)
            progress.write(f"\r{done:>7,}/{runs:,} runs played with look-ahead")
            progress.flush()
    if progress is not None and size < runs:
        progress.write("\n")

    def joined(field: str) -> np.ndarray:
        return np.concatenate([getattr(st, field) for st, _, _ in parts])

    contract = joined("contract").astype(np.int16)
    values = joined("values")
    u = utilities(spec, contract)
    loss_col = spec.var_index.get("economic_loss")
    loss = values[:, loss_col] if loss_col is not None else np.zeros(runs)
    return BatchResult(
        seed=seed,
        seats=seats,
        outcome=joined("outcome").copy(),
        end_week=joined("end_week").copy(),
        strike_weeks=joined("strike_weeks").copy(),
        contract=contract,
        union_utility=u[:, UNION],
        studio_utility=u[:, STUDIO],
        economic_loss=loss.copy(),
        on_frontier=_on_frontier(spec, contract),
        final_values=values.copy(),
        ratification_share=np.concatenate([votes for _, votes, _ in parts]),
        first_counter_week=np.concatenate([weeks for _, _, weeks in parts]),
    )


def looks_ahead(seats: tuple[Seat, Seat]) -> bool:
    """Whether either seat's difficulty has a look-ahead (hard and expert)."""
    return any(get_difficulty(seat.difficulty).lookahead_weeks > 0 for seat in seats)


def lookahead_batch(seats: tuple[Seat, Seat]) -> int:
    """The batch size in which the seats' negotiators use their look-ahead."""
    return Lookahead.max_batch if looks_ahead(seats) else 1 << 30


def plays_without_lookahead(seats: tuple[Seat, Seat], runs: int, lookahead: bool) -> bool:
    """Whether a batch of ``runs`` played with ``lookahead`` leaves out a look-ahead the
    seats' negotiators would use in the game window."""
    return looks_ahead(seats) and not lookahead and runs > Lookahead.max_batch


def lookahead_note(levels: str, runs: int) -> str:
    """What to tell someone whose ``levels`` negotiators played ``runs`` games in one
    batch, without their look-ahead (``batch`` and ``check`` print it)."""
    return (
        f"Note: {levels} negotiators test their offers against likely futures "
        f"(look-ahead) only in games played a few at a time, as in the game window; in "
        f"this batch of {runs:,} they played without it. Add --lookahead to play "
        f"every game as a player would meet it (much slower)."
    )


def play_batch(
    spec: GameSpec,
    negotiators: tuple[Negotiator, Negotiator],
    *,
    runs: int,
    seed: int = 0,
    progress: TextIO | None = None,
    campaigns: Sequence[int] | None = None,
) -> State:
    """Play ``runs`` campaigns to their end with the (union, studio) negotiators
    (reset here) and return the final state."""
    return play_batch_tracked(
        spec, negotiators, runs=runs, seed=seed, progress=progress, campaigns=campaigns
    )[0]


def play_batch_tracked(
    spec: GameSpec,
    negotiators: tuple[Negotiator, Negotiator],
    *,
    runs: int,
    seed: int = 0,
    progress: TextIO | None = None,
    campaigns: Sequence[int] | None = None,
) -> tuple[State, np.ndarray, np.ndarray]:
    """:func:`play_batch`, also returning per run the yes share of the last ratification
    vote and the week of the studio's first new offer (each nan where there was none)."""
    votes = np.full(runs, np.nan)
    counters = np.full(runs, np.nan)
    state = initial_state(spec, batch=runs, seed=seed, campaigns=campaigns)
    for neg in negotiators:
        neg.reset(spec, runs, seed, state.campaign)
    max_weeks = spec.phases.max_weeks
    while not bool(state.is_over.all()):
        union = negotiators[UNION].decide(observe(spec, state, UNION))
        studio = negotiators[STUDIO].decide(observe(spec, state, STUDIO))
        week = state.week
        state, events = step(spec, state, Actions.from_decisions(union, studio))
        vote = events.kind == EventKind.RATIFICATION_VOTE
        votes[events.campaign[vote]] = events.value[vote]
        offer = (events.kind == EventKind.OFFER_MADE) & (events.ref == STUDIO)
        rows = events.campaign[offer]
        counters[rows] = np.fmin(counters[rows], float(week))
        if progress is not None:
            done = int(state.is_over.sum())
            progress.write(f"\rweek {state.week:>3}/{max_weeks}: {done:>7,}/{runs:,} runs ended")
            progress.flush()
    if progress is not None:
        progress.write("\n")
    return state, votes, counters


def _on_frontier(spec: GameSpec, contract: np.ndarray) -> np.ndarray:
    space = outcome_space(spec)
    on = pareto_mask_of(space)
    return np.asarray(on[space.flat_index(contract)], dtype=bool)


# ---- summary -----------------------------------------------------------------------


def _pct(a: np.ndarray) -> str:
    if a.size == 0:
        return "—"
    p = np.percentile(a, [10, 25, 50, 75, 90])
    return " / ".join(f"{x:.0f}" for x in p)


def summary_text(spec: GameSpec, r: BatchResult) -> str:
    """The table ``strikesim batch`` prints."""
    lines = [
        f"{spec.title}: {r.runs:,} runs, seed {r.seed}, "
        f"{party_name(spec, UNION)} {r.seats[0].describe()} vs "
        f"{party_name(spec, STUDIO)} {r.seats[1].describe()}",
        "",
    ]
    lines.append("Outcomes")
    for o in Outcome:
        if o == Outcome.ONGOING:
            continue
        share = float(np.mean(r.outcome == o))
        lines.append(f"  {o.name.lower().replace('_', ' '):<22} {share:6.1%}")
    struck = r.strike_weeks[r.strike_weeks > 0]
    lines.append("")
    lines.append(f"Strike length, weeks (p10 / p25 / median / p75 / p90): {_pct(r.strike_weeks)}")
    lines.append(
        f"  runs with a strike: {struck.size / r.runs:.1%}; mean {r.strike_weeks.mean():.1f} weeks"
    )
    lines.append(f"Dispute length, weeks (p10 / p25 / median / p75 / p90): {_pct(r.end_week)}")
    lines.append("")
    lines.append("Settlement terms (median value; most common level)")
    deal = r.outcome != Outcome.DEADLINE
    for j, issue in enumerate(spec.issues):
        if not deal.any():
            break
        levels = r.contract[deal, j]
        values = np.asarray(issue.values)[levels]
        mode = int(np.bincount(levels, minlength=issue.n_levels).argmax())
        share = float(np.mean(levels == mode))
        lines.append(
            f"  {issue.label:<40} {np.median(values):>8.2f} {issue.unit:<6} "
            f"{issue.level_labels[mode]} ({share:.0%})"
        )
    lines.append("")
    lines.append(
        f"Utility of the contract: {party_name(spec, UNION)} "
        f"{np.median(r.union_utility):.2f} (median), "
        f"{party_name(spec, STUDIO)} {np.median(r.studio_utility):.2f}"
    )
    lines.append(f"Economic loss, $M (p10 / p25 / median / p75 / p90): {_pct(r.economic_loss)}")
    efficient = float(np.mean(r.on_frontier[deal])) if deal.any() else 0.0
    lines.append(f"Deals on the Pareto frontier: {efficient:.1%}")
    return "\n".join(lines)


def rows(spec: GameSpec, r: BatchResult) -> list[dict[str, object]]:
    out = []
    for i in range(r.runs):
        row: dict[str, object] = {
            "run": i,
            "outcome": Outcome(int(r.outcome[i])).name.lower(),
            "end_week": int(r.end_week[i]),
            "strike_weeks": int(r.strike_weeks[i]),
            "union_utility": round(float(r.union_utility[i]), 6),
            "studio_utility": round(float(r.studio_utility[i]), 6),
            "economic_loss": round(float(r.economic_loss[i]), 3),
            "on_frontier": bool(r.on_frontier[i]),
        }
        for j, issue in enumerate(spec.issues):
            row[issue.id] = issue.values[int(r.contract[i, j])]
        out.append(row)
    return out


def write_rows(spec: GameSpec, r: BatchResult, path: Path) -> None:
    data = rows(spec, r)
    if path.suffix == ".json":
        text = json.dumps(data, indent=1)
    else:
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(data[0].keys()))
        writer.writeheader()
        writer.writerows(data)
        text = buf.getvalue()
    write_atomic(path, text)
