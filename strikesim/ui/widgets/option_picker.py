"""Option picker for an ordered-options issue: a segmented row, one segment per option.

Left/right (``decrease``/``increase``) step through options while focused; a click picks a
segment. Segments show each option's short label when the scenario gives one. Nothing is
cut: a segment too narrow for its (short) label shows the option's number, and
the chosen (or hovered) option's full label is then written under the segments; a label too
long for the heading wraps. ``height_for(width)`` says how tall that makes the control.
Markers (from :mod:`slider`) use option indices as values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, panel, wrap_text
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
        short_options: Sequence[str] = (),
    ) -> None:
        super().__init__(ctx, label, options, index, on_change=on_change, enabled=enabled)
        self.short_options = [
            short or full
            for short, full in zip(short_options or options, self.options, strict=False)
        ]
        self.markers = markers
        self.accent = accent
        self._hover_index: int | None = None
        self.note = ""
        """A line under the control (e.g. the other side's offer), wrapped, never cut."""
        self.note_colour = "text_muted"

    def preferred_height(self) -> int:
        return self.ctx.font("label").get_linesize() + self.ctx.px(48)

    # --- layout: nothing is ever cut; what does not fit wraps onto its own lines ---------
    def _numbered(self, width: int) -> bool:
        """True when some option is too long for its segment (all segments then show
        numbers, and the chosen option is written out below them)."""
        ctx = self.ctx
        gap = ctx.px(3)
        n = len(self.options)
        seg = max(1, (width - gap * (n - 1)) // n) - ctx.space("sm")
        return any(ctx.font("small").size(o)[0] > seg for o in self.short_options)

    def _inline(self, width: int) -> bool:
        """True when the label and every option fit on the heading line side by side
        and the segments show the options' own labels."""
        ctx = self.ctx
        if self._numbered(width):
            return False
        widest = max(ctx.font("body_strong").size(o)[0] for o in self.options)
        return ctx.font("label").size(self.label)[0] + ctx.space("md") + widest <= width

    def _label_lines(self, width: int) -> list[str]:
        if self._inline(width):
            return [self.label]
        return wrap_text(self.ctx.font("label"), self.label, width, "option")

    def _detail_lines(self, width: int, index: int) -> list[str]:
        if self._inline(width):
            return []
        return wrap_text(self.ctx.font("body_strong"), self.options[index], width, "option")

    def _note_lines(self, width: int) -> list[str]:
        return wrap_text(self.ctx.font("small"), self.note, width) if self.note else []

    def height_for(self, width: int) -> int:
        """Height that shows the label, the segments, the chosen option and the note whole
        at ``width`` (room is kept for the longest option, so the row never jumps)."""
        ctx = self.ctx
        h = len(self._label_lines(width)) * ctx.font("label").get_linesize()
        h += ctx.px(12) + ctx.px(32) + ctx.px(4)
        if not self._inline(width):
            most = max(len(self._detail_lines(width, i)) for i in range(len(self.options)))
            h += most * ctx.font("body_strong").get_linesize() + ctx.px(4)
        notes = self._note_lines(width)
        if notes:
            h += len(notes) * ctx.font("small").get_linesize() + ctx.px(4)
        return h

    def segment_rects(self) -> list[pygame.Rect]:
        ctx = self.ctx
        lines = len(self._label_lines(self.rect.width))
        top = self.rect.y + lines * ctx.font("label").get_linesize() + ctx.px(12)
        height = max(1, min(ctx.px(32), self.rect.bottom - top - ctx.px(4)))
        gap = ctx.px(3)
        n = len(self.options)
        width = max(1, (self.rect.width - gap * (n - 1)) // n)
        return [pygame.Rect(self.rect.x + i * (width + gap), top, width, height) for i in range(n)]

    def segment_text(self, i: int) -> str:
        """The option's (short) label when every one fits its segment whole, else its number
        (the full text is on the detail line below while it is chosen or hovered)."""
        return str(i + 1) if self._numbered(self.rect.width) else self.short_options[i]

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
        width = self.rect.width
        colour = self.accent if self.enabled else "text_disabled"
        lh = ctx.font("label").get_linesize()
        y = self.rect.y
        for line in self._label_lines(width):
            head = pygame.Rect(self.rect.x, y, width, lh)
            blit_aligned(surface, ctx.text("label", line, "text_muted"), head, "left")
            y += lh
        if self._inline(width):
            head = pygame.Rect(self.rect.x, self.rect.y, width, lh)
            chosen = ctx.text("body_strong", self.options[self.index], colour)
            blit_aligned(surface, chosen, head, "right")
        accent = ctx.colour(colour)
        radius = ctx.radius("sm")
        segments = self.segment_rects()
        for i, r in enumerate(segments):
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
            text = self.segment_text(i)
            blit_aligned(surface, ctx.text("small", text, text_colour), r)
            for m in self.markers:
                if round(m.value) == i:
                    bar = pygame.Rect(
                        r.x + ctx.px(3), r.bottom - ctx.px(4), r.width - ctx.px(6), ctx.px(3)
                    )
                    panel(surface, bar, ctx.colour(m.colour), None, 1)
        y = (segments[0].bottom if segments else y) + ctx.px(4)
        shown = self._hover_index if self._hover_index is not None else self.index
        detail_colour = colour if shown == self.index else "text"
        bl = ctx.font("body_strong").get_linesize()
        for line in self._detail_lines(width, shown):
            surface.blit(ctx.text("body_strong", line, detail_colour), (self.rect.x, y))
            y += bl
        if self.note:
            y += ctx.px(4)
            sl = ctx.font("small").get_linesize()
            for line in self._note_lines(width):
                surface.blit(ctx.text("small", line, self.note_colour), (self.rect.x, y))
                y += sl
        self.draw_focus(surface)
