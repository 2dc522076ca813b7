"""Modal message / confirmation dialog that closes with a typed result.

``Dialog[T]`` shows a title, a wrapped message and one button per :class:`Choice`; picking a
choice returns ``Pop(choice.value)``, Escape returns ``Pop(cancel)``. Open it with
``Push(dialog, on_result=callback)``; the callback gets the value. Helpers: :func:`confirm`
(``bool``) and :func:`message` (``None``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import wrap_text
from strikesim.ui.screens.modal import ModalScreen
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button

T = TypeVar("T")


@dataclass(frozen=True)
class Choice(Generic[T]):
    """A dialog button: the ``value`` returned, its ``label``, look and keymap action."""

    value: T
    label: str
    variant: str = "secondary"
    key_action: str = ""


class Dialog(ModalScreen, Generic[T]):
    key_context = "dialog"
    title = "Dialog"

    def __init__(
        self,
        ctx: UIContext,
        heading: str,
        text: str,
        choices: Sequence[Choice[T]],
        cancel: T,
    ) -> None:
        if not choices:
            raise ValueError("a dialog needs at least one choice")
        super().__init__(ctx)
        self.heading_text = heading
        self.text = text
        self.choices = list(choices)
        self.cancel = cancel
        self.buttons = [
            Button(
                ctx,
                c.label,
                (lambda v=c.value: Pop(v)),  # type: ignore[misc]
                variant=c.variant,
                hotkey=ctx.keymap.label("dialog", c.key_action) if c.key_action else "",
            )
            for c in self.choices
        ]
        self.set_widgets(list(self.buttons))
        primary = next(
            (b for b in self.buttons if b.variant in ("primary", "danger")), self.buttons[0]
        )
        self.focus.focus(primary)

    def _lines(self, width: int) -> list[str]:
        return wrap_text(self.ctx.font("body"), self.text, width)

    def layout(self) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        width = min(ctx.size[0] - 2 * ctx.space("xl"), ctx.px(560))
        lines = self._lines(width - 2 * pad)
        body_h = len(lines) * ctx.font("body").get_linesize()
        button_h = self.buttons[0].preferred_height()
        height = (
            pad
            + ctx.font("h1").get_linesize()
            + ctx.space("md")
            + body_h
            + ctx.space("xl")
            + button_h
            + pad
        )
        self.panel_size = (round(width / ctx.scale), round(height / ctx.scale) + 1)
        super().layout()
        x = self.panel.right - pad
        for b in reversed(self.buttons):
            w = max(b.preferred_width(), ctx.px(110))
            b.rect = pygame.Rect(x - w, self.panel.bottom - pad - button_h, w, button_h)
            x -= w + ctx.space("md")

    def on_back(self) -> Transition | None:
        return Pop(self.cancel)

    def on_action(self, action: str) -> Transition | None:
        for c in self.choices:
            if c.key_action and c.key_action == action:
                return Pop(c.value)
        return None

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        y = self.heading(surface, self.heading_text)
        for line in self._lines(self.panel.width - 2 * pad):
            if line:
                surface.blit(ctx.text("body", line, "text_muted"), (self.panel.x + pad, y))
            y += ctx.font("body").get_linesize()


def confirm(
    ctx: UIContext,
    heading: str,
    text: str,
    *,
    yes: str = "Yes",
    no: str = "Cancel",
    danger: bool = False,
) -> Dialog[bool]:
    """A yes/no dialog returning True or False (Escape = False)."""
    return Dialog(
        ctx,
        heading,
        text,
        [
            Choice(False, no, "secondary", "no"),
            Choice(True, yes, "danger" if danger else "primary", "yes"),
        ],
        cancel=False,
    )


def message(ctx: UIContext, heading: str, text: str, *, ok: str = "OK") -> Dialog[None]:
    """An information dialog with one button, returning None."""
    return Dialog(ctx, heading, text, [Choice(None, ok, "primary")], cancel=None)
