"""Counter-based random numbers keyed by (seed, campaign, week, stream, index).

A draw is a pure function of its key: a SplitMix64-style integer hash chained
over the key parts, turned into a uniform float in [0, 1). Because nothing is
carried from draw to draw, a campaign's numbers never depend on which other
campaigns share its batch, how many draws came before, or the order of
evaluation; a single game (a batch of one with campaign id ``i``) and row ``i``
of a big batch see exactly the same randomness.

Streams separate the uses so that adding an event does not shift vote noise.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "AI",
    "EVENTS",
    "NEGOTIATOR",
    "PROJECTION",
    "VOTES",
    "campaign_key",
    "normal",
    "normal_from",
    "prefix",
    "stream_key",
    "uniform",
    "uniform_at",
    "uniform_from",
    "week_prefix",
]

EVENTS = 1
"""Scenario events: index = event position."""
VOTES = 2
"""Vote noise: index 0 = authorisation, 1 = ratification."""
AI = 3
"""AI progress noise (core model and scenario use)."""
NEGOTIATOR = 4
"""Reserved for negotiators that want reproducible randomness."""
PROJECTION = 5
"""Parameter noise of the post-deal projection bands."""
TABLE = 6
"""Table rules: index 0 = the coin toss when both sides accept in the same week."""

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_TO_UNIT = 1.0 / float(1 << 53)
_MASK64 = (1 << 64) - 1


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser (bijective on uint64); wraps modulo 2**64."""
    z = z + _GOLDEN  # a new array: the input is never modified
    z ^= z >> _S30
    z *= _M1
    z ^= z >> _S27
    z *= _M2
    z ^= z >> _S31
    out: np.ndarray = z
    return out


def _u64(x: Any) -> np.ndarray:
    """Key part as a uint64 array; negative Python ints wrap like two's complement."""
    if isinstance(x, int):
        return np.asarray(x & _MASK64, dtype=np.uint64)
    arr = np.asarray(x)
    if arr.dtype.kind == "i":
        return arr.astype(np.int64).view(np.uint64) if arr.ndim else arr.astype(np.uint64)
    return arr.astype(np.uint64)


def prefix(seed: int, campaign: Any, week: Any) -> np.ndarray:
    """The hash of ``(seed, campaign, week)``: reuse it for many draws of one week
    with :func:`uniform_from` (the same numbers as :func:`uniform`, cheaper)."""
    return week_prefix(campaign_key(seed, campaign), week)


def campaign_key(seed: int, campaign: Any) -> np.ndarray:
    """The hash of ``(seed, campaign)``, the same every week of a game:
    ``week_prefix(campaign_key(s, c), w) == prefix(s, c, w)``."""
    h = _mix(np.atleast_1d(_u64(seed)))
    return _mix(h ^ _u64(campaign))


def week_prefix(key: np.ndarray, week: Any) -> np.ndarray:
    """:func:`prefix` from a :func:`campaign_key`."""
    return _mix(key ^ _u64(week))


def _hash(seed: int, campaign: Any, week: Any, stream: int, index: Any) -> np.ndarray:
    h = _mix(prefix(seed, campaign, week) ^ _u64(stream))
    return _mix(h ^ _u64(index))


def uniform_from(key: np.ndarray, stream: int, index: Any = 0) -> np.ndarray:
    """Like :func:`uniform` for a ``key`` made by :func:`prefix`."""
    return uniform_at(stream_key(key, stream), index)


def stream_key(key: np.ndarray, stream: int) -> np.ndarray:
    """The hash of a :func:`prefix` ``key`` and a stream: reuse it for many
    draws of one stream in one week with :func:`uniform_at`."""
    return _mix(key ^ _u64(stream))


def uniform_at(skey: np.ndarray, index: Any = 0) -> np.ndarray:
    """``uniform_from(key, stream, index)`` given ``skey = stream_key(key, stream)``."""
    h = _mix(skey ^ _u64(index))
    return (h >> _S11).astype(np.float64) * _TO_UNIT


def uniform(seed: int, campaign: Any, week: Any, stream: int, index: Any = 0) -> np.ndarray:
    """Uniform floats in [0, 1), one per broadcast element of the key parts.

    ``campaign`` is usually ``(B,)`` uint64 ids (or ``(B, 1)`` to broadcast
    against an ``index`` of shape ``(E,)`` giving ``(B, E)``); ``week``,
    ``stream`` and ``index`` are ints or arrays. Returns float64 with the
    broadcast shape (at least 1-d).
    """
    h = _hash(seed, campaign, week, stream, index)
    return (h >> _S11).astype(np.float64) * _TO_UNIT


def normal(seed: int, campaign: Any, week: Any, stream: int, index: Any = 0) -> np.ndarray:
    """Standard normal draws (Box-Muller over two independent uniform keys).

    Uses draw indices ``2*index`` and ``2*index + 1`` of the stream.
    """
    return normal_from(prefix(seed, campaign, week), stream, index)


def normal_from(key: np.ndarray, stream: int, index: Any = 0) -> np.ndarray:
    """Like :func:`normal` for a ``key`` made by :func:`prefix` (reuse a week's key)."""
    skey = stream_key(key, stream)  # shared by both draws
    twice = _u64(index) * np.uint64(2)
    u1 = uniform_at(skey, twice)
    u2 = uniform_at(skey, twice + np.uint64(1))
    r = np.sqrt(-2.0 * np.log1p(-u1))
    out: np.ndarray = r * np.cos(2.0 * np.pi * u2)
    return out
