"""Scenario card: title, tags, summary, the two sides, difficulty/length chips and warnings.

Focusable and clickable like a button (``on_press``); ``selected`` draws a gold frame so a
row of cards can act as a choice. Text is wrapped and clamped to the card's height; while
the card is focused or hovered, a screen can draw it lifted to its full height
(:meth:`Card.lifted_rect`) so a long summary is never out of reach.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, panel, wrap_text
from strikesim.ui.transitions import Transition
from strikesim.ui.widgets.pressable import Pressable


@dataclass(frozen=True)
class CardInfo:
    """What a card shows. ``sides`` pairs a display name with ``"union"`` or ``"studio"``."""

    title: str
    summary: str
    eyebrow: str = ""
    chips: tuple[str, ...] = ()
    sides: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()


def card_frame(
    ctx: UIContext, surface: pygame.Surface, rect: pygame.Rect, *, active: bool, selected: bool
) -> None:
    """The rounded panel behind a card: lighter when ``active`` (hovered or focused), a
    thicker gold border when ``selected``."""
    fill = ctx.colour("surface_hover" if active else "surface")
    border = ctx.colour("gold" if selected else "border_strong" if active else "border")
    panel(surface, rect, fill, border, ctx.radius("lg"), max(1, ctx.px(2 if selected else 1)))


class Card(Pressable):
    def __init__(
        self,
        ctx: UIContext,
        info: CardInfo,
        on_press: Callable[[], Transition | None],
        *,
        selected: bool = False,
        enabled: bool = True,
    ) -> None:
        super().__init__(ctx, on_press, enabled=enabled)
        self.info = info
        self.selected = selected
        self.hidden = False
        """Left out of the normal drawing pass (the screen draws it lifted, see
        :meth:`lifted_rect`)."""

    def full_height(self) -> int:
        """The height at which the card shows its whole summary at its current width."""
        ctx = self.ctx
        pad = ctx.space("lg")
        width = self.rect.width - 2 * pad
        height = 2 * pad
        if self.info.eyebrow:
            height += ctx.font("caption").get_linesize() + ctx.space("xs")
        height += (
            len(wrap_text(ctx.font("h2"), self.info.title, width)[:2])
            * ctx.font("h2").get_linesize()
        )
        height += ctx.space("sm")
        summary = wrap_text(ctx.font("small"), self.info.summary, width)
        height += len(summary) * ctx.font("small").get_linesize() + ctx.space("sm")
        if self.info.chips:
            height += self._chip_row(ctx)
        height += len(self.info.sides) * (ctx.font("label").get_linesize() + ctx.space("xxs"))
        if self.info.warnings:
            height += ctx.space("xs") + ctx.font("small").get_linesize() + ctx.space("xs")
        return height

    def _chip_boxes(self) -> list[tuple[pygame.Surface, int]]:
        """Each chip's label and box width."""
        ctx = self.ctx
        out = []
        for chip in self.info.chips:
            img = ctx.text("caption", chip.upper(), "text_muted")
            out.append((img, img.get_width() + 2 * ctx.space("sm")))
        return out

    @staticmethod
    def _chip_row(ctx: UIContext) -> int:
        """Height of the chips' own row, with its gap above."""
        return ctx.font("caption").get_linesize() + ctx.space("sm") + ctx.space("md")

    def _chips_beside_sides(self, width: int) -> bool:
        """Whether the chips fit on the last side's line, right-aligned (saving a row)."""
        ctx = self.ctx
        if not self.info.chips or not self.info.sides:
            return False
        names = max(ctx.font("label").size(name)[0] for name, _ in self.info.sides)
        chips = sum(w for _, w in self._chip_boxes()) + ctx.space("sm") * (len(self.info.chips) - 1)
        return ctx.px(10) + ctx.space("sm") + names + ctx.space("lg") + chips <= width

    def lifted_rect(self, bounds: pygame.Rect) -> pygame.Rect | None:
        """Where the card shows whole while it is focused or hovered and its summary does
        not fit: grown downward (upward near the bottom of ``bounds``) over its
        neighbours; ``None`` when it fits or is not active."""
        if not (self.focused or self.hovered):
            return None
        need = self.full_height()
        if need <= self.rect.height:
            return None
        lifted = pygame.Rect(self.rect.x, self.rect.y, self.rect.width, min(need, bounds.height))
        if lifted.bottom > bounds.bottom:
            lifted.bottom = bounds.bottom
        lifted.top = max(lifted.top, bounds.top)
        return lifted

    def draw(self, surface: pygame.Surface) -> None:
        if self.hidden:
            return
        ctx = self.ctx
        active = self.hovered or self.focused
        card_frame(ctx, surface, self.rect, active=active, selected=self.selected)
        pad = ctx.space("lg")
        inner = self.rect.inflate(-2 * pad, -2 * pad)
        y = inner.y
        if self.info.eyebrow:
            img = ctx.text(
                "caption",
                ellipsize(ctx.font("caption"), self.info.eyebrow.upper(), inner.width),
                "gold",
            )
            surface.blit(img, (inner.x, y))
            y += img.get_height() + ctx.space("xs")
        for line in wrap_text(ctx.font("h2"), self.info.title, inner.width)[:2]:
            img = ctx.text("h2", line, "text")
            surface.blit(img, (inner.x, y))
            y += ctx.font("h2").get_linesize()
        y += ctx.space("sm")
        # bottom-up: chips row, then sides, then warnings; the summary fills what is left
        bottom = inner.bottom
        chip_h = ctx.font("caption").get_linesize() + ctx.space("sm")
        line_h = ctx.font("label").get_linesize()
        # the chips keep their own row unless the summary needs it and they fit beside
        beside = (
            self.full_height() > self.rect.height
            and self.full_height() - self._chip_row(ctx) <= self.rect.height
            and self._chips_beside_sides(inner.width)
        )
        if self.info.chips:
            boxes = self._chip_boxes()
            x = inner.x
            if beside:  # right-aligned on the last side's line
                x = inner.right - sum(w for _, w in boxes) - ctx.space("sm") * (len(boxes) - 1)
            top = bottom - line_h + (line_h - chip_h) // 2 if beside else bottom - chip_h
            for img, width in boxes:
                box = pygame.Rect(x, top, width, chip_h)
                if box.right > inner.right:
                    break
                panel(surface, box, None, ctx.colour("border_strong"), ctx.radius("sm"), 1)
                blit_aligned(surface, img, box)
                x = box.right + ctx.space("sm")
            if not beside:
                bottom -= chip_h + ctx.space("md")
        for name, side in reversed(self.info.sides):
            row = pygame.Rect(inner.x, bottom - line_h, inner.width, line_h)
            dot = pygame.Rect(row.x, 0, ctx.px(10), ctx.px(10))
            dot.centery = row.centery
            panel(
                surface,
                dot,
                ctx.colour(side if side in ("union", "studio") else "neutral"),
                None,
                ctx.px(5),
            )
            text = ellipsize(ctx.font("label"), name, row.width - dot.width - ctx.space("sm"))
            surface.blit(
                ctx.text("label", text, f"{side}_text" if side in ("union", "studio") else "text"),
                (dot.right + ctx.space("sm"), row.y),
            )
            bottom -= line_h + ctx.space("xxs")
        if self.info.warnings:
            bottom -= ctx.space("xs")
            n = len(self.info.warnings)
            text = f"⚠ {n} warning{'s' if n > 1 else ''}: {self.info.warnings[0]}"
            img = ctx.text("small", ellipsize(ctx.font("small"), text, inner.width), "warning")
            surface.blit(img, (inner.x, bottom - img.get_height()))
            bottom -= img.get_height() + ctx.space("xs")
        body_font = ctx.font("small")
        lh = body_font.get_linesize()
        lines = wrap_text(body_font, self.info.summary, inner.width)
        room = max(0, (bottom - ctx.space("sm") - y) // lh)
        if len(lines) > room and room > 0:
            lines = [*lines[: room - 1], ellipsize(body_font, lines[room - 1] + " …", inner.width)]
        for line in lines[:room]:
            surface.blit(ctx.text("small", line, "text_muted"), (inner.x, y))
            y += lh
        self.draw_focus(surface)
