"""The ``Screen`` base class: one full view of the game (or a modal over it).

Lifecycle, driven by :class:`strikesim.ui.app.App` / :class:`strikesim.ui.stack.ScreenStack`:
``__init__(ctx, ...)`` builds widgets → ``layout()`` places them for ``ctx.size`` (called again
after every resize or scale change) → per frame ``handle_event`` for each event, ``update(dt)``,
and ``draw(surface)`` when ``dirty``. ``on_enter``/``on_exit`` run when the screen becomes or
stops being the top of the stack. Handlers return a :data:`Transition` or ``None``.

Default behaviour gives every screen full keyboard play: Tab/arrows move the visible focus
ring through ``self.focus.widgets``, Enter/Space activate, Left/Right adjust sliders and
pickers, Escape calls :meth:`on_back`, and keys bound in ``key_context`` call
:meth:`on_action`.
"""

from __future__ import annotations

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.focus import FocusRing
from strikesim.ui.transitions import Transition
from strikesim.ui.widgets.base import MOUSE_EVENTS, Widget, event_pos, is_left_button

WIDGET_ACTIONS = frozenset({"activate", "increase", "decrease", "increase_big", "decrease_big"})


class Screen:
    """Base screen. Subclasses set ``self.widgets`` and override ``layout``/``draw_content``."""

    #: Modal screens are drawn over a dimmed snapshot of the screen beneath.
    modal = False
    #: Extra keymap context searched for this screen's own hotkeys (see ``on_action``).
    key_context = ""
    #: Shown by the screenshot tool and in the window caption.
    title = ""

    def __init__(self, ctx: UIContext) -> None:
        self.ctx = ctx
        self.widgets: list[Widget] = []
        self.focus = FocusRing()
        self.dirty = True
        self._layout_key: tuple[object, ...] | None = None

    # --- lifecycle --------------------------------------------------------------------
    def layout(self) -> None:
        """Place widgets for ``self.ctx.size`` (override)."""

    def ensure_layout(self) -> None:
        """Run ``layout`` if the size, scale or palette changed since the last one."""
        key = (self.ctx.size, self.ctx.scale, self.ctx.palette.name)
        if key != self._layout_key:
            self._layout_key = key
            self.layout()
            self.dirty = True

    def on_resize(self, size: tuple[int, int]) -> None:
        """Called after the window size, UI scale or palette changed."""
        self.ensure_layout()
        self.dirty = True

    def on_enter(self) -> None:
        """Became the top screen (first time, or after the screen above closed)."""
        self.ensure_layout()
        self.dirty = True

    def on_exit(self) -> None:
        """Stopped being the top screen (closed, replaced or covered)."""

    # --- input ------------------------------------------------------------------------
    def set_widgets(self, widgets: list[Widget], focus_first: bool = False) -> None:
        """Register widgets (drawn, hit-tested and focus-ordered in list order)."""
        self.widgets = widgets
        self.focus.set_widgets(widgets)
        if focus_first and self.focus.current is None:
            self.focus.move(1)

    def handle_event(self, event: pygame.event.Event) -> Transition | None:
        """Route one event to widgets, focus navigation and hotkeys."""
        if event.type in MOUSE_EVENTS:
            return self._mouse(event)
        if event.type == pygame.KEYDOWN:
            action = self.ctx.keymap.action(event, "navigation", *self._contexts())
            if action is None:
                return None
            self.dirty = True
            current = self.focus.current
            if current is not None and action in WIDGET_ACTIONS:
                result = current.handle_action(action)
                if result is not False:
                    return None if result is True else result
            if action in ("focus_next", "increase"):
                self.focus.move(1)
                return None
            if action in ("focus_prev", "decrease"):
                self.focus.move(-1)
                return None
            if action == "back":
                return self.on_back()
            return self.on_action(action)
        return None

    def _contexts(self) -> tuple[str, ...]:
        return (self.key_context,) if self.key_context else ()

    def _mouse(self, event: pygame.event.Event) -> Transition | None:
        pos = event_pos(event)
        if event.type == pygame.MOUSEBUTTONDOWN and is_left_button(event):
            for w in reversed(self.widgets):
                if w.contains(pos) and w.can_focus:
                    self.focus.focus(w)
                    break
        outcome: Transition | None = None
        for w in reversed(self.widgets):
            if not w.visible:
                continue
            result = w.handle_event(event)
            if result is False:
                continue
            self.dirty = True
            if result is not True:
                outcome = result
                break
            if event.type != pygame.MOUSEMOTION:
                break
        return outcome

    def on_action(self, action: str) -> Transition | None:
        """A key bound in ``key_context`` (or an unhandled navigation key) was pressed."""
        return None

    def on_back(self) -> Transition | None:
        """Escape: default is to do nothing (top-level screens stay)."""
        return None

    # --- frame ------------------------------------------------------------------------
    def update(self, dt_ms: float) -> Transition | None:
        """Advance animations by ``dt_ms`` milliseconds; marks dirty when a widget moved."""
        for w in self.widgets:
            if w.update(dt_ms):
                self.dirty = True
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen: background, content, then widgets in order."""
        self.ensure_layout()
        self.draw_background(surface)
        self.draw_content(surface)
        for w in self.widgets:
            if w.visible:
                w.draw(surface)
        self.dirty = False

    def draw_background(self, surface: pygame.Surface) -> None:
        from strikesim.ui.draw import vertical_gradient

        vertical_gradient(
            surface, surface.get_rect(), self.ctx.colour("bg_top"), self.ctx.colour("bg_bottom")
        )

    def draw_content(self, surface: pygame.Surface) -> None:
        """Screen-specific drawing beneath the widgets (override)."""
