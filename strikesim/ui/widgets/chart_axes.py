"""Axis arithmetic for charts: "nice" tick values and compact number formatting."""

from __future__ import annotations

import math
from collections.abc import Iterable


def finite(values: Iterable[float]) -> list[float]:
    return [float(v) for v in values if isinstance(v, int | float) and math.isfinite(v)]


def nice_step(span: float, target: int) -> float:
    """A 1/2/2.5/5×10^k step giving about ``target`` intervals over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(1, target)
    mag: float = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def nice_range(lo: float, hi: float, target: int = 5) -> tuple[float, float, list[float]]:
    """Extend [lo, hi] to tick boundaries; returns (lo, hi, ticks)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo < 1e-12:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    step = nice_step(hi - lo, target)
    start = math.floor(lo / step + 1e-9) * step
    end = math.ceil(hi / step - 1e-9) * step
    ticks: list[float] = []
    v = start
    while v <= end + step * 1e-6 and len(ticks) < 50:
        ticks.append(round(v, 10))
        v += step
    return start, end, ticks


def widen(lo: float, hi: float, unit: str = "", share: float = 0.1) -> tuple[float, float]:
    """[lo, hi] widened to a sensible minimum span so a nearly flat line is drawn flat
    instead of zoomed into noise: ``share`` of the values' size (10 points for percentages,
    0.1 for shares), never crossing zero for values that have none below it."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return lo, hi
    if unit == "%":
        need = 100 * share
    elif unit == "share":
        need = share
    else:
        need = max(abs(lo), abs(hi)) * share
    if need <= 0 or hi - lo >= need:
        return lo, hi
    mid = (lo + hi) / 2
    new_lo, new_hi = mid - need / 2, mid + need / 2
    if lo >= 0 > new_lo:
        new_lo, new_hi = 0.0, max(hi, need)
    return new_lo, new_hi
