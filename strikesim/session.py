"""One game in play: a scenario, two seats, the engine state and its history.

The session is the only place where people's choices, AI decisions and the
engine meet. The CLI and the front end drive it; it records every week's
actions in a :class:`~strikesim.records.RunRecord`, so a game can be saved,
loaded, continued and replayed exactly.

Errors: :class:`~strikesim.errors.IllegalMove` (alias ``Impossible``) for a
move the rules forbid (its message is shown to the player);
:class:`~strikesim.errors.RecordError` for saves that cannot be read or do not
match the scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from strikesim.ai import Negotiator, SideDecision, make_negotiator
from strikesim.engine import (
    Actions,
    GameSpec,
    Move,
    Observation,
    Outcome,
    Phase,
    State,
    initial_state,
    legal_moves,
    legal_pressure,
    observe,
    step,
    utilities,
)
from strikesim.engine.spec import SIDES, STUDIO, UNION
from strikesim.errors import IllegalMove, shown
from strikesim.narrate import Happening, narrate
from strikesim.records import RecordError, RunRecord, Seat, WeekActions

Impossible = IllegalMove
"""The session's name for :class:`strikesim.errors.IllegalMove`: a player asked
for something the rules forbid; the message says why."""


@dataclass(frozen=True)
class Decision:
    """One side's choice for the week."""

    move: Move = Move.HOLD
    offer: tuple[int, ...] | None = None
    pressure: tuple[str, ...] = ()
    explanation: str = ""

    def side_decision(self, spec: GameSpec) -> SideDecision:
        """This choice as a batch of one for :meth:`Actions.from_decisions`
        (pressure actions by index; an offer only with an OFFER move)."""
        offer = np.full((1, len(spec.issues)), -1, np.int16)
        if self.move == Move.OFFER and self.offer is not None:
            offer[0] = np.asarray(self.offer, dtype=np.int16)
        pressure = np.zeros((1, len(spec.actions)), bool)
        for pid in self.pressure:
            pressure[0, spec.action_index[pid]] = True
        return SideDecision(np.array([int(self.move)], np.int8), offer, pressure)


@dataclass(frozen=True)
class WeekReport:
    """What happened in one week, ready to print or animate."""

    week: int
    decisions: tuple[Decision, Decision]
    happenings: tuple[Happening, ...]
    values: dict[str, float]
    phase: Phase
    """The phase the week was played in."""
    outcome: Outcome


