"""Rich text: a scrolling pygame_gui ``UITextBox`` for long formatted text (briefings, help).

Accepts pygame_gui's HTML subset (``<b>``, ``<i>``, ``<br>``, ``<font color=…>``). The widget
owns a small ``UIManager`` themed from ``theme.json`` (see :mod:`strikesim.ui.gui_theme`),
rebuilt when the rect, scale or palette changes. It forwards mouse events to pygame_gui and
scrolls with ``increase``/``decrease`` keys while focused.
"""

from __future__ import annotations

import pygame
import pygame_gui

from strikesim.ui.context import UIContext
from strikesim.ui.gui_theme import make_manager
from strikesim.ui.widgets.base import MOUSE_EVENTS, EventResult, Widget, event_pos


class RichText(Widget):
    def __init__(self, ctx: UIContext, html: str) -> None:
        super().__init__(ctx)
        self.html = html
        self._manager: pygame_gui.UIManager | None = None
        self._box: pygame_gui.elements.UITextBox | None = None
        self._key: tuple[object, ...] | None = None
        self._look: tuple[object, ...] | None = None
        self._busy_ms = 0.0

    def set_html(self, html: str) -> None:
        if html != self.html:
            self.html = html
            self._key = None

    def _ensure(self) -> pygame_gui.elements.UITextBox | None:
        if self.rect.width < 40 or self.rect.height < 40:
            return None
        look = (self.ctx.scale, self.ctx.palette.name)
        if self._manager is None or look != self._look:
            self._manager = make_manager(self.ctx)
            self._look = look
            self._box = None
        key = (tuple(self.rect), self.ctx.size, self.html)
        if key != self._key or self._box is None:
            if self._box is not None:
                self._box.kill()
            if self._manager.window_resolution != self.ctx.size:
                self._manager.set_window_resolution(self.ctx.size)
            self._box = pygame_gui.elements.UITextBox(self.html, self.rect.copy(), self._manager)
            self._manager.update(0.0)
            self._key = key
        return self._box

    def _current(self) -> pygame_gui.elements.UITextBox | None:
        """The text box if it is up to date (input never triggers a rebuild; drawing does)."""
        fresh = self._key == (tuple(self.rect), self.ctx.size, self.html)
        if fresh and self._look == (self.ctx.scale, self.ctx.palette.name):
            return self._box
        return None

    @property
    def focusable(self) -> bool:  # type: ignore[override]
        box = self._current()
        return box is not None and box.scroll_bar is not None

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        box = self._current()
        if box is None or self._manager is None or event.type not in MOUSE_EVENTS:
            return changed
        if event.type != pygame.MOUSEWHEEL and event_pos(event) is None:
            return changed
        if not (self.hovered or event.type == pygame.MOUSEBUTTONUP):
            return changed
        self._manager.process_events(event)
        self._busy_ms = 400.0
        return True

    def handle_action(self, action: str) -> EventResult:
        box = self._current()
        if box is None or box.scroll_bar is None:
            return False
        bar = box.scroll_bar
        step = {"increase": 0.05, "decrease": -0.05, "increase_big": 0.25, "decrease_big": -0.25}
        if action not in step:
            return False
        limit = max(0.0, 1.0 - bar.visible_percentage)
        bar.set_scroll_from_start_percentage(
            max(0.0, min(limit, bar.start_percentage + step[action]))
        )
        self._busy_ms = 400.0
        return True

    def update(self, dt_ms: float) -> bool:
        if self._busy_ms <= 0 or self._manager is None:
            return False
        self._busy_ms -= dt_ms
        self._manager.update(max(0.0, dt_ms) / 1000.0)
        return True

    def draw(self, surface: pygame.Surface) -> None:
        if self._ensure() is None or self._manager is None:
            return
        self._manager.draw_ui(surface)
        self.draw_focus(surface)
