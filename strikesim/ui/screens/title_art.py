"""The title screen's artwork, drawn from the theme: searchlights, a skyline, the marquee.

Pure drawing functions of (surface, rect, ctx, phase); ``phase`` advances the chasing marquee
bulbs and stays 0 under reduced motion. The skyline is seeded, so every frame matches.
"""

from __future__ import annotations

import random

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.draw import mix, panel, with_alpha


def searchlights(surface: pygame.Surface, ctx: UIContext) -> None:
    w, h = surface.get_size()
    layer = pygame.Surface((w, h), pygame.SRCALPHA)
    beam = with_alpha(ctx.colour("gold_bright"), 16)
    for base_x, top_x in ((0.22, -0.05), (0.78, 1.02), (0.35, 0.55)):
        bx, tx = base_x * w, top_x * w
        pygame.draw.polygon(
            layer,
            beam,
            [(bx - w * 0.015, h), (bx + w * 0.015, h), (tx + w * 0.09, 0), (tx - w * 0.05, 0)],
        )
    surface.blit(layer, (0, 0))


def skyline(surface: pygame.Surface, ctx: UIContext, height: int) -> None:
    """Flat building silhouettes along the bottom edge with a few lit windows."""
    w, h = surface.get_size()
    rng = random.Random(2023)
    body = mix(ctx.colour("bg_top"), (0, 0, 0, 255), 0.35)
    window_on = with_alpha(ctx.colour("gold"), 170)
    x = 0
    unit = max(4, ctx.px(6))
    while x < w:
        bw = rng.randint(5, 14) * unit
        bh = int(height * rng.uniform(0.35, 1.0))
        rect = pygame.Rect(x, h - bh, bw, bh)
        pygame.draw.rect(surface, body, rect)
        for wy in range(rect.y + unit, rect.bottom - unit, unit * 2):
            for wx in range(rect.x + unit, rect.right - unit, unit * 2):
                if rng.random() < 0.12:
                    pygame.draw.rect(
                        surface, window_on, (wx, wy, max(2, unit // 2), max(2, unit // 2))
                    )
        x += bw + rng.randint(0, 2) * unit


def marquee(surface: pygame.Surface, rect: pygame.Rect, ctx: UIContext, phase: int) -> None:
    """A marquee board: dark panel, double gold frame, chasing bulbs, the game's name."""
    panel(surface, rect.move(0, ctx.px(8)), (0, 0, 0, 110), None, ctx.radius("lg"))
    panel(
        surface,
        rect,
        ctx.colour("surface"),
        ctx.colour("gold_dim"),
        ctx.radius("lg"),
        max(2, ctx.px(3)),
    )
    inner = rect.inflate(-ctx.px(34), -ctx.px(34))
    pygame.draw.rect(surface, ctx.colour("gold_dim"), inner, max(1, ctx.px(1)), ctx.radius("sm"))
    spacing = ctx.px(22)
    track = rect.inflate(-ctx.px(17), -ctx.px(17))
    bulbs: list[tuple[int, int]] = []
    for x in range(track.left, track.right + 1, spacing):
        bulbs.append((x, track.top))
    for y in range(track.top + spacing, track.bottom + 1, spacing):
        bulbs.append((track.right, y))
    for x in range(track.right - spacing, track.left - 1, -spacing):
        bulbs.append((x, track.bottom))
    for y in range(track.bottom - spacing, track.top, -spacing):
        bulbs.append((track.left, y))
    r = max(2, ctx.px(3.5))
    glow = pygame.Surface((r * 6, r * 6), pygame.SRCALPHA)
    pygame.draw.circle(glow, with_alpha(ctx.colour("gold_bright"), 40), (r * 3, r * 3), r * 3)
    for i, (bx, by) in enumerate(bulbs):
        lit = (i + phase) % 3 != 0
        if lit:
            surface.blit(glow, (bx - r * 3, by - r * 3))
        pygame.draw.circle(surface, ctx.colour("gold_bright" if lit else "gold_dim"), (bx, by), r)
    title = ctx.text("display", "STRIKESIM", "gold")
    tag = ctx.text("body", "The fight over AI in film and television", "text_muted")
    eyebrow = ctx.text("caption", "NOW SHOWING  ·  A NEGOTIATION GAME", "gold_dim")
    total = eyebrow.get_height() + title.get_height() + tag.get_height() + ctx.space("sm")
    y = inner.centery - total // 2
    surface.blit(eyebrow, (inner.centerx - eyebrow.get_width() // 2, y))
    y += eyebrow.get_height() + ctx.space("xs")
    surface.blit(title, (inner.centerx - title.get_width() // 2, y + ctx.px(6)))
    y += title.get_height()
    surface.blit(tag, (inner.centerx - tag.get_width() // 2, y))
