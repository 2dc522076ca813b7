"""A campaign in play: the stages played so far, the ledger after each, the stage now.

Each stage is an ordinary :class:`~strikesim.session.Session` on the stage's
carried scenario, so everything that plays one game (the CLI, the front end)
plays a stage. :meth:`CampaignRun.start_stage` builds it; when the dispute is
over, :meth:`CampaignRun.finish_stage` records the results into the ledger
and picks the next stage. Stage seeds derive from the campaign seed and the
stage's position, so two players with the same campaign seed meet the same
news in the same stage.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from strikesim.ai import negotiator_names
from strikesim.campaign import ledger as L
from strikesim.campaign.spec import Campaign, Stage
from strikesim.engine import GameSpec, Outcome
from strikesim.engine.spec import SIDES
from strikesim.errors import CampaignError
from strikesim.records import RunRecord, Seat
from strikesim.session import Session

__all__ = ["DEFAULT_SEATS", "CampaignError", "CampaignRun", "StageResult", "stage_seed"]

DEFAULT_SEATS = (Seat("ai", "", "normal"), Seat("ai", "", "normal"))
"""AI on both sides, each stage's default negotiators (an empty personality)."""


def stage_seed(campaign_seed: int, position: int, stage_id: str) -> int:
    """The seed of stage ``stage_id`` played at ``position`` (0-based) of a run, in [0, 2**63).

    The same campaign seed gives the same stage the same news wherever the branches
    agree; a stage met again later in a looping campaign gets a fresh seed.
    """
    key = f"{campaign_seed}:{position}:{stage_id}".encode()
    digest = hashlib.blake2b(key, digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


@dataclass(frozen=True)
class StageResult:
    """One finished stage: its run record and the ledger before and after it."""

    stage_id: str
    position: int
    record: RunRecord
    ledger_before: dict[str, float]
    ledger_after: dict[str, float]
    outcome: Outcome
    strike_weeks: int
    end_week: int
    next_stage: str | None

    def changes(self) -> list[tuple[str, float, float]]:
        return L.changes(self.ledger_before, self.ledger_after)


class CampaignRun:
    """Plays ``campaign`` stage by stage with ``seats`` and campaign ``seed``.

    A seat with an empty personality plays each stage's default negotiator for
    its side; a named personality must exist in every stage it plays.
    """

    def __init__(
        self, campaign: Campaign, *, seed: int = 0, seats: tuple[Seat, Seat] = DEFAULT_SEATS
    ) -> None:
        self.campaign = campaign
        self.seed = seed
        self.seats = seats
        self.results: list[StageResult] = []
        self.ledger: dict[str, float] = dict(campaign.ledger)
        self.current: str | None = campaign.start
        self.session: Session | None = None
        """The stage in play (between ``start_stage`` and ``finish_stage``)."""

    # ---- queries -------------------------------------------------------------
    @property
    def is_over(self) -> bool:
        return self.current is None

    @property
    def stage(self) -> Stage | None:
        """The stage to play next (or in play); None once the campaign has ended."""
        return None if self.current is None else self.campaign.stages[self.current]

    @property
    def position(self) -> int:
        """0-based position of the current stage in this run."""
        return len(self.results)

    def intro(self) -> str:
        """The current stage's intro on the current ledger ("" when over)."""
        stage = self.stage
        return "" if stage is None else L.intro_text(stage, self.ledger)

    def epilogues(self) -> list[tuple[str, str]]:
        return L.epilogue_texts(self.campaign, self.ledger)

    def summary(self) -> list[tuple[str, str]]:
        return L.summary_table(self.campaign, self.ledger)

    def stage_spec(self) -> GameSpec:
        """The current stage's scenario with the ledger carried into it."""
        stage = self._require_stage()
        return L.stage_spec(stage, self.ledger)

    def seats_for(self, spec: GameSpec) -> tuple[Seat, Seat]:
        """``self.seats`` with empty personalities resolved for ``spec``; checked."""
        out = []
        for side, seat in enumerate(self.seats):
            if seat.is_human:
                out.append(seat)
                continue
            name = seat.personality or spec.default_negotiators[side]
            known = negotiator_names(spec, side)
            if name not in known:
                raise CampaignError(
                    f"no {SIDES[side]} negotiator '{name}' in scenario '{spec.id}'; "
                    f"choose from: {', '.join(known)}"
                )
            out.append(Seat("ai", name, seat.difficulty))
        return out[0], out[1]

    # ---- playing -------------------------------------------------------------
    def start_stage(self, spec: GameSpec | None = None) -> Session:
        """A new session for the current stage (``spec`` from :meth:`stage_spec` if given)."""
        stage = self._require_stage()
        if self.session is not None:
            raise CampaignError(f"stage '{stage.id}' is already in play")
        spec = spec or self.stage_spec()
        seed = stage_seed(self.seed, self.position, stage.id)
        self.session = Session(spec, self.seats_for(spec), seed)
        return self.session

    def finish_stage(self, session: Session | None = None) -> StageResult:
        """Record the finished ``session`` (default: the one in play) into the ledger."""
        stage = self._require_stage()
        session = session or self.session
        if session is None:
            raise CampaignError(f"stage '{stage.id}' has not been started")
        if not session.is_over:
            raise CampaignError(f"the dispute of stage '{stage.id}' is not over yet")
        before = dict(self.ledger)
        results = L.results_namespace(session.spec, session.state, before)
        after = L.record_stage(stage, before, results)
        nxt = L.next_stage(stage, after)
        state = session.state
        result = StageResult(
            stage.id, self.position, session.record, before, after, session.outcome,
            int(state.strike_weeks[0]), int(state.end_week[0]), nxt,
        )  # fmt: skip
        self.results.append(result)
        self.ledger = after
        self.current = nxt
        self.session = None
        return result

    def play_stage(self) -> tuple[Session, StageResult]:
        """Play the current stage to its end (both seats must be AI)."""
        session = self.start_stage()
        try:
            session.play_to_end()
        except Exception:
            self.session = None
            raise
        return session, self.finish_stage(session)

    def play_to_end(self) -> list[StageResult]:
        """Play every remaining stage AI against AI."""
        while not self.is_over:
            self.play_stage()
        return list(self.results)

    def _require_stage(self) -> Stage:
        stage = self.stage
        if stage is None:
            raise CampaignError("the campaign is over")
        return stage
