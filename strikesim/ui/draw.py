"""Small drawing helpers shared by widgets and screens (rounded panels, text layout, rings).

All functions draw onto a given surface and hold no state except a tiny gradient cache.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from strikesim.ui.audit import elided
from strikesim.ui.theme import RGBA


def with_alpha(colour: RGBA, alpha: int) -> RGBA:
    return (colour[0], colour[1], colour[2], max(0, min(255, alpha)))


def mix(a: RGBA, b: RGBA, t: float) -> RGBA:
    """Linear blend ``a`` -> ``b`` by ``t`` in [0, 1]."""
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
        round(a[3] + (b[3] - a[3]) * t),
    )


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: RGBA | None,
    border: RGBA | None = None,
    radius: int = 0,
    width: int = 1,
) -> None:
    """Rounded rectangle with optional translucent fill and border."""
    if rect.width <= 0 or rect.height <= 0:
        return
    if fill is not None:
        if fill[3] < 255:
            layer = pygame.Surface(rect.size, pygame.SRCALPHA)
            pygame.draw.rect(layer, fill, layer.get_rect(), border_radius=radius)
            surface.blit(layer, rect.topleft)
        else:
            pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None and width > 0:
        pygame.draw.rect(surface, border, rect, width=width, border_radius=radius)


def focus_ring(
    surface: pygame.Surface, rect: pygame.Rect, colour: RGBA, width: int, radius: int
) -> None:
    """The visible keyboard-focus outline, drawn just outside ``rect``."""
    gap = max(2, width)
    ring = rect.inflate(2 * gap + 2 * width, 2 * gap + 2 * width)
    pygame.draw.rect(surface, colour, ring, width=width, border_radius=radius + gap + width)


@lru_cache(maxsize=16)
def _gradient(size: tuple[int, int], top: RGBA, bottom: RGBA) -> pygame.Surface:
    strip = pygame.Surface((1, 2))
    strip.set_at((0, 0), top)
    strip.set_at((0, 1), bottom)
    return pygame.transform.smoothscale(strip, (max(1, size[0]), max(2, size[1])))


def vertical_gradient(surface: pygame.Surface, rect: pygame.Rect, top: RGBA, bottom: RGBA) -> None:
    surface.blit(_gradient(rect.size, top, bottom), rect.topleft)


def blit_aligned(
    surface: pygame.Surface, image: pygame.Surface, rect: pygame.Rect, align: str = "center"
) -> pygame.Rect:
    """Blit ``image`` inside ``rect``; ``align`` is one of ``left``/``center``/``right``
    (vertically centred) or ``topleft``. Returns the image's rect."""
    r = image.get_rect()
    if align == "left":
        r.midleft = rect.midleft
    elif align == "right":
        r.midright = rect.midright
    elif align == "topleft":
        r.topleft = rect.topleft
    else:
        r.center = rect.center
    surface.blit(image, r)
    return r


def wrap_text(font: pygame.font.Font, text: str, width: int, kind: str = "text") -> list[str]:
    """Greedy word wrap to ``width`` pixels; ``\\n`` starts a new paragraph (kept as '').
    A single word wider than the box is shortened (noted for the audit as ``kind``)."""
    lines: list[str] = []
    width = max(1, width)
    for para in text.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            trial = f"{line} {word}"
            if font.size(trial)[0] <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return [ellipsize(font, ln, width, kind) for ln in lines]


def ellipsize(font: pygame.font.Font, text: str, width: int, kind: str = "text") -> str:
    """Shorten ``text`` with '…' until it fits ``width`` pixels; every cut is noted for the
    legibility audit (:mod:`strikesim.ui.audit`) as ``kind``."""
    if font.size(text)[0] <= width:
        return text
    shown = _shorten(font, text, width)
    elided(kind, text, shown)
    return shown


def _shorten(font: pygame.font.Font, text: str, width: int) -> str:
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"
