"""Collects what happened during one step into a :class:`StepEvents`."""

from __future__ import annotations

from typing import Any

import numpy as np

from .state import StepEvents

__all__ = ["EventLog"]


class EventLog:
    """Append masks of batch rows per event kind; :meth:`build` concatenates them
    in the order they were added (the order things happened)."""

    def __init__(self, week: int) -> None:
        self.week = week
        self._rows: list[np.ndarray] = []
        self._kind: list[np.ndarray] = []
        self._ref: list[np.ndarray] = []
        self._value: list[np.ndarray] = []

    def add(self, mask: np.ndarray, kind: int, ref: Any = 0, value: Any = 0.0) -> None:
        """Record ``kind`` (an :class:`EventKind`) for every row where ``mask``;
        ``ref``/``value`` are scalars or ``(B,)`` arrays aligned with ``mask``."""
        rows = np.asarray(mask).reshape(-1).nonzero()[0]
        if rows.size == 0:
            return
        ref_a = np.asarray(ref)
        val_a = np.asarray(value, dtype=np.float64)
        self._rows.append(rows.astype(np.int64))
        self._kind.append(np.full(rows.size, int(kind), np.int8))
        self._ref.append(
            (ref_a[rows] if ref_a.ndim else np.full(rows.size, int(ref_a))).astype(np.int32)
        )
        self._value.append(val_a[rows] if val_a.ndim else np.full(rows.size, float(val_a)))

    def build(self) -> StepEvents:
        if not self._rows:
            return StepEvents(
                week=self.week,
                campaign=np.zeros(0, np.int64),
                kind=np.zeros(0, np.int8),
                ref=np.zeros(0, np.int32),
                value=np.zeros(0, np.float64),
            )
        return StepEvents(
            week=self.week,
            campaign=np.concatenate(self._rows),
            kind=np.concatenate(self._kind),
            ref=np.concatenate(self._ref),
            value=np.concatenate(self._value),
        )
