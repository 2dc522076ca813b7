"""News clipping in trade-paper style: masthead rule, condensed headline, body, dateline.

Cream newsprint on the dark stage with a torn lower edge; a stripe and a badge in the
favoured side's identity colour (``favours``: ``"union"``, ``"studio"`` or ``"neutral"``).
``measure(width)`` gives the height needed, so a feed can stack clippings.
"""

from __future__ import annotations

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, panel, wrap_text
from strikesim.ui.widgets.base import Widget

FAVOURS = ("union", "studio", "neutral")


class NewsClipping(Widget):
    focusable = False

    def __init__(
        self,
        ctx: UIContext,
        headline: str,
        body: str,
        *,
        dateline: str = "",
        category: str = "",
        favours: str = "neutral",
        badge: str = "",
        masthead: str = "THE HOLLYWOOD LEDGER",
    ) -> None:
        super().__init__(ctx)
        self.headline = headline
        self.body = body
        self.dateline = dateline
        self.category = category
        self.favours = favours if favours in FAVOURS else "neutral"
        self.badge = badge
        self.masthead = masthead

    def _pad(self) -> int:
        return self.ctx.space("lg")

    def _text_width(self, width: int) -> int:
        return max(1, width - 2 * self._pad() - self.ctx.px(6))

    def measure(self, width: int) -> int:
        ctx = self.ctx
        tw = self._text_width(width)
        h = self._pad() * 2 + ctx.font("caption").get_linesize() + ctx.space("sm")
        h += (
            len(wrap_text(ctx.font("headline"), self.headline.upper(), tw))
            * ctx.font("headline").get_linesize()
        )
        if self.body:
            h += (
                ctx.space("sm")
                + len(wrap_text(ctx.font("small"), self.body, tw))
                * ctx.font("small").get_linesize()
            )
        if self.dateline or self.category:
            h += ctx.space("sm") + ctx.font("caption").get_linesize()
        return h + ctx.px(8)

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        r = self.rect
        if r.width <= 0 or r.height <= 0:
            return
        tooth = ctx.px(8)
        paper = ctx.colour("paper")
        # body of the clipping with a torn (zig-zag) bottom edge
        points = [(r.left, r.top), (r.right, r.top), (r.right, r.bottom - tooth)]
        x, up = r.right, True
        while x > r.left:
            x = max(r.left, x - tooth)
            points.append((x, r.bottom - (tooth if up else 0)))
            up = not up
        shadow = [(px + ctx.px(3), py + ctx.px(4)) for px, py in points]
        pygame.draw.polygon(surface, ctx.colour("bg_top"), shadow)
        pygame.draw.polygon(surface, paper, points)
        stripe = pygame.Rect(r.left, r.top, ctx.px(6), r.height - tooth)
        panel(surface, stripe, ctx.colour(self.favours), None)
        pad = self._pad()
        x0 = r.left + ctx.px(6) + pad
        tw = self._text_width(r.width)
        y = r.top + pad
        mast = ctx.text("caption", self.masthead, "ink_muted")
        surface.blit(mast, (x0, y))
        if self.badge:
            img = ctx.text(
                "caption", self.badge.upper(), "on_gold" if self.favours == "neutral" else "bg_top"
            )
            box = img.get_rect().inflate(ctx.space("sm") * 2, ctx.space("xxs") * 2)
            box.topright = (x0 + tw, y - ctx.space("xxs"))
            panel(surface, box, ctx.colour(self.favours), None, ctx.radius("sm"))
            blit_aligned(surface, img, box)
        y += ctx.font("caption").get_linesize()
        pygame.draw.line(surface, ctx.colour("ink"), (x0, y), (x0 + tw, y), max(1, ctx.px(2)))
        pygame.draw.line(
            surface, ctx.colour("ink"), (x0, y + ctx.px(3)), (x0 + tw, y + ctx.px(3)), 1
        )
        y += ctx.space("sm")
        for line in wrap_text(ctx.font("headline"), self.headline.upper(), tw):
            surface.blit(ctx.text("headline", line, "ink"), (x0, y + ctx.px(2)))
            y += ctx.font("headline").get_linesize()
        if self.body:
            y += ctx.space("sm")
            for line in wrap_text(ctx.font("small"), self.body, tw):
                if y + ctx.font("small").get_linesize() > r.bottom - tooth:
                    break
                surface.blit(ctx.text("small", line, "ink"), (x0, y))
                y += ctx.font("small").get_linesize()
        if self.dateline or self.category:
            y += ctx.space("sm")
            parts = " · ".join(p for p in (self.dateline, self.category) if p).upper()
            img = ctx.text("caption", ellipsize(ctx.font("caption"), parts, tw), "ink_muted")
            if y + img.get_height() <= r.bottom - tooth // 2:
                surface.blit(img, (x0, y))
