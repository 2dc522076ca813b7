"""Whole games of wga-2023 played through the UI with synthetic input, table to title.

Mouse games click the real controls and buttons at their laid-out positions; the keyboard
game uses only Tab / arrows / Enter (focus navigation, no hotkeys). Every week is autosaved,
and the autosave replays to exactly the game on screen.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from strikesim.engine import Move
from strikesim.records import load_record
from strikesim.saves import load_game, saves_dir
from strikesim.session import Decision, Session
from strikesim.ui.app import App
from strikesim.ui.screen import Screen
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.game import game_screen
from strikesim.ui.screens.game.deal import DealScreen
from strikesim.ui.screens.game.debrief import DebriefScreen
from strikesim.ui.screens.game.projection import ProjectionScreen
from strikesim.ui.screens.game.table import TableScreen
from strikesim.ui.screens.pause import PauseMenu
from strikesim.ui.screens.title import TitleScreen
from strikesim.ui.widgets.base import Widget
from strikesim.ui.widgets.slider import Slider

from .game_helpers import click, key, make_app, new_session

MAX_STEPS = 400


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _own_file(session: Session) -> Path:
    """The game's own save file (named by scenario, side and time; there is one)."""
    (path,) = saves_dir().glob(f"{session.spec.id}-*-20*.json")
    return path


def _check_autosave(session: Session) -> None:
    record = load_record(_own_file(session))
    assert len(record.weeks) == session.week
    assert record.seats == session.seats


def _settle(app: App) -> None:
    for _ in range(3):
        app.step([], 300.0)


def _settled_top(app: App, seen: list[str]) -> Screen:
    """Let the app settle and return its top screen, adding its class name to ``seen``
    when it differs from the last one there."""
    _settle(app)
    top = app.stack.top
    name = type(top).__name__
    if not seen or seen[-1] != name:
        seen.append(name)
    return top


def play_with_mouse(app: App, session: Session, accept_from: int) -> list[str]:
    """Click through a whole game; returns the screen classes seen, in order."""
    seen: list[str] = []
    for _ in range(MAX_STEPS):
        top = _settled_top(app, seen)
        name = seen[-1]
        if isinstance(top, TitleScreen):
            return seen
        if isinstance(top, TableScreen):
            week = session.week
            buttons = top.move_buttons
            if session.week >= accept_from and buttons[Move.ACCEPT].enabled:
                click(app, buttons[Move.ACCEPT].rect.center)
                _settle(app)
                question = app.stack.top
                assert isinstance(question, Dialog), "Accept asks first"
                forecast = "Members would vote" in question.text
                # the members' forecast is the union's to know
                assert forecast == (session.human_sides() == [0]), "the forecast to the union"
                click(app, question.buttons[-1].rect.center)  # the yes button
            elif buttons[Move.OFFER].enabled and week % 3 == 1:
                # concede a step on the first range issue: click one step below the knob
                slider = next(c for c in top.controls if isinstance(c, Slider))
                track = slider.track_rect()
                step_px = track.width * slider.step / (slider.maximum - slider.minimum)
                target = (
                    slider.x_of(slider.value) - round(step_px)
                    if top.play.side == 0
                    else slider.x_of(slider.value) + round(step_px)
                )
                before = list(top.play.draft)
                click(app, (max(track.x, min(track.right, target)), track.centery))
                assert top.play.draft != before or slider.value in (slider.minimum, slider.maximum)
                click(app, buttons[Move.OFFER].rect.center)
            else:
                click(app, buttons[Move.HOLD].rect.center)
            if not top.play.last_error:
                assert session.week == week + 1, f"week {week} was not played"
                _check_autosave(session)
        elif isinstance(top, DealScreen | ProjectionScreen):
            click(app, top.go.rect.center)
        elif isinstance(top, DebriefScreen):
            click(app, top.done.rect.center)
        else:
            raise AssertionError(f"unexpected screen {name}")
    raise AssertionError(f"the game did not finish in {MAX_STEPS} steps; screens: {seen}")


@pytest.mark.parametrize("side", [0, 1])
def test_whole_game_with_the_mouse(side: int, tmp_path: Path) -> None:
    session = new_session(side, seed=21 + side)
    app = make_app(tmp_path, lambda ctx: game_screen(ctx, session))
    seen = play_with_mouse(app, session, accept_from=14)
    assert session.is_over
    assert seen[0] == "TableScreen"
    assert seen[-4:] == ["DealScreen", "ProjectionScreen", "DebriefScreen", "TitleScreen"]
    # the autosave is the game: loading it replays to the same final state
    loaded = load_game(_own_file(session))
    assert loaded.week == session.week and loaded.outcome == session.outcome
    np.testing.assert_array_equal(loaded.state.values, session.state.values)


def _tab_to(app: App, widget: Widget, limit: int = 60) -> None:
    top = app.stack.top
    for _ in range(limit):
        if top.focus.current is widget:
            return
        app.handle(key("tab"))
    raise AssertionError(f"Tab never reached {widget!r}")


