"""Pre-game screens: keyboard path into a game, cards, side choice, briefing, load and save."""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from strikesim import catalogue
from strikesim.ai import negotiator_names
from strikesim.markdown_lite import Span, parse, parse_inline
from strikesim.records import Seat
from strikesim.saves import save_game
from strikesim.scenario import list_scenarios, load_scenario
from strikesim.ui.app import App, create_app
from strikesim.ui.context import UIContext
from strikesim.ui.screen import Screen
from strikesim.ui.screens.briefing import BriefingScreen
from strikesim.ui.screens.choose_scenario import ChooseScenarioScreen
from strikesim.ui.screens.choose_side import ChooseSideScreen
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.load_game import LoadGameScreen
from strikesim.ui.screens.save_game import SaveGameScreen
from strikesim.ui.transitions import Push, Reset

from .conftest import click, key
from .pregame_helpers import QUICK, data_dir, game_app, press, quick_session
from .random_input import (
    NAVIGATION_KEYS,
    EventMix,
    button,
    key_press,
    motion,
    resize,
    text_input,
    wheel,
)

__all__ = ["data_dir", "game_app"]  # fixtures used by name

SHORT, LONG = 2_000, 20_000
LENGTHS = [pytest.param(SHORT, id="short"), pytest.param(LONG, id="long", marks=pytest.mark.slow)]
"""Events per screen: the short run is in every test run; ``pytest -m slow`` adds the long
one (the same seeded stream, ten times further)."""
"""Seeded random events each pre-game screen must survive."""


@pytest.fixture(autouse=True)
def _own_data_dir(data_dir: Path) -> Path:
    return data_dir


# --- the keyboard path ------------------------------------------------------------------
def test_keyboard_path_from_title_to_the_table(game_app: App) -> None:
    press(game_app, "n")
    scenarios = game_app.stack.top
    assert isinstance(scenarios, ChooseScenarioScreen)
    # a first game: the classroom scenario is offered first, and the guide waits at the table
    first = next(e for e in scenarios.entries if e.id == "classroom-quick")
    press(game_app, "return")
    side = game_app.stack.top
    assert isinstance(side, ChooseSideScreen)
    assert side.spec.id == first.id
    press(game_app, "shift+tab")  # wraps from the first side card to "Read the briefing"
    assert side.focus.current is side.next
    press(game_app, "return")
    briefing = game_app.stack.top
    assert isinstance(briefing, BriefingScreen)
    assert briefing.focus.current is briefing.start
    press(game_app, "return")
    guide = game_app.stack.top
    assert type(guide).__name__ == "GuideScreen"
    assert not game_app.ctx.settings.guide_seen
    press(game_app, "escape")  # skip it
    assert game_app.ctx.settings.guide_seen, "skipped once, not offered again"
    table = game_app.stack.top
    session = table.play.session  # type: ignore[attr-defined]
    assert len(game_app.stack) == 1, "the game replaces the pre-game screens"
    assert session.spec.id == first.id
    assert session.seats[0] == Seat("human")
    assert session.seats[1] == Seat("ai", session.spec.default_negotiators[1], "normal")


def test_escape_walks_back_to_the_title(game_app: App) -> None:
    press(game_app, "n", "return", "escape")
    assert isinstance(game_app.stack.top, ChooseScenarioScreen)
    press(game_app, "escape")
    assert type(game_app.stack.top).__name__ == "TitleScreen"


# --- scenario cards -----------------------------------------------------------------------
def test_every_shipped_scenario_has_a_card(ctx: UIContext) -> None:
    screen = ChooseScenarioScreen(ctx)
    ids = {e.id for e in screen.entries}
    assert set(list_scenarios()) <= ids
    by_id = {e.id: c for e, c in zip(screen.entries, screen.cards, strict=True)}
    wga = by_id["wga-2023"].info
    assert wga.title == load_scenario("wga-2023").title
    assert any("weeks" in chip.lower() for chip in wga.chips)
    assert [s[1] for s in wga.sides] == ["union", "studio"]


