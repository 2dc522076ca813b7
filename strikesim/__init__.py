"""StrikeSim: a turn-based strike negotiation game about AI in film and television.

The public Python API (:mod:`strikesim.api`) is re-exported here and loads on
first use, so ``import strikesim`` stays cheap::

    import strikesim

    game = strikesim.new_game("classroom-quick", seed=1)
    game.play_to_end()
    print(game.outcome.name)

See docs/python-api.md.
"""

from __future__ import annotations

import typing

__version__ = "0.1.0"

if typing.TYPE_CHECKING:
    from strikesim.api import (
        SIDES,
        STUDIO,
        UNION,
        Actions,
        BalanceReport,
        BatchResult,
        Decision,
        GameSpec,
        Move,
        Negotiator,
        Observation,
        Outcome,
        Phase,
        Seat,
        Session,
        SideDecision,
        State,
        StepEvents,
        WeekReport,
        initial_state,
        legal_moves,
        legal_pressure,
        list_scenarios,
        load_scenario,
        make_negotiator,
        namespace_of,
        negotiator_names,
        new_game,
        observe,
        play_batch,
        run_balance,
        run_batch,
        seat,
        step,
        utilities,
        visible_namespace,
        visible_variables,
    )

__all__ = [
    "SIDES",
    "STUDIO",
    "UNION",
    "Actions",
    "BalanceReport",
    "BatchResult",
    "Decision",
    "GameSpec",
    "Move",
    "Negotiator",
    "Observation",
    "Outcome",
    "Phase",
    "Seat",
    "Session",
    "SideDecision",
    "State",
    "StepEvents",
    "WeekReport",
    "__version__",
    "initial_state",
    "legal_moves",
    "legal_pressure",
    "list_scenarios",
    "load_scenario",
    "make_negotiator",
    "namespace_of",
    "negotiator_names",
    "new_game",
    "observe",
    "play_batch",
    "run_balance",
    "run_batch",
    "seat",
    "step",
    "utilities",
    "visible_namespace",
    "visible_variables",
]


def __getattr__(name: str) -> typing.Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module("strikesim.api"), name)
    globals()[name] = value
    return value
