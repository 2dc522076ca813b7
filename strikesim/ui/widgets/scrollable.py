"""Scrollable: the scroll offset, wheel and key handling and scroll bar of a widget whose
content is taller than its rect (wrapped text, Markdown pages, the news feed).

A subclass says how tall the hidden part is (:attr:`ScrollableWidget.overflow`, pixels) and
how far one wheel notch, one line and one page move; it draws its content shifted up by
``scroll`` and may call :meth:`ScrollableWidget.draw_scroll_bar`. Keys: ``increase`` /
``decrease`` move a line, ``increase_big`` / ``decrease_big`` a page.
"""

from __future__ import annotations

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import panel
from strikesim.ui.widgets.base import EventResult, Widget


class ScrollableWidget(Widget):
    """A widget with a vertical scroll offset ``scroll`` (pixels, 0 = top)."""

    scroll_keys_need_overflow = True
    """When False the scroll keys are taken even if nothing is hidden (focus stays put)."""

    def __init__(self, ctx: UIContext) -> None:
        super().__init__(ctx)
        self.scroll = 0

    @property
    def overflow(self) -> int:
        """How many pixels of content do not fit in ``rect`` (0 when all of it shows)."""
        raise NotImplementedError

    def wheel_step(self) -> int:
        """Pixels one mouse-wheel notch scrolls."""
        raise NotImplementedError

    def line_step(self) -> int:
        """Pixels the ``increase`` / ``decrease`` keys scroll."""
        raise NotImplementedError

    def page_step(self) -> int:
        """Pixels the ``increase_big`` / ``decrease_big`` keys scroll."""
        raise NotImplementedError

    def scroll_by(self, pixels: int) -> bool:
        """Scroll by ``pixels`` (down when positive), clamped; True when the offset moved."""
        new = max(0, min(self.overflow, self.scroll + pixels))
        if new == self.scroll:
            return False
        self.scroll = new
        return True

    def clamp_scroll(self) -> None:
        """Pull the offset back inside the content (after a resize or a new text)."""
        self.scroll = max(0, min(self.overflow, self.scroll))

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if event.type == pygame.MOUSEWHEEL and self.hovered and self.overflow:
            dy = getattr(event, "y", 0)
            if isinstance(dy, int | float):
                return self.scroll_by(-int(dy) * self.wheel_step()) or changed
        return changed

    def handle_action(self, action: str) -> EventResult:
        if action in ("increase", "decrease"):
            step = self.line_step()
        elif action in ("increase_big", "decrease_big"):
            step = self.page_step()
        else:
            return False
        if self.scroll_keys_need_overflow and not self.overflow:
            return False
        self.scroll_by(-step if action.startswith("decrease") else step)
        return True

    def draw_scroll_bar(
        self, surface: pygame.Surface, *, min_height: int, colour: str, track: bool = False
    ) -> None:
        """The thin bar at the right edge showing which part is in view (if any is hidden).

        The bar's height is the visible share of the content, at least ``min_height``
        unscaled pixels; ``track`` also draws the groove it slides in.
        """
        overflow = self.overflow
        if not overflow:
            return
        ctx = self.ctx
        h = self.rect.height
        x = self.rect.right - ctx.px(4)
        if track:
            panel(
                surface,
                pygame.Rect(x, self.rect.y, ctx.px(4), h),
                ctx.colour("surface_alt"),
                None,
                ctx.px(2),
            )
        bar_h = max(ctx.px(min_height), h * h // (h + overflow))
        top = self.rect.y + (h - bar_h) * self.scroll // overflow
        panel(surface, pygame.Rect(x, top, ctx.px(4), bar_h), ctx.colour(colour), None, ctx.px(2))
