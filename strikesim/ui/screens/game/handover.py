"""Hot seat: the screen between two people's turns, hiding each side's private numbers.

Shown whenever the controls pass to the other side: once a week, since whoever moved second
in a week moves first in the next (see :meth:`GamePlay._after_week`). It shows nothing but
whose turn it is and the public date (at the first hand-over of a sitting, also how a week
works with two players: :data:`WEEK_RULE`);
the next player confirms they have the controls, and only then is their table built. At a
side's first turn of the sitting their confidential brief comes first (:mod:`.private_brief`).
"""

from __future__ import annotations

import pygame

from strikesim.narrate import possessive, week_date
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, panel, wrap_text
from strikesim.ui.screen import Screen
from strikesim.ui.transitions import Replace, Transition
from strikesim.ui.widgets.button import Button

WEEK_RULE = (
    "How a week works: both sides choose their move without seeing the other's, and the "
    "moves take effect together when the second player ends the turn. Accepting takes the "
    "package that was on the table at the start of the week. If both sides accept each "
    "other's package in the same week, a coin toss picks which becomes the deal. Whoever "
    "moves second in a week moves first in the next, so the controls change hands once a week."
)
"""The simultaneous-move rule, shown once per sitting (docs/model.md §5)."""


class HandoverScreen(Screen):
    """``Replace(HandoverScreen(ctx, play, side))``; continues to ``side``'s table."""

    key_context = "game"
    title = "Hand over"

    def __init__(self, ctx: UIContext, play: GamePlay, side: int) -> None:
        super().__init__(ctx)
        self.play = play
        self.side = side
        name = play.name(side)
        self.go = Button(ctx, f"I am {name}: show my table", self.proceed, variant="primary",
                         hotkey=ctx.keymap.label("game", "continue"))  # fmt: skip
        self.set_widgets([self.go], focus_first=True)

    def proceed(self) -> Transition:
        from strikesim.ui.screens.game.private_brief import PrivateBriefScreen
        from strikesim.ui.screens.game.table import TableScreen

        self.play.switch_to(self.side)
        if self.side not in self.play.briefed:
            return Replace(PrivateBriefScreen(self.ctx, self.play))
        return Replace(TableScreen(self.ctx, self.play))

    def on_action(self, action: str) -> Transition | None:
        return self.proceed() if action == "continue" else None

    @property
    def shows_rule(self) -> bool:
        """The first hand-over of a sitting also explains the week (both players are there)."""
        return not self.play.briefed

    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        bw = max(self.go.preferred_width(), ctx.px(320))
        bh = self.go.preferred_height()
        card_w = min(w - 2 * ctx.space("xl"), ctx.px(680))
        inner = card_w - 2 * ctx.space("xl")
        self.rule_lines = wrap_text(ctx.font("small"), WEEK_RULE, inner) if self.shows_rule else []
        content = (
            ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize()
            + 3 * ctx.font("body").get_linesize() + 2 * ctx.space("md")
        )  # fmt: skip
        if self.rule_lines:
            content += ctx.space("lg") + len(self.rule_lines) * ctx.font("small").get_linesize()
        height = 2 * ctx.space("xl") + content + ctx.space("lg") + bh
        self.card = pygame.Rect(0, 0, card_w, min(height, h - 2 * ctx.space("sm")))
        self.card.center = (w // 2, h // 2)
        self.go.rect = pygame.Rect(0, 0, bw, bh)
        self.go.rect.midbottom = (self.card.centerx, self.card.bottom - ctx.space("xl"))

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx, play = self.ctx, self.play
        key = ("union", "studio")[self.side]
        panel(
            surface,
            self.card,
            ctx.colour("surface"),
            ctx.colour(key),
            ctx.radius("lg"),
            max(2, ctx.px(2)),
        )
        pad = ctx.space("xl")
        y = self.card.y + pad
        cap = ctx.text(
            "caption",
            f"WEEK {play.session.week} · {week_date(play.spec, play.session.week).upper()}",
            "gold",
        )
        blit_aligned(surface, cap, pygame.Rect(self.card.x, y, self.card.width, cap.get_height()))
        y += cap.get_height() + ctx.space("md")
        head = ctx.text("h1", f"{possessive(play.name(self.side))} turn", f"{key}_text")
        blit_aligned(surface, head, pygame.Rect(self.card.x, y, self.card.width, head.get_height()))
        y += head.get_height() + ctx.space("md")
        other = play.name(1 - self.side)
        me = play.name(self.side)
        shows = "private numbers" if self.side in play.briefed else "confidential brief"
        text = (
            f"Pass the controls to the {me} player. {other}, please look away: "
            f"the next screen shows {possessive(me)} {shows}."
        )
        for line in wrap_text(ctx.font("body"), text, self.card.width - 2 * pad):
            img = ctx.text("body", line, "text_muted")
            blit_aligned(
                surface, img, pygame.Rect(self.card.x, y, self.card.width, img.get_height())
            )
            y += ctx.font("body").get_linesize()
        y += ctx.space("lg")
        for line in self.rule_lines:
            surface.blit(ctx.text("small", line, "text"), (self.card.x + pad, y))
            y += ctx.font("small").get_linesize()
