"""The public Python API: everything a study, a tool or a custom negotiator needs.

Everything here is also importable from :mod:`strikesim` itself (``from strikesim
import load_scenario, new_game``); docs/python-api.md walks through it. Three
levels, from the simplest:

* **a game** — :func:`new_game` makes a :class:`Session` (one dispute, either
  seat a person or an AI personality); :meth:`Session.submit` a side's
  :class:`Decision`, :meth:`Session.advance` the week, read
  :meth:`Session.observation` for what a side may see;
* **a batch** — :func:`run_batch` plays many AI-vs-AI disputes at once and
  returns per-run outcomes (:class:`BatchResult`); :func:`play_batch` does the
  same with any two :class:`Negotiator` objects and returns the final
  :class:`State`;
* **the engine** — :func:`initial_state`, :func:`observe` and :func:`step` on
  a batch :class:`State` with :class:`Actions` (``Actions.from_decisions``
  joins the two sides' :class:`SideDecision`).

A custom negotiator is any object with ``side``, ``name``, ``reset``,
``decide`` and ``explain`` (the :class:`Negotiator` protocol); enter it into
``strikesim balance`` with ``--negotiator FILE.py:NAME`` or
:func:`run_balance` ``custom=``.
"""

from __future__ import annotations

from pathlib import Path

from strikesim.ai import Negotiator, SideDecision, make_negotiator, negotiator_names
from strikesim.balance.report import BalanceReport, run_balance
from strikesim.batch import BatchResult, play_batch, run_batch
from strikesim.engine import (
    SIDES,
    STUDIO,
    UNION,
    Actions,
    GameSpec,
    Move,
    Observation,
    Outcome,
    Phase,
    State,
    StepEvents,
    initial_state,
    legal_moves,
    legal_pressure,
    namespace_of,
    observe,
    step,
    utilities,
    visible_namespace,
    visible_variables,
)
from strikesim.records import Seat
from strikesim.scenario import list_scenarios, load_scenario
from strikesim.session import Decision, Session, WeekReport

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

HUMAN = "human"
"""The seat name of a person (their decisions are submitted to the session)."""


def seat(spec: GameSpec, side: int, who: str | None = None, difficulty: str = "normal") -> Seat:
    """The :class:`Seat` of ``side``: ``"human"``, an AI personality or built-in
    negotiator by name (see :func:`negotiator_names`), or None for the
    scenario's default negotiator of that side. An unknown name raises
    ``ValueError`` listing the known ones."""
    if side not in (UNION, STUDIO):
        raise ValueError(f"side must be 0 (union) or 1 (studio), got {side!r}")
    if who == HUMAN:
        return Seat(HUMAN)
    name = spec.default_negotiators[side] if who is None else who
    known = negotiator_names(spec, side)
    if name not in known:
        raise ValueError(f"no {SIDES[side]} negotiator {name!r}; choose from: {', '.join(known)}")
    return Seat("ai", name, difficulty)


def new_game(
    scenario: str | Path | GameSpec,
    *,
    union: str | None = None,
    studio: str | None = None,
    seed: int = 0,
    campaign_id: int = 0,
    difficulty: str = "normal",
) -> Session:
    """A new :class:`Session` of ``scenario`` (an id, a path or a loaded spec).

    ``union`` and ``studio`` name who plays each seat (``"human"``, a
    negotiator name, or None for the scenario's default AI) at ``difficulty``.
    The same scenario, seats, ``seed`` and ``campaign_id`` always play the
    same game; ``campaign_id`` ``i`` is row ``i`` of a batch with this seed.
    """
    spec = scenario if isinstance(scenario, GameSpec) else load_scenario(scenario)
    seats = (seat(spec, UNION, union, difficulty), seat(spec, STUDIO, studio, difficulty))
    return Session(spec, seats, seed, campaign_id)
