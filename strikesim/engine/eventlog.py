"""Collects what happened during one step into a :class:`StepEvents`."""

from __future__ import annotations

from typing import Any

import numpy as np

from .state import StepEvents, frozen_record

__all__ = ["EventLog"]


class EventLog:
    """Append masks of batch rows per event kind; :meth:`build` concatenates them
    in the order they were added (the order things happened).

    Scalar refs and values are kept as Python numbers until :meth:`build`,
    which expands them all at once (a week logs a handful of entries)."""

    def __init__(self, week: int) -> None:
        self.week = week
        self._rows: list[np.ndarray] = []
        self._kind: list[int] = []
        self._ref: list[int | np.ndarray] = []
        self._value: list[float | np.ndarray] = []

    def add(self, mask: np.ndarray, kind: int, ref: Any = 0, value: Any = 0.0) -> None:
        """Record ``kind`` (an :class:`EventKind`) for every row where ``mask``;
        ``ref``/``value`` are scalars or ``(B,)`` arrays aligned with ``mask``."""
        rows = np.asarray(mask).reshape(-1).nonzero()[0]
        if rows.size == 0:
            return
        self._rows.append(rows)
        self._kind.append(int(kind))
        ref_a = np.asarray(ref)
        self._ref.append(ref_a[rows].astype(np.int32) if ref_a.ndim else int(ref_a))
        val_a = np.asarray(value, dtype=np.float64)
        self._value.append(val_a[rows] if val_a.ndim else float(val_a))

    def build(self) -> StepEvents:
        if not self._rows:
            campaign = np.zeros(0, np.int64)
        else:
            campaign = np.concatenate(self._rows).astype(np.int64, copy=False)
        # entries of one row each (always so in a single game) need no expanding
        counts = None if campaign.size == len(self._rows) else [r.size for r in self._rows]
        return frozen_record(
            StepEvents,
            dict(
                week=self.week,
                campaign=campaign,
                kind=_column(self._kind, counts, np.int8),
                ref=_column(self._ref, counts, np.int32),
                value=_column(self._value, counts, np.float64),
            ),
        )


def _column(items: list[Any], counts: list[int] | None, dtype: type) -> np.ndarray:
    """Entries (scalars or row arrays) expanded to one array of ``sum(counts)``
    (``counts`` is None when every entry is of one row)."""
    if all(not isinstance(x, np.ndarray) for x in items):
        column: np.ndarray = np.array(items, dtype)
        return column if counts is None else column.repeat(counts)
    if counts is None:
        counts = [1] * len(items)
    parts = [
        x if isinstance(x, np.ndarray) else np.full(n, x, dtype)
        for x, n in zip(items, counts, strict=True)
    ]
    return np.concatenate(parts).astype(dtype, copy=False)
