"""AI negotiators: tactics, opponent model, difficulty levels, explanations."""

from __future__ import annotations

from strikesim.ai.agent import TACTICS, TacticalNegotiator
from strikesim.ai.difficulty import DIFFICULTIES, Difficulty, get_difficulty
from strikesim.ai.lookahead import Lookahead
from strikesim.ai.negotiator import Negotiator, SideDecision
from strikesim.ai.opponent_model import FrequencyModel
from strikesim.ai.preview import Preview, preview_offer
from strikesim.ai.registry import BUILTINS, make_negotiator, negotiator_names
from strikesim.ai.scripted import ScriptedNegotiator

__all__ = [
    "BUILTINS",
    "DIFFICULTIES",
    "TACTICS",
    "Difficulty",
    "FrequencyModel",
    "Lookahead",
    "Negotiator",
    "Preview",
    "ScriptedNegotiator",
    "SideDecision",
    "TacticalNegotiator",
    "get_difficulty",
    "make_negotiator",
    "negotiator_names",
    "preview_offer",
]
