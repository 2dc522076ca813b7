"""Hot seat: a player's confidential brief, shown privately at their first turn.

In a hot seat the briefing before the game shows only what both players may see, so each
player's own brief comes here instead: after the hand-over screen (the other player has
looked away), before that side's first table of the sitting. "Print my brief" writes it to
a file as the briefing does; "Show my table" goes on to the negotiation table.
"""

from __future__ import annotations

import pygame

from strikesim.catalogue import brief_text
from strikesim.narrate import week_date
from strikesim.play.seat import GamePlay
from strikesim.records import RecordError
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize
from strikesim.ui.screen import Screen
from strikesim.ui.screens.briefing import column_inside, confidential_label, draw_column
from strikesim.ui.screens.dialog import message
from strikesim.ui.screens.footer import page_rows
from strikesim.ui.screens.markdown_view import MarkdownView
from strikesim.ui.transitions import Push, Replace, Transition
from strikesim.ui.widgets.button import Button

MAX_WIDTH = 880
"""Design pixels: the brief keeps a readable line length in wide windows."""


class PrivateBriefScreen(Screen):
    """The brief of the side now holding the controls (``play.side``); then its table."""

    key_context = "game"
    title = "Confidential brief"

    def __init__(self, ctx: UIContext, play: GamePlay) -> None:
        super().__init__(ctx)
        self.play = play
        play.briefed.add(play.side)
        self.brief = MarkdownView(ctx, brief_text(play.spec, play.side))
        self.print = Button(ctx, "Print my brief", self.print_brief)
        key = ctx.keymap.label("game", "continue")
        self.go = Button(ctx, "Show my table", self.proceed, variant="primary", hotkey=key)
        self.set_widgets([self.brief, self.print, self.go])
        self.focus.focus(self.go)

    def proceed(self) -> Transition:
        from strikesim.ui.screens.game.table import TableScreen

        return Replace(TableScreen(self.ctx, self.play))

    def print_brief(self) -> Transition:
        from strikesim.ui.screens.briefing import print_briefs, print_folder

        folder = print_folder(self.ctx, self.play.spec)
        try:
            pages = print_briefs(self.play.spec, (self.play.side,), folder)
        except RecordError as exc:
            return Push(message(self.ctx, "The brief could not be saved", str(exc)))
        return Push(
            message(
                self.ctx,
                "Brief ready to print",
                f"Your brief is {pages[-1]}; open it in a web browser to read or print it.",
            )
        )

    def on_action(self, action: str) -> Transition | None:
        return self.proceed() if action == "continue" else None

    def layout(self) -> None:
        ctx = self.ctx
        top, footer = page_rows(ctx, self.go)
        width = min(ctx.size[0] - 2 * ctx.space("xxl"), ctx.px(MAX_WIDTH))
        self.box = pygame.Rect(0, top, width, footer - ctx.space("lg") - top)
        self.box.centerx = ctx.size[0] // 2
        self.brief.rect = column_inside(ctx, self.box)
        bh = self.go.preferred_height()
        gw = max(self.go.preferred_width(), ctx.px(240))
        pw = max(self.print.preferred_width(), ctx.px(160))
        self.go.rect = pygame.Rect(self.box.right - gw, footer, gw, bh)
        self.print.rect = pygame.Rect(self.box.x, footer, pw, bh)

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx, play = self.ctx, self.play
        m, width = self.box.x, self.box.width
        week = play.session.week
        eyebrow = f"WEEK {week}  ·  {week_date(play.spec, week).upper()}  ·  FOR YOUR EYES ONLY"
        y = ctx.space("xxl")
        surface.blit(
            ctx.text("caption", ellipsize(ctx.font("caption"), eyebrow, width), "gold"), (m, y)
        )
        heading = ellipsize(ctx.font("h1"), f"{play.name(play.side)}: your brief", width)
        surface.blit(
            ctx.text("h1", heading, f"{play.side_key}_text"),
            (m, y + ctx.font("caption").get_linesize()),
        )
        label = confidential_label(play.spec, play.side)
        draw_column(ctx, surface, self.box, label, f"{play.side_key}_text", play.side_key)
