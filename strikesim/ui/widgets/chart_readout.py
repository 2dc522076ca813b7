"""The readout a line chart shows at its cursor: a crosshair, each series' value (with its
10–90 % band) and, for the series nearest the pointer, what drove it."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from strikesim.ui.draw import blit_aligned, ellipsize, panel, with_alpha
from strikesim.ui.theme import RGBA
from strikesim.ui.widgets.chart_style import resolve_colour
from strikesim.units import compact

if TYPE_CHECKING:
    from strikesim.ui.widgets.chart import LineChart, Series


def draw_readout(
    chart: LineChart, surface: pygame.Surface, plot: pygame.Rect, ylo: float, yhi: float
) -> None:
    """The readout at ``chart.cursor`` inside ``plot`` (y axis from ``ylo`` to ``yhi``)."""
    ctx = chart.ctx
    i = chart.cursor
    assert i is not None
    sx, _ = chart.to_screen(plot, chart.xs[i], ylo, ylo, yhi)
    pygame.draw.line(
        surface, ctx.colour("text_faint"), (round(sx), plot.y), (round(sx), plot.bottom), 1
    )
    rows: list[tuple[str, RGBA]] = [
        (f"{chart.x_label} {chart.x_fmt(chart.xs[i])}", ctx.colour("text"))
    ]
    nearest: tuple[float, Series] | None = None
    for s in chart.series:
        y = s.ys[i]
        if not (isinstance(y, int | float) and math.isfinite(y)):
            continue
        _, sy = chart.to_screen(plot, chart.xs[i], float(y), ylo, yhi)
        colour = resolve_colour(ctx, s.colour)
        pygame.draw.circle(surface, colour, (round(sx), round(sy)), ctx.px(4))
        text = f"{s.label}: {compact(float(y), chart.y_unit)}"
        if s.band is not None and math.isfinite(s.band[0][i]) and math.isfinite(s.band[1][i]):
            text += (
                f"  ({compact(s.band[0][i], chart.y_unit)}–{compact(s.band[1][i], chart.y_unit)})"
            )
        rows.append((text, colour))
        dist = abs(sy - (chart.cursor_y if chart.cursor_y is not None else sy))
        if nearest is None or dist < nearest[0]:
            nearest = (dist, s)
    if chart.explain is not None and nearest is not None:
        reasons = list(chart.explain(nearest[1].id, i))[:5]
        if reasons:
            rows.append((f"What drove {nearest[1].label}:", ctx.colour("gold")))
            rows += [(f"  {r}", ctx.colour("text_muted")) for r in reasons]
    font = ctx.font("small")
    pad = ctx.space("sm")
    max_w = max(ctx.px(220), plot.width * 7 // 10)
    lines = [(ellipsize(font, t, max_w, "chart"), c) for t, c in rows]
    w = max(font.size(t)[0] for t, _ in lines) + 2 * pad
    lh = font.get_linesize()
    box = pygame.Rect(0, 0, w, lh * len(lines) + 2 * pad)
    box.top = plot.y + ctx.space("sm")
    box.left = round(sx) + ctx.space("md")
    if box.right > plot.right:
        box.right = round(sx) - ctx.space("md")
    box.left = max(chart.rect.x, box.left)
    panel(
        surface,
        box,
        with_alpha(ctx.colour("surface_alt"), 240),
        ctx.colour("border_strong"),
        ctx.radius("sm"),
        1,
    )
    for k, (t, c) in enumerate(lines):
        blit_aligned(
            surface,
            ctx.text("small", t, c),
            pygame.Rect(box.x + pad, box.y + pad + k * lh, w, lh),
            "left",
        )
