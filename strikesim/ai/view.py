"""What a negotiator reads from its observation.

Helpers that turn an :class:`~strikesim.engine.observe.Observation` into the
numbers tactics work with: how much staying power a side has left (the
formula namespace a side may evaluate is
:func:`strikesim.engine.observe.visible_namespace`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from strikesim.engine.mathfn import clip
from strikesim.engine.spec import UNION, Namespace

if TYPE_CHECKING:
    pass


def resource_level(side: int, ns: Namespace, initial: Mapping[str, float]) -> np.ndarray:
    """(B,) share of the side's staying power left, in [0, 1].

    Union: the weaker of the strike fund left and members out of hardship.
    Studio: the weakest of content stock, subscribers and cash left.
    Variables the side cannot see are skipped (1 = untouched).
    """
    level: np.ndarray | None = None
    for name in _STAYING_POWER[side == UNION]:
        start = initial.get(name, 0.0)
        if start > 0 and name in ns:
            part = np.asarray(ns[name], dtype=np.float64) / start
            level = part if level is None else np.minimum(level, part)
    if side == UNION and "hardship" in ns:
        part = 1.0 - np.asarray(ns["hardship"], dtype=np.float64)
        level = part if level is None else np.minimum(level, part)
    if level is None:
        return np.ones(1)
    return np.asarray(clip(level, 0.0, 1.0))


_STAYING_POWER = (("content_stock", "subscribers", "studio_cash"), ("strike_fund",))
"""Stocks whose share left measures staying power: the studio's, the union's
(which also counts members out of hardship)."""
