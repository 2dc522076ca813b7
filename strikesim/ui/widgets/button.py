"""Button: a labelled, clickable, focusable control with an optional hotkey hint.

``on_press`` runs on a completed click (press and release inside) or on the ``activate``
key while focused; whatever transition it returns is passed up to the screen.
Variants: ``primary`` (gold, the one main action), ``secondary`` (outlined panel),
``ghost`` (text only, for menus), ``danger``.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, mix, panel
from strikesim.ui.theme import RGBA
from strikesim.ui.transitions import Transition
from strikesim.ui.widgets.pressable import Pressable

VARIANTS = ("primary", "secondary", "ghost", "danger")


class Button(Pressable):
    claims_cancelled_click = True  # it was drawn pressed; redraw it released

    def __init__(
        self,
        ctx: UIContext,
        label: str,
        on_press: Callable[[], Transition | None],
        *,
        variant: str = "secondary",
        hotkey: str = "",
        enabled: bool = True,
        align: str = "center",
        role: str = "body_strong",
        tooltip: str = "",
    ) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown button variant {variant!r}; use one of {VARIANTS}")
        super().__init__(ctx, on_press, enabled=enabled, tooltip=tooltip)
        self.label = label
        self.variant = variant
        self.hotkey = hotkey
        self.align = align
        self.role = role
        self.audit_kind = "text"
        """What the audit calls a cut label of this button (``move`` for the table's moves)."""

    def preferred_height(self) -> int:
        return self.ctx.font(self.role).get_linesize() + 2 * self.ctx.space("md")

    def preferred_width(self) -> int:
        w = self.ctx.font(self.role).size(self.label)[0] + 2 * self.ctx.space("xl")
        if self.hotkey:
            w += self.ctx.font("caption").size(self.hotkey)[0] + 2 * self.ctx.space("md")
        return w

    def _colours(
        self,
    ) -> tuple[tuple[int, int, int, int] | None, tuple[int, int, int, int] | None, str]:
        c = self.ctx.colour
        if not self.enabled:
            return (None if self.variant == "ghost" else c("surface")), None, "text_disabled"
        active = self.hovered or self.focused
        if self.variant == "primary":
            fill = c("gold_bright") if active else c("gold")
            return (mix(fill, c("gold_dim"), 0.35) if self.pressed else fill), None, "on_gold"
        if self.variant == "danger":
            fill = c("surface_hover") if active else c("surface_alt")
            return fill, c("negative"), "negative"
        if self.variant == "ghost":
            ghost_fill: RGBA | None = c("surface_hover") if active else None
            return (
                (c("surface_pressed") if self.pressed else ghost_fill),
                None,
                ("gold_bright" if active else "text"),
            )
        fill = (
            c("surface_pressed")
            if self.pressed
            else c("surface_hover")
            if active
            else c("surface_alt")
        )
        return fill, (c("border_strong") if active else c("border")), "text"

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        fill, border, text_colour = self._colours()
        panel(surface, self.rect, fill, border, ctx.radius("md"), max(1, ctx.px(1)))
        inner = self.rect.inflate(-2 * ctx.space("lg"), 0)
        if self.variant == "ghost" and (self.hovered or self.focused) and self.enabled:
            bar = pygame.Rect(
                self.rect.x,
                self.rect.y + ctx.space("sm"),
                ctx.px(3),
                self.rect.height - 2 * ctx.space("sm"),
            )
            panel(surface, bar, ctx.colour("gold"), None, ctx.px(2))
        if self.hotkey:
            hint_colour = "on_gold" if self.variant == "primary" and self.enabled else "text_faint"
            if not self.enabled:
                hint_colour = "text_disabled"
            hint = ctx.text("caption", self.hotkey, hint_colour)
            box = hint.get_rect().inflate(ctx.space("md"), ctx.space("xs"))
            box.midright = inner.midright
            border_col = (
                ctx.colour("border_strong") if self.variant != "primary" else ctx.colour("gold_dim")
            )
            panel(surface, box, None, border_col, ctx.radius("sm"), max(1, ctx.px(1)))
            blit_aligned(surface, hint, box)
            inner.width -= box.width + ctx.space("sm")
        font = ctx.font(self.role)
        label = ellipsize(font, self.label, inner.width, self.audit_kind)
        blit_aligned(surface, ctx.text(self.role, label, text_colour), inner, self.align)
        self.draw_focus(surface)