@dataclass
class Session:
    spec: GameSpec
    seats: tuple[Seat, Seat]
    seed: int = 0
    campaign_id: int = 0
    """The engine's campaign id: row ``i`` of ``strikesim batch --seed S`` is the
    game with seed ``S`` and campaign id ``i`` (0 for an ordinary game)."""
    state: State = field(init=False)
    record: RunRecord = field(init=False)
    negotiators: list[Negotiator | None] = field(init=False)
    reports: list[WeekReport] = field(init=False, default_factory=list)
    history: list[np.ndarray] = field(init=False, default_factory=list)
    offer_trace: list[tuple[int, int, tuple[int, ...]]] = field(init=False, default_factory=list)
    _pending: dict[int, Decision] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.state = initial_state(self.spec, batch=1, seed=self.seed, campaigns=[self.campaign_id])
        self.record = RunRecord(
            self.spec.id,
            self.spec.version,
            self.seed,
            self.seats,
            scenario_hash=self.spec.scenario_hash,
            scenario_source=self.spec.scenario_source,
            campaign_id=self.campaign_id,
        )
        self.negotiators = []
        for side, seat in enumerate(self.seats):
            if seat.is_human:
                self.negotiators.append(None)
                continue
            neg = make_negotiator(self.spec, seat.personality, side, difficulty=seat.difficulty)
            neg.reset(self.spec, 1, self.seed, self.state.campaign)
            self.negotiators.append(neg)
        self.history = [self.state.values[0].copy()]

    # ---- queries -------------------------------------------------------------
    @property
    def week(self) -> int:
        return self.state.week

    @property
    def is_over(self) -> bool:
        return bool(self.state.is_over[0])

    @property
    def outcome(self) -> Outcome:
        return Outcome(int(self.state.outcome[0]))

    @property
    def phase(self) -> Phase:
        return Phase(int(self.state.phase[0]))

    @property
    def end_week(self) -> int:
        """Week the dispute ended (-1 while it goes on)."""
        return int(self.state.end_week[0])

    def human_sides(self) -> list[int]:
        return [s for s, seat in enumerate(self.seats) if seat.is_human]

    def waiting_for(self) -> list[int]:
        """Human sides that have not yet decided this week."""
        return [s for s in self.human_sides() if s not in self._pending]

    def observation(self, side: int) -> Observation:
        return observe(self.spec, self.state, side)

    def value(self, name: str) -> float:
        return float(self.state.values[0, self.spec.var_index[name]])

    def values(self) -> dict[str, float]:
        return {v.id: float(self.state.values[0, i]) for i, v in enumerate(self.spec.variables)}

    def standing_offer(self, side: int) -> tuple[int, ...] | None:
        offer = self.state.offers[0, side]
        return None if offer[0] < 0 else tuple(int(x) for x in offer)

    def offer_utilities(self, levels: tuple[int, ...]) -> tuple[float, float]:
        u = utilities(self.spec, np.asarray(levels, dtype=np.int16)[None, :])[0]
        return float(u[UNION]), float(u[STUDIO])

    def legal_move_names(self, side: int) -> list[Move]:
        mask = legal_moves(self.spec, self.state, side)[0]
        return [Move(i) for i, ok in enumerate(mask) if ok]

    def legal_pressure_ids(self, side: int) -> list[str]:
        mask = legal_pressure(self.spec, self.state)[0]
        return [a.id for i, a in enumerate(self.spec.actions) if a.side == side and mask[i]]

    # ---- acting ----------------------------------------------------------------
    def submit(self, side: int, decision: Decision) -> None:
        """Record a human side's choice for this week (checked against the rules)."""
        if self.is_over:
            raise Impossible("the dispute is over")
        if self.seats[side].is_human is False:
            raise Impossible(f"the {SIDES[side]} is played by the computer")
        self._check(side, decision)
        self._pending[side] = decision

    def advance(self) -> WeekReport:
        """Play one week: AI seats decide, the engine steps, the week is recorded."""
        if self.is_over:
            raise Impossible("the dispute is over")
        missing = self.waiting_for()
        if missing:
            raise Impossible(f"waiting for the {SIDES[missing[0]]}'s decision")
        decisions = [self._pending.get(s) or self._ai_decision(s) for s in (UNION, STUDIO)]
        self._pending.clear()
        return self._apply(decisions[0], decisions[1])

    def play_to_end(self) -> list[WeekReport]:
        """Advance until the dispute ends (only when both seats are AI)."""
        if self.human_sides():
            raise Impossible("a human seat must decide each week")
        out = []
        while not self.is_over:
            out.append(self.advance())
        return out

    # ---- internals -------------------------------------------------------------
    def _ai_decision(self, side: int) -> Decision:
        neg = self.negotiators[side]
        assert neg is not None
        d = neg.decide(observe(self.spec, self.state, side))
        move = Move(int(d.move[0]))
        offer = tuple(int(x) for x in d.offer[0]) if move == Move.OFFER else None
        pressure = tuple(
            a.id for i, a in enumerate(self.spec.actions) if a.side == side and d.pressure[0, i]
        )
        explanation = d.explanations[0] if d.explanations else ""
        return Decision(move, offer, pressure, explanation)

    def _check(self, side: int, decision: Decision) -> None:
        legal = self.legal_move_names(side)
        if decision.move not in legal:
            raise Impossible(_why_not(self, side, decision.move))
        if decision.move == Move.OFFER:
            if decision.offer is None or len(decision.offer) != len(self.spec.issues):
                raise Impossible("an offer needs a value for every issue")
            for issue, level in zip(self.spec.issues, decision.offer, strict=True):
                if not 0 <= level < issue.n_levels:
                    raise Impossible(f"{issue.label}: no such option")
        allowed = set(self.legal_pressure_ids(side))
        for pid in decision.pressure:
            if pid not in allowed:
                action = next((a for a in self.spec.actions if a.id == pid), None)
                if action is None or action.side != side:
                    raise Impossible(f"no pressure action '{pid}' for the {SIDES[side]}")
                raise Impossible(f"{action.label} is not available this week")

    def _apply(self, union: Decision, studio: Decision) -> WeekReport:
        week = self.state.week
        phase = self.phase
        acts = Actions.from_decisions(
            union.side_decision(self.spec), studio.side_decision(self.spec)
        )
        before = self.state.offers[0].copy()
        self.state, events = step(self.spec, self.state, acts)
        self.record = self.record.with_week(
            WeekActions(
                (int(union.move), int(studio.move)),
                (union.offer, studio.offer),
                (union.pressure, studio.pressure),
            )
        )
        for side, d in enumerate((union, studio)):
            if d.move == Move.OFFER and d.offer is not None:
                self.offer_trace.append((week, side, d.offer))
        self.history.append(self.state.values[0].copy())
        report = WeekReport(
            week,
            (union, studio),
            tuple(narrate(self.spec, events, 0, week, (before, self.state.offers[0]))),
            self.values(),
            phase,
            self.outcome,
        )
        self.reports.append(report)
        return report

    # ---- records ---------------------------------------------------------------
    @classmethod
    def replay(cls, spec: GameSpec, record: RunRecord) -> Session:
        """Rebuild a session from its record, week by week, exactly as it was played."""
        if record.scenario_id != spec.id:
            raise RecordError(
                f"this record is for scenario '{record.scenario_id}', not '{spec.id}'"
            )
        check_record_fits(spec, record)
        session = cls(spec, record.seats, record.seed, record.campaign_id)
        for n, week in enumerate(record.weeks):
            if session.is_over:
                raise RecordError(f"record continues after the dispute ended (week {n})")
            decisions = []
            for side in (UNION, STUDIO):
                d = Decision(Move(week.moves[side]), week.offers[side], week.pressure[side])
                try:
                    session._check(side, d)
                except (Impossible, ValueError, KeyError) as exc:
                    raise RecordError(
                        f"record does not match scenario '{spec.id}' "
                        f"version {spec.version} at week {n}: {exc}"
                    ) from None
                if not record.seats[side].is_human:
                    # Keep the AI's memory in step with the game it played, and keep
                    # its explanation when it decides as recorded (a replay prints it).
                    ai = session._ai_decision(side)
                    if (ai.move, ai.offer, ai.pressure) == (d.move, d.offer, d.pressure):
                        d = ai
                decisions.append(d)
            session._apply(decisions[0], decisions[1])
        return session


