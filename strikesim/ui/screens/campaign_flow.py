"""How a campaign moves through the screens: start, each stage's briefing and game, resume.

The flow is ``start_campaign`` -> :class:`~strikesim.ui.screens.campaign.CampaignScreen`
(progress and the next stage's intro) -> :class:`CampaignBriefing` (the stage's briefing on
its carried scenario) -> the negotiation table -> the debrief, whose "continue" calls
:func:`after_stage` -> the progress screen again with the stage's result, and after the
last stage :class:`~strikesim.ui.screens.campaign_end.DecadeScreen`.

The campaign is saved to ``<saves>/campaigns/<id>.json`` when it starts, when a stage
starts, after every week of a stage and when a stage ends (:mod:`strikesim.campaign.save`).
A stage's weeks are saved with the campaign rather than in the plain autosave slot, since
a plain save would replay without the carried values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from strikesim.ai import BUILTINS
from strikesim.campaign.run import CampaignError, CampaignRun
from strikesim.engine.spec import GameSpec
from strikesim.files import load_json
from strikesim.records import MAX_RECORD_BYTES, RecordError, Seat
from strikesim.scenario import ScenarioError
from strikesim.session import Session
from strikesim.ui.context import UIContext
from strikesim.ui.screens.briefing import BriefingScreen
from strikesim.ui.screens.dialog import message
from strikesim.ui.transitions import Pop, Push, Reset, Transition

if TYPE_CHECKING:
    from strikesim.play.seat import GamePlay

__all__ = [
    "CampaignBriefing",
    "CampaignSave",
    "after_stage",
    "campaign_save_path",
    "campaign_seats",
    "human_side",
    "list_campaign_saves",
    "resume_campaign",
    "save_campaign",
    "start_campaign",
]


def campaign_save_path(campaign_id: str) -> Path:
    """Where a campaign's progress is kept (one file per campaign)."""
    from strikesim.saves import saves_dir

    return saves_dir() / "campaigns" / f"{campaign_id}.json"


@dataclass(frozen=True)
class CampaignSave:
    """One saved campaign for a load list: read without replaying it."""

    path: Path
    campaign_id: str
    title: str
    stages_played: int
    in_stage: bool
    """A stage was in play when it was saved."""
    problem: str = ""
    """Why it cannot be read ("" when it can; replaying may still find more)."""


