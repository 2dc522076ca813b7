"""The classroom in the game: the Classroom screen, the group's name, Record a deal, Export
run, one file per game and the class folder, and what each hot-seat player may see."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from strikesim.classroom.face_to_face import TableDeal, record_deal
from strikesim.engine import Move, Phase
from strikesim.play.forecast import forecast_yes
from strikesim.play.seat import GamePlay
from strikesim.records import Seat, load_record
from strikesim.scenario import load_scenario
from strikesim.session import Decision, Session
from strikesim.ui.app import App
from strikesim.ui.screens.briefing import BriefingScreen
from strikesim.ui.screens.classroom import REPORT_FILE, ClassroomScreen
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.game import game_screen
from strikesim.ui.screens.game.deal import DealScreen
from strikesim.ui.screens.game.debrief import DebriefScreen
from strikesim.ui.screens.group_name import GroupNameScreen
from strikesim.ui.screens.record_deal import RecordDealScreen
from strikesim.ui.settings import load_settings
from strikesim.ui.transitions import Push
from tests.classroom.helpers import class_folder

from .pregame_helpers import QUICK, data_dir, game_app, press, typed

__all__ = ["data_dir", "game_app"]  # fixtures used by name


@pytest.fixture(autouse=True)
def _own_data_dir(data_dir: Path) -> Path:
    return data_dir


def _set_class_folder(app: App, folder: Path) -> None:
    """A class folder, and the first-game guide already seen."""
    settings = app.ctx.settings.with_changes(class_folder=str(folder), guide_seen=True)
    app.ctx.configure(settings, app.ctx.size)


def _open_classroom(app: App) -> ClassroomScreen:
    press(app, "t")
    screen = app.stack.top
    assert isinstance(screen, ClassroomScreen)
    return screen


def test_the_title_opens_the_classroom_with_the_guide(game_app: App) -> None:
    screen = _open_classroom(game_app)
    assert screen.guide.text.startswith("# Teacher's guide")
    assert "Answer key: Classroom: The Three-Issue Strike" in screen.guide.text
    assert screen.spec.id == QUICK, "the 45-minute plan's scenario comes first"
    press(game_app, "escape")
    assert not isinstance(game_app.stack.top, ClassroomScreen)


def test_print_pack_writes_the_pages_and_says_where(game_app: App, data_dir: Path) -> None:
    screen = _open_classroom(game_app)
    game_app.apply(screen.print_pack())
    dialog = game_app.stack.top
    folder = data_dir / "print" / QUICK
    assert isinstance(dialog, Dialog) and str(folder) in dialog.text
    assert (folder / "answer-key.html").is_file() and (folder / "brief-studio.html").is_file()


def test_typing_the_class_folder_saves_the_setting_and_the_report_reads_it(
    game_app: App, tmp_path: Path
) -> None:
    runs = class_folder(tmp_path)
    screen = _open_classroom(game_app)
    game_app.apply(screen.class_report())
    assert isinstance(game_app.stack.top, Dialog), "no class folder yet"
    assert "Type the class folder first" in game_app.stack.top.text
    press(game_app, "escape")
    screen.focus.focus(screen.folder)
    typed(game_app, str(runs))
    press(game_app, "tab")
    assert game_app.ctx.settings.class_folder == str(runs)
    assert load_settings(game_app.ctx.settings_file)[0].class_folder == str(runs)
    game_app.apply(screen.class_report())
    dialog = game_app.stack.top
    assert isinstance(dialog, Dialog) and "3 run(s)" in dialog.text
    assert "Table 2" in (runs / REPORT_FILE).read_text(encoding="utf-8")


def test_the_group_name_is_asked_once_per_session_in_a_class(game_app: App, tmp_path: Path) -> None:
    _set_class_folder(game_app, tmp_path / "class")
    spec = load_scenario(QUICK)
    seats = (Seat("human"), Seat("ai", spec.default_negotiators[1]))
    game_app.apply(Push(BriefingScreen(game_app.ctx, spec, 0, seats, 3)))
    game_app.apply(game_app.stack.top.begin())  # type: ignore[attr-defined]
    ask = game_app.stack.top
    assert isinstance(ask, GroupNameScreen)
    press(game_app, "return")
    assert "Type a name" in ask.error
    typed(game_app, "Table 9")
    press(game_app, "return")
    table = game_app.stack.top
    play = table.play  # type: ignore[attr-defined]
    assert play.session.record.meta["group"] == "Table 9"
    assert play.slot.startswith(f"{QUICK}-union-table-9-")
    game_app.apply(Push(BriefingScreen(game_app.ctx, spec, 0, seats, 4)))
    game_app.apply(game_app.stack.top.begin())  # type: ignore[attr-defined]
    assert not isinstance(game_app.stack.top, GroupNameScreen), "asked once a session"


def test_each_game_keeps_its_own_file_and_a_finished_one_goes_to_the_class_folder(
    tmp_path: Path, data_dir: Path
) -> None:
    spec = load_scenario(QUICK)
    folder = tmp_path / "class"
    plays = []
    for seed in (1, 2):
        seats = (Seat("human"), Seat("ai", spec.default_negotiators[1], "easy"))
        play = GamePlay(Session(spec, seats, seed), class_folder=folder, slot=f"game-{seed}")
        play.play(Move.HOLD)
        plays.append(play)
    assert sorted(p.name for p in (data_dir / "saves").glob("*.json")) == [
        "game-1.json",
        "game-2.json",
    ]
    assert not folder.exists(), "only finished games go to the class folder"
    play = plays[0]
    while not play.is_over:
        moves = play.legal_moves()
        play.play(Move.ACCEPT if Move.ACCEPT in moves else Move.HOLD) or play.play_through()
    assert play.delivered == folder / "game-1.json"
    assert load_record(play.delivered).weeks == play.session.record.weeks


def test_record_a_deal_scores_it_and_writes_the_run(game_app: App, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    _set_class_folder(game_app, folder)
    spec = load_scenario(QUICK)
    screen = RecordDealScreen(game_app.ctx, spec)
    game_app.apply(Push(screen))
    game_app.draw()
    screen.strike.index = 40
    assert screen.score_deal() is None and "a strike of at most 7 weeks" in screen.error
    for picker, level in zip(screen.pickers, (6, 2, 1), strict=True):
        picker.index = level
    screen.strike.index = 2
    screen.group.set_text("Table 4")
    game_app.apply(screen.score_deal())
    deal = game_app.stack.top
    assert isinstance(deal, DealScreen) and deal.play.is_over
    assert int(deal.play.session.state.strike_weeks[0]) == 2
    (path,) = folder.glob("*.json")
    record = load_record(path)
    assert record.meta["mode"] == "face-to-face" and record.meta["group"] == "Table 4"
    assert path.stem.startswith(f"{QUICK}-f2f-table-4-")
    game_app.draw()


def test_export_run_on_the_debrief(game_app: App, data_dir: Path, tmp_path: Path) -> None:
    session = record_deal(load_scenario(QUICK), TableDeal((6, 2, 1), group="T"))
    debrief = game_screen(game_app.ctx, session, autosave=False)
    assert isinstance(debrief, DebriefScreen)
    game_app.apply(Push(debrief))
    game_app.draw()
    assert debrief.export.rect.right <= debrief.turn.rect.x, "beside the other buttons"
    game_app.apply(debrief.export_run())
    dialog = game_app.stack.top
    (path,) = (data_dir / "runs").glob("*.json")
    assert isinstance(dialog, Dialog) and path.name in dialog.text
    assert load_record(path).meta["group"] == "T"
    press(game_app, "escape")
    _set_class_folder(game_app, tmp_path / "class")
    game_app.apply(debrief.export_run())
    assert (tmp_path / "class" / path.name).is_file()


# --- a fair hot seat ------------------------------------------------------------------------
def _hot_seat_in_ratification() -> Session:
    session = Session(load_scenario(QUICK), (Seat("human"), Seat("human")), 2)
    session.submit(0, Decision(Move.OFFER, (6, 2, 1)))
    session.submit(1, Decision(Move.HOLD))
    session.advance()
    session.submit(0, Decision(Move.HOLD))
    session.submit(1, Decision(Move.ACCEPT))
    session.advance()
    assert session.phase == Phase.RATIFICATION
    return session


def test_only_the_union_sees_the_members_forecast(game_app: App) -> None:
    play = GamePlay(_hot_seat_in_ratification(), autosave=False)
    assert forecast_yes(play, (6, 2, 1)) is not None
    union = DealScreen(game_app.ctx, play)
    game_app.apply(Push(union))
    game_app.draw()
    assert union.support.visible and union.expect.visible and union.expected_yes() is not None
    play.switch_to(1)
    assert forecast_yes(play, (6, 2, 1)) is None
    studio = DealScreen(game_app.ctx, play)
    game_app.apply(Push(studio))
    game_app.draw()
    assert not studio.support.visible and not studio.expect.visible
    assert studio.expected_yes() is None


def test_a_single_player_studio_gets_no_members_forecast() -> None:
    spec = load_scenario(QUICK)
    session = Session(spec, (Seat("ai", spec.default_negotiators[0]), Seat("human")), 1)
    play = GamePlay(session, autosave=False)
    assert forecast_yes(play, (6, 2, 1)) is None


def test_hot_seat_hands_over_once_a_week() -> None:
    play = GamePlay(
        Session(load_scenario(QUICK), (Seat("human"), Seat("human")), 2), autosave=False
    )
    handovers = 0
    for _week in range(3):
        for _turn in range(2):
            play.play(Move.HOLD)
            if play.handover_to is not None:
                handovers += 1
                play.switch_to(play.handover_to)
    assert play.session.week == 3 and handovers == 3


def test_the_classroom_screens_fit_at_large_text(game_app: App) -> None:
    game_app.ctx.configure(game_app.ctx.settings.with_changes(ui_scale=1.75), (1280, 720))
    screen = _open_classroom(game_app)
    surface = pygame.Surface(game_app.ctx.size)
    screen.draw(surface)
    page = screen.page_scroll
    assert page is not None and page.active, "the tools stack above the guide and scroll"
    for widget in (screen.print, screen.record, screen.folder, screen.group):
        for _ in range(10):
            if screen.focus.current is widget:
                break
            press(game_app, "tab")
        assert screen.focus.current is widget
        assert page.viewport.contains(widget.rect), "the focused control is scrolled into view"
        assert not widget.rect.colliderect(screen.report.rect)
    record = RecordDealScreen(game_app.ctx, load_scenario("wga-2023"))
    game_app.apply(Push(record))
    record.draw(surface)
    assert record.page_scroll is not None and record.page_scroll.active, "the page scrolls"
    assert record.score.rect.bottom <= surface.get_height()


def test_the_classroom_keeps_two_columns_on_a_normal_window(game_app: App) -> None:
    screen = _open_classroom(game_app)
    screen.draw(pygame.Surface(game_app.ctx.size))
    assert screen.page_scroll is not None and not screen.page_scroll.active
    assert screen.guide_box.right < screen.tools_box.x
    assert screen.tools_box.bottom < screen.report.rect.y
