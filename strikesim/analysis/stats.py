"""Batch statistics: distributions of run outcomes over many seeds.

Small, vectorised helpers for Monte Carlo batches and scenario checks: the
percentiles of a metric, the share of runs in a range (the form of a
scenario's ``expectations:``), how runs ended, and a table of per-issue
settlement terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strikesim.engine.spec import GameSpec
from strikesim.engine.state import Outcome

PERCENTILES = (10, 25, 50, 75, 90)


@dataclass(frozen=True)
class Distribution:
    """Summary of one metric over runs (NaN entries are left out)."""

    count: int
    mean: float
    percentiles: dict[int, float]

    @property
    def median(self) -> float:
        return self.percentiles.get(50, float("nan"))


def describe(values: np.ndarray, percentiles: Sequence[int] = PERCENTILES) -> Distribution:
    """Mean and percentiles of ``values`` ``(N,)``, ignoring NaN."""
    x = np.asarray(values, dtype=np.float64).reshape(-1)
    x = x[~np.isnan(x)]
    if x.size == 0:
        nan = float("nan")
        return Distribution(0, nan, {int(p): nan for p in percentiles})
    qs = np.percentile(x, list(percentiles))
    return Distribution(
        int(x.size),
        float(x.mean()),
        {int(p): float(q) for p, q in zip(percentiles, qs, strict=True)},
    )


def share_within(values: np.ndarray, lo: float, hi: float) -> float:
    """Share of runs with ``lo <= value <= hi`` (NaN counts as outside)."""
    x = np.asarray(values, dtype=np.float64).reshape(-1)
    if x.size == 0:
        return float("nan")
    return float(np.mean((x >= lo) & (x <= hi)))


def outcome_shares(outcomes: np.ndarray) -> dict[Outcome, float]:
    """Share of runs ending each way (ongoing runs included)."""
    x = np.asarray(outcomes).reshape(-1)
    counts = np.bincount(x.astype(np.intp), minlength=len(Outcome))
    total = max(int(x.size), 1)
    return {kind: float(counts[kind]) / total for kind in Outcome}


def settlement_terms(spec: GameSpec, contracts: np.ndarray) -> dict[str, Distribution]:
    """Distribution of each issue's settled value (the level's number) over runs."""
    levels = np.asarray(contracts).reshape(-1, len(spec.issues))
    out: dict[str, Distribution] = {}
    for j, issue in enumerate(spec.issues):
        values = np.asarray(issue.values, dtype=np.float64)[np.clip(levels[:, j], 0, None)]
        values = np.where(levels[:, j] < 0, np.nan, values)
        out[issue.id] = describe(values)
    return out


def level_shares(spec: GameSpec, contracts: np.ndarray, issue: str) -> dict[str, float]:
    """Share of runs settling on each level of one issue (by level id)."""
    j = spec.issue_index.get(issue)
    if j is None:
        raise KeyError(f"no issue '{issue}' in scenario '{spec.id}'")
    levels = np.asarray(contracts).reshape(-1, len(spec.issues))[:, j]
    n = spec.issues[j].n_levels
    counts = np.bincount(levels[levels >= 0].astype(np.intp), minlength=n)
    total = max(int(levels.size), 1)
    return {lid: float(c) / total for lid, c in zip(spec.issues[j].level_ids, counts, strict=True)}
