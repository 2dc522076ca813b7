"""Hot seat set up from the new-game flow: two human seats, a briefing that keeps both
confidential briefs private, each brief shown privately at its side's first turn, the
hand-over between turns, saving and loading, and a debrief that turns to either side."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from strikesim.catalogue import background_text, brief_text
from strikesim.engine import Move
from strikesim.play.seat import GamePlay
from strikesim.records import Seat, load_record
from strikesim.saves import list_saves, load_game, save_game, saves_dir
from strikesim.scenario import load_scenario
from strikesim.session import Decision, Session
from strikesim.ui.app import App
from strikesim.ui.context import UIContext
from strikesim.ui.screens.briefing import BriefingScreen
from strikesim.ui.screens.choose_side import ChooseSideScreen
from strikesim.ui.screens.game import game_screen
from strikesim.ui.screens.game.debrief import DebriefScreen
from strikesim.ui.screens.game.handover import HandoverScreen
from strikesim.ui.screens.game.private_brief import PrivateBriefScreen
from strikesim.ui.screens.game.table import TableScreen
from strikesim.ui.transitions import Replace

from .conftest import click, key
from .pregame_helpers import QUICK, data_dir, game_app, press

__all__ = ["data_dir", "game_app"]  # fixtures used by name

HOT_SEAT = (Seat("human"), Seat("human"))


@pytest.fixture(autouse=True)
def _own_data_dir(data_dir: Path) -> Path:
    return data_dir


def _choose_hot_seat(screen: ChooseSideScreen) -> None:
    screen.focus.focus(screen.play_against)
    screen.handle_event(key("right"))


def _stepper_image(screen: ChooseSideScreen) -> bytes:
    surface = pygame.Surface(screen.ctx.size)
    surface.fill((0, 0, 0))
    screen.opponent.draw(surface)
    return pygame.image.tobytes(surface.subsurface(screen.opponent.rect), "RGB")


# --- choosing the hot seat ----------------------------------------------------------------
def test_hot_seat_gives_two_human_seats_and_locks_the_computer_controls(
    ctx: UIContext,
) -> None:
    spec = load_scenario(QUICK)
    screen = ChooseSideScreen(ctx, spec)
    screen.ensure_layout()
    enabled_look = _stepper_image(screen)
    assert screen.seats()[1].kind == "ai"
    _choose_hot_seat(screen)
    assert screen.seats() == HOT_SEAT
    assert not screen.opponent.enabled and not screen.difficulty.enabled
    assert _stepper_image(screen) != enabled_look, "the disabled stepper looks disabled"
    focused = set()
    for _ in range(2 * len(screen.widgets)):
        screen.handle_event(key("tab"))
        focused.add(id(screen.focus.current))
    assert id(screen.opponent) not in focused and id(screen.difficulty) not in focused
    assert id(screen.seed) in focused and id(screen.next) in focused
    index = screen.opponent.index
    for event in click(screen.opponent.arrows()[1].center):
        screen.handle_event(event)
    assert screen.opponent.index == index, "a disabled stepper ignores clicks"

    union, studio = spec.parties
    summary = " ".join(screen.summary_lines())
    assert "two players share this computer" in summary
    assert f"Player 1 leads {union.name}" in summary and f"player 2 leads {studio.name}" in summary
    assert "hides each side's numbers" in summary and "confidential brief" in summary
    screen.pick_side(1)
    assert screen.seats() == HOT_SEAT
    assert f"Player 1 leads {studio.name}" in " ".join(screen.summary_lines())
    assert screen.side_cards[1].info.chips[-1] == "Player 1"

    screen.focus.focus(screen.play_against)
    screen.handle_event(key("left"))
    assert screen.seats()[0].kind == "ai" and screen.opponent.can_focus
    assert "Player 1" not in screen.side_cards[1].info.chips


def test_a_campaign_stays_single_player(ctx: UIContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("strikesim.ui.screens.choose_side.campaign_player_side", lambda _cid: 0)
    screen = ChooseSideScreen(ctx, load_scenario(QUICK), campaign="any-campaign")
    screen.ensure_layout()
    assert not screen.play_against.can_focus
    for event in click(screen.play_against.segment_rects()[1].center):
        screen.handle_event(event)
    assert not screen.hot_seat and screen.seats()[1].kind == "ai"


# --- the shared briefing ------------------------------------------------------------------
def test_hot_seat_briefing_shows_no_confidential_brief(ctx: UIContext, data_dir: Path) -> None:
    spec = load_scenario(QUICK)
    screen = BriefingScreen(ctx, spec, 1, HOT_SEAT, 3)
    shown = screen.background.text + screen.brief.text
    public = background_text(spec)
    for side in (0, 1):
        private = [
            line.strip()
            for line in brief_text(spec, side).splitlines()
            if len(line.strip()) > 20 and line.strip() not in public
        ]
        assert private, "the brief has lines of its own"
        leaked = [line for line in private if line in shown]
        assert not leaked
    assert "CONFIDENTIAL" not in shown and "Reservation" not in shown
    # both sides' public goals: their opening positions, player 1 leading the chosen side
    assert screen.brief.text.index(spec.parties[1].name) < screen.brief.text.index(
        spec.parties[0].name
    )
    for side in (0, 1):
        for issue, level in zip(spec.issues, spec.opening_offers[side], strict=True):
            assert f"**{issue.label}**: {issue.level_labels[level]}" in screen.brief.text
    assert "at their first turn" in screen.brief.text
    screen.ensure_layout()
    screen.draw(pygame.Surface(ctx.size))

    screen.print_brief()
    assert [p.name for p in screen.printed] == [
        "background.html",
        "brief-studio.html",
        "brief-union.html",
        "scoring-sheet.html",
    ]
    assert "CONFIDENTIAL — Northlight" in screen.printed[1].read_text("utf-8")


# --- from the new-game flow to the hand-over ----------------------------------------------
def _top(app: App) -> object:
    return app.stack.top


def test_hot_seat_from_the_new_game_flow_hands_over_after_the_first_turn(
    game_app: App, data_dir: Path
) -> None:
    press(game_app, "n", "return")
    side = _top(game_app)
    assert isinstance(side, ChooseSideScreen)
    press(game_app, "tab", "tab")  # first card → second card → "Play against"
    assert side.focus.current is side.play_against
    press(game_app, "right")
    while side.focus.current is not side.next:
        press(game_app, "tab")
        assert side.focus.current not in (side.opponent, side.difficulty)
    press(game_app, "return")
    briefing = _top(game_app)
    assert isinstance(briefing, BriefingScreen) and briefing.hot_seat
    press(game_app, "return")

    handover = _top(game_app)
    assert isinstance(handover, HandoverScreen) and handover.side == 0
    session = handover.play.session
    assert session.seats == HOT_SEAT and session.week == 0
    assert handover.shows_rule, "the first hand-over explains the week to both players"
    for side_no in (0, 1):
        press(game_app, "c")
        brief = _top(game_app)
        assert isinstance(brief, PrivateBriefScreen) and brief.play.side == side_no
        assert brief.brief.text == brief_text(session.spec, side_no)
        press(game_app, "c")
        table = _top(game_app)
        assert isinstance(table, TableScreen) and table.play.side == side_no
        press(game_app, "h")
    # the studio moved second in week 0, so it moves first in week 1: no hand-over
    table = _top(game_app)
    assert session.week == 1
    assert isinstance(table, TableScreen) and table.play.side == 1
    press(game_app, "h")
    handover = _top(game_app)
    assert isinstance(handover, HandoverScreen) and handover.side == 0
    assert not handover.shows_rule
    press(game_app, "c")
    assert isinstance(_top(game_app), TableScreen), "each brief is shown once a sitting"
    slot = handover.play.slot
    assert slot.startswith(f"{session.spec.id}-hotseat-")
    assert load_record(saves_dir() / f"{slot}.json").seats == HOT_SEAT


# --- saving, loading, the end -------------------------------------------------------------
def _hot_seat_session(weeks: int) -> Session:
    session = Session(load_scenario(QUICK), HOT_SEAT, 4)
    for _ in range(weeks):
        if session.is_over:
            break
        for side in session.waiting_for():
            session.submit(side, Decision(Move.HOLD))
        session.advance()
    return session


def test_a_saved_hot_seat_game_loads_and_resumes_as_hot_seat(ctx: UIContext) -> None:
    session = _hot_seat_session(2)
    session.submit(0, Decision(Move.HOLD))  # the union has decided, the studio not yet
    path = save_game(session, "class 3b")
    (info,) = list_saves()
    assert info.side == "union+studio"
    loaded = load_game(path)
    assert loaded.seats == HOT_SEAT and loaded.week == 2
    assert loaded.waiting_for() == [0, 1], "an undecided week starts again"
    screen = game_screen(ctx, loaded, autosave=False)
    assert isinstance(screen, HandoverScreen) and screen.side == 0
    assert screen.play.hot_seat


def test_hot_seat_debrief_turns_to_either_side(ctx: UIContext) -> None:
    session = _hot_seat_session(200)
    assert session.is_over
    screen = game_screen(ctx, session, autosave=False)
    assert isinstance(screen, DebriefScreen) and screen.turn.visible
    assert screen.play.side == 0
    result = screen.show_other()
    assert isinstance(result, Replace) and isinstance(result.screen, DebriefScreen)
    other = result.screen
    assert other.play.side == 1
    assert {r.label for r in other.results} == {
        o.label for o in session.spec.objectives if o.side == 1
    }
    single = DebriefScreen(ctx, GamePlay(_single_player_ended(), autosave=False))
    assert not single.turn.visible


def _single_player_ended() -> Session:
    spec = load_scenario(QUICK)
    session = Session(spec, (Seat("human"), Seat("ai", spec.default_negotiators[1])), 4)
    while not session.is_over:
        session.submit(0, Decision(Move.HOLD))
        session.advance()
    return session
