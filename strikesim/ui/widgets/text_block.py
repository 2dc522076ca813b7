"""Text block: wrapped paragraphs in one type role, scrollable when they overflow.

Wrapping is cached per width. When the text is taller than the rect the block becomes
focusable and scrolls with the mouse wheel or ``increase``/``decrease`` keys (one line) and
``increase_big``/``decrease_big`` (one page); a thin scroll bar shows the position.
"""

from __future__ import annotations

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import wrap_text
from strikesim.ui.widgets.scrollable import ScrollableWidget


class TextBlock(ScrollableWidget):
    def __init__(
        self,
        ctx: UIContext,
        text: str,
        *,
        role: str = "body",
        colour: str = "text",
        line_spacing: float = 1.15,
        align: str = "left",
    ) -> None:
        super().__init__(ctx)
        self.text = text
        self.role = role
        self.colour = colour
        self.line_spacing = line_spacing
        self.align = align
        self._cache: tuple[tuple[object, ...], list[str]] | None = None

    @property
    def focusable(self) -> bool:  # type: ignore[override]
        return self.overflow > 0

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.scroll = 0

    def line_height(self) -> int:
        return round(self.ctx.font(self.role).get_linesize() * self.line_spacing)

    def lines(self, width: int | None = None) -> list[str]:
        width = self.rect.width - self.ctx.px(10) if width is None else width
        key = (self.text, width, self.role, self.ctx.scale)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, wrap_text(self.ctx.font(self.role), self.text, width))
        return self._cache[1]

    def measure(self, width: int) -> int:
        """Height in pixels needed to show all text at ``width``."""
        return len(wrap_text(self.ctx.font(self.role), self.text, width)) * self.line_height()

    @property
    def overflow(self) -> int:
        if self.rect.height <= 0:
            return 0
        return max(0, len(self.lines()) * self.line_height() - self.rect.height)

    def wheel_step(self) -> int:
        return 3 * self.line_height()

    def line_step(self) -> int:
        return self.line_height()

    def page_step(self) -> int:
        return max(self.line_height(), self.rect.height - self.line_height())

    def draw(self, surface: pygame.Surface) -> None:
        self.clamp_scroll()
        lh = self.line_height()
        previous = surface.get_clip()
        surface.set_clip(self.rect.clip(previous) if previous.width else self.rect)
        first = self.scroll // lh
        for i, line in enumerate(self.lines()[first:], start=first):
            ly = self.rect.y - self.scroll + i * lh
            if ly > self.rect.bottom:
                break
            if line:
                img = self.ctx.text(self.role, line, self.colour)
                x = self.rect.x
                if self.align == "center":
                    x = self.rect.centerx - img.get_width() // 2
                surface.blit(img, (x, ly))
        surface.set_clip(previous)
        self.draw_scroll_bar(surface, min_height=20, colour="border_strong")
        self.draw_focus(surface)
