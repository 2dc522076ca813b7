"""Everything the game remembers to go faster, in one place.

Nothing here is part of any answer's meaning: forgetting all of it changes
results not at all, only speed. Two kinds of memory:

* :func:`remembered` — one value per (owner, name), built on first use and
  dropped when the owner is (the engine plan of a spec, the AI's pressure
  policies and offer books, a scenario's outcome space);
* :class:`Recent` — the last few answers of one question, each kept with the
  key it answers (compared with ``==``, never by identity) until newer keys
  push it out.

:class:`WeekMemo` gathers the engine's recent answers for one spec: the
campaign key of the batch being played and its event draws, the start of the
last week looked at, and the utilities of the last standing offers and
tentative deal.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import numpy as np

if TYPE_CHECKING:
    from .rules import WeekStart
    from .tables import CompiledEvent

__all__ = ["CampaignDraws", "Recent", "WeekMemo", "remembered"]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class Recent(Generic[K, V]):
    """The last ``size`` answers of one question, newest last.

    Keys are compared with ``==`` (tuples of ints and ``bytes`` are typical);
    a linear scan of a few entries costs less than hashing a large ``bytes``.
    """

    __slots__ = ("_items", "size")

    def __init__(self, size: int = 1) -> None:
        if size < 1:
            raise ValueError(f"a memo keeps at least one answer, got size={size}")
        self.size = size
        self._items: list[tuple[K, V]] = []

    def get(self, key: K) -> V | None:
        """The answer remembered for ``key``, or None."""
        for k, value in self._items:
            if k == key:
                return value
        return None

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` as the answer for ``key`` (forgetting the oldest
        answer when full); returns ``value``."""
        items = [(k, v) for k, v in self._items if k != key]
        if len(items) >= self.size:
            del items[: len(items) - self.size + 1]
        items.append((key, value))
        self._items = items
        return value

    def clear(self) -> None:
        self._items = []

    def __len__(self) -> int:
        return len(self._items)


_OWNED: dict[int, tuple[weakref.ref[Any], dict[str, Any]]] = {}
"""``id(owner)`` -> (weak reference to the owner, its remembered values by name)."""


def remembered(owner: object, name: str, build: Callable[[], T]) -> T:
    """The value ``name`` of ``owner``: ``build()`` on first use, then the same
    object until ``owner`` is garbage collected (owners are immutable: specs,
    outcome spaces). ``name`` is namespaced by its user (``"engine.plan"``,
    ``"ai.pressure/0/0.0"``)."""
    key = id(owner)
    hit = _OWNED.get(key)
    if hit is None or hit[0]() is not owner:

        def forget(_ref: weakref.ref[Any], owned: dict[int, Any] = _OWNED) -> None:
            # bound at definition: module globals may already be gone at interpreter exit
            entry = owned.get(key)
            if entry is not None and entry[0] is _ref:
                del owned[key]

        hit = (weakref.ref(owner, forget), {})
        _OWNED[key] = hit
    values = hit[1]
    if name in values:
        value: T = values[name]
        return value
    value = values[name] = build()
    return value


class CampaignDraws:
    """The counter-based random key of a batch's campaigns, and (for a small
    batch) its event draws of every week, drawn once."""

    __slots__ = ("event_table", "key")

    def __init__(self, key: np.ndarray) -> None:
        key.setflags(write=False)
        self.key = key
        """(B, 2) uint64 :func:`strikesim.engine.rng.campaign_key`."""
        self.event_table: np.ndarray | None = None
        """(W, E, B) uniform event draws of weeks ``0..max_weeks`` once drawn."""


class WeekMemo:
    """The engine's recent answers for one spec (see the module docstring).

    ``start`` is kept for one state object: states are frozen records whose
    arrays are never modified, and the week's step of a state reuses what its
    two observations worked out (a weak reference: the memo keeps no state
    alive, and a new state never matches an old one's entry).
    """

    __slots__ = ("_start", "_start_of", "campaign", "events_of_week", "standing", "tentative")

    def __init__(self) -> None:
        self.campaign: Recent[tuple[int, bytes], CampaignDraws] = Recent()
        """Keyed by (seed, campaign ids as bytes)."""
        self.events_of_week: dict[int, tuple[CompiledEvent, ...]] = {}
        """Week -> the scenario events whose window holds it (a per-spec table
        filled as weeks are reached)."""
        self.standing: Recent[tuple[tuple[int, ...], bytes], np.ndarray] = Recent()
        """Utilities ``(B, 2, 2)`` of standing offers, keyed by their shape and bytes."""
        self.tentative: Recent[tuple[tuple[int, ...], bytes], np.ndarray] = Recent()
        """Utilities ``(B, 2)`` of tentative deals, keyed the same way."""
        self._start_of: weakref.ref[Any] | None = None
        self._start: WeekStart | None = None

    def start_for(self, state: object) -> WeekStart | None:
        """What :meth:`remember_start` stored for this very state, or None."""
        ref = self._start_of
        if ref is not None and ref() is state:
            return self._start
        return None

    def remember_start(self, state: object, start: WeekStart) -> None:
        self._start_of = weakref.ref(state)
        self._start = start
