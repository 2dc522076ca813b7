"""Choice: a labelled widget that picks one of a list of options by index.

The base of the option picker (a segmented row) and the stepper (◀ option ▶). It holds
``label``, ``options``, ``index`` and ``on_change``; the mouse wheel over it and the
``increase``/``decrease`` keys step the index, ``increase_big``/``decrease_big`` jump
:attr:`Choice.big_step` options. Subclasses say how an index out of range is brought back
(:meth:`Choice.fit`: clamp or wrap) and draw themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.widgets.base import EventResult, Widget


class Choice(Widget):
    """``options[index]`` chosen under ``label``; ``on_change(index)`` after each change."""

    kind = "choice"
    """What the widget is called in error messages."""

    def __init__(
        self,
        ctx: UIContext,
        label: str,
        options: Sequence[str],
        index: int = 0,
        *,
        on_change: Callable[[int], None] | None = None,
        enabled: bool = True,
    ) -> None:
        if not options:
            raise ValueError(f"{self.kind} {label!r} needs at least one option")
        super().__init__(ctx, enabled=enabled)
        self.label = label
        self.options = list(options)
        self.index = max(0, min(len(self.options) - 1, index))
        self.on_change = on_change

    @property
    def big_step(self) -> int:
        """How many options ``increase_big``/``decrease_big`` move."""
        return 1

    def fit(self, index: int) -> int:
        """``index`` brought into range (default: clamped to the ends)."""
        return max(0, min(len(self.options) - 1, index))

    def select(self, index: int) -> bool:
        """Choose ``fit(index)``; True (and ``on_change``) when the choice changed."""
        index = self.fit(index)
        if index == self.index:
            return False
        self.index = index
        if self.on_change is not None:
            self.on_change(index)
        return True

    def wheel(self, event: pygame.event.Event) -> bool:
        """Step by one option for a wheel notch over the widget; True when it was one."""
        if event.type == pygame.MOUSEWHEEL and self.hovered:
            dy = getattr(event, "y", 0)
            if isinstance(dy, int | float) and dy:
                self.select(self.index + (1 if dy > 0 else -1))
                return True
        return False

    def handle_action(self, action: str) -> EventResult:
        step = {
            "increase": 1,
            "decrease": -1,
            "increase_big": self.big_step,
            "decrease_big": -self.big_step,
        }
        if action not in step:
            return False
        self.select(self.index + step[action])
        return True