def test_broken_scenario_is_listed_with_its_error_and_cannot_be_chosen(
    ctx: UIContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mods = tmp_path / "mods"
    (mods / "no-such-scenario").mkdir(parents=True)
    (mods / "no-such-scenario" / "scenario.yaml").write_text("format_version: 1\nextends: nope\n")
    monkeypatch.setenv("STRIKESIM_MODS", str(mods))
    catalogue.scenario_entry.cache_clear()
    try:
        screen = ChooseScenarioScreen(ctx)
    finally:
        catalogue.scenario_entry.cache_clear()
    broken = [c for e, c in zip(screen.entries, screen.cards, strict=True) if not e.playable]
    assert len(broken) == 1
    assert not broken[0].can_focus
    assert "unknown base scenario 'nope'" in broken[0].info.warnings[0]
    assert broken[0].handle_action("activate") is False


def test_up_and_down_move_through_the_grid_by_rows(ctx: UIContext) -> None:
    screen = ChooseScenarioScreen(ctx)
    screen.ensure_layout()
    assert screen.columns >= 2 and len(screen.cards) > screen.columns
    screen.focus.focus(screen.cards[0])
    screen.handle_event(key("down"))
    assert screen.focus.current is screen.cards[screen.columns]
    screen.handle_event(key("up"))
    assert screen.focus.current is screen.cards[0]


def test_campaign_card_starts_its_first_scenario(
    ctx: UIContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain = (QUICK, "wga-2023")
    entry = catalogue.CampaignEntry("decade", "The decade", chain, catalogue.scenario_entry(QUICK))
    monkeypatch.setattr("strikesim.ui.screens.choose_scenario.campaign_entries", lambda: [entry])
    screen = ChooseScenarioScreen(ctx)
    card = screen.cards[screen.entries.index(entry)]
    assert "Campaign" in card.info.eyebrow
    result = card.handle_action("activate")
    assert isinstance(result, Push) and isinstance(result.screen, ChooseSideScreen)
    assert result.screen.spec.id == QUICK and result.screen.campaign == "decade"


# --- side, opponent, difficulty, seed ---------------------------------------------------
def test_side_choice_sets_the_seats_and_the_opponents(ctx: UIContext) -> None:
    spec = load_scenario(QUICK)
    screen = ChooseSideScreen(ctx, spec)
    assert [o.name for o in screen.opponents] == negotiator_names(spec, 1)
    screen.focus.focus(screen.side_cards[1])
    screen.handle_event(key("return"))
    assert screen.side == 1 and screen.side_cards[1].selected
    assert [o.name for o in screen.opponents] == negotiator_names(spec, 0)
    assert screen.chosen_opponent.name == spec.default_negotiators[0]
    screen.focus.focus(screen.opponent)
    screen.handle_event(key("right"))
    screen.focus.focus(screen.difficulty)
    screen.handle_event(key("right"))
    union, studio = screen.seats()
    assert studio == Seat("human")
    assert union == Seat("ai", negotiator_names(spec, 0)[1], "hard")


def test_seed_field_takes_digits_only(ctx: UIContext) -> None:
    screen = ChooseSideScreen(ctx, load_scenario(QUICK), seed=7)
    screen.focus.focus(screen.seed)
    screen.handle_event(pygame.event.Event(pygame.TEXTINPUT, text="4x2 "))
    assert screen.seed.text == "742"
    screen.handle_event(key("backspace"))
    assert screen.seed_value == 74
    screen.handle_event(key("backspace", pygame.KMOD_CTRL))
    assert screen.seed_value == 0
    screen.handle_event(key("left"))
    assert screen.focus.current is screen.seed, "arrows stay in the field"
    result = screen.proceed()
    assert isinstance(result, Push) and isinstance(result.screen, BriefingScreen)
    assert result.screen.seed == 0


# --- briefing -----------------------------------------------------------------------------
def test_markdown_lite_blocks_and_inline_styles() -> None:
    text = (
        "# Title\n\nA **bold** and *quiet* line\ncontinues here.\n\n- one\n- two **2**\n"
        "1. first\n\n| A | B |\n|---|---|\n| x | **y** |\n\n> quoted\n\n---\n"
    )
    kinds = [b.kind for b in parse(text)]
    assert kinds == ["heading", "para", "bullet", "bullet", "number", "table", "quote", "rule"]
    para = parse(text)[1]
    assert Span("bold", bold=True) in para.spans
    assert Span("quiet", italic=True) in para.spans
    assert "".join(s.text for s in para.spans) == "A bold and quiet line continues here."
    table = parse(text)[5]
    assert table.rows[0][0] == [Span("A", bold=True)]
    assert table.rows[1][1] == [Span("y", bold=True)]
    assert parse_inline("[the guild](https://wga.org) said `no`") == [
        Span("the guild"),
        Span(" said "),
        Span("no"),
    ]


def test_briefing_shows_background_and_the_sides_own_brief(ctx: UIContext) -> None:
    spec = load_scenario(QUICK)
    screen = BriefingScreen(ctx, spec, 1, (Seat("ai", "guild_firm"), Seat("human")), 5)
    assert "public background" in screen.background.text
    assert "CONFIDENTIAL" in screen.brief.text and "Northlight" in screen.brief.text
    screen.ensure_layout()
    surface = pygame.Surface(ctx.size)
    screen.draw(surface)
    assert screen.brief.overflow > 0, "a long brief scrolls"
    screen.focus.focus(screen.brief)
    screen.handle_event(key("page down"))
    assert screen.brief.scroll > 0, "PageDown scrolls down"
    screen.handle_event(key("page up"))
    assert screen.brief.scroll == 0, "PageUp scrolls back up"
    screen.handle_event(key("down"))
    assert screen.brief.scroll > 0 and screen.focus.current is screen.brief, "Down scrolls"
    screen.handle_event(key("end"))
    assert screen.brief.scroll == screen.brief.overflow
    screen.handle_event(key("home"))
    assert screen.brief.scroll == 0


def test_scenario_without_brief_files_gets_them_built_from_its_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = load_scenario("wga-2023")
    monkeypatch.setattr(catalogue, "scenario_folder", lambda _spec: None)
    brief = catalogue.brief_text(spec, 1)
    assert spec.parties[1].name in brief
    heaviest = max(spec.issues, key=lambda i: i.weight[1])
    assert brief.index(heaviest.label) < min(
        brief.index(i.label) for i in spec.issues if i is not heaviest
    ), "priorities are listed heaviest first"
    background = catalogue.background_text(spec)
    assert spec.summary.strip()[:40] in background
    assert parse(background)[0].kind == "heading"


def test_print_brief_writes_printable_pages_of_the_shown_texts_to_the_data_folder(
    ctx: UIContext, data_dir: Path
) -> None:
    spec = load_scenario(QUICK)
    screen = BriefingScreen(ctx, spec, 0, (Seat("human"), Seat("ai", "studio_firm")))
    result = screen.print_brief()
    assert isinstance(result, Push) and isinstance(result.screen, Dialog)
    background, brief = screen.printed
    assert background.parent == data_dir / "print" / QUICK
    assert (background.name, brief.name) == ("background.html", "brief-union.html")
    text = brief.read_text(encoding="utf-8")
    assert "CONFIDENTIAL — Screenwriters United" in text  # the brief the screen shows
    assert "brief-studio" not in " ".join(p.name for p in background.parent.iterdir())
    assert str(background.parent) in result.screen.text


# --- random input -------------------------------------------------------------------------
KEYS = [
    *NAVIGATION_KEYS,
    "backspace",
    "delete",
    "a",
    "s",
    "n",
    "y",
    "1",
    "f11",
    "=",
    "-",
]
MODS = [0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL]


random_event = EventMix(
    10,
    [
        (0.3, motion()),
        (0.45, button(pygame.MOUSEBUTTONDOWN)),
        (0.6, button(pygame.MOUSEBUTTONUP)),
        (0.66, wheel),
        (0.74, text_input(["a", "7", " ", "é", "-", "\x00", "long name " * 6])),
        (0.99, key_press(KEYS, MODS)),
        (1.0, resize((2600, 1500))),
    ],
)


def _screens() -> dict[str, Callable[[UIContext], Screen]]:
    spec = load_scenario(QUICK)
    seats = (Seat("human"), Seat("ai", "studio_firm", "easy"))
    return {
        "scenario": ChooseScenarioScreen,
        "side": lambda c: ChooseSideScreen(c, spec),
        "briefing": lambda c: BriefingScreen(c, spec, 0, seats, 1),
        "briefing_hot_seat": lambda c: BriefingScreen(c, spec, 1, (Seat("human"),) * 2, 1),
        "load": LoadGameScreen,
        "save": lambda c: SaveGameScreen(c, quick_session()),
    }


@pytest.mark.parametrize("events", LENGTHS)
@pytest.mark.parametrize("name", list(_screens()))
def test_screen_survives_random_events(
    name: str, events: int, tmp_path: Path, data_dir: Path
) -> None:
    save_game(quick_session(), "a save")
    (data_dir / "saves" / "bad.json").write_text("not json", "utf-8")
    factory = _screens()[name]
    app = create_app(factory, size=(1280, 720), settings_file=tmp_path / "s.json")
    kind = type(app.stack.top)
    rng = random.Random(zlib.crc32(name.encode()))
    try:
        for i in range(events):
            app.handle(random_event(rng, app.ctx.size))
            # leaving the screen (into a game, back, quit) starts it again
            if app.stack.quit_requested or not any(isinstance(s, kind) for s in app.stack.screens):
                app.stack.quit_requested = False
                app.apply(Reset(factory(app.ctx)))
            if app.ctx.settings.fullscreen:
                app.change_settings(app.ctx.settings.with_changes(fullscreen=False))
            if i % 50 == 0:
                app.update(rng.choice([0.0, 16.0, 600.0]))
                app.draw()
        app.update(1000.0)
        app.draw()
    finally:
        pygame.display.quit()


def test_cards_scrolled_out_of_the_grid_take_no_clicks(game_app: App) -> None:
    from strikesim.ui.transitions import ChangeSettings

    # not a first game, so the grid opens at its top (a first game focuses the last card)
    game_app.apply(ChangeSettings(game_app.ctx.settings.with_changes(guide_seen=True)))
    game_app.handle(key("n"))
    screen = game_app.stack.top
    assert isinstance(screen, ChooseScenarioScreen)
    hidden = [c for c in screen.cards if c.rect.bottom > screen.grid.bottom]
    if not hidden:
        game_app.resize((960, 540))
        hidden = [c for c in screen.cards if c.rect.bottom > screen.grid.bottom]
    assert hidden, "the grid needs more rows than fit"
    card = hidden[0]
    below = (card.rect.centerx, min(card.rect.bottom - 2, game_app.ctx.size[1] - 2))
    assert not screen.grid.collidepoint(below)
    for event in click(below):
        game_app.handle(event)
    assert game_app.stack.top is screen
    top_before = card.rect.y
    game_app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-5))
    assert screen.scroll > 0 and card.rect.y == top_before - screen.scroll


