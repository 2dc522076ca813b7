"""Menu screens: a column of buttons, one per entry, each also reachable by its hotkey.

The title screen and the pause menu build their buttons the same way — the first entry is
the primary action, the rest are text-only, each shows the key bound to it in the screen's
``key_context`` — and treat a hotkey like a click on the (enabled) button.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from strikesim.ui.screen import Screen
from strikesim.ui.transitions import Transition
from strikesim.ui.widgets.button import Button


class MenuScreen(Screen):
    """Base for screens whose widgets are ``buttons``: entry key → button."""

    buttons: dict[str, Button]

    def make_menu(
        self,
        entries: Sequence[tuple[str, str]],
        enabled: Mapping[str, bool],
        role: str = "body_strong",
    ) -> None:
        """One button per (key, label) entry (enabled unless ``enabled`` says otherwise),
        focused from the first."""
        self.buttons = {
            key: Button(
                self.ctx,
                label,
                (lambda k=key: self.choose(k)),  # type: ignore[misc]
                variant="primary" if i == 0 else "ghost",
                hotkey=self.ctx.keymap.label(self.key_context, key),
                enabled=enabled.get(key, True),
                align="left",
                role=role,
            )
            for i, (key, label) in enumerate(entries)
        }
        self.set_widgets(list(self.buttons.values()), focus_first=True)

    def choose(self, key: str) -> Transition | None:
        """The entry ``key`` was picked (override)."""
        raise NotImplementedError

    def on_action(self, action: str) -> Transition | None:
        button = self.buttons.get(action)
        if button is None or not button.enabled:
            return None
        self.focus.focus(button)
        return self.choose(action)
