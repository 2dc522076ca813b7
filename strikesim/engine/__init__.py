"""The StrikeSim engine: pure numpy, batch-first.

A game is a :class:`GameSpec` (compiled from a scenario) plus a :class:`State`
with a leading campaign axis; :func:`step` plays one week for the whole batch.
This package imports only numpy and the standard library.
"""

from __future__ import annotations

from .core import BUILTIN_NAMES, CORE_PARAMS, CORE_VARIABLES, CoreParam, CoreVariable
from .mathfn import ncdf
from .namespace import contract_terms_of, namespace_of, settle
from .observe import Observation, observe, visible_namespace, visible_rows, visible_variables
from .projection import SERIES, Projection, counterfactuals, project
from .rules import legal_moves, legal_pressure
from .spec import SIDES, STUDIO, UNION, Formula, GameSpec
from .state import (
    Actions,
    EventKind,
    IllegalAction,
    Move,
    Outcome,
    Phase,
    SideChoice,
    State,
    StepEvents,
)
from .step import initial_state, step, utilities

__all__ = [
    "BUILTIN_NAMES",
    "CORE_PARAMS",
    "CORE_VARIABLES",
    "SERIES",
    "SIDES",
    "STUDIO",
    "UNION",
    "Actions",
    "CoreParam",
    "CoreVariable",
    "EventKind",
    "Formula",
    "GameSpec",
    "IllegalAction",
    "Move",
    "Observation",
    "Outcome",
    "Phase",
    "Projection",
    "SideChoice",
    "State",
    "StepEvents",
    "contract_terms_of",
    "counterfactuals",
    "initial_state",
    "legal_moves",
    "legal_pressure",
    "namespace_of",
    "ncdf",
    "observe",
    "project",
    "settle",
    "step",
    "utilities",
    "visible_namespace",
    "visible_rows",
    "visible_variables",
]
