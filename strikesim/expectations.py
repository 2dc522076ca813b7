"""Scenario expectations checked headless over many seeds.

A scenario's ``expectations:`` say things like "with the default opponents, a
strike lasts 10–30 weeks in 80 % of seeds". :func:`check` plays the runs in
one batch and reports, per expectation, the share of runs in range.

Metrics: ``strike_weeks``, ``end_week``, ``outcome_deal`` (1 if a deal was
ratified), ``union_utility``, ``studio_utility``, ``economic_loss``,
``ratification_share`` (the yes share of the last ratification vote, over runs
that held one), ``first_counter_week`` (the week the studio first put a new
offer on the table, over runs where it did),
``deal_<issue id>`` (the value of the contract's level on that issue, over runs
that reached a contract) and any variable id (its final value).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from strikesim.batch import BatchResult, plays_without_lookahead, run_batch
from strikesim.engine import GameSpec, Outcome
from strikesim.engine.spec import STUDIO, UNION, Expectation
from strikesim.errors import ScenarioError
from strikesim.records import Seat


class UnknownMetric(ScenarioError):
    """An expectation names a metric this scenario does not have."""


@dataclass(frozen=True)
class ExpectationResult:
    expectation: Expectation
    share_in_range: float
    median: float
    runs: int
    without_lookahead: bool = False
    """Its games were played in one large batch, where hard and expert negotiators
    leave out the look-ahead they use in the game window."""

    @property
    def passed(self) -> bool:
        return self.share_in_range >= self.expectation.share

    def describe(self) -> str:
        e = self.expectation
        verdict = "ok  " if self.passed else "FAIL"
        level = "" if e.difficulty == "normal" else f" at {e.difficulty}"
        if self.without_lookahead:
            level += " (no look-ahead)"
        return (
            f"{verdict} {e.id}{level}: {e.metric} in [{e.lo:g}, {e.hi:g}] in "
            f"{self.share_in_range:.0%} "
            f"of {self.runs} runs (needs {e.share:.0%}; median {self.median:.2f})"
        )


def metric_values(spec: GameSpec, result: BatchResult, metric: str) -> np.ndarray:
    """The per-run values of ``metric`` (see the module docstring)."""
    simple = {
        "strike_weeks": result.strike_weeks,
        "end_week": result.end_week,
        "outcome_deal": (result.outcome == Outcome.DEAL_RATIFIED).astype(float),
        "union_utility": result.union_utility,
        "studio_utility": result.studio_utility,
        "economic_loss": result.economic_loss,
    }
    if metric in simple:
        return np.asarray(simple[metric], dtype=float)
    tracked = {
        "ratification_share": result.ratification_share,
        "first_counter_week": result.first_counter_week,
    }
    if metric in tracked:
        values = np.asarray(tracked[metric], dtype=float)
        held: np.ndarray = values[~np.isnan(values)]
        return held
    if metric.startswith("deal_") and metric[5:] in spec.issue_index:
        j = spec.issue_index[metric[5:]]
        values = np.asarray(spec.issues[j].values)[result.contract[:, j]]
        return np.asarray(values[result.outcome != Outcome.DEADLINE], dtype=float)
    if metric in spec.var_index:
        return np.asarray(result.final_values[:, spec.var_index[metric]], dtype=float)
    raise UnknownMetric((), f"expectation metric '{metric}' is not known in scenario '{spec.id}'")


def default_seats(spec: GameSpec, difficulty: str = "normal") -> tuple[Seat, Seat]:
    return (
        Seat("ai", spec.default_negotiators[UNION], difficulty),
        Seat("ai", spec.default_negotiators[STUDIO], difficulty),
    )


def check(
    spec: GameSpec,
    seats: tuple[Seat, Seat] | None = None,
    *,
    seed: int = 0,
    runs: int | None = None,
    lookahead: bool = False,
) -> list[ExpectationResult]:
    """Play the scenario's expectations: one batch per difficulty they name (with
    ``seats`` given, one batch with those seats), the most runs any needs. With
    ``lookahead``, hard and expert negotiators play in batches small enough for their
    look-ahead (:func:`strikesim.batch.run_batch`)."""
    if not spec.expectations:
        return []
    n = runs or max(e.runs for e in spec.expectations)
    batches: dict[str, tuple[BatchResult, bool]] = {}
    out = []
    for e in spec.expectations:
        level = "seats" if seats is not None else e.difficulty
        if level not in batches:
            at = seats or default_seats(spec, e.difficulty)
            played = run_batch(spec, at, runs=n, seed=seed, lookahead=lookahead)
            batches[level] = (played, plays_without_lookahead(at, n, lookahead))
        result, skipped = batches[level]
        values = metric_values(spec, result, e.metric)
        inside = (values >= e.lo) & (values <= e.hi)
        share = float(inside.mean()) if values.size else 0.0
        median = float(np.median(values)) if values.size else float("nan")
        out.append(ExpectationResult(e, share, median, n, skipped))
    return out
