"""Tactic names, tactic parameters and the built-in profiles: plain data.

The scenario checker reads these to validate personalities without loading
the negotiators themselves (:mod:`strikesim.ai.agent`, :mod:`strikesim.ai.registry`).
"""

from __future__ import annotations

from collections.abc import Mapping

SCRIPTED = "scripted"
"""The tactic (and negotiator name) that replays the scenario's historical offers."""

TACTICAL = ("time_dependent", "resource", "tit_for_tat", "zeuthen", "adaptive")
"""Tactics played by :class:`TacticalNegotiator`."""
TACTICS = (*TACTICAL, SCRIPTED)
"""Every tactic name a scenario personality may use ("scripted" replays the
scenario's historical offers, see :mod:`strikesim.ai.scripted`)."""

PARAMETERS: Mapping[str, tuple[float, str]] = {
    "e": (
        0.5,
        "concession exponent: < 1 Boulware (holds, then concedes late), 1 linear, "
        "> 1 Conceder; 0 never moves",
    ),
    "k": (0.0, "initial concession: share of the range given up in the opening offer"),
    "horizon": (24.0, "weeks over which the time curve reaches the reservation utility"),
    "scale": (3.0, "resource tactic: how strongly remaining staying power holds demands up"),
    "gain": (1.0, "tit-for-tat: share of the other side's last concession returned"),
    "min_step": (0.02, "Zeuthen: smallest concession, in utility"),
    "step": (0.03, "post a new offer once the target is this far below the standing one"),
    "w_time": (0.4, "adaptive: weight of the time curve"),
    "w_resource": (0.4, "adaptive: weight of the resource curve"),
    "w_tft": (0.2, "adaptive: weight of tit-for-tat"),
    "ratify_margin": (0.12, "union: lowest deal = members' expectation minus this"),
    "pressure_threshold": (0.0, "take a pressure action when its value exceeds this"),
    "strike_aversion": (
        0.05,
        "how far it moves before the contract expires to avoid a strike: the clock it "
        "reaches at expiry (1 = all the way to its reservation)",
    ),
    "walk_out": (0.0, "1 = leave the table when the other side takes back ground"),
    "floor": (0.25, "reservation utility used when the scenario's cannot be evaluated"),
    "attrition": (
        0.3,
        "war of attrition: weekly chance of a breakthrough concession per unit of the "
        "two sides' cost ratios while on strike (0 = never)",
    ),
    "jump": (0.2, "breakthrough concession: share of the way to the reservation utility"),
}
"""Tactic parameters a personality may set: default and meaning."""

DEFAULTS: Mapping[str, float] = {name: value for name, (value, _) in PARAMETERS.items()}
"""Default of every tactic parameter (the scenario loader validates names against it)."""


BUILTINS: Mapping[str, tuple[str, Mapping[str, float]]] = {
    "time_dependent": ("time_dependent", {"e": 0.5, "k": 0.0, "horizon": 24.0}),
    "boulware": ("time_dependent", {"e": 0.2, "k": 0.0, "horizon": 26.0}),
    "linear": ("time_dependent", {"e": 1.0, "k": 0.0, "horizon": 24.0}),
    "conceder": (
        "time_dependent",
        {"e": 2.5, "k": 0.05, "horizon": 20.0, "strike_aversion": 0.6},
    ),
    "resource": ("resource", {"k": 0.05, "scale": 3.0, "e": 0.2, "horizon": 40.0}),
    "tit_for_tat": ("tit_for_tat", {"gain": 1.0, "e": 0.3, "horizon": 30.0}),
    "zeuthen": ("zeuthen", {"min_step": 0.02, "e": 0.3, "horizon": 30.0}),
    "adaptive": (
        "adaptive",
        {"e": 0.3, "horizon": 26.0, "w_time": 0.4, "w_resource": 0.4, "w_tft": 0.2},
    ),
}
"""Built-in name -> (tactic, parameters). Horizons are for a dispute of a year
or more and shrink with shorter scenarios (see :func:`builtin_params`)."""
