"""Engine nouns: the batch state, the actions of one week, and what happened.

Every array has a leading campaign axis of length ``B``; one game is a batch of
one. ``I`` = number of issues, ``V`` = number of variables, ``A`` = number of
pressure actions (both sides), ``E`` = number of scenario events.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from enum import IntEnum
from typing import Protocol, TypeVar

import numpy as np

from strikesim.errors import IllegalMove


class Phase(IntEnum):
    """Where a campaign stands in the dispute."""

    TALKS = 0
    """Bargaining while members work (before expiry, or a holdout after it)."""
    STRIKE = 1
    RATIFICATION = 2
    """A tentative deal is out to the members; they are back at work."""
    ENDED = 3


class Outcome(IntEnum):
    """How a campaign ended (``ONGOING`` while it runs)."""

    ONGOING = 0
    DEAL_RATIFIED = 1
    UNION_CAPITULATED = 2
    """The strike fund ran out and members went back on the studio's terms."""
    STUDIO_CAPITULATED = 3
    """Studio cash ran out and it signed the union's terms."""
    DEADLINE = 4
    """The scenario's last week passed with no agreement: final-offer arbitration
    imposed the more reasonable standing offer (see :class:`EventKind.ARBITRATION`)."""


class Move(IntEnum):
    """What a side does at the table in a week."""

    HOLD = 0
    """Keep the standing offer; answer nothing."""
    OFFER = 1
    """Post a new offer (a counter-offer when the other side has one standing)."""
    ACCEPT = 2
    """Accept the other side's standing offer."""
    WALK_OUT = 3
    """Leave the table: talks are suspended for ``phases.walkout_weeks``."""


class EventKind(IntEnum):
    """Kinds of engine events (see :class:`StepEvents`)."""

    SCENARIO_EVENT = 0  # ref = event index
    ACTION_TAKEN = 1  # ref = action index
    OFFER_MADE = 2  # ref = side
    OFFER_ACCEPTED = 3  # ref = side that accepted
    WALKED_OUT = 4  # ref = side
    TALKS_RESUMED = 5
    AUTHORIZATION_VOTE = 6  # value = yes share; ref = 1 if passed
    STRIKE_BEGAN = 7
    DEAL_REACHED = 8  # tentative deal
    RATIFICATION_VOTE = 9  # value = yes share; ref = 1 if passed
    RATIFICATION_FAILED = 10
    CAPITULATION = 11  # ref = side that gave in
    DEADLINE_REACHED = 12
    GAME_ENDED = 13  # value = Outcome
    ARBITRATION = (
        14  # ref = side whose final offer was imposed (-1 = none); value = its Nash product
    )
    COIN_TOSS = 15  # both sides accepted at once; ref = side whose offer the toss chose


_ONGOING, _STRIKE = int(Outcome.ONGOING), int(Phase.STRIKE)
"""Codes as plain ints (comparing an array with an enum member is several times slower)."""


@dataclass(frozen=True)
class State:
    """The whole state of a batch of campaigns at the start of a week.

    Never mutated: :func:`strikesim.engine.step` returns a new one.
    """

    week: int
    """Weeks since the scenario's first week (shared by the batch)."""
    seed: int
    campaign: np.ndarray
    """(B,) uint64 campaign ids; random draws are keyed by them."""
    values: np.ndarray
    """(B, V) float64 variable values, columns in ``GameSpec.variables`` order."""
    phase: np.ndarray
    """(B,) int8 :class:`Phase`."""
    strike_weeks: np.ndarray
    """(B,) int32 weeks spent on strike so far."""
    authorized: np.ndarray
    """(B,) bool: members have authorised a strike."""
    offers: np.ndarray
    """(B, 2, I) int16 standing offer of each side (level indices); -1 = none."""
    offer_week: np.ndarray
    """(B, 2) int32 week each standing offer was posted; -1 = none."""
    tentative: np.ndarray
    """(B, I) int16 tentative deal out for ratification; -1 = none."""
    ratify_week: np.ndarray
    """(B,) int32 week of the ratification vote; -1 = none."""
    suspended_until: np.ndarray
    """(B,) int32 talks are suspended while ``week < suspended_until``."""
    cooldown: np.ndarray
    """(B, A) int32 weeks until each pressure action may be used again."""
    fired: np.ndarray
    """(B, E) int32: the week a scenario event last fired (-1: never)."""
    contract: np.ndarray
    """(B, I) int16 the contract in force (the old one until a deal is ratified)."""
    outcome: np.ndarray
    """(B,) int8 :class:`Outcome`."""
    end_week: np.ndarray
    """(B,) int32 week the campaign ended; -1 while ongoing."""

    @property
    def batch(self) -> int:
        return int(self.campaign.shape[0])

    @property
    def is_over(self) -> np.ndarray:
        """(B,) bool: the campaign has ended."""
        return np.asarray(self.outcome != _ONGOING, dtype=bool)

    @property
    def is_striking(self) -> np.ndarray:
        return np.asarray(self.phase == _STRIKE, dtype=bool)

    def evolve(self, **changes: object) -> State:
        """A copy with ``changes`` (field name -> new value); like
        :func:`dataclasses.replace` for this plain frozen record, but without
        re-running ``__init__`` (the engine evolves states several times a week)."""
        unknown = changes.keys() - _STATE_FIELDS
        if unknown:
            raise TypeError(f"State has no field(s) {sorted(unknown)}")
        new = object.__new__(State)
        attrs = new.__dict__
        attrs.update(self.__dict__)
        attrs.update(changes)
        return new

    def take(self, index: np.ndarray | slice) -> State:
        """The sub-batch at ``index`` (campaign axis)."""
        kw = {
            name: getattr(self, name)[index]
            for name in (
                "campaign",
                "values",
                "phase",
                "strike_weeks",
                "authorized",
                "offers",
                "offer_week",
                "tentative",
                "ratify_week",
                "suspended_until",
                "cooldown",
                "fired",
                "contract",
                "outcome",
                "end_week",
            )
        }
        return replace(self, **kw)


