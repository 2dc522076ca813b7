"""Meter: a labelled horizontal bar for a 0–1 share or any bounded value.

Optional ``compare`` draws a ghost marker (e.g. last week's value or the projected value),
``threshold`` a thin line (e.g. the ratification threshold). Not focusable.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, panel, with_alpha, wrap_text
from strikesim.ui.widgets.base import Widget


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


class Meter(Widget):
    focusable = False

    def __init__(
        self,
        ctx: UIContext,
        label: str,
        value: float,
        *,
        minimum: float = 0.0,
        maximum: float = 1.0,
        colour: str = "gold",
        fmt: Callable[[float], str] = percent,
        compare: float | None = None,
        threshold: float | None = None,
    ) -> None:
        super().__init__(ctx)
        self.label = label
        self.value = value
        self.minimum = minimum
        self.maximum = maximum
        self.colour = colour
        self.fmt = fmt
        self.compare = compare
        self.threshold = threshold

    def preferred_height(self, width: int | None = None) -> int:
        """One label line and the bar; at ``width`` (the meter's own by default), as many
        lines as the label needs there."""
        ctx = self.ctx
        role, lines = self._label_lines(width or self.rect.width)
        return max(1, len(lines)) * ctx.font(role).get_linesize() + ctx.px(14)

    def _label_lines(self, width: int) -> tuple[str, list[str]]:
        """The label's type role and lines beside the value: one line in label type, or in
        smaller type, or wrapped in smaller type (never cut)."""
        ctx = self.ctx
        if width <= 0:
            return "label", [self.label]
        room = width - ctx.font("label").size(self.fmt(self.value))[0] - ctx.space("sm")
        for role in ("label", "small"):
            if ctx.font(role).size(self.label)[0] <= room:
                return role, [self.label]
        return "small", wrap_text(ctx.font("small"), self.label, max(1, room))

    def _frac(self, v: float) -> float:
        span = self.maximum - self.minimum
        if span <= 0 or v != v:  # NaN-safe
            return 0.0
        return max(0.0, min(1.0, (v - self.minimum) / span))

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        head = pygame.Rect(
            self.rect.x, self.rect.y, self.rect.width, ctx.font("label").get_linesize()
        )
        val = ctx.text("label", self.fmt(self.value), self.colour)
        blit_aligned(surface, val, head, "right")
        role, lines = self._label_lines(self.rect.width)
        lh = ctx.font(role).get_linesize()
        for k, line in enumerate(lines):
            row = pygame.Rect(head.x, head.y + k * lh, head.width, head.height if k == 0 else lh)
            blit_aligned(surface, ctx.text(role, line, "text_muted"), row, "left")
        bottom = max(head.bottom, head.y + len(lines) * lh)
        bar = pygame.Rect(self.rect.x, bottom + ctx.px(4), self.rect.width, ctx.px(8))
        panel(surface, bar, ctx.colour("surface_alt"), ctx.colour("border"), bar.height // 2, 1)
        fill = bar.copy()
        fill.width = round(bar.width * self._frac(self.value))
        panel(surface, fill, ctx.colour(self.colour), None, bar.height // 2)
        if self.compare is not None:
            x = bar.x + round(bar.width * self._frac(self.compare))
            pygame.draw.line(
                surface,
                with_alpha(ctx.colour("text"), 255),
                (x, bar.y - ctx.px(2)),
                (x, bar.bottom + ctx.px(1)),
                max(1, ctx.px(2)),
            )
        if self.threshold is not None:
            x = bar.x + round(bar.width * self._frac(self.threshold))
            pygame.draw.line(
                surface,
                ctx.colour("warning"),
                (x, bar.y - ctx.px(3)),
                (x, bar.bottom + ctx.px(3)),
                max(1, ctx.px(1)),
            )
