"""What a negotiator reads from its observation.

Helpers that turn an :class:`~strikesim.engine.observe.Observation` into the
numbers tactics work with: the formula namespace the side may evaluate and
how much staying power it has left.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from strikesim.engine.mathfn import clip
from strikesim.engine.namespace import PHASE_FLAGS, plan_for
from strikesim.engine.spec import UNION, GameSpec

if TYPE_CHECKING:
    from strikesim.engine.observe import Observation


def resource_level(side: int, ns: Mapping[str, Any], initial: Mapping[str, float]) -> np.ndarray:
    """(B,) share of the side's staying power left, in [0, 1].

    Union: the weaker of the strike fund left and members out of hardship.
    Studio: the weakest of content stock, subscribers and cash left.
    Variables the side cannot see are skipped (1 = untouched).
    """
    parts: list[np.ndarray] = []

    def ratio(name: str) -> None:
        if name in ns and initial.get(name, 0.0) > 0:
            parts.append(np.asarray(ns[name], dtype=np.float64) / initial[name])

    if side == UNION:
        ratio("strike_fund")
        if "hardship" in ns:
            parts.append(1.0 - np.asarray(ns["hardship"], dtype=np.float64))
    else:
        ratio("content_stock")
        ratio("subscribers")
        ratio("studio_cash")
    if not parts:
        return np.ones(1)
    level = parts[0]
    for part in parts[1:]:
        level = np.minimum(level, part)
    return np.asarray(clip(level, 0.0, 1.0))


def observation_namespace(spec: GameSpec, obs: Observation) -> dict[str, Any]:
    """What the side's formulas may read: parameters, visible variables and the
    public builtins (week, phase flags, weeks on strike)."""
    ns: dict[str, Any] = dict(plan_for(spec).params)
    ns.update(obs.variables)
    ns["week"] = float(obs.week)
    ns["strike_weeks"] = obs.strike_weeks.astype(np.float64)
    # (3, B): one lookup for the three phase flags
    flags = PHASE_FLAGS.take(obs.phase, axis=1)  # (faster than fancy indexing)
    ns["is_talks"], ns["is_striking"], ns["is_ratification"] = flags
    ns["authorized"] = obs.authorized.astype(np.float64)
    ns["talks_suspended"] = (obs.week < obs.talks_suspended_until).astype(np.float64)
    ns["members"] = float(spec.parties[UNION].members)
    return ns
