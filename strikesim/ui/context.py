"""The shared, live look-and-feel handed to every screen and widget.

:class:`UIContext` holds the theme with the active palette, the pygame fonts at the current
scale, the key bindings, the player's settings and the window size. The app updates it in
place when the window is resized or settings change and then asks each screen to lay out again,
so screens keep one reference for their whole life. It also caches rendered text, which keeps
frame times low (the same labels are drawn every frame).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from strikesim.ui.keymap import Keymap
from strikesim.ui.settings import Settings
from strikesim.ui.theme import RGBA, Palette, Theme

if TYPE_CHECKING:
    from strikesim.ui.screen import Screen
    from strikesim.ui.transitions import Transition

ScreenFactory = Callable[["UIContext"], "Screen"]
_TEXT_CACHE_SIZE = 1500


def auto_scale(size: tuple[int, int], design: tuple[int, int]) -> float:
    """Scale from window size alone: 1.0 at the design size, damped so big windows show more."""
    ratio = min(size[0] / design[0], size[1] / design[1])
    return float(max(0.7, min(3.0, ratio)) ** 0.75)


@dataclass
class UIContext:
    """Theme, fonts, keymap, settings and window size as currently in force."""

    theme: Theme
    keymap: Keymap
    settings: Settings
    size: tuple[int, int]
    routes: Mapping[str, ScreenFactory] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    settings_file: Path | None = None
    group: str = ""
    """The group's name for this class session (asked once per run of the game when a
    class folder is set, stored in each game's record)."""
    scale: float = 1.0
    palette: Palette = field(init=False)
    _fonts: dict[tuple[str, int], pygame.font.Font] = field(default_factory=dict, repr=False)
    _text: OrderedDict[tuple[object, ...], pygame.Surface] = field(
        default_factory=OrderedDict, repr=False
    )

    def __post_init__(self) -> None:
        self.configure(self.settings, self.size)

    def configure(self, settings: Settings, size: tuple[int, int]) -> None:
        """Adopt new settings / window size; recomputes scale and palette, drops caches."""
        self.settings = settings
        self.size = (max(1, size[0]), max(1, size[1]))
        scale = settings.ui_scale * auto_scale(self.size, self.theme.design_size)
        if abs(scale - self.scale) > 1e-9:
            self._fonts.clear()
        self.scale = scale
        self.palette = self.theme.palette(settings.colourblind_palette)
        self._text.clear()

    # --- measures -------------------------------------------------------------------
    def px(self, design_px: float) -> int:
        """Design pixels -> screen pixels at the current scale (at least 1 for non-zero)."""
        value = round(design_px * self.scale)
        return max(1, value) if design_px > 0 else value

    def space(self, name: str) -> int:
        """Spacing step (``xs`` … ``xxxl``) in screen pixels."""
        return self.px(self.theme.spacing[name])

    def radius(self, name: str = "md") -> int:
        return self.px(self.theme.radius[name])

    def colour(self, name: str) -> RGBA:
        return self.palette[name]

    @property
    def reduced_motion(self) -> bool:
        return self.settings.reduced_motion

    def motion_ms(self, name: str) -> int:
        """Duration of a named animation, 0 under reduced motion (never above 250 ms)."""
        if self.settings.reduced_motion:
            return 0
        return min(250, self.theme.motion_ms.get(name, 200))

    # --- type -----------------------------------------------------------------------
    def font(self, role: str) -> pygame.font.Font:
        """The font for a type-scale role (``body``, ``h1`` …) at the current scale."""
        style = self.theme.type_scale[role]
        size = max(8, self.px(style.size))
        key = (role, size)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(self.theme.font_files[style.font], size)
            self._fonts[key] = font
        return font

    def text(self, role: str, text: str, colour: RGBA | str) -> pygame.Surface:
        """Rendered, cached text in ``role``; ``colour`` is RGBA or a palette name."""
        rgba = self.colour(colour) if isinstance(colour, str) else colour
        key = (role, text, rgba, self.scale)
        surf = self._text.get(key)
        if surf is not None:
            self._text.move_to_end(key)
            return surf
        surf = self.font(role).render(text, True, rgba)
        if rgba[3] < 255:
            surf.set_alpha(rgba[3])
        self._text[key] = surf
        if len(self._text) > _TEXT_CACHE_SIZE:
            self._text.popitem(last=False)
        return surf

    def route(self, name: str) -> Transition | None:
        """A Push to a screen registered under ``name`` by the game (None if not available)."""
        from strikesim.ui.transitions import Push

        factory = self.routes.get(name)
        return Push(factory(self)) if factory is not None else None

    def has_route(self, name: str) -> bool:
        return name in self.routes
