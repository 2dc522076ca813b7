"""Load and save screens: damaged saves with their reasons, Continue, saving from the pause
menu, campaign saves."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from strikesim.records import Seat
from strikesim.saves import list_saves, save_game
from strikesim.session import Decision, Session
from strikesim.ui.app import App
from strikesim.ui.context import UIContext
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.load_game import LoadGameScreen, continue_game
from strikesim.ui.screens.pause import PauseChoice, PauseMenu
from strikesim.ui.screens.save_game import SaveGameScreen
from strikesim.ui.transitions import Push, Transition

from .conftest import key
from .pregame_helpers import data_dir, game_app, press, quick_session, typed

__all__ = ["data_dir", "game_app"]  # fixtures used by name


@pytest.fixture(autouse=True)
def _own_data_dir(data_dir: Path) -> Path:
    return data_dir


# --- load and continue --------------------------------------------------------------------
def test_load_screen_lists_a_damaged_save_with_its_reason(game_app: App, data_dir: Path) -> None:
    good = save_game(quick_session(), "before the vote")
    (data_dir / "saves" / "broken.json").write_text('{"format": "strikesim-run"', "utf-8")
    (data_dir / "saves" / "alien.json").write_text(json.dumps({"format": "other"}), "utf-8")
    screen = LoadGameScreen(game_app.ctx)
    game_app.apply(Push(screen))
    game_app.draw()
    rows = {r.info.path.name: r for r in screen.rows}
    assert set(rows) == {good.name, "broken.json", "alien.json"}
    assert "not valid JSON" in rows["broken.json"].info.problem
    assert "not a StrikeSim run record" in rows["alien.json"].info.problem
    screen.focus.focus(rows["broken.json"])
    press(game_app, "return")
    dialog = game_app.stack.top
    assert isinstance(dialog, Dialog) and "not valid JSON" in dialog.text
    press(game_app, "escape")
    screen.focus.focus(rows[good.name])
    press(game_app, "return")
    table = game_app.stack.top
    assert len(game_app.stack) == 1
    loaded = table.play.session.record  # type: ignore[attr-defined]
    assert replace(loaded, meta={}) == quick_session().record
    assert loaded.meta["name"] == "before the vote", "the save's own name is kept"


def test_continue_opens_the_newest_loadable_save(ctx: UIContext, data_dir: Path) -> None:
    assert isinstance(continue_game(ctx), Dialog), "nothing to continue yet"
    session = quick_session()
    session.submit(0, Decision())
    session.advance()
    save_game(session, "later")
    (data_dir / "saves" / "zz-damaged.json").write_text("{", "utf-8")
    screen = continue_game(ctx)
    assert not isinstance(screen, Dialog)
    assert screen.play.session.week == 1  # type: ignore[attr-defined]


# --- save ---------------------------------------------------------------------------------
def _pause_then_save(ctx: UIContext, session: Session) -> Callable[[object], Transition | None]:
    def handler(choice: object) -> Transition | None:
        return Push(SaveGameScreen(ctx, session)) if choice == PauseChoice.SAVE else None

    return handler


def test_save_from_the_pause_menu_writes_a_file(game_app: App, data_dir: Path) -> None:
    session = quick_session()
    ctx = game_app.ctx
    game_app.apply(Push(PauseMenu(ctx), on_result=_pause_then_save(ctx, session)))
    press(game_app, "s")
    screen = game_app.stack.top
    assert isinstance(screen, SaveGameScreen)
    assert screen.field.text == "classroom-quick-union-week-0"
    press(game_app, "backspace")
    game_app.handle(key("backspace", pygame.KMOD_CTRL))
    typed(game_app, "Strike night")
    press(game_app, "space")  # the space comes as text; the key must not press anything
    typed(game_app, " ")
    assert screen.field.text == "Strike night "
    press(game_app, "return")
    assert game_app.stack.top is not screen
    saved = data_dir / "saves" / "Strike-night.json"
    assert saved.is_file()
    assert [s.name for s in list_saves()] == ["Strike night"]


def test_save_refuses_the_autosave_slot_and_warns_before_replacing(
    ctx: UIContext, data_dir: Path
) -> None:
    session = quick_session()
    save_game(session, "mine")
    screen = SaveGameScreen(ctx, session, "autosave")
    assert screen.save() is None and "autosave" in screen.status()[0]
    assert not (data_dir / "saves" / "autosave.json").exists()
    screen.field.set_text("mine")
    text, colour = screen.status()
    assert "Replaces" in text and colour == "warning"


def test_save_from_the_game_pause_menu_writes_a_file(game_app: App, data_dir: Path) -> None:
    from strikesim.ui.screens.handoff import enter_game

    game_app.apply(enter_game(game_app.ctx, quick_session()))
    press(game_app, "escape")
    assert isinstance(game_app.stack.top, PauseMenu)
    press(game_app, "s")
    dialog = game_app.stack.top
    assert isinstance(dialog, SaveGameScreen)
    press(game_app, "return")
    assert (data_dir / "saves" / f"{dialog.field.text}.json").is_file()
    assert game_app.stack.top is not dialog


def test_load_screen_lists_campaign_saves_and_resumes_them(game_app: App, data_dir: Path) -> None:
    from strikesim.campaign import list_campaigns, load_campaign
    from strikesim.campaign.run import CampaignRun
    from strikesim.campaign.save import save_run

    shipped = list_campaigns()
    if not shipped:
        pytest.skip("no campaign ships with this build")
    pytest.importorskip("strikesim.ui.screens.campaign_flow")
    run = CampaignRun(
        load_campaign(shipped[0][0]), seed=4, seats=(Seat("human"), Seat("ai", "", "easy"))
    )
    folder = data_dir / "saves" / "campaigns"
    save_run(run, folder / f"{shipped[0][0]}.json")
    (folder / "torn.json").write_text('{"format": "strikesim-campaign-run", "camp', "utf-8")
    screen = LoadGameScreen(game_app.ctx)
    game_app.apply(Push(screen))
    game_app.draw()
    rows = {r.info.path.name: r for r in screen.rows}
    assert set(rows) == {f"{shipped[0][0]}.json", "torn.json"}
    assert "not valid JSON" in rows["torn.json"].info.problem
    good = rows[f"{shipped[0][0]}.json"]
    assert good.info.name == shipped[0][1]
    screen.focus.focus(good)
    press(game_app, "return")
    assert type(game_app.stack.top).__name__ == "CampaignScreen"


def test_a_campaign_stage_is_saved_with_its_campaign_every_week(
    ctx: UIContext, data_dir: Path
) -> None:
    """Each week of a campaign stage lands in the campaign's save (which replays with the
    carried values), never in the plain autosave slot; resuming reopens that week."""
    from strikesim.campaign import list_campaigns, load_campaign
    from strikesim.campaign.run import CampaignRun
    from strikesim.campaign.save import load_run
    from strikesim.engine import Move

    shipped = list_campaigns()
    if not shipped:
        pytest.skip("no campaign ships with this build")
    flow = pytest.importorskip("strikesim.ui.screens.campaign_flow")
    run = CampaignRun(
        load_campaign(shipped[0][0]), seed=4, seats=(Seat("human"), Seat("ai", "", "easy"))
    )
    screen = flow.CampaignBriefing(ctx, run, run.stage_spec()).begin()
    play = screen.screen.play  # type: ignore[union-attr]
    path = flow.campaign_save_path(run.campaign.id)
    for week in (1, 2):
        assert play.play(Move.HOLD) is not None and play.save_error == ""
        saved = load_run(path)
        assert saved.session is not None and saved.session.week == week
        assert saved.session.state.values.tolist() == play.session.state.values.tolist()
    assert not (data_dir / "saves" / "autosave.json").exists()
    resumed = flow.resume_campaign(ctx, path)
    assert resumed.screen.play.session.week == 2  # type: ignore[union-attr]


def test_a_campaign_week_that_cannot_be_saved_becomes_a_notice(
    ctx: UIContext, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strikesim.campaign import list_campaigns, load_campaign
    from strikesim.campaign.run import CampaignRun
    from strikesim.engine import Move

    shipped = list_campaigns()
    if not shipped:
        pytest.skip("no campaign ships with this build")
    flow = pytest.importorskip("strikesim.ui.screens.campaign_flow")
    run = CampaignRun(load_campaign(shipped[0][0]), seed=4, seats=(Seat("human"), Seat("ai")))
    play = flow.CampaignBriefing(ctx, run, run.stage_spec()).begin().screen.play  # type: ignore[union-attr]
    blocker = data_dir / "saves" / "campaigns"
    for child in blocker.iterdir():
        child.unlink()
    blocker.rmdir()
    blocker.write_text("in the way")  # the campaigns folder is now a file
    assert play.play(Move.HOLD) is not None
    assert play.save_error.startswith("Autosave failed")
    assert play.session.week == 1
