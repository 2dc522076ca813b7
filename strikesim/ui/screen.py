"""The ``Screen`` base class: one full view of the game (or a modal over it).

Lifecycle, driven by :class:`strikesim.ui.app.App` / :class:`strikesim.ui.stack.ScreenStack`:
``__init__(ctx, ...)`` builds widgets → ``layout()`` places them for ``ctx.size`` (called again
after every resize or scale change) → per frame ``handle_event`` for each event, ``update(dt)``,
and ``draw(surface)`` when ``dirty``. ``on_enter``/``on_exit`` run when the screen becomes or
stops being the top of the stack. Handlers return a :data:`Transition` or ``None``.

Default behaviour gives every screen full keyboard play: Tab/arrows move the visible focus
ring through ``self.focus.widgets`` (disabled widgets are skipped), Enter/Space activate,
Left/Right adjust sliders and pickers, Escape calls :meth:`on_back`, and keys bound in
``key_context`` call :meth:`on_action`. Up/Down scroll a focused text that has more to show
(Tab leaves it); PageUp/PageDown/Home/End scroll the focused text, else the screen's scrolled
area (:meth:`scroll_target`), else its only scrollable text; on a slider or picker with
nothing to scroll they step it by a large amount.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.focus import FocusRing
from strikesim.ui.transitions import Transition
from strikesim.ui.widgets.base import MOUSE_EVENTS, Widget, event_pos, is_left_button
from strikesim.ui.widgets.scrollable import ScrollableWidget

if TYPE_CHECKING:
    from strikesim.ui.scroll import PageScroll, ScrollView

WIDGET_ACTIONS = frozenset({"activate", "increase", "decrease", "increase_big", "decrease_big"})
PAGE_ACTIONS = frozenset({"page_up", "page_down", "home", "end"})
LINE_ACTIONS = {"line_down": 1, "line_up": -1}


class Screen:
    """Base screen. Subclasses set ``self.widgets`` and override ``layout``/``draw_content``."""

    #: Modal screens are drawn over a dimmed snapshot of the screen beneath.
    modal = False
    #: Extra keymap context searched for this screen's own hotkeys (see ``on_action``).
    key_context = ""
    #: Shown by the screenshot tool and in the window caption.
    title = ""
    #: The glossary topic F1 opens (see :mod:`strikesim.ui.glossary`).
    help_topic = "general"

    def __init__(self, ctx: UIContext) -> None:
        self.ctx = ctx
        self.widgets: list[Widget] = []
        self.focus = FocusRing()
        self.dirty = True
        self._layout_key: tuple[object, ...] | None = None
        self.page_scroll: PageScroll | None = None
        """Set by screens whose whole page may scroll (see :class:`PageScroll`)."""

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
            return self._page_mouse(event)
        if event.type == pygame.KEYDOWN:
            result = self._key(event)
            if self.page_scroll is not None and self.page_scroll.follow(self.focus.current):
                self.dirty = True
            return result
        return None

    def _page_mouse(self, event: pygame.event.Event) -> Transition | None:
        """Mouse input with a scrolling page: outside its viewport only the pinned widgets
        take it; the wheel scrolls the page when nothing under the pointer used it."""
        page = self.page_scroll
        if page is None or not page.active:
            return self._mouse(event)
        pos = event_pos(event)
        if pos is not None and not page.viewport.collidepoint(pos):
            shown = self.widgets
            self.widgets = [w for w in shown if w in page.pinned]
            try:
                return self._mouse(event)
            finally:
                self.widgets = shown
        result = self._mouse(event)
        if event.type == pygame.MOUSEWHEEL and result is None:
            dy = getattr(event, "y", 0)
            if isinstance(dy, int | float) and page.scroll_to(page.scroll - int(dy) * 60):
                self.dirty = True
        return result

    def _key(self, event: pygame.event.Event) -> Transition | None:
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
            if action in PAGE_ACTIONS:
                self.page_keys(action)
                return None
            if action in LINE_ACTIONS:
                step = LINE_ACTIONS[action]
                if isinstance(current, ScrollableWidget) and current.overflow:
                    current.scroll_by(step * current.line_step())
                    return None
                self.focus.move(step)
                return None
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

    def scroll_target(self) -> ScrollView | PageScroll | None:
        """The screen's scrolled area for PageUp/PageDown/Home/End: its scrolling page,
        else its ``view``, if any."""
        from strikesim.ui.scroll import ScrollView

        if self.page_scroll is not None and self.page_scroll.active:
            return self.page_scroll
        view = getattr(self, "view", None)
        return view if isinstance(view, ScrollView) else None

    def page_keys(self, action: str) -> bool:
        """PageUp/PageDown/Home/End: scroll the focused text, else the scrolled area, else
        the only scrollable text; a focused slider or picker steps instead. True if moved."""
        current = self.focus.current
        texts = [
            w for w in self.widgets if isinstance(w, ScrollableWidget) and w.visible and w.overflow
        ]
        target: ScrollableWidget | None = None
        if isinstance(current, ScrollableWidget) and current.overflow:
            target = current
        view = self.scroll_target()
        if target is None and view is not None and view.end > view.viewport.bottom:
            page = max(1, view.viewport.height * 9 // 10)
            goal = {
                "page_up": view.scroll - page,
                "page_down": view.scroll + page,
                "home": 0,
                "end": view.end,
            }[action]
            return view.scroll_to(goal)
        if target is None and len(texts) == 1:
            target = texts[0]
        if target is not None:
            page = target.page_step()
            delta = {
                "page_up": -page,
                "page_down": page,
                "home": -target.scroll,
                "end": target.overflow,
            }[action]
            return target.scroll_by(delta)
        step = {"page_up": "increase_big", "page_down": "decrease_big"}.get(action)
        if current is not None and step is not None:
            return current.handle_action(step) is not False
        return False

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
        if self.focus.repair():
            self.dirty = True
        for w in self.widgets:
            if w.update(dt_ms):
                self.dirty = True
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen: background, content, then widgets in order."""
        self.ensure_layout()
        self.draw_background(surface)
        page = self.page_scroll if self.page_scroll is not None else None
        pinned = page.pinned if page is not None and page.active else []
        previous = surface.get_clip()
        if pinned and page is not None:
            surface.set_clip(page.viewport.clip(previous))
        self.draw_content(surface)
        for w in self.widgets:
            if w.visible and w not in pinned:
                w.draw(surface)
        surface.set_clip(previous)
        for w in pinned:
            if w.visible:
                w.draw(surface)
        if page is not None and page.active:
            self.draw_page_hint(surface, page)
        self.dirty = False

    def draw_page_hint(self, surface: pygame.Surface, page: PageScroll) -> None:
        """A note at the foot of a scrolling page saying there is more."""
        from strikesim.ui.draw import blit_aligned, panel

        ctx = self.ctx
        hint = "More below · scroll or Tab" if page.has_more_below() else "Scroll up for more"
        img = ctx.text("caption", hint.upper(), "text")
        pill = img.get_rect().inflate(ctx.space("md"), ctx.space("xs"))
        pill.bottomright = (page.viewport.right - ctx.space("lg"), page.viewport.bottom)
        # beside the pinned buttons when there is room, so it covers no content
        pinned = [w.rect for w in page.pinned if w.visible and w.rect.width > 0]
        for anchor in sorted(pinned, key=lambda r: r.x):
            spot = pill.copy()
            spot.midright = (anchor.x - ctx.space("md"), anchor.centery)
            if spot.x >= page.viewport.x and spot.collidelist(pinned) < 0:
                pill = spot
                break
        panel(surface, pill, ctx.colour("surface_pressed"), ctx.colour("border_strong"), 4)
        blit_aligned(surface, img, pill)

    def draw_background(self, surface: pygame.Surface) -> None:
        from strikesim.ui.draw import vertical_gradient

        vertical_gradient(
            surface, surface.get_rect(), self.ctx.colour("bg_top"), self.ctx.colour("bg_bottom")
        )

    def draw_content(self, surface: pygame.Surface) -> None:
        """Screen-specific drawing beneath the widgets (override)."""
