"""AI negotiators: tactics, opponent model, difficulty levels, explanations.

``make_negotiator(spec, name, side, difficulty)`` builds a side's player from a
scenario personality (tactic + parameters) or a built-in profile
(``time_dependent``, ``boulware``, ``linear``, ``conceder``, ``resource``,
``tit_for_tat``, ``zeuthen``, ``adaptive``, ``scripted``). A negotiator sees an
:class:`~strikesim.engine.observe.Observation` and returns a
:class:`SideDecision` of legal moves, offers and pressure actions for every
campaign of the batch at once. ``preview_offer`` estimates what a draft offer
brings by Monte Carlo through the engine, the other side played by the
player's :class:`OpponentBelief` (plausible opponents weighted by what it has
done so far, never the live negotiator); hard and expert levels use the same
machinery (:class:`Lookahead`) to compare candidate offers.
"""

from __future__ import annotations

import importlib
import typing

from strikesim.ai.profiles import BUILTINS, TACTICS

if typing.TYPE_CHECKING:
    from strikesim.ai.agent import TacticalNegotiator
    from strikesim.ai.belief import OpponentBelief
    from strikesim.ai.difficulty import DIFFICULTIES, Difficulty, get_difficulty
    from strikesim.ai.lookahead import Lookahead
    from strikesim.ai.negotiator import Negotiator, SideDecision
    from strikesim.ai.opponent_model import FrequencyModel
    from strikesim.ai.preview import Preview, preview_offer
    from strikesim.ai.registry import make_negotiator, negotiator_names
    from strikesim.ai.scripted import ScriptedNegotiator

_HOMES = {
    "DIFFICULTIES": "difficulty",
    "Difficulty": "difficulty",
    "FrequencyModel": "opponent_model",
    "Lookahead": "lookahead",
    "Negotiator": "negotiator",
    "OpponentBelief": "belief",
    "Preview": "preview",
    "ScriptedNegotiator": "scripted",
    "SideDecision": "negotiator",
    "TacticalNegotiator": "agent",
    "get_difficulty": "difficulty",
    "make_negotiator": "registry",
    "negotiator_names": "registry",
    "preview_offer": "preview",
}
"""Where each public name lives: the negotiators load on first use, so reading
the tactic tables (:mod:`strikesim.ai.profiles`) stays cheap."""


def __getattr__(name: str) -> typing.Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "BUILTINS",
    "DIFFICULTIES",
    "TACTICS",
    "Difficulty",
    "FrequencyModel",
    "Lookahead",
    "Negotiator",
    "OpponentBelief",
    "Preview",
    "ScriptedNegotiator",
    "SideDecision",
    "TacticalNegotiator",
    "get_difficulty",
    "make_negotiator",
    "negotiator_names",
    "preview_offer",
]
