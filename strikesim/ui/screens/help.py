"""The help page (F1 on any screen): the glossary, the terms of the screen beneath first."""

from __future__ import annotations

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.glossary import help_text
from strikesim.ui.screens.markdown_view import MarkdownView
from strikesim.ui.screens.modal import ModalScreen
from strikesim.ui.transitions import Pop
from strikesim.ui.widgets.button import Button


class HelpScreen(ModalScreen):
    title = "Help"
    help_topic = "general"
    panel_size = (900, 640)

    def __init__(self, ctx: UIContext, topic: str, screen_title: str = "") -> None:
        super().__init__(ctx)
        self.topic = topic
        self.heading_text = f"Help · {screen_title}" if screen_title else "Help"
        self.page = MarkdownView(ctx, help_text(topic))
        self.close = Button(ctx, "Close", lambda: Pop(None), variant="primary", hotkey="Esc")
        self.set_widgets([self.page, self.close], focus_first=True)

    def layout(self) -> None:
        super().layout()
        ctx = self.ctx
        pad = ctx.space("xl")
        bh = self.close.preferred_height()
        bw = max(self.close.preferred_width(), ctx.px(120))
        self.close.rect = pygame.Rect(
            self.panel.right - pad - bw, self.panel.bottom - pad - bh, bw, bh
        )
        top = self.panel.y + pad + ctx.font("h1").get_linesize() + ctx.space("md")
        self.page.rect = pygame.Rect(
            self.panel.x + pad,
            top,
            self.panel.width - 2 * pad,
            self.close.rect.y - ctx.space("md") - top,
        )

    def draw_content(self, surface: pygame.Surface) -> None:
        self.heading(surface, self.heading_text)
