"""Option picker for an ordered-options issue: a segmented row, one segment per option.

Left/right (``decrease``/``increase``) step through options while focused; a click picks a
segment. The full label of the chosen option is shown in the header, since segments may be
too narrow for it. Markers (from :mod:`slider`) use option indices as values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, panel
from strikesim.ui.widgets.base import EventResult, event_pos, is_left_button
from strikesim.ui.widgets.choice import Choice
from strikesim.ui.widgets.slider import Marker


class OptionPicker(Choice):
    """A segmented row of ``options``; the big steps jump to the ends."""

    kind = "option picker"

    def __init__(
        self,
        ctx: UIContext,
        label: str,
        options: Sequence[str],
        index: int = 0,
        *,
        on_change: Callable[[int], None] | None = None,
        markers: tuple[Marker, ...] = (),
        accent: str = "gold",
        enabled: bool = True,
    ) -> None:
        super().__init__(ctx, label, options, index, on_change=on_change, enabled=enabled)
        self.markers = markers
        self.accent = accent
        self._hover_index: int | None = None

    def preferred_height(self) -> int:
        return self.ctx.font("label").get_linesize() + self.ctx.px(48)

    @property
    def big_step(self) -> int:
        return len(self.options)

    def segment_rects(self) -> list[pygame.Rect]:
        ctx = self.ctx
        top = self.rect.y + ctx.font("label").get_linesize() + ctx.px(12)
        height = max(1, self.rect.bottom - top - ctx.px(4))
        gap = ctx.px(3)
        n = len(self.options)
        width = max(1, (self.rect.width - gap * (n - 1)) // n)
        return [pygame.Rect(self.rect.x + i * (width + gap), top, width, height) for i in range(n)]

    def _index_at(self, pos: tuple[int, int] | None) -> int | None:
        if pos is None:
            return None
        for i, r in enumerate(self.segment_rects()):
            if r.collidepoint(pos):
                return i
        return None

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if not self.enabled:
            return changed
        pos = event_pos(event)
        if event.type == pygame.MOUSEMOTION:
            hover = self._index_at(pos)
            if hover != self._hover_index:
                self._hover_index = hover
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and is_left_button(event):
            hit = self._index_at(pos)
            if hit is not None:
                self.select(hit)
                return True
        return self.wheel(event) or changed

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        head = pygame.Rect(
            self.rect.x, self.rect.y, self.rect.width, ctx.font("label").get_linesize()
        )
        label_w = min(ctx.font("label").size(self.label)[0], head.width // 2)
        blit_aligned(
            surface,
            ctx.text(
                "label", ellipsize(ctx.font("label"), self.label, label_w, "option"), "text_muted"
            ),
            head,
            "left",
        )
        chosen = ellipsize(
            ctx.font("body_strong"),
            self.options[self.index],
            head.width - label_w - ctx.space("md"),
            "option",
        )
        blit_aligned(
            surface,
            ctx.text("body_strong", chosen, self.accent if self.enabled else "text_disabled"),
            head,
            "right",
        )
        accent = ctx.colour(self.accent if self.enabled else "text_disabled")
        radius = ctx.radius("sm")
        for i, r in enumerate(self.segment_rects()):
            selected = i == self.index
            if selected:
                fill = accent
            elif i == self._hover_index and self.enabled:
                fill = ctx.colour("surface_hover")
            elif i < self.index:
                fill = ctx.colour("surface_pressed")
            else:
                fill = ctx.colour("surface_alt")
            panel(
                surface,
                r,
                fill,
                None if selected else ctx.colour("border"),
                radius,
                max(1, ctx.px(1)),
            )
            text_colour = (
                "on_gold" if selected else ("text_muted" if self.enabled else "text_disabled")
            )
            text = ellipsize(
                ctx.font("small"), self.options[i], r.width - ctx.space("sm"), "option"
            )
            blit_aligned(surface, ctx.text("small", text, text_colour), r)
            for m in self.markers:
                if round(m.value) == i:
                    bar = pygame.Rect(
                        r.x + ctx.px(3), r.bottom - ctx.px(4), r.width - ctx.px(6), ctx.px(3)
                    )
                    panel(surface, bar, ctx.colour(m.colour), None, 1)
        self.draw_focus(surface)
