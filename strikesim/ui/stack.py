"""The screen stack and the one place where transitions are applied.

Kept apart from the window so it can be tested without a display: ``apply`` takes a
transition and updates the stack, calling ``on_enter``/``on_exit`` and delivering ``Pop``
results to the ``on_result`` callback registered by the matching ``Push``. Follow-up
transitions returned by callbacks are applied in turn (bounded, to catch loops).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from strikesim.ui.screen import Screen
from strikesim.ui.settings import Settings
from strikesim.ui.transitions import ChangeSettings, Pop, Push, Quit, Replace, Reset, Transition

_MAX_CHAIN = 32


@dataclass
class _Entry:
    screen: Screen
    on_result: Callable[[Any], Transition | None] | None = None


class ScreenStack:
    """Screens bottom to top. ``settings_sink`` receives ``ChangeSettings`` payloads."""

    def __init__(
        self, first: Screen, settings_sink: Callable[[Settings], None] | None = None
    ) -> None:
        self._entries: list[_Entry] = [_Entry(first)]
        self._settings_sink = settings_sink
        self.quit_requested = False
        self.changed = True
        first.on_enter()

    @property
    def top(self) -> Screen:
        return self._entries[-1].screen

    @property
    def screens(self) -> list[Screen]:
        return [e.screen for e in self._entries]

    def __len__(self) -> int:
        return len(self._entries)

    def visible(self) -> list[Screen]:
        """Screens to draw, bottom first: the top one and any it is modal over."""
        start = len(self._entries) - 1
        while start > 0 and self._entries[start].screen.modal:
            start -= 1
        return [e.screen for e in self._entries[start:]]

    def apply(self, transition: Transition | None) -> None:
        """Apply ``transition`` and any follow-ups its callbacks return."""
        steps = 0
        while transition is not None and not self.quit_requested:
            steps += 1
            if steps > _MAX_CHAIN:
                raise RuntimeError("screen transitions keep triggering each other (loop?)")
            transition = self._apply_one(transition)

    def _apply_one(self, t: Transition) -> Transition | None:
        self.changed = True
        if isinstance(t, Push):
            self.top.on_exit()
            self._entries.append(_Entry(t.screen, t.on_result))
            t.screen.on_enter()
            return None
        if isinstance(t, Pop):
            entry = self._entries.pop()
            entry.screen.on_exit()
            if not self._entries:
                self.quit_requested = True
                return None
            self.top.on_enter()
            return entry.on_result(t.result) if entry.on_result is not None else None
        if isinstance(t, Replace):
            old = self._entries[-1]
            old.screen.on_exit()
            self._entries[-1] = _Entry(t.screen, old.on_result)
            t.screen.on_enter()
            return None
        if isinstance(t, Reset):
            for entry in reversed(self._entries):
                entry.screen.on_exit()
            self._entries = [_Entry(t.screen)]
            t.screen.on_enter()
            return None
        if isinstance(t, Quit):
            self.quit_requested = True
            return None
        if isinstance(t, ChangeSettings):
            if self._settings_sink is not None:
                self._settings_sink(t.settings)
            for entry in self._entries:
                entry.screen.on_resize(entry.screen.ctx.size)
            return None
        raise TypeError(f"not a screen transition: {t!r}")
