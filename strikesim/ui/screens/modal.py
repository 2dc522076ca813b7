"""Base for modal screens: a dimmed view of the screen beneath with a centred panel on top."""

from __future__ import annotations

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import panel
from strikesim.ui.screen import Screen
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button


class ModalScreen(Screen):
    """Subclasses set ``panel_size`` (design px) and place widgets inside ``self.panel``."""

    modal = True
    panel_size = (520, 300)

    def __init__(self, ctx: UIContext) -> None:
        super().__init__(ctx)
        self.panel = pygame.Rect(0, 0, 0, 0)

    def layout(self) -> None:
        w, h = self.ctx.size
        margin = self.ctx.space("xl")
        pw = min(w - 2 * margin, self.ctx.px(self.panel_size[0]))
        ph = min(h - 2 * margin, self.ctx.px(self.panel_size[1]))
        self.panel = pygame.Rect(0, 0, pw, ph)
        self.panel.center = (w // 2, h // 2)

    def on_back(self) -> Transition | None:
        return Pop(None)

    def draw_background(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        scrim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        scrim.fill(ctx.colour("scrim"))
        surface.blit(scrim, (0, 0))
        shadow = self.panel.move(0, ctx.px(6))
        panel(surface, shadow, (0, 0, 0, 90), None, ctx.radius("lg"))
        panel(
            surface,
            self.panel,
            ctx.colour("surface"),
            ctx.colour("border_strong"),
            ctx.radius("lg"),
            1,
        )
        top = pygame.Rect(self.panel.x, self.panel.y, self.panel.width, ctx.px(4))
        panel(surface, top.inflate(-2 * ctx.radius("lg"), 0), ctx.colour("gold"), None, ctx.px(2))

    def place_buttons(self, ok: Button, cancel: Button) -> None:
        """Put ``ok`` in the panel's bottom-right corner and ``cancel`` to its left,
        each at least 120 design px wide."""
        ctx = self.ctx
        pad = ctx.space("xl")
        bh = ok.preferred_height()
        by = self.panel.bottom - pad - bh
        ow = max(ok.preferred_width(), ctx.px(120))
        ok.rect = pygame.Rect(self.panel.right - pad - ow, by, ow, bh)
        cw = max(cancel.preferred_width(), ctx.px(120))
        cancel.rect = pygame.Rect(ok.rect.x - ctx.space("md") - cw, by, cw, bh)

    def heading(self, surface: pygame.Surface, text: str, y: int | None = None) -> int:
        """Draw the panel heading; returns the y below it."""
        ctx = self.ctx
        pad = ctx.space("xl")
        y = self.panel.y + pad if y is None else y
        img = ctx.text("h1", text, "text")
        surface.blit(img, (self.panel.x + pad, y))
        return y + img.get_height() + ctx.space("md")
