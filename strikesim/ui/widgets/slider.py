"""Slider for a numeric range issue (min…max in steps), with markers for reference values.

Mouse: click or drag on the track; wheel nudges one step. Keys while focused: ``increase`` /
``decrease`` one step, ``increase_big`` / ``decrease_big`` a tenth of the range. Markers show
e.g. the other side's standing offer or the old contract on the track in their side's colour.
``on_change(value)`` fires whenever the value actually changes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, panel, wrap_text
from strikesim.ui.widgets.base import EventResult, Widget, event_pos, is_left_button


@dataclass(frozen=True)
class Marker:
    """A reference position: ``value`` (number for sliders, option index for pickers)."""

    value: float
    label: str
    colour: str = "neutral"


def default_format(value: float) -> str:
    return f"{value:g}"


class Slider(Widget):
    def __init__(
        self,
        ctx: UIContext,
        label: str,
        minimum: float,
        maximum: float,
        value: float,
        *,
        step: float = 1.0,
        unit: str = "",
        on_change: Callable[[float], None] | None = None,
        fmt: Callable[[float], str] = default_format,
        markers: tuple[Marker, ...] = (),
        accent: str = "gold",
        enabled: bool = True,
    ) -> None:
        if not maximum > minimum or step <= 0:
            raise ValueError(f"slider {label!r}: need min < max and step > 0")
        super().__init__(ctx, enabled=enabled)
        self.label = label
        self.minimum = float(minimum)
        self.maximum = float(maximum)
        self.step = float(step)
        self.unit = unit
        self.on_change = on_change
        self.fmt = fmt
        self.markers = markers
        self.accent = accent
        self.dragging = False
        self.value = self.snap(value)
        self.note = ""
        """A line under the control (e.g. the other side's offer), wrapped, never cut."""
        self.note_colour = "text_muted"

    # --- value ------------------------------------------------------------------------
    def snap(self, value: float) -> float:
        """Clamp to [min, max] and round to the nearest step from min."""
        if not math.isfinite(value):
            value = self.minimum
        value = min(self.maximum, max(self.minimum, value))
        steps = round((value - self.minimum) / self.step)
        return min(self.maximum, round(self.minimum + steps * self.step, 10))

    def set_value(self, value: float) -> bool:
        new = self.snap(value)
        if new == self.value:
            return False
        self.value = new
        if self.on_change is not None:
            self.on_change(new)
        return True

    # --- geometry ---------------------------------------------------------------------
    def preferred_height(self) -> int:
        ctx = self.ctx
        return ctx.font("label").get_linesize() + ctx.px(34) + ctx.font("small").get_linesize()

    def _widest_value(self) -> int:
        font = self.ctx.font("body_strong")
        old = self.value
        widths = []
        for v in (self.minimum, self.maximum, self.value):
            self.value = v
            widths.append(font.size(self.value_text())[0])
        self.value = old
        return max(widths)

    def _label_lines(self, width: int) -> list[str]:
        """The label on the value's line when both fit, else wrapped above it."""
        ctx = self.ctx
        if ctx.font("label").size(self.label)[0] + ctx.space("md") + self._widest_value() <= width:
            return [self.label]
        return [*wrap_text(ctx.font("label"), self.label, width, "option"), ""]

    def _head_height(self) -> int:
        return len(self._label_lines(self.rect.width)) * self.ctx.font("label").get_linesize()

    def _note_lines(self, width: int) -> list[str]:
        return wrap_text(self.ctx.font("small"), self.note, width) if self.note else []

    def height_for(self, width: int) -> int:
        """Height that shows the label, value, track, end labels and note whole."""
        ctx = self.ctx
        h = len(self._label_lines(width)) * ctx.font("label").get_linesize()
        h += ctx.px(34) + ctx.font("small").get_linesize()
        notes = self._note_lines(width)
        if notes:
            h += len(notes) * ctx.font("small").get_linesize() + ctx.px(4)
        return h

    def track_rect(self) -> pygame.Rect:
        ctx = self.ctx
        knob = ctx.px(9)
        top = self.rect.y + self._head_height() + ctx.px(22)
        return pygame.Rect(self.rect.x + knob, top, max(1, self.rect.width - 2 * knob), ctx.px(4))

    def x_of(self, value: float) -> int:
        track = self.track_rect()
        frac = (value - self.minimum) / (self.maximum - self.minimum)
        return track.x + round(frac * track.width)

    def value_at(self, x: int) -> float:
        track = self.track_rect()
        frac = (x - track.x) / track.width
        return self.minimum + frac * (self.maximum - self.minimum)

    # --- input ------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if not self.enabled:
            return changed
        pos = event_pos(event)
        if event.type == pygame.MOUSEBUTTONDOWN and is_left_button(event) and self.contains(pos):
            self.dragging = True
            assert pos is not None
            self.set_value(self.value_at(pos[0]))
            return True
        if event.type == pygame.MOUSEMOTION and self.dragging and pos is not None:
            return self.set_value(self.value_at(pos[0])) or changed
        if event.type == pygame.MOUSEBUTTONUP and is_left_button(event) and self.dragging:
            self.dragging = False
            return True
        if event.type == pygame.MOUSEWHEEL and self.hovered:
            dy = getattr(event, "y", 0)
            if isinstance(dy, int | float) and dy:
                return self.set_value(self.value + (self.step if dy > 0 else -self.step)) or True
        return changed

    def handle_action(self, action: str) -> EventResult:
        big = max(self.step, self.step * round((self.maximum - self.minimum) / self.step / 10))
        delta = {
            "increase": self.step,
            "decrease": -self.step,
            "increase_big": big,
            "decrease_big": -big,
        }
        if action not in delta:
            return False
        self.set_value(self.value + delta[action])
        return True

    # --- drawing ----------------------------------------------------------------------
    def value_text(self) -> str:
        text = self.fmt(self.value)
        return f"{text} {self.unit}".strip() if self.unit and self.unit != "%" else text + self.unit

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        lh = ctx.font("label").get_linesize()
        lines = self._label_lines(self.rect.width)
        for k, line in enumerate(lines):
            head = pygame.Rect(self.rect.x, self.rect.y + k * lh, self.rect.width, lh)
            blit_aligned(surface, ctx.text("label", line, "text_muted"), head, "left")
        value_img = ctx.text(
            "body_strong", self.value_text(), self.accent if self.enabled else "text_disabled"
        )
        blit_aligned(surface, value_img, head, "right")
        track = self.track_rect()
        panel(surface, track, ctx.colour("border"), None, track.height // 2)
        x = self.x_of(self.value)
        filled = pygame.Rect(track.x, track.y, max(0, x - track.x), track.height)
        accent = ctx.colour(self.accent if self.enabled else "text_disabled")
        panel(surface, filled, accent, None, track.height // 2)
        for m in self.markers:
            mx = self.x_of(min(self.maximum, max(self.minimum, m.value)))
            col = ctx.colour(m.colour)
            tip = (mx, track.y - ctx.px(3))
            size = ctx.px(6)
            pygame.draw.polygon(
                surface, col, [tip, (mx - size, tip[1] - size - 2), (mx + size, tip[1] - size - 2)]
            )
        knob_r = ctx.px(9 if (self.hovered or self.dragging or self.focused) else 8)
        pygame.draw.circle(surface, accent, (x, track.centery), knob_r)
        pygame.draw.circle(surface, ctx.colour("bg_top"), (x, track.centery), max(2, knob_r // 3))
        lo = ctx.text("small", self.fmt(self.minimum), "text_faint")
        hi = ctx.text("small", self.fmt(self.maximum), "text_faint")
        y = track.bottom + ctx.px(6)
        ends_fit = lo.get_width() + hi.get_width() + ctx.space("md") <= track.width + ctx.px(18)
        if ends_fit:
            surface.blit(lo, (track.x - ctx.px(9), y))
            surface.blit(hi, (track.right + ctx.px(9) - hi.get_width(), y))
        if self.markers and ends_fit:
            legend_x = track.x - ctx.px(9) + lo.get_width() + ctx.space("lg")
            right_limit = track.right + ctx.px(9) - hi.get_width() - ctx.space("lg")
            for m in self.markers:
                img = ctx.text("small", f"▼ {m.label}", m.colour)
                if legend_x + img.get_width() > right_limit:
                    break
                surface.blit(img, (legend_x, y))
                legend_x += img.get_width() + ctx.space("md")
        if self.note:
            y += ctx.font("small").get_linesize() + ctx.px(4)
            for line in self._note_lines(self.rect.width):
                surface.blit(ctx.text("small", line, self.note_colour), (self.rect.x, y))
                y += ctx.font("small").get_linesize()
        self.draw_focus(surface)
