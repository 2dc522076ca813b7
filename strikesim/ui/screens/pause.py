"""Pause menu: a modal that closes with a :class:`PauseChoice` for the game screen to act on.

Settings open from here directly (the game stays paused beneath). "Quit to title" and
"Quit game" ask for confirmation first (unless Settings turned the questions off), since
unsaved progress since the last autosave is lost.
"""

from __future__ import annotations

from enum import Enum

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.screens.dialog import confirm
from strikesim.ui.screens.menu import MenuScreen
from strikesim.ui.screens.modal import ModalScreen
from strikesim.ui.screens.settings_screen import SettingsScreen
from strikesim.ui.transitions import Pop, Push, Transition


class PauseChoice(Enum):
    RESUME = "resume"
    SAVE = "save_game"
    LOAD = "load_game"
    QUIT_TO_TITLE = "quit_to_title"
    QUIT = "quit"


_ENTRIES = (
    ("resume", "Resume"),
    ("save_game", "Save game"),
    ("load_game", "Load game"),
    ("settings", "Settings"),
    ("quit_to_title", "Quit to title"),
    ("quit", "Quit game"),
)


class PauseMenu(MenuScreen, ModalScreen):
    """``Push(PauseMenu(ctx), on_result=handler)``; ``handler`` gets a PauseChoice."""

    key_context = "pause"
    title = "Paused"

    def __init__(
        self, ctx: UIContext, *, can_save: bool = True, can_load: bool = True, subtitle: str = ""
    ) -> None:
        super().__init__(ctx)
        self.subtitle = subtitle
        self.make_menu(_ENTRIES, {"save_game": can_save, "load_game": can_load})

    def choose(self, key: str) -> Transition | None:
        if key == "settings":
            return Push(SettingsScreen(self.ctx))
        if key in ("quit_to_title", "quit") and self.ctx.settings.confirm_moves:
            choice = PauseChoice(key)
            text = (
                "Progress since the last save will be lost."
                if key == "quit"
                else "Progress since the last save will be lost; "
                "you can continue from the last save."
            )
            heading = "Quit the game?" if key == "quit" else "Quit to the title screen?"
            return Push(
                confirm(self.ctx, heading, text, yes="Quit", danger=True),
                on_result=lambda yes: Pop(choice) if yes else None,
            )
        return Pop(PauseChoice(key))

    def on_back(self) -> Transition | None:
        return Pop(PauseChoice.RESUME)

    def layout(self) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        bh = next(iter(self.buttons.values())).preferred_height()
        gap = ctx.space("xs")
        head = ctx.font("h1").get_linesize() + ctx.space("md")
        if self.subtitle:
            head += ctx.font("small").get_linesize() + ctx.space("sm")
        height = pad + head + len(self.buttons) * (bh + gap) + ctx.space("sm") + pad
        self.panel_size = (400, round(height / ctx.scale) + 1)
        super().layout()
        y = self.panel.y + pad + head
        for key, b in self.buttons.items():
            b.rect = pygame.Rect(self.panel.x + pad, y, self.panel.width - 2 * pad, bh)
            y += bh + gap + (ctx.space("sm") if key == "resume" else 0)

    def draw_content(self, surface: pygame.Surface) -> None:
        y = self.heading(surface, "Paused")
        if self.subtitle:
            img = self.ctx.text("small", self.subtitle, "text_muted")
            surface.blit(img, (self.panel.x + self.ctx.space("xl"), y - self.ctx.space("xs")))
