"""Two small input widgets for the pre-game screens: a stepper and a one-line text field.

:class:`TextEntryScreen` is the base of screens that hold text fields.

``Stepper`` picks one of many options (too many for a segmented picker) with ◀ ▶ arrows:
Left/Right while focused, a click on an arrow, or the mouse wheel. ``TextField`` edits one
line of text: it takes ``TEXTINPUT`` events while focused (the screen forwards them, see
:func:`forward_text`), Backspace/Delete erase, Enter calls ``on_submit``, and an
optional ``allowed`` filter (e.g. digits for a seed) and length cap keep input valid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, focus_ring, panel
from strikesim.ui.screen import Screen
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.base import EventResult, Widget, event_pos, is_left_button
from strikesim.ui.widgets.choice import Choice


def box_focus(widget: Widget, surface: pygame.Surface, box: pygame.Rect) -> None:
    """The focus ring around a field's box only (its label sits above, outside the ring)."""
    if widget.focused and widget.visible:
        ctx = widget.ctx
        width = max(2, ctx.px(ctx.theme.line["focus"] * 0.75))
        focus_ring(surface, box, ctx.colour("focus"), width, ctx.radius("md"))


def draw_label(
    widget: Widget, label: str, surface: pygame.Surface, width: int | None = None
) -> None:
    """A field's label in its top-left corner, in smaller type when it would not fit
    ``width`` (the field's own by default; cut only when even that is too wide)."""
    ctx = widget.ctx
    room = max(widget.rect.width, width or 0)
    role = "label" if ctx.font("label").size(label)[0] <= room else "small"
    text = ellipsize(ctx.font(role), label, room)
    surface.blit(ctx.text(role, text, "text_muted"), widget.rect.topleft)


class Stepper(Choice):
    """``label`` above a box showing ``options[index]`` between two arrows; steps wrap."""

    kind = "stepper"

    def preferred_height(self) -> int:
        ctx = self.ctx
        return ctx.font("label").get_linesize() + ctx.space("xs") + self._box_height()

    def _box_height(self) -> int:
        return self.ctx.font("body_strong").get_linesize() + 2 * self.ctx.space("sm")

    def box(self) -> pygame.Rect:
        h = self._box_height()
        return pygame.Rect(self.rect.x, self.rect.bottom - h, self.rect.width, h)

    def arrows(self) -> tuple[pygame.Rect, pygame.Rect]:
        box = self.box()
        w = box.height
        return pygame.Rect(box.x, box.y, w, box.height), pygame.Rect(
            box.right - w, box.y, w, box.height
        )

    def fit(self, index: int) -> int:
        return index % len(self.options)

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if not self.enabled:
            return changed
        if event.type == pygame.MOUSEBUTTONDOWN and is_left_button(event):
            left, right = self.arrows()
            pos = event_pos(event)
            if pos is not None and left.collidepoint(pos):
                return self.select(self.index - 1) or True
            if pos is not None and right.collidepoint(pos):
                return self.select(self.index + 1) or True
        return self.wheel(event) or changed

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        draw_label(self, self.label, surface)
        box = self.box()
        active = (self.hovered or self.focused) and self.enabled
        fill = "surface_hover" if active else "surface_alt" if self.enabled else "surface"
        panel(
            surface,
            box,
            ctx.colour(fill),
            ctx.colour("border_strong" if active else "border"),
            ctx.radius("md"),
            1,
        )
        left, right = self.arrows()
        for rect, glyph in ((left, "◀"), (right, "▶")):
            arrow = ctx.text("small", glyph, "gold" if self.enabled else "text_disabled")
            blit_aligned(surface, arrow, rect)
        inner = box.inflate(-2 * left.width, 0)
        option = self.options[self.index]
        role = "body_strong" if ctx.font("body_strong").size(option)[0] <= inner.width else "label"
        text = ellipsize(ctx.font(role), option, inner.width)
        colour = "text" if self.enabled else "text_disabled"
        blit_aligned(surface, ctx.text(role, text, colour), inner)
        count = ctx.text("caption", f"{self.index + 1}/{len(self.options)}", "text_faint")
        surface.blit(count, (self.rect.right - count.get_width(), self.rect.y))
        box_focus(self, surface, box)