_STATE_FIELDS = frozenset(f.name for f in fields(State))

R = TypeVar("R")


def frozen_record(cls: type[R], values: dict[str, object]) -> R:
    """An instance of the frozen dataclass ``cls`` holding ``values`` (every one of
    its fields, those with defaults too; it has no ``__post_init__``), made without
    running its ``__init__``: a frozen dataclass sets each field through
    ``object.__setattr__``, which costs more than the rest of an observation of a
    batch of one."""
    new = object.__new__(cls)
    new.__dict__.update(values)
    return new


@dataclass(frozen=True)
class Actions:
    """What both sides do in one week, for every campaign in the batch."""

    move: np.ndarray
    """(B, 2) int8 :class:`Move` per side."""
    offer: np.ndarray
    """(B, 2, I) int16 new offers, read where ``move == OFFER``."""
    pressure: np.ndarray
    """(B, A) bool pressure actions taken (each belongs to one side)."""

    @classmethod
    def hold(cls, batch: int, n_issues: int, n_actions: int) -> Actions:
        """Both sides hold and take no pressure action, in every campaign."""
        return cls(
            move=np.zeros((batch, 2), np.int8),
            offer=np.full((batch, 2, n_issues), -1, np.int16),
            pressure=np.zeros((batch, n_actions), bool),
        )

    @classmethod
    def from_decisions(cls, union: SideChoice, studio: SideChoice) -> Actions:
        """The week's actions of the union's and the studio's choices (each with
        ``move`` ``(B,)``, ``offer`` ``(B, I)`` and ``pressure`` ``(B, A)``, such
        as a negotiator's :class:`~strikesim.ai.SideDecision`). The arrays are
        new: changing them changes neither choice."""
        move = np.empty((union.move.shape[0], 2), np.int8)
        move[:, 0] = union.move
        move[:, 1] = studio.move
        offer = np.empty((union.offer.shape[0], 2, union.offer.shape[1]), np.int16)
        offer[:, 0] = union.offer
        offer[:, 1] = studio.offer
        pressure = np.logical_or(union.pressure, studio.pressure)
        return cls(move=move, offer=offer, pressure=pressure)


class SideChoice(Protocol):
    """One side's choice for a batch, as :meth:`Actions.from_decisions` reads it."""

    @property
    def move(self) -> np.ndarray:
        """(B,) :class:`Move` codes."""

    @property
    def offer(self) -> np.ndarray:
        """(B, I) level indices, read where ``move == OFFER``."""

    @property
    def pressure(self) -> np.ndarray:
        """(B, A) bool pressure actions taken."""


@dataclass(frozen=True)
class StepEvents:
    """What happened in one step, as parallel arrays (struct of arrays).

    Row ``k`` says: in campaign ``campaign[k]`` during ``week``, an event of
    ``kind[k]`` happened, about ``ref[k]`` (an event, action or side index),
    with ``value[k]`` (a vote share, an outcome code …).
    """

    week: int
    campaign: np.ndarray  # (n,) int64 batch row (not the campaign id)
    kind: np.ndarray  # (n,) int8 EventKind
    ref: np.ndarray  # (n,) int32
    value: np.ndarray  # (n,) float64

    def __len__(self) -> int:
        return int(self.kind.shape[0])

    def for_campaign(self, row: int) -> list[tuple[EventKind, int, float]]:
        """The events of one batch row, in the order they happened."""
        m = self.campaign == row
        return [
            (EventKind(int(k)), int(r), float(v))
            for k, r, v in zip(self.kind[m], self.ref[m], self.value[m], strict=True)
        ]


IllegalAction = IllegalMove
"""The engine's name for :class:`strikesim.errors.IllegalMove` (one class)."""
