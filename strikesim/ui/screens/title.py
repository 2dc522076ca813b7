"""Title screen: the marquee art and the main menu (New game, Continue, Load, Classroom,
Settings, Quit).

Menu entries that lead into a game go through ``ctx.route(name)`` so this screen does not
know the game screens; an entry whose route is not registered is shown disabled.
"""

from __future__ import annotations

import pygame

from strikesim import __version__
from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, panel, with_alpha
from strikesim.ui.screens.dialog import confirm
from strikesim.ui.screens.menu import MenuScreen
from strikesim.ui.screens.settings_screen import SettingsScreen
from strikesim.ui.screens.title_art import marquee, searchlights, skyline
from strikesim.ui.transitions import Push, Quit, Transition

BULB_STEP_MS = 420
MENU = (
    ("new_game", "New game"),
    ("continue_game", "Continue"),
    ("load_game", "Load game"),
    ("classroom", "Classroom"),
    ("settings", "Settings"),
    ("quit", "Quit"),
)


class TitleScreen(MenuScreen):
    key_context = "title"
    title = "Title"

    def __init__(self, ctx: UIContext) -> None:
        super().__init__(ctx)
        self.phase = 0
        self._backdrop: tuple[tuple[object, ...], pygame.Surface] | None = None
        self._clock = 0.0
        enabled = {a: a in ("classroom", "settings", "quit") or ctx.has_route(a) for a, _ in MENU}
        self.make_menu(MENU, enabled, role="h3")

    def choose(self, action: str) -> Transition | None:
        if action == "settings":
            return Push(SettingsScreen(self.ctx))
        if action == "classroom":
            from strikesim.ui.screens.classroom import ClassroomScreen

            return Push(ClassroomScreen(self.ctx))
        if action == "quit":
            return Push(
                confirm(
                    self.ctx,
                    "Leave StrikeSim?",
                    "The picket line will still be here tomorrow.",
                    yes="Quit",
                    danger=True,
                ),
                on_result=lambda yes: Quit() if yes else None,
            )
        return self.ctx.route(action) if self.buttons[action].enabled else None

    def on_back(self) -> Transition | None:
        return self.choose("quit")

    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        mw = min(w - 2 * ctx.space("xl"), ctx.px(720))
        mh = ctx.px(210)
        top = max(ctx.space("xl"), int(h * 0.08))
        self.marquee_rect = pygame.Rect((w - mw) // 2, top, mw, mh)
        bw = min(w - 2 * ctx.space("xl"), ctx.px(340))
        bh = max(b.preferred_height() for b in self.buttons.values())
        gap = ctx.space("xs")
        y = self.marquee_rect.bottom + ctx.space("xxl")
        for b in self.buttons.values():
            b.rect = pygame.Rect((w - bw) // 2, y, bw, bh)
            y += bh + gap
            if b.variant == "primary":
                y += ctx.space("sm")

    def update(self, dt_ms: float) -> Transition | None:
        super().update(dt_ms)
        if not self.ctx.reduced_motion:
            self._clock += dt_ms
            if self._clock >= BULB_STEP_MS:
                self._clock %= BULB_STEP_MS
                self.phase = (self.phase + 1) % 3
                self.dirty = True
        return None

    def draw_background(self, surface: pygame.Surface) -> None:
        """Gradient, searchlights and skyline never change between frames: cache them."""
        key = (self.ctx.size, self.ctx.scale, self.ctx.palette.name)
        if self._backdrop is None or self._backdrop[0] != key:
            layer = pygame.Surface(self.ctx.size)
            super().draw_background(layer)
            searchlights(layer, self.ctx)
            skyline(layer, self.ctx, max(self.ctx.px(60), self.ctx.size[1] // 7))
            self._backdrop = (key, layer)
        surface.blit(self._backdrop[1], (0, 0))

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        marquee(surface, self.marquee_rect, ctx, self.phase if not ctx.reduced_motion else 0)
        foot = ctx.text(
            "small", f"v{__version__}   ·   F11 full screen   ·   Ctrl +/− text size", "text_faint"
        )
        box = foot.get_rect().inflate(ctx.space("md"), ctx.space("xs"))
        box.bottomright = (ctx.size[0] - ctx.space("md"), ctx.size[1] - ctx.space("sm"))
        panel(surface, box, with_alpha(ctx.colour("bg_top"), 220), None, ctx.radius("sm"))
        blit_aligned(surface, foot, box)
