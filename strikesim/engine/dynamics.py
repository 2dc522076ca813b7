"""Step 5 of the week: next week's values of the state variables."""

from __future__ import annotations

import numpy as np

from .namespace import EnginePlan, clip_rows, store_clipped
from .spec import Namespace

__all__ = ["SMALL_BATCH", "next_values"]

SMALL_BATCH = 64
"""Batches up to this size write every row, then clip them all at once (the
cost of a call dominates); bigger ones clip each row as it is written and copy
only the rows that are read before they are recomputed."""


def next_values(plan: EnginePlan, ns: Namespace, rows: np.ndarray) -> np.ndarray:
    """Next week's ``(V, B)`` values from this week's ``rows`` and their namespace
    ``ns``: each state variable's update (:attr:`EnginePlan.updates`), the
    others carried over (:attr:`EnginePlan.kept_rows`), clipped to bounds.

    Derived rows are left for :func:`.namespace.recompute_derived` (those not
    kept hold no meaningful value). Updates run unguarded: call inside
    ``np.errstate(all="ignore")``."""
    if rows.shape[1] <= SMALL_BATCH:
        new = rows.copy()
        for j, fn in plan.updates:
            new[j] = fn(ns)
        clip_rows(plan, new)
        return new
    new = np.empty_like(rows)
    for j, fn in plan.updates:
        store_clipped(plan, j, new[j], fn(ns))
    for j in plan.kept_rows:
        store_clipped(plan, j, new[j], rows[j])
    return new