def check_record_fits(spec: GameSpec, record: RunRecord) -> None:
    """Raise :class:`RecordError` unless ``record`` was made with this very scenario
    (same version and, when both are known, same content hash) and names seats
    the scenario has."""
    from strikesim.ai import DIFFICULTIES, negotiator_names

    if record.scenario_version != spec.version:
        raise RecordError(
            f"it was saved with {spec.title} version {shown(record.scenario_version, 40)}; "
            f"this copy of the scenario is version {spec.version}"
        )
    if record.scenario_hash and spec.scenario_hash and record.scenario_hash != spec.scenario_hash:
        raise RecordError(
            f"the scenario '{spec.id}' has changed since this game was saved (same version "
            f"{spec.version}, different content), so the game cannot be replayed as it was; "
            "restore the scenario file it was played with"
        )
    for side, seat in enumerate(record.seats):
        if seat.is_human:
            continue
        if seat.difficulty not in DIFFICULTIES:
            raise RecordError(
                f"the {SIDES[side]}'s difficulty {shown(seat.difficulty, 40)} is unknown "
                f"(known: {', '.join(DIFFICULTIES)})"
            )
        if seat.personality not in negotiator_names(spec, side):
            raise RecordError(
                f"the {SIDES[side]}'s negotiator {shown(seat.personality, 40)} is not in "
                f"scenario '{spec.id}'"
            )


def _why_not(session: Session, side: int, move: Move) -> str:
    other = 1 - side
    if move == Move.ACCEPT and session.standing_offer(other) is None:
        return f"the {SIDES[other]} has no offer on the table to accept"
    if session.state.suspended_until[0] > session.week:
        return "talks are suspended; no offers can be made or accepted this week"
    if session.phase == Phase.RATIFICATION:
        return "a tentative deal is out to the members for a vote"
    return f"{move.name.lower().replace('_', ' ')} is not possible now"