class TextField(Widget):
    """A labelled one-line text box; ``on_change(text)`` fires after every edit."""

    def __init__(
        self,
        ctx: UIContext,
        label: str,
        text: str = "",
        *,
        max_length: int = 40,
        allowed: Callable[[str], bool] | None = None,
        placeholder: str = "",
        on_change: Callable[[str], None] | None = None,
        on_submit: Callable[[], Transition | None] | None = None,
    ) -> None:
        super().__init__(ctx)
        self.label = label
        self.on_submit = on_submit
        self.max_length = max_length
        self.allowed = allowed
        self.placeholder = placeholder
        self.on_change = on_change
        self.text = text[:max_length]
        self._blink = 0.0
        self.label_width: int | None = None
        """Room for the label when it may run past the box (over a button beside it)."""

    def preferred_height(self) -> int:
        ctx = self.ctx
        box = ctx.font("body").get_linesize() + 2 * ctx.space("sm")
        return ctx.font("label").get_linesize() + ctx.space("xs") + box

    def box(self) -> pygame.Rect:
        h = self.ctx.font("body").get_linesize() + 2 * self.ctx.space("sm")
        return pygame.Rect(self.rect.x, self.rect.bottom - h, self.rect.width, h)

    def set_text(self, text: str) -> None:
        text = text[: self.max_length]
        self._blink = 0.0  # show the caret right after an edit
        if text != self.text:
            self.text = text
            if self.on_change is not None:
                self.on_change(text)

    def type_text(self, text: str) -> bool:
        """Insert typed characters that pass the filter; True when anything was added."""
        keep = "".join(
            ch for ch in text if ch.isprintable() and (self.allowed is None or self.allowed(ch))
        )
        room = self.max_length - len(self.text)
        if not keep or room <= 0:
            return False
        self.set_text(self.text + keep[:room])
        return True

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if not self.focused:
            return changed
        if event.type == pygame.TEXTINPUT:
            text = getattr(event, "text", "")
            return self.type_text(text) if isinstance(text, str) else changed
        if event.type == pygame.KEYDOWN and getattr(event, "key", None) in (
            pygame.K_BACKSPACE,
            pygame.K_DELETE,
        ):
            if not self.text:
                return changed
            ctrl = int(getattr(event, "mod", 0)) & pygame.KMOD_CTRL
            self.set_text("" if ctrl else self.text[:-1])
            return True
        return changed

    def handle_action(self, action: str) -> EventResult:
        """Enter submits; arrow keys stay in the field instead of moving focus."""
        if action == "activate":
            result = self.on_submit() if self.on_submit is not None else None
            return True if result is None else result
        return action in ("increase", "decrease", "increase_big", "decrease_big")

    def update(self, dt_ms: float) -> bool:
        if not self.focused or self.ctx.reduced_motion:
            return False
        before = int(self._blink // 530) % 2
        self._blink += dt_ms
        return before != int(self._blink // 530) % 2

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        draw_label(self, self.label, surface, self.label_width)
        box = self.box()
        panel(
            surface,
            box,
            ctx.colour("surface"),
            ctx.colour("gold" if self.focused else "border"),
            ctx.radius("md"),
            max(1, ctx.px(1)),
        )
        inner = box.inflate(-2 * ctx.space("md"), 0)
        font = ctx.font("body")
        if self.text:
            shown = self.text
            while shown and font.size(shown)[0] > inner.width - ctx.px(4):
                shown = shown[1:]
            img = ctx.text("body", shown, "text")
        else:
            img = ctx.text("body", ellipsize(font, self.placeholder, inner.width), "text_faint")
        r = blit_aligned(surface, img, inner, "left")
        caret_on = self.ctx.reduced_motion or int(self._blink // 530) % 2 == 0
        if self.focused and caret_on:
            x = r.right + ctx.px(1) if self.text else inner.x
            pygame.draw.line(
                surface,
                ctx.colour("gold_bright"),
                (x, inner.y + ctx.space("sm")),
                (x, inner.bottom - ctx.space("sm")),
                max(1, ctx.px(2)),
            )
        box_focus(self, surface, box)


def forward_text(fields: Sequence[TextField], event: pygame.event.Event) -> EventResult:
    """Give typing (``TEXTINPUT``, Backspace, Delete) to the focused field, if any.

    Screens call this before their normal key handling; False means "not typing".
    """
    if event.type == pygame.TEXTINPUT or (
        event.type == pygame.KEYDOWN
        and getattr(event, "key", None) in (pygame.K_BACKSPACE, pygame.K_DELETE)
    ):
        for f in fields:
            if f.focused and f.visible:
                f.handle_event(event)
                return True
    if event.type == pygame.KEYDOWN and getattr(event, "key", None) == pygame.K_SPACE:
        # the space arrives as TEXTINPUT too; it must not also press the field
        return any(f.focused and f.visible for f in fields)
    return False


class TextEntryScreen(Screen):
    """Base for screens with text fields: typing goes to the focused field, the platform's
    text input is switched on while the screen shows, and Escape closes the screen."""

    def text_fields(self) -> Sequence[TextField]:
        """The fields typing may go to (override)."""
        return ()

    def handle_event(self, event: pygame.event.Event) -> Transition | None:
        if forward_text(self.text_fields(), event):
            self.dirty = True
            return None
        return super().handle_event(event)

    def on_enter(self) -> None:
        super().on_enter()
        pygame.key.start_text_input()  # typing arrives as TEXTINPUT events

    def on_back(self) -> Transition | None:
        return Pop(None)
