"""How a chart tells its series apart without relying on colour: a dash pattern and a
marker shape per series index, and text colours for series names that read on the stage."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.theme import RGBA


def resolve_colour(ctx: UIContext, name: str) -> RGBA:
    if name.startswith("series:"):
        series = ctx.palette.series
        return series[int(name.split(":", 1)[1]) % len(series)]
    return ctx.colour(name)


def _dashed(
    surface: pygame.Surface, colour: RGBA, pts: list[tuple[float, float]], width: int, dash: int
) -> None:
    on, carry = True, 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        seg = math.hypot(x1 - x0, y1 - y0)
        if not math.isfinite(seg) or dash <= 0:
            continue
        pos = 0.0
        while pos < seg:
            step = min(dash - carry, seg - pos)
            if on:
                a, b = pos / seg, (pos + step) / seg
                pygame.draw.line(
                    surface,
                    colour,
                    (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                    (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
                    width,
                )
            pos += step
            carry += step
            if carry >= dash:
                carry, on = 0.0, not on


DASHES = (0, 9, 3, 14, 0, 5, 2, 11)
"""Dash length per series index (0 = solid), so lines differ by more than colour."""
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle_down", "plus", "bar")
"""Marker shape per series index."""


def draw_line(
    surface: pygame.Surface,
    ctx: UIContext,
    colour: RGBA,
    run: Sequence[tuple[float, float]],
    width: int,
    index: int,
    dashed: bool = False,
) -> None:
    """A series' line in its own dash pattern (``dashed`` forces a dash on a solid one)."""
    pts = list(run)
    if len(pts) == 1:
        pygame.draw.circle(surface, colour, pts[0], width + 1)
        return
    dash = DASHES[index % len(DASHES)] or (7 if dashed else 0)
    if dash:
        _dashed(surface, colour, pts, width, ctx.px(dash))
    elif width == 1:
        pygame.draw.aalines(surface, colour, False, pts)
    else:
        pygame.draw.lines(surface, colour, False, pts, width)


def draw_marker(
    surface: pygame.Surface, colour: RGBA, at: tuple[float, float], r: int, index: int
) -> None:
    """The series' marker shape centred on ``at``."""
    x, y = round(at[0]), round(at[1])
    shape = MARKERS[index % len(MARKERS)]
    if shape == "circle":
        pygame.draw.circle(surface, colour, (x, y), r)
    elif shape == "square":
        pygame.draw.rect(surface, colour, pygame.Rect(x - r, y - r, 2 * r, 2 * r))
    elif shape == "triangle":
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)]
        )
    elif shape == "triangle_down":
        pygame.draw.polygon(
            surface, colour, [(x, y + r + 1), (x - r - 1, y - r), (x + r + 1, y - r)]
        )
    elif shape == "diamond":
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
        )
    elif shape == "cross":
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), 2)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), 2)
    elif shape == "plus":
        pygame.draw.line(surface, colour, (x - r, y), (x + r, y), 2)
        pygame.draw.line(surface, colour, (x, y - r), (x, y + r), 2)
    else:
        pygame.draw.rect(surface, colour, pygame.Rect(x - r, y - 1, 2 * r, 3))


def label_colour(ctx: UIContext, name: str) -> RGBA:
    """Text colour for a series' name: the identity colours' lighter text variant, any
    other series colour lightened until it reads at 4.5:1 on the panels."""
    if name in ("union", "studio"):
        return ctx.colour(f"{name}_text")
    return readable(resolve_colour(ctx, name), ctx.colour("surface_alt"), ctx.colour("text"))


def readable(colour: RGBA, background: RGBA, towards: RGBA, ratio: float = 4.5) -> RGBA:
    """``colour`` mixed towards ``towards`` just enough for ``ratio`` contrast on
    ``background`` (unchanged when it already has it)."""
    from strikesim.ui.colour_check import contrast
    from strikesim.ui.draw import mix

    for step in range(21):
        c = mix(colour, towards, step / 20)
        if contrast(c, background) >= ratio:
            return c
    return towards
