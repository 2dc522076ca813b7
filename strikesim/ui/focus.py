"""Keyboard focus order for a screen's widgets (Tab / Shift+Tab / arrows), wrap-around."""

from __future__ import annotations

from collections.abc import Iterable

from strikesim.ui.widgets.base import Widget


class FocusRing:
    """Ordered focusable widgets; exactly one (or none) has ``focused`` set."""

    def __init__(self, widgets: Iterable[Widget] = ()) -> None:
        self.widgets: list[Widget] = list(widgets)
        self._current: Widget | None = None

    def set_widgets(self, widgets: Iterable[Widget]) -> None:
        """Replace the order, keeping focus on the same widget if it is still present."""
        self.widgets = list(widgets)
        if self._current is not None and self._current not in self.widgets:
            self.focus(None)

    @property
    def current(self) -> Widget | None:
        if self._current is not None and not self._current.can_focus:
            return None
        return self._current

    def focus(self, widget: Widget | None) -> bool:
        """Give focus to ``widget`` (None clears). Returns True when focus changed."""
        if widget is not None and not widget.can_focus:
            return False
        if widget is self._current:
            return False
        if self._current is not None:
            self._current.focused = False
        self._current = widget
        if widget is not None:
            widget.focused = True
        return True

    def move(self, step: int) -> bool:
        """Focus the next (+1) or previous (-1) focusable widget, wrapping around."""
        candidates = [w for w in self.widgets if w.can_focus]
        if not candidates:
            return self.focus(None)
        if self._current in candidates:
            index = (candidates.index(self._current) + step) % len(candidates)
        else:
            index = 0 if step > 0 else len(candidates) - 1
        return self.focus(candidates[index])

    def repair(self) -> bool:
        """If the focused widget can no longer take focus (disabled or hidden), move focus
        to the next one that can, so the ring never rests on a dead control."""
        widget = self._current
        if widget is None or widget.can_focus:
            return False
        after = self.widgets[self.widgets.index(widget) + 1 :] if widget in self.widgets else []
        before = self.widgets[: self.widgets.index(widget)] if widget in self.widgets else []
        for w in [*after, *before]:
            if w.can_focus:
                return self.focus(w)
        return self.focus(None)
