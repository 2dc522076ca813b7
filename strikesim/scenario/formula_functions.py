"""The functions a formula may call and the numpy helpers generated code uses.

Every function works elementwise on Python floats and on ``(batch,)`` float64
arrays alike. :data:`HELPERS` is the *whole* global namespace of generated
formula code (besides empty builtins): the functions under ``_f_<name>`` and
the helpers that make operators safe (``/``, ``//``, ``%`` and ``**`` never
raise on floats, unlike Python's own operators).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from strikesim.engine.mathfn import ncdf

__all__ = ["ARITY", "FUNCTIONS", "HELPERS"]


def _min(*args: Any) -> Any:
    return functools.reduce(np.minimum, args)


def _max(*args: Any) -> Any:
    return functools.reduce(np.maximum, args)


def _clip(x: Any, lo: Any, hi: Any) -> Any:
    return np.minimum(np.maximum(x, lo), hi)


def _round(x: Any) -> Any:
    """Round to the nearest whole number, halves away from zero (2.5 -> 3, -2.5 -> -3)."""
    return np.copysign(np.floor(np.abs(x) + 0.5), x)


FUNCTIONS: Mapping[str, Callable[..., Any]] = {
    "abs": np.abs,
    "ceil": np.ceil,
    "clip": _clip,
    "exp": np.exp,
    "floor": np.floor,
    "log": np.log,
    "max": _max,
    "min": _min,
    "ncdf": ncdf,
    "round": _round,
    "sqrt": np.sqrt,
    "where": np.where,
}
"""The only functions a formula may call, all elementwise."""

ARITY: Mapping[str, tuple[int, int | None, str]] = {
    "abs": (1, 1, "x"),
    "ceil": (1, 1, "x"),
    "clip": (3, 3, "x, lo, hi"),
    "exp": (1, 1, "x"),
    "floor": (1, 1, "x"),
    "log": (1, 1, "x"),
    "max": (2, None, "a, b, ..."),
    "min": (2, None, "a, b, ..."),
    "ncdf": (1, 1, "x"),
    "round": (1, 1, "x"),
    "sqrt": (1, 1, "x"),
    "where": (3, 3, "condition, if_true, if_false"),
}
"""Per function: least and most arguments (None = any number) and a signature to show."""


def _as_float(x: Any) -> Any:
    return np.asarray(x, dtype=np.float64)


HELPERS: Mapping[str, Callable[..., Any]] = {
    **{f"_f_{name}": fn for name, fn in FUNCTIONS.items()},
    "_div": np.true_divide,
    "_floordiv": np.floor_divide,
    "_mod": np.mod,
    "_pow": np.float_power,
    "_and": np.logical_and,
    "_or": np.logical_or,
    "_not": np.logical_not,
    "_num": _as_float,
}
"""The global namespace of generated formula code."""
