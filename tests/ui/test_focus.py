"""Keyboard-only play through the foundation screens, with a visible focus ring."""

from __future__ import annotations

import pygame

from strikesim.ui.app import App
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.pause import PauseChoice, PauseMenu
from strikesim.ui.screens.settings_screen import SettingsScreen
from strikesim.ui.screens.title import TitleScreen
from strikesim.ui.transitions import Push
from strikesim.ui.widgets.button import Button

from .conftest import click, key


def focused_label(app: App) -> str:
    w = app.stack.top.focus.current
    assert isinstance(w, Button)
    return w.label


def test_tab_skips_disabled_entries_and_wraps(app: App) -> None:
    # no game routes registered: New game / Continue / Load are disabled
    assert isinstance(app.stack.top, TitleScreen)
    seen = [focused_label(app)]  # the first enabled entry starts focused
    for _ in range(3):
        app.handle(key("tab"))
        seen.append(focused_label(app))
    assert seen == ["Classroom", "Settings", "Quit", "Classroom"]
    app.handle(key("tab", pygame.KMOD_SHIFT))
    assert focused_label(app) == "Quit"


def test_routes_enable_menu_entries(app: App) -> None:
    ctx = app.ctx
    ctx.routes = {"new_game": lambda c: PauseMenu(c)}
    title = TitleScreen(ctx)
    app.apply(Push(title))
    assert focused_label(app) == "New game"
    app.handle(key("return"))
    assert isinstance(app.stack.top, PauseMenu)


def test_focus_ring_is_drawn(app: App) -> None:
    app.handle(key("tab"))
    app.step([], 1000.0)
    button = app.stack.top.focus.current
    assert button is not None
    ring_colour = pygame.Color(app.ctx.colour("focus"))
    r = button.rect
    gap = max(2, app.ctx.px(app.ctx.theme.line["focus"] * 0.75))
    # a pixel on the ring just left of the button's vertical middle
    found = any(
        app.window.get_at((r.x - d, r.centery)) == ring_colour for d in range(1, 3 * gap + 3)
    )
    assert found


def test_keyboard_only_settings_change(app: App) -> None:
    app.handle(key("s"))  # title hotkey: Settings
    screen = app.stack.top
    assert isinstance(screen, SettingsScreen)
    for _ in range(3):  # window size -> full screen -> scale -> colours
        app.handle(key("tab"))
    assert screen.focus.current is screen.palette
    app.handle(key("right"))
    app.step([], 16.0)
    assert app.ctx.settings.colourblind_palette is True
    assert app.ctx.palette.name == "colorblind"
    app.handle(key("escape"))
    assert isinstance(app.stack.top, TitleScreen)


def test_quit_asks_first_and_escape_cancels(app: App) -> None:
    app.handle(key("q"))
    assert isinstance(app.stack.top, Dialog)
    app.handle(key("escape"))
    assert isinstance(app.stack.top, TitleScreen) and not app.stack.quit_requested
    app.handle(key("q"))
    app.handle(key("y"))
    assert app.stack.quit_requested


def test_pause_menu_returns_typed_choice(app: App) -> None:
    got: list[object] = []
    app.apply(Push(PauseMenu(app.ctx), on_result=got.append))
    app.handle(key("s"))
    assert got == [PauseChoice.SAVE]
    app.apply(Push(PauseMenu(app.ctx), on_result=got.append))
    app.handle(key("t"))  # quit to title asks for confirmation
    assert isinstance(app.stack.top, Dialog)
    app.handle(key("y"))
    app.apply(Push(PauseMenu(app.ctx), on_result=got.append))
    app.handle(key("escape"))
    assert got[1:] == [PauseChoice.QUIT_TO_TITLE, PauseChoice.RESUME]


def test_mouse_click_on_button(app: App) -> None:
    settings = app.stack.top.buttons["settings"]  # type: ignore[attr-defined]
    app.step([], 16.0)
    for e in click(settings.rect.center):
        app.handle(e)
    assert isinstance(app.stack.top, SettingsScreen)


def test_global_keys_scale_and_fullscreen(app: App) -> None:
    app.handle(key("=", pygame.KMOD_CTRL))
    assert app.ctx.settings.ui_scale > 1.0
    app.handle(key("0", pygame.KMOD_CTRL))
    assert app.ctx.settings.ui_scale == 1.0
    app.handle(key("f11"))
    assert app.ctx.settings.fullscreen
    app.handle(key("f11"))
    assert not app.ctx.settings.fullscreen
