"""Observation and action spaces: Gymnasium's when it is installed, else the
same five kinds written here (``Box``, ``Discrete``, ``MultiDiscrete``,
``MultiBinary``, ``Dict``) with the parts an environment and its users touch:
``shape``, ``dtype``, ``sample()``, ``contains()`` / ``in`` and ``seed()``.

The environments work the same either way; with Gymnasium installed (the
``strikesim[rl]`` extra) their spaces are Gymnasium's own, so learning
libraries and the official API checkers accept them.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["Box", "Dict", "Discrete", "MultiBinary", "MultiDiscrete", "backend"]


def backend() -> Any:
    """``gymnasium.spaces`` when Gymnasium is installed, else this module."""
    try:
        return importlib.import_module("gymnasium.spaces")
    except ImportError:
        return importlib.import_module(__name__)


class _Space:
    shape: tuple[int, ...]
    dtype: np.dtype[Any] | None

    def __init__(self, seed: int | None = None) -> None:
        self._rng = np.random.default_rng(seed)

    def seed(self, seed: int | None = None) -> list[int | None]:
        self._rng = np.random.default_rng(seed)
        return [seed]

    @property
    def np_random(self) -> np.random.Generator:
        return self._rng

    def contains(self, x: Any) -> bool:
        raise NotImplementedError

    def __contains__(self, x: Any) -> bool:
        return self.contains(x)


class Box(_Space):
    """Real vectors between ``low`` and ``high`` (infinite bounds allowed)."""

    def __init__(
        self,
        low: float | np.ndarray,
        high: float | np.ndarray,
        shape: tuple[int, ...] | None = None,
        dtype: Any = np.float32,
        seed: int | None = None,
    ) -> None:
        super().__init__(seed)
        self.dtype: np.dtype[Any] = np.dtype(dtype)
        if shape is None:
            shape = np.shape(low) if np.ndim(low) else np.shape(high)
        self.shape = tuple(int(n) for n in shape)
        self.low = np.broadcast_to(np.asarray(low, self.dtype), self.shape).copy()
        self.high = np.broadcast_to(np.asarray(high, self.dtype), self.shape).copy()

    def sample(self) -> np.ndarray:
        lo = np.where(np.isfinite(self.low), self.low, -1.0)
        hi = np.where(np.isfinite(self.high), self.high, 1.0)
        return np.asarray(self._rng.uniform(lo, hi), dtype=self.dtype)

    def contains(self, x: Any) -> bool:
        a = np.asarray(x)
        return bool(
            a.shape == self.shape
            and np.can_cast(a.dtype, self.dtype)
            and np.all(a >= self.low)
            and np.all(a <= self.high)
        )


class Discrete(_Space):
    """One of ``0 .. n-1``."""

    def __init__(self, n: int, seed: int | None = None) -> None:
        super().__init__(seed)
        self.n = int(n)
        self.shape = ()
        self.dtype = np.dtype(np.int64)

    def sample(self, mask: np.ndarray | None = None) -> np.int64:
        if mask is not None and np.any(mask):
            return np.int64(self._rng.choice(np.flatnonzero(mask)))
        return np.int64(self._rng.integers(self.n))

    def contains(self, x: Any) -> bool:
        a = np.asarray(x)
        return bool(a.shape == () and np.issubdtype(a.dtype, np.integer) and 0 <= a < self.n)


class MultiDiscrete(_Space):
    """A vector whose entry ``i`` is one of ``0 .. nvec[i]-1``."""

    def __init__(self, nvec: Any, dtype: Any = np.int64, seed: int | None = None) -> None:
        super().__init__(seed)
        self.nvec = np.asarray(nvec, dtype=np.int64)
        self.shape = self.nvec.shape
        self.dtype = np.dtype(dtype)

    def sample(self) -> np.ndarray:
        return np.asarray(self._rng.integers(0, self.nvec), dtype=self.dtype)

    def contains(self, x: Any) -> bool:
        a = np.asarray(x)
        return bool(
            a.shape == self.shape
            and np.issubdtype(a.dtype, np.integer)
            and np.all(a >= 0)
            and np.all(a < self.nvec)
        )


class MultiBinary(_Space):
    """A vector of ``n`` zeros and ones."""

    def __init__(self, n: int, seed: int | None = None) -> None:
        super().__init__(seed)
        self.n = int(n)
        self.shape = (self.n,)
        self.dtype = np.dtype(np.int8)

    def sample(self) -> np.ndarray:
        return np.asarray(self._rng.integers(0, 2, self.n), dtype=self.dtype)

    def contains(self, x: Any) -> bool:
        a = np.asarray(x)
        return bool(a.shape == self.shape and np.all((a == 0) | (a == 1)))


class Dict(_Space):
    """A mapping of names to spaces."""

    def __init__(self, spaces: Mapping[str, _Space], seed: int | None = None) -> None:
        super().__init__(seed)
        self.spaces = dict(spaces)
        self.shape = ()
        self.dtype = None
        if seed is not None:
            self.seed(seed)

    def seed(self, seed: int | None = None) -> list[int | None]:
        seeds: list[int | None] = [seed]
        children = np.random.SeedSequence(seed).spawn(len(self.spaces))
        for child, space in zip(children, self.spaces.values(), strict=True):
            space.seed(int(child.generate_state(1)[0]) if seed is not None else None)
        return seeds

    def sample(self) -> dict[str, Any]:
        return {name: space.sample() for name, space in self.spaces.items()}  # type: ignore[attr-defined]

    def contains(self, x: Any) -> bool:
        return (
            isinstance(x, Mapping)
            and set(x) == set(self.spaces)
            and all(space.contains(x[name]) for name, space in self.spaces.items())
        )

    def __getitem__(self, name: str) -> _Space:
        return self.spaces[name]
