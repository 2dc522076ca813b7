"""A vertically scrolled list of widgets seen through a viewport rectangle.

Screens that show more rows or cards than fit (the scenario grid, the list of saves) lay their
items out at unscrolled positions and hand them to a :class:`ScrollView`, which moves the
widgets by the scroll offset, keeps the focused item in view, scrolls with the mouse wheel and
keeps the parts scrolled out of the viewport from taking clicks or hover.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from strikesim.ui.screen import Screen
from strikesim.ui.transitions import Transition
from strikesim.ui.widgets.base import MOUSE_EVENTS, Widget, event_pos


class ScrollView:
    """Scroll state for ``items`` inside ``viewport``.

    ``positions`` are the items' rectangles before scrolling (screen pixels, one per item, top
    to bottom); ``scroll`` is the offset in pixels, 0 at the top. ``wheel_step`` is the unscaled
    distance one wheel notch scrolls.
    """

    def __init__(self, items: Sequence[Widget], wheel_step: int) -> None:
        self.items: list[Widget] = list(items)
        self.wheel_step = wheel_step
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.positions: list[pygame.Rect] = []
        self.scroll = 0

    @property
    def end(self) -> int:
        """The bottom of the last item before scrolling (the viewport top when empty)."""
        return self.positions[-1].bottom if self.positions else self.viewport.y

    def place(self) -> None:
        """Move every item to its position shifted up by the scroll offset."""
        for item, pos in zip(self.items, self.positions, strict=True):
            item.rect = pos.move(0, -self.scroll)

    def scroll_to(self, scroll: int) -> bool:
        """Scroll to ``scroll`` pixels, clamped to the list; True when the offset changed."""
        scroll = max(0, min(scroll, self.end - self.viewport.bottom))
        if scroll == self.scroll:
            return False
        self.scroll = scroll
        self.place()
        return True

    def follow(self, current: Widget | None) -> bool:
        """Scroll so ``current`` (if it is one of the items) is fully visible; True if moved."""
        if current not in self.items or not self.positions:
            return False
        pos = self.positions[self.items.index(current)]
        scroll = self.scroll
        if pos.y - scroll < self.viewport.y:
            scroll = pos.y - self.viewport.y
        elif pos.bottom - scroll > self.viewport.bottom:
            scroll = pos.bottom - self.viewport.bottom
        return self.scroll_to(scroll)

    def has_more_below(self) -> bool:
        """True when some item still reaches past the bottom of the viewport."""
        return bool(self.positions) and self.end - self.scroll > self.viewport.bottom

    def handle_event(
        self,
        screen: Screen,
        event: pygame.event.Event,
        handle: Callable[[pygame.event.Event], Transition | None],
    ) -> Transition | None:
        """Pass ``event`` to ``handle`` (the screen's own handling), then scroll.

        A mouse event outside the viewport is handled with the items hidden from the screen,
        so an item scrolled out of sight takes no click or hover. The wheel scrolls; after a
        key press the focused item is scrolled into view.
        """
        pos = event_pos(event) if event.type in MOUSE_EVENTS else None
        if pos is not None and not self.viewport.collidepoint(pos):
            for item in self.items:
                item.hovered = False
            shown = screen.widgets
            screen.widgets = [w for w in shown if w not in self.items]
            try:
                result = handle(event)
            finally:
                screen.widgets = shown
        else:
            result = handle(event)
        moved = False
        if event.type == pygame.MOUSEWHEEL and self.positions:
            dy = getattr(event, "y", 0)
            if isinstance(dy, int | float):
                moved = self.scroll_to(self.scroll - int(dy) * screen.ctx.px(self.wheel_step))
        if event.type == pygame.KEYDOWN:
            action = screen.ctx.keymap.action(event, "navigation")
            if action not in ("page_up", "page_down", "home", "end"):
                moved = self.follow(screen.focus.current)
        if moved:
            screen.dirty = True
        return result

    def draw(self, surface: pygame.Surface, ring: int, visible: pygame.Rect) -> None:
        """Draw the items that touch ``visible``, clipped to the viewport grown by ``ring``
        pixels on each side (room for focus rings)."""
        previous = surface.get_clip()
        surface.set_clip(self.viewport.inflate(2 * ring, 2 * ring))
        for item in self.items:
            if item.rect.colliderect(visible):
                item.draw(surface)
        surface.set_clip(previous)


class PageScroll:
    """A whole page that scrolls by being laid out again shifted up by ``scroll`` pixels.

    For screens whose content (text drawn by the screen as well as widgets) can be taller
    than the window at a large text size: the screen's ``layout`` subtracts ``scroll`` from
    every y it computes and sets ``end`` (the unscrolled bottom of the content) and
    ``viewport`` (where the page shows; ``pinned`` widgets, such as a footer, stay put
    outside it). The screen base clips drawing to the viewport, scrolls with the wheel and
    the page keys and keeps the focused widget in view. The same ``scroll``/``viewport``/
    ``end``/``scroll_to`` surface as :class:`ScrollView`, so the page keys treat both alike.
    """

    def __init__(self, relayout: Callable[[], None]) -> None:
        self.relayout = relayout
        self.scroll = 0
        self.end = 0
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.pinned: list[Widget] = []

    @property
    def active(self) -> bool:
        return self.end > self.viewport.bottom

    def scroll_to(self, scroll: int) -> bool:
        scroll = max(0, min(scroll, self.end - self.viewport.bottom))
        if scroll == self.scroll:
            return False
        self.scroll = scroll
        self.relayout()
        return True

    def has_more_below(self) -> bool:
        return self.active and self.scroll < self.end - self.viewport.bottom

    def follow(self, widget: Widget | None) -> bool:
        """Scroll so ``widget`` (unless pinned) is inside the viewport; True if moved."""
        if widget is None or widget in self.pinned or not self.active:
            return False
        r, v = widget.rect, self.viewport
        if r.y < v.y:
            return self.scroll_to(self.scroll - (v.y - r.y) - 8)
        if r.bottom > v.bottom:
            return self.scroll_to(self.scroll + (r.bottom - v.bottom) + 8)
        return False
