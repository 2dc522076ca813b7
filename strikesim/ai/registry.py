"""Negotiators by name: the scenario's personalities and the built-in ones.

A personality (``spec.personalities``) is a tactic name plus parameters; the
built-in names are fixed profiles of the same tactics, usable with any
scenario. ``scripted`` replays the scenario's historical offers.
"""

from __future__ import annotations

from strikesim.ai.agent import TacticalNegotiator
from strikesim.ai.difficulty import Difficulty, get_difficulty
from strikesim.ai.lookahead import Lookahead
from strikesim.ai.negotiator import Negotiator
from strikesim.ai.profiles import BUILTINS, SCRIPTED, TACTICS
from strikesim.ai.scripted import ScriptedNegotiator
from strikesim.engine.spec import SIDES, GameSpec
from strikesim.errors import ScenarioError, UserInputError

REFERENCE_WEEKS = 52


def builtin_params(spec: GameSpec, name: str) -> dict[str, float]:
    """A built-in profile's parameters for ``spec``: its horizon scaled by
    ``max_weeks / 52`` when the scenario is shorter than a year, so that even a
    Boulware profile concedes before a short scenario's deadline."""
    params = dict(BUILTINS[name][1])
    if "horizon" in params:
        scale = min(1.0, spec.phases.max_weeks / REFERENCE_WEEKS)
        params["horizon"] = max(1.0, params["horizon"] * scale)
    return params


def negotiator_names(spec: GameSpec, side: int) -> list[str]:
    """Names usable for ``side``: the scenario's personalities, then built-ins."""
    names = [p.id for p in spec.personalities if p.side is None or p.side == side]
    names += [n for n in BUILTINS if n not in names]
    if any(o.side == side for o in spec.scripted_offers) and SCRIPTED not in names:
        names.append(SCRIPTED)
    return names


def make_negotiator(
    spec: GameSpec, name: str, side: int, difficulty: str | Difficulty = "normal"
) -> Negotiator:
    """The negotiator called ``name`` for ``side`` at ``difficulty``.

    Raises :class:`~strikesim.errors.UserInputError` with the known names when ``name``
    is unknown or is a personality of the other side, and
    :class:`~strikesim.errors.ScenarioError` when the personality names an unknown tactic
    (which ``validate`` reports first).
    """
    if side not in (0, 1):
        raise ValueError(f"side must be 0 (union) or 1 (studio), got {side!r}")
    level = get_difficulty(difficulty)
    personality = next((p for p in spec.personalities if p.id == name), None)
    if personality is not None:
        if personality.side is not None and personality.side != side:
            raise UserInputError(
                f"personality '{name}' plays the {SIDES[personality.side]}, not the {SIDES[side]}"
            )
        if personality.tactic == SCRIPTED:
            return ScriptedNegotiator(spec, side, name)
        if personality.tactic not in TACTICS:
            raise ScenarioError(
                message=f"personality '{name}' uses unknown tactic '{personality.tactic}'; "
                f"known tactics: {', '.join(TACTICS)}"
            )
        neg = TacticalNegotiator(
            spec, side, personality.tactic, dict(personality.params), level, name
        )
    elif name == SCRIPTED:
        return ScriptedNegotiator(spec, side, name)
    elif name in BUILTINS:
        neg = TacticalNegotiator(
            spec, side, BUILTINS[name][0], builtin_params(spec, name), level, name
        )
    else:
        known = ", ".join(negotiator_names(spec, side))
        raise UserInputError(f"no {SIDES[side]} negotiator '{name}'; choose from: {known}")
    if level.lookahead_weeks > 0:
        neg.lookahead = Lookahead(
            level.lookahead_weeks, level.lookahead_candidates, level.lookahead_runs
        )
    return neg