def test_whole_game_with_the_keyboard_only(tmp_path: Path) -> None:
    session = new_session(0, seed=8)
    app = make_app(tmp_path, lambda ctx: game_screen(ctx, session))
    seen: list[str] = []
    for _ in range(MAX_STEPS):
        top = _settled_top(app, seen)
        name = seen[-1]
        if isinstance(top, TitleScreen):
            break
        if isinstance(top, TableScreen):
            b = top.move_buttons
            if session.week == 2:
                # lower the first issue with the arrow keys, then send the counter-offer
                _tab_to(app, top.controls[0])
                before = top.play.draft[0]
                app.handle(key("left"))
                assert top.play.draft[0] == before - 1
                target = b[Move.OFFER]
            elif session.week >= 12 and b[Move.ACCEPT].enabled:
                target = b[Move.ACCEPT]
            else:
                target = b[Move.HOLD]
            _tab_to(app, target)
            week = session.week
            app.handle(key("return"))
            if target is b[Move.ACCEPT]:
                _settle(app)
                assert isinstance(app.stack.top, Dialog), "Accept asks first"
                app.handle(key("y"))
            assert session.week == week + 1
        else:
            widget = getattr(top, "go", None) or getattr(top, "done", None)
            assert widget is not None, name
            _tab_to(app, widget)
            app.handle(key("return"))
    else:
        raise AssertionError(f"the game did not finish; screens: {seen}")
    assert session.is_over
    assert seen[-3:] == ["ProjectionScreen", "DebriefScreen", "TitleScreen"]
    assert any(d.move == Move.OFFER for r in session.reports for d in r.decisions[:1])


def test_pause_menu_saves_and_quits_to_title(tmp_path: Path, data_dir: Path) -> None:
    session = new_session(1, seed=3)
    app = make_app(tmp_path, lambda ctx: game_screen(ctx, session))
    app.handle(key("h"))
    app.handle(key("escape"))
    assert isinstance(app.stack.top, PauseMenu)
    app.handle(key("s"))
    assert type(app.stack.top).__name__ == "SaveGameScreen"
    app.handle(key("return"))  # accept the proposed name
    assert isinstance(app.stack.top, TableScreen)
    saved = sorted(p.name for p in (data_dir / "saves").glob("*.json"))
    assert "wga-2023-studio-week-1.json" in saved and _own_file(session).name in saved
    assert app.ctx.notices and "Saved" in app.ctx.notices[-1]
    app.handle(key("escape"))
    app.handle(key("t"))
    app.handle(key("y"))
    assert isinstance(app.stack.top, TitleScreen)
    pygame.display.quit()


def test_game_screen_opens_a_finished_game_on_its_debrief(tmp_path: Path) -> None:
    session = new_session(0, seed=4)
    while not session.is_over:
        session.submit(0, Decision(Move.HOLD))
        session.advance()
    app = make_app(tmp_path, lambda ctx: game_screen(ctx, session))
    assert isinstance(app.stack.top, DebriefScreen)
    app.draw()


def test_hot_seat_hands_over_between_the_two_sides(tmp_path: Path) -> None:
    from strikesim.records import Seat
    from strikesim.ui.screens.game.handover import HandoverScreen
    from strikesim.ui.screens.game.private_brief import PrivateBriefScreen

    from .game_helpers import wga

    session = Session(wga(), (Seat("human"), Seat("human")), 6)
    app = make_app(tmp_path, lambda ctx: game_screen(ctx, session))
    seen_sides = []
    handovers = 0
    for turn in range(6):
        if isinstance(app.stack.top, HandoverScreen):
            handovers += 1
            app.handle(key("c"))
        if turn < 2:  # each side's first turn opens on its own brief
            brief = app.stack.top
            assert isinstance(brief, PrivateBriefScreen) and brief.play.side == turn
            app.handle(key("c"))
        table = app.stack.top
        assert isinstance(table, TableScreen)
        seen_sides.append(table.play.side)
        week = session.week
        app.handle(key("h"))
        # the week is played only once both people have decided
        assert session.week == week + (1 if len(seen_sides) % 2 == 0 else 0)
        app.draw()
    # whoever moves second in a week moves first in the next: one hand-over a week
    assert seen_sides == [0, 1, 1, 0, 0, 1]
    assert handovers == 1 + 3, "the first player's, then one a week"
    assert session.week == 3
    _check_autosave(session)


def test_failed_autosave_becomes_a_notice(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An unwritable save folder never crashes a week; the player is told."""
    from strikesim.engine import Move
    from strikesim.play.seat import GamePlay
    from strikesim.records import Seat
    from strikesim.scenario import load_scenario
    from strikesim.session import Session

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(blocker))
    spec = load_scenario("classroom-quick")
    session = Session(spec, (Seat("human"), Seat("ai", spec.default_negotiators[1])), seed=1)
    play = GamePlay(session, 0)
    play.play(Move.HOLD)
    assert play.save_error.startswith("Autosave failed: cannot write")
    assert session.week == 1
