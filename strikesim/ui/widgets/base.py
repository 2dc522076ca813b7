"""The widget base class: a rectangle that handles events, draws itself and may take focus.

Event contract (every widget, never raises on any event):
- ``handle_event(event)`` gets mouse events (all widgets) and returns an :data:`EventResult`:
  ``False`` = not for me, ``True`` = handled or my look changed (redraw), or a
  :data:`~strikesim.ui.transitions.Transition` produced by a callback.
- ``handle_action(action)`` gets keymap navigation actions (``activate``, ``increase``,
  ``decrease``, ``increase_big``, ``decrease_big``) while the widget has keyboard focus.
- ``update(dt_ms)`` returns True when an animation changed the look.
The screen lays widgets out by assigning ``widget.rect``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import pygame

from strikesim.ui.audit import AUDIT
from strikesim.ui.context import UIContext
from strikesim.ui.draw import focus_ring
from strikesim.ui.transitions import Transition

EventResult: TypeAlias = Transition | bool

MOUSE_EVENTS = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL)


def event_pos(event: pygame.event.Event) -> tuple[int, int] | None:
    """The event's integer mouse position, or None when absent or malformed."""
    pos = getattr(event, "pos", None)
    if isinstance(pos, tuple | list) and len(pos) == 2:
        try:
            return int(pos[0]), int(pos[1])
        except (TypeError, ValueError):
            return None
    return None


def is_left_button(event: pygame.event.Event) -> bool:
    return getattr(event, "button", None) == 1


class Widget:
    """Base for all widgets. Subclasses override ``draw`` and the handlers they need."""

    focusable = True

    def __init__(self, ctx: UIContext, *, enabled: bool = True, tooltip: str = "") -> None:
        self.ctx = ctx
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.enabled = enabled
        self.visible = True
        self.focused = False
        self.hovered = False
        self.tooltip = tooltip
        self._static: pygame.Surface | None = None
        self._static_key: tuple[object, ...] | None = None

    @property
    def can_focus(self) -> bool:
        return self.focusable and self.enabled and self.visible

    def contains(self, pos: tuple[int, int] | None) -> bool:
        return pos is not None and self.visible and self.rect.collidepoint(pos)

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        """Default: track hover; returns True when hover changed."""
        if event.type == pygame.MOUSEMOTION:
            hovered = self.contains(event_pos(event))
            if hovered != self.hovered:
                self.hovered = hovered
                return True
        return False

    def handle_action(self, action: str) -> EventResult:
        """Keymap action while focused; False lets the screen handle it."""
        return False

    def update(self, dt_ms: float) -> bool:
        return False

    def draw(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def blit_static(
        self, surface: pygame.Surface, key: object, paint: Callable[[pygame.Surface], None]
    ) -> None:
        """Draw the widget's unchanging part from a cached layer, repainting it only when
        ``key`` (the data version), the rect, the scale or the palette changed. ``paint``
        draws with ``self.rect`` temporarily moved to the layer's origin."""
        full_key = (key, tuple(self.rect), self.ctx.scale, self.ctx.palette.name)
        if self._static is None or self._static_key != full_key or AUDIT.enabled:
            layer = pygame.Surface(self.rect.size, pygame.SRCALPHA)
            saved = self.rect
            self.rect = pygame.Rect(0, 0, saved.width, saved.height)
            try:
                paint(layer)
            finally:
                self.rect = saved
            self._static, self._static_key = layer, full_key
        surface.blit(self._static, self.rect.topleft)

    def draw_focus(self, surface: pygame.Surface) -> None:
        """Call at the end of ``draw``: the ring shows only while focused."""
        if self.focused and self.can_focus:
            focus_ring(
                surface,
                self.rect,
                self.ctx.colour("focus"),
                max(2, self.ctx.px(self.ctx.theme.line["focus"] * 0.75)),
                self.ctx.radius("md"),
            )