# --- campaigns ------------------------------------------------------------------------------
def test_shipped_campaigns_get_cards_that_start_the_campaign(ctx: UIContext) -> None:
    from strikesim.campaign import list_campaigns

    shipped = list_campaigns()
    if not shipped:
        pytest.skip("no campaign ships with this build")
    flow = pytest.importorskip("strikesim.ui.screens.campaign_flow")
    screen = ChooseScenarioScreen(ctx)
    cid, title, chain = shipped[0]
    index = next(i for i, e in enumerate(screen.entries) if e.id == cid)
    card = screen.cards[index]
    assert card.info.title == title and "Campaign" in card.info.eyebrow
    result = card.handle_action("activate")
    assert isinstance(result, Push) and isinstance(result.screen, ChooseSideScreen)
    side = result.screen
    assert side.spec.id == chain[0] and side.next.label == "Begin the campaign"
    started = side.proceed()
    assert isinstance(started, Reset)
    run = started.screen.run  # type: ignore[attr-defined]
    assert run.campaign.id == cid and run.seats[0] == Seat("human")
    assert (flow.campaign_save_path(cid)).is_file()


def test_a_campaign_that_fixes_the_players_side_locks_the_other_card(
    ctx: UIContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("strikesim.ui.screens.choose_side.campaign_player_side", lambda _cid: 1)
    screen = ChooseSideScreen(ctx, load_scenario(QUICK), campaign="any-campaign")
    assert screen.side == 1 and screen.seats()[1] == Seat("human")
    assert not screen.side_cards[0].can_focus
    assert screen.side_cards[0].handle_action("activate") is False
