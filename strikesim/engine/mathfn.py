"""Small vectorised maths helpers shared by the core models and scenario formulas.

Everything here accepts Python floats or numpy arrays of any shape and returns
the same kind: a float for scalar input, a float64 array otherwise. Pure numpy;
no scipy dependency.
"""

from __future__ import annotations

import importlib
from typing import Any, overload

import numpy as np

__all__ = ["clip", "clip_one", "erf", "every", "filled", "logistic", "ncdf", "safe_log", "some"]


def _clip_ufunc() -> np.ufunc:
    for module in ("numpy._core.umath", "numpy.core.umath"):  # numpy >= 2, numpy 1.26
        try:
            found: np.ufunc = importlib.import_module(module).clip
        except (ImportError, AttributeError):  # pragma: no cover - the other numpy
            continue
        return found
    raise ImportError("numpy has no clip ufunc")  # pragma: no cover


clip: np.ufunc = _clip_ufunc()
"""``np.clip(x, lo, hi)`` with both bounds given: the ufunc ``np.clip`` ends in,
without its Python wrapper (a few microseconds a call on small arrays)."""

# Abramowitz & Stegun 7.1.26: |error| <= 1.5e-7 on erf, so <= 7.5e-8 on the
# normal CDF (which is 0.5 * (1 + erf(x / sqrt 2))).
_P = 0.3275911
_A1 = 0.254829592
_A2 = -0.284496736
_A3 = 1.421413741
_A4 = -1.453152027
_A5 = 1.061405429
_INV_SQRT2 = 0.7071067811865476


def _erf_array(x: np.ndarray) -> np.ndarray:
    ax = np.abs(x)
    t = 1.0 / (1.0 + _P * ax)
    poly = ((((_A5 * t + _A4) * t + _A3) * t + _A2) * t + _A1) * t
    y = 1.0 - poly * np.exp(-ax * ax)
    out: np.ndarray = np.copysign(y, x)
    return out


@overload
def erf(x: float) -> float: ...
@overload
def erf(x: np.ndarray) -> np.ndarray: ...
def erf(x: Any) -> Any:
    """Error function, absolute error below 1.5e-7."""
    arr = np.asarray(x, dtype=np.float64)
    out = _erf_array(arr)
    return float(out) if arr.ndim == 0 else out


@overload
def ncdf(x: float) -> float: ...
@overload
def ncdf(x: np.floating[Any]) -> float: ...
@overload
def ncdf(x: np.ndarray) -> np.ndarray: ...
def ncdf(x: Any) -> Any:
    """Standard normal cumulative distribution function Φ(x).

    Absolute error below 1e-7 everywhere; NaN stays NaN; ±inf give 1 and 0.
    Used for the lognormal savings CDF (hardship), the ratification threshold
    cascade and scenario formulas (``ncdf(...)``).
    """
    arr = np.asarray(x, dtype=np.float64)
    out = 0.5 * (1.0 + _erf_array(arr * _INV_SQRT2))
    return float(out) if arr.ndim == 0 else out


@overload
def logistic(x: float) -> float: ...
@overload
def logistic(x: np.floating[Any]) -> float: ...
@overload
def logistic(x: np.ndarray) -> np.ndarray: ...
def logistic(x: Any) -> Any:
    """The logistic function 1 / (1 + exp(-x)), overflow-safe."""
    arr = np.asarray(x, dtype=np.float64)
    out = 0.5 * (1.0 + np.tanh(0.5 * arr))
    return float(out) if arr.ndim == 0 else out


@overload
def safe_log(x: float, floor: float = ...) -> float: ...
@overload
def safe_log(x: np.ndarray, floor: float = ...) -> np.ndarray: ...
def safe_log(x: Any, floor: float = 1e-300) -> Any:
    """Natural log of ``max(x, floor)``: never -inf or NaN for x <= 0."""
    arr = np.maximum(np.asarray(x, dtype=np.float64), floor)
    out = np.log(arr)
    return float(out) if arr.ndim == 0 else out


def _count_nonzero_builtin() -> Any:
    for module in ("numpy._core.multiarray", "numpy.core.multiarray"):  # numpy >= 2, 1.26
        try:
            return importlib.import_module(module).count_nonzero
        except (ImportError, AttributeError):  # pragma: no cover - the other numpy
            continue
    return np.count_nonzero  # pragma: no cover


_count_nonzero = _count_nonzero_builtin()
"""``np.count_nonzero(x)`` of a whole array: the built-in its Python wrapper
calls (the wrapper costs several times the count on a small array)."""


def clip_one(value: Any, lo: float, hi: float) -> Any:
    """``np.minimum(np.maximum(value, lo), hi)`` of one value (a scalar), with
    infinite bounds where unbounded.

    A value strictly inside a bound is its own answer; only the others (at or
    beyond the bound, or NaN) go through the ufunc, so ties of signed zeros and
    NaN are settled by numpy as before, for a fraction of the cost."""
    if not value > lo:
        value = np.maximum(value, lo)
    if not value < hi:
        value = np.minimum(value, hi)
    return value


def filled(shape: int | tuple[int, ...], value: Any, dtype: Any = np.float64) -> np.ndarray:
    """``np.full(shape, value, dtype)`` of a scalar ``value``, several times cheaper
    on the small arrays of a single game (``np.full``'s wrapper copies through
    ``copyto``)."""
    out = np.empty(shape, dtype)
    out.fill(value)
    return out


def some(x: np.ndarray) -> bool:
    """``x.any()``, several times cheaper on the small arrays of a single game."""
    return bool(_count_nonzero(x))


def mean_of(x: np.ndarray) -> float:
    """``float(x.mean())`` of a non-empty float array, several times cheaper on the
    small arrays of a single game (the sum over the count, as ``ndarray.mean``)."""
    return float(np.add.reduce(x, axis=None)) / x.size


def every(x: np.ndarray) -> bool:
    """``x.all()``, several times cheaper on the small arrays of a single game."""
    return bool(_count_nonzero(x) == x.size)
