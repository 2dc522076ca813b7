"""Pressable: the click handling shared by buttons, cards, save rows and action toggles.

A press counts when the left button goes down and comes back up inside the widget, or when
the ``activate`` key is pressed while it has focus; then :meth:`Pressable.press` runs
``on_press`` and whatever transition it returns goes up to the screen. A disabled widget
ignores both.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.transitions import Transition
from strikesim.ui.widgets.base import EventResult, Widget, event_pos, is_left_button


def _nothing() -> Transition | None:
    return None


class Pressable(Widget):
    """A focusable widget that acts on a completed click or the ``activate`` key.

    ``pressed`` is True between the button going down inside and coming up. When
    ``claims_cancelled_click`` is set, releasing outside after a press is reported as handled
    (the widget drew itself pressed and must redraw).
    """

    claims_cancelled_click = False

    def __init__(
        self,
        ctx: UIContext,
        on_press: Callable[[], Transition | None] = _nothing,
        *,
        enabled: bool = True,
        tooltip: str = "",
    ) -> None:
        super().__init__(ctx, enabled=enabled, tooltip=tooltip)
        self.on_press = on_press
        self.pressed = False

    def press(self) -> EventResult:
        """Run the action: the transition ``on_press`` returns, else True (handled)."""
        if not self.enabled:
            return False
        result = self.on_press()
        return True if result is None else result

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if not self.enabled:
            return changed
        if event.type == pygame.MOUSEBUTTONDOWN and is_left_button(event):
            if self.contains(event_pos(event)):
                self.pressed = True
                return True
        elif event.type == pygame.MOUSEBUTTONUP and is_left_button(event):
            was, self.pressed = self.pressed, False
            if was and self.contains(event_pos(event)):
                return self.press()
            if was and self.claims_cancelled_click:
                return True
        return changed

    def handle_action(self, action: str) -> EventResult:
        return self.press() if action == "activate" else False
