"""The campaign screens: progress, briefing, the stage's game and back, resume, the end."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from strikesim.campaign import load_campaign
from strikesim.campaign.run import CampaignRun
from strikesim.campaign.save import load_run
from strikesim.campaign.spec import Campaign
from strikesim.play.seat import GamePlay
from strikesim.records import Seat
from strikesim.scenario import load_scenario
from strikesim.session import Session
from strikesim.ui.app import App, create_app
from strikesim.ui.launch import game_routes
from strikesim.ui.screens.campaign import CampaignScreen, road
from strikesim.ui.screens.campaign_end import DecadeScreen, epilogue_markdown
from strikesim.ui.screens.campaign_flow import (
    CampaignBriefing,
    after_stage,
    campaign_save_path,
    campaign_seats,
    resume_campaign,
    start_campaign,
)
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.title import TitleScreen
from strikesim.ui.transitions import Pop, Push, Reset

MINI = Path(__file__).parent / "fixtures" / "valid" / "mini.yaml"
AI_BOTH = (Seat("ai", "time_dependent"), Seat("ai", "time_dependent"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    application = create_app(
        routes=game_routes(), size=(1280, 720), settings_file=tmp_path / "settings.json"
    )
    yield application
    pygame.display.quit()


@pytest.fixture(scope="module")
def mini() -> Campaign:
    return load_campaign(MINI)


def _draw(app: App, screen: object) -> None:
    app.apply(Reset(screen))  # type: ignore[arg-type]
    for _ in range(3):
        app.update(1000.0)
    app.draw()


def test_road_lights_the_current_stage(mini: Campaign) -> None:
    run = CampaignRun(mini, seed=1, seats=AI_BOTH)
    assert [(s.label, s.state) for s in road(run)] == [
        ("Round one", "current"),
        ("Round two, with rules", "ahead"),
    ]
    run.play_stage()
    steps = road(run)
    assert steps[0].state == "done" and steps[0].detail.startswith(("Deal", "The", "No"))
    assert steps[1].state == "current" and steps[1].label == mini.stage(run.current or "").label


def test_progress_screens_draw_at_each_point(app: App, mini: Campaign) -> None:
    run = CampaignRun(mini, seed=1, seats=AI_BOTH)
    _draw(app, CampaignScreen(app.ctx, run))
    _, last = run.play_stage()
    screen = CampaignScreen(app.ctx, run, last=last)
    _draw(app, screen)
    assert "### Result: Round one" in screen.story.text
    assert screen.go.label == "Read the briefing"
    run.play_to_end()
    over = CampaignScreen(app.ctx, run, last=run.results[-1])
    _draw(app, over)
    assert over.go.label == "How the decade ended"
    assert isinstance(over.proceed(), Push)
    _draw(app, DecadeScreen(app.ctx, run))


def test_small_window_still_draws(tmp_path: Path, mini: Campaign) -> None:
    small = create_app(size=(800, 600), settings_file=tmp_path / "s.json")
    try:
        run = CampaignRun(mini, seed=2, seats=AI_BOTH)
        _, last = run.play_stage()
        _draw(small, CampaignScreen(small.ctx, run, last=last))
        run.play_to_end()
        _draw(small, DecadeScreen(small.ctx, run))
    finally:
        pygame.display.quit()


def test_a_whole_campaign_through_the_screens(app: App, mini: Campaign, data_dir: Path) -> None:
    start = start_campaign(app.ctx, str(MINI), AI_BOTH, seed=4)
    assert isinstance(start, Reset) and isinstance(start.screen, CampaignScreen)
    progress = start.screen
    run = progress.run
    assert campaign_save_path("mini").is_file()
    for _ in range(10):
        if run.is_over:
            break
        briefing = progress.proceed()
        assert isinstance(briefing, Push) and isinstance(briefing.screen, CampaignBriefing)
        spec = briefing.screen.spec
        if run.current == "first":  # carry: psi0 comes from the ledger's trust
            assert spec.params["psi0"] == run.ledger["trust"] == 0.55
        table = briefing.screen.begin()
        assert isinstance(table, Reset)
        _draw(app, table.screen)
        session = run.session
        assert session is not None
        play = table.screen.play  # type: ignore[attr-defined]
        assert play.session is session and play.campaign is run
        assert load_run(campaign_save_path("mini")).session is not None  # saved mid-stage
        session.play_to_end()
        back = after_stage(app.ctx, play)
        assert isinstance(back, Reset) and isinstance(back.screen, CampaignScreen)
        progress = back.screen
        assert progress.last is run.results[-1]
        _draw(app, progress)
    assert run.is_over
    saved = load_run(campaign_save_path("mini"))
    assert saved.is_over and saved.ledger == run.ledger
    assert epilogue_markdown(run).startswith("### ")


def test_after_stage_ignores_games_outside_a_campaign(app: App) -> None:
    spec = load_scenario("classroom-quick")
    session = Session(spec, AI_BOTH, 1)
    session.play_to_end()
    play = GamePlay(session, autosave=False)
    assert play.campaign is None
    assert after_stage(app.ctx, play) is None


def test_resume_a_saved_campaign(app: App, mini: Campaign) -> None:
    from strikesim.campaign.save import save_run

    run = CampaignRun(mini, seed=3, seats=AI_BOTH)
    run.play_stage()
    path = campaign_save_path("mini")
    save_run(run, path)
    back = resume_campaign(app.ctx, path)
    assert isinstance(back, Reset) and isinstance(back.screen, CampaignScreen)
    assert back.screen.run.ledger == run.ledger
    session = run.start_stage()
    session.advance()
    save_run(run, path)
    again = resume_campaign(app.ctx, path)
    assert isinstance(again, Reset) and not isinstance(again.screen, CampaignScreen)
    path.write_text("{}", encoding="utf-8")
    broken = resume_campaign(app.ctx, path)
    assert isinstance(broken, Push) and isinstance(broken.screen, Dialog)


def test_unknown_campaign_says_why(app: App) -> None:
    result = start_campaign(app.ctx, "no-such-campaign", AI_BOTH)
    assert isinstance(result, Push) and isinstance(result.screen, Dialog)


def test_scenario_specific_opponents_become_each_stage_default() -> None:
    seats = (Seat("human"), Seat("ai", "amptp_2023", "hard"))
    assert campaign_seats(seats) == (Seat("human"), Seat("ai", "", "hard"))
    assert campaign_seats(AI_BOTH) == AI_BOTH


def test_escape_saves_and_returns_to_title(app: App, mini: Campaign) -> None:
    run = CampaignRun(mini, seed=5, seats=AI_BOTH)
    screen = CampaignScreen(app.ctx, run)
    back = screen.on_back()
    assert isinstance(back, Reset) and isinstance(back.screen, TitleScreen)
    assert load_run(campaign_save_path("mini")).current == "first"
    briefing = CampaignBriefing(app.ctx, run, run.stage_spec())
    assert isinstance(briefing.on_back(), Pop)
    assert isinstance(DecadeScreen(app.ctx, run).on_back(), Pop)


def test_campaign_saves_are_listed_newest_first(mini: Campaign) -> None:
    from strikesim.campaign.save import save_run
    from strikesim.ui.screens.campaign_flow import list_campaign_saves

    assert list_campaign_saves() == []
    run = CampaignRun(mini, seed=3, seats=AI_BOTH)
    run.play_stage()
    path = campaign_save_path("mini")
    save_run(run, path)
    broken = path.with_name("broken.json")
    broken.write_text("not json", encoding="utf-8")
    os.utime(path, (1, 1))
    saves = list_campaign_saves()
    assert [s.path.name for s in saves] == ["broken.json", "mini.json"]
    assert saves[0].problem.startswith("damaged save")
    assert (saves[1].campaign_id, saves[1].title, saves[1].stages_played) == (
        "mini",
        "Mini campaign",
        1,
    )
    assert saves[1].in_stage is False and saves[1].problem == ""


def test_player_side_of_the_campaign_is_enforced(app: App, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        'summary: "Two', 'player_side: union\nsummary: "Two'
    )
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    as_studio = start_campaign(app.ctx, str(path), (Seat("ai", "boulware"), Seat("human")))
    assert isinstance(as_studio, Push) and isinstance(as_studio.screen, Dialog)
    as_union = start_campaign(app.ctx, str(path), (Seat("human"), Seat("ai", "boulware")))
    assert isinstance(as_union, Reset) and isinstance(as_union.screen, CampaignScreen)


def test_side_choice_of_a_campaign_opens_the_campaign(app: App) -> None:
    from strikesim.ui.screens.choose_side import ChooseSideScreen

    side = ChooseSideScreen(app.ctx, load_scenario("classroom-quick"), campaign=str(MINI))
    result = side.proceed()
    assert isinstance(result, Reset) and isinstance(result.screen, CampaignScreen)
    run = result.screen.run
    assert run.campaign.id == "mini" and run.current == "first"
    assert sum(s.is_human for s in run.seats) == 1


def test_the_campaign_outlives_its_screens_while_a_stage_is_played(app: App) -> None:
    import gc

    start = start_campaign(app.ctx, str(MINI), AI_BOTH, seed=6)
    assert isinstance(start, Reset)
    briefing = start.screen.proceed()  # type: ignore[attr-defined]
    table = briefing.screen.begin()
    session = briefing.screen.run.session
    del start, briefing  # the game screens hold the campaign through their seat
    app.apply(table)
    gc.collect()
    session.play_to_end()
    play = table.screen.play
    back = after_stage(app.ctx, play)
    assert isinstance(back, Reset) and isinstance(back.screen, CampaignScreen)
    assert back.screen.run.results[-1].stage_id == "first"
    assert play.campaign is None  # recorded once
    assert after_stage(app.ctx, play) is None


def test_debrief_and_pause_menu_of_a_campaign_stage(app: App) -> None:
    from strikesim.ui.screens.game import game_screen
    from strikesim.ui.screens.game.debrief import DebriefScreen
    from strikesim.ui.screens.pause import PauseChoice

    start = start_campaign(app.ctx, str(MINI), (Seat("human"), Seat("ai", "boulware")), seed=7)
    assert isinstance(start, Reset)
    run = start.screen.run  # type: ignore[attr-defined]
    briefing = start.screen.proceed()  # type: ignore[attr-defined]
    table = briefing.screen.begin()
    app.apply(table)
    session = run.session
    from strikesim.session import Decision

    session.submit(0, Decision())
    session.advance()
    # saving from the pause menu saves the campaign, with the stage in play
    assert table.screen.on_pause_choice(PauseChoice.SAVE) is None
    saved = load_run(campaign_save_path("mini"))
    assert saved.session is not None and saved.session.week == 1
    while not session.is_over:
        session.submit(0, Decision())
        session.advance()
    debrief = game_screen(app.ctx, session, autosave=False, campaign=run)
    assert isinstance(debrief, DebriefScreen)
    nxt = debrief.finish()
    assert isinstance(nxt, Reset) and isinstance(nxt.screen, CampaignScreen)
    assert run.results[-1].stage_id == "first" and run.session is None


def test_debrief_outside_a_campaign_returns_to_the_title(app: App) -> None:
    from strikesim.ui.screens.game import game_screen

    session = Session(load_scenario("classroom-quick"), AI_BOTH, 1)
    session.play_to_end()
    debrief = game_screen(app.ctx, session, autosave=False)
    result = debrief.finish()  # type: ignore[attr-defined]
    assert isinstance(result, Reset) and isinstance(result.screen, TitleScreen)