def list_campaign_saves() -> list[CampaignSave]:
    """Every campaign save in the saves folder, newest first."""
    from strikesim.saves import saves_dir

    folder = saves_dir() / "campaigns"
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    out = []
    for path in files:
        try:
            data = load_json(path, MAX_RECORD_BYTES * 4)
            info = data["campaign"]
            out.append(
                CampaignSave(
                    path,
                    str(info["id"]),
                    str(info.get("title", info["id"])),
                    len(data["stages"]),
                    data.get("active") is not None,
                )
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            out.append(CampaignSave(path, path.stem, path.stem, 0, False, f"damaged save ({exc})"))
    return out


def save_campaign(ctx: UIContext, run: CampaignRun) -> Path | None:
    """Save ``run``; a failure becomes an on-screen notice, never an exception."""
    from strikesim.campaign.save import save_run

    path = campaign_save_path(run.campaign.id)
    try:
        save_run(run, path)
    except RecordError as exc:
        ctx.notices.append(f"The campaign could not be saved: {exc}")
        return None
    return path


def human_side(run: CampaignRun) -> int:
    """The side the player leads (the union when both or neither seats are human)."""
    return 1 if run.seats[1].is_human and not run.seats[0].is_human else 0


def campaign_seats(seats: tuple[Seat, Seat]) -> tuple[Seat, Seat]:
    """Seats chosen on the first stage's scenario, made valid for every stage: a built-in
    negotiator plays every stage; one of that scenario's own personalities (or its
    historical script) becomes "each stage's default opponent" at the same difficulty."""
    out = [
        s if s.is_human or s.personality in BUILTINS else Seat("ai", "", s.difficulty)
        for s in seats
    ]
    return out[0], out[1]


def start_campaign(
    ctx: UIContext, campaign_id: str, seats: tuple[Seat, Seat], seed: int = 0
) -> Transition:
    """Begin ``campaign_id`` with ``seats`` (as chosen for its first scenario) and ``seed``.

    A campaign whose ``player_side`` is not ``any`` refuses a human seat on the other side.
    """
    from strikesim.campaign import load_campaign
    from strikesim.ui.screens.campaign import CampaignScreen

    try:
        campaign = load_campaign(campaign_id)
    except ScenarioError as exc:
        first_problem = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
        return Push(message(ctx, "This campaign cannot start", first_problem))
    human = [("union", "studio")[k] for k, s in enumerate(seats) if s.is_human]
    if campaign.player_side != "any" and any(side != campaign.player_side for side in human):
        text = f"{campaign.title} is played on the {campaign.player_side} side."
        return Push(message(ctx, "Choose the other side", text))
    run = CampaignRun(campaign, seed=seed, seats=campaign_seats(seats))
    save_campaign(ctx, run)
    return Reset(CampaignScreen(ctx, run))


def resume_campaign(ctx: UIContext, path: Path) -> Transition:
    """Open a saved campaign where it was left (a stage in play restarts at its briefing's
    table, replayed to the saved week)."""
    from strikesim.campaign.save import load_run
    from strikesim.ui.screens.campaign import CampaignScreen

    try:
        run = load_run(path)
    except RecordError as exc:
        return Push(message(ctx, "This campaign cannot be loaded", str(exc)))
    if run.session is not None:
        return _enter_stage(ctx, run, run.session)
    return Reset(CampaignScreen(ctx, run))


def after_stage(ctx: UIContext, play: GamePlay) -> Transition | None:
    """The debrief of a campaign stage is done: record it and show the campaign's progress.

    Returns None when ``play`` is not a campaign stage, or not over (the caller goes on as
    usual).
    """
    from strikesim.ui.screens.campaign import CampaignScreen

    run, session = play.campaign, play.session
    if run is None or not session.is_over:
        return None
    play.campaign = None  # the stage is recorded once
    try:
        result = run.finish_stage(session)
    except (CampaignError, ScenarioError) as exc:
        return Push(message(ctx, "The campaign cannot go on", str(exc)))
    save_campaign(ctx, run)
    return Reset(CampaignScreen(ctx, run, last=result))


def _enter_stage(ctx: UIContext, run: CampaignRun, session: Session) -> Transition:
    from strikesim.ui.screens.game import game_screen  # (the table's package imports this one)

    def saver(_session: Session) -> None:
        _save_week(run)

    return Reset(game_screen(ctx, session, saver=saver, campaign=run))


def _save_week(run: CampaignRun) -> None:
    """Save ``run`` after a week of its stage (a failure is the game screen's notice)."""
    from strikesim.campaign.save import save_run

    save_run(run, campaign_save_path(run.campaign.id))


class CampaignBriefing(BriefingScreen):
    """The briefing of the campaign's current stage; "Start negotiating" starts the stage."""

    def __init__(self, ctx: UIContext, run: CampaignRun, spec: GameSpec) -> None:
        side = human_side(run)
        # can_go_back=False drops the new-game step counter from the heading; Back still
        # returns to the campaign's progress screen (see on_back)
        super().__init__(
            ctx, spec, side, run.seats_for(spec), 0, campaign=run.campaign.id, can_go_back=False
        )
        self.run = run
        self.back.label = "Back"

    def on_back(self) -> Transition | None:
        return Pop(None)

    def begin(self) -> Transition | None:
        try:
            session = self.run.start_stage(self.spec)
        except (CampaignError, ValueError) as exc:
            return Push(message(self.ctx, "This stage cannot start", str(exc)))
        save_campaign(self.ctx, self.run)
        return _enter_stage(self.ctx, self.run, session)
