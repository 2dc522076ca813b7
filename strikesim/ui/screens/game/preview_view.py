"""Drawing of the offer preview panel: the acceptance chance and small 8-week band charts."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from strikesim.narrate import possessive
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.screens.game.effects_text import display_unit, y_range_for
from strikesim.ui.screens.game.preview import OfferPreview, PreviewResult
from strikesim.ui.widgets.chart import LineChart, Series

Section = Callable[[pygame.Surface, pygame.Rect, str, str], int]

STANDING_NOTE = 0.05
"""Say that they may take the player's standing offer this week from this chance on."""
_CHARTS: dict[tuple[object, ...], list[LineChart]] = {}


def _charts(ctx: UIContext, result: PreviewResult, area: pygame.Rect, week: int) -> list[LineChart]:
    """Small band charts for up to four spreads, laid out two by two in ``area``."""
    key = (id(result), week, tuple(area), ctx.scale)
    hit = _CHARTS.get(key)
    if hit is not None:
        return hit
    gap = ctx.space("md")
    rows = 2 if area.height >= 2 * ctx.px(150) + gap else 1
    spreads = result.spreads[: 2 * rows]
    cols = 2 if len(spreads) > 1 else 1
    rows = (len(spreads) + cols - 1) // cols
    cw = (area.width - gap * (cols - 1)) // cols
    ch = (area.height - gap * (rows - 1)) // max(1, rows)
    charts = []
    for k, sp in enumerate(spreads):
        n = len(sp.median)
        xs = [result.first_week + i for i in range(n)]
        scale, y_unit, shown = display_unit(sp.unit)
        band = ([v * scale for v in sp.low], [v * scale for v in sp.high])
        chart = LineChart(
            ctx, xs,
            [Series(sp.id, "", [v * scale for v in sp.median], f"series:{k + 2}", band=band)],
            title=f"{sp.label} ({shown})" if shown else sp.label, x_label="Week", y_unit=y_unit,
            y_range=y_range_for([*band[0], *band[1], *(v * scale for v in sp.median)], y_unit),
        )  # fmt: skip
        chart.focusable = False
        chart.rect = pygame.Rect(
            area.x + (k % cols) * (cw + gap), area.y + (k // cols) * (ch + gap), cw, ch
        )
        charts.append(chart)
    if len(_CHARTS) > 16:
        _CHARTS.clear()
    _CHARTS[key] = charts
    return charts


_IMAGES: dict[tuple[object, ...], pygame.Surface] = {}


def _chart_image(
    ctx: UIContext, result: PreviewResult, area: pygame.Rect, week: int
) -> pygame.Surface:
    """The small charts drawn once per result into a transparent layer (they do not react
    to the pointer, so there is no need to redraw them every frame)."""
    key = (id(result), week, area.size, ctx.scale, ctx.palette.name)
    image = _IMAGES.get(key)
    if image is None:
        image = pygame.Surface(area.size, pygame.SRCALPHA)
        local = pygame.Rect((0, 0), area.size)
        for chart in _charts(ctx, result, local, week):
            chart.draw(image)
        if len(_IMAGES) > 16:
            _IMAGES.clear()
        _IMAGES[key] = image
    return image


def _draw_spread_lines(
    surface: pygame.Surface, ctx: UIContext, result: PreviewResult, area: pygame.Rect
) -> None:
    """The spreads as one line each, when there is no room for charts."""
    from strikesim.units import compact

    font = ctx.font("small")
    y = area.y
    for sp in result.spreads:
        if y + font.get_linesize() > area.bottom:
            break
        scale, y_unit, _shown = display_unit(sp.unit)
        unit = y_unit or sp.unit
        now, later, lo, hi = (
            compact(v * scale, unit) for v in (sp.median[0], sp.median[-1], sp.low[-1], sp.high[-1])
        )
        text = f"{sp.label}: {now} → {later}"
        if lo != hi:  # the range names its unit once, at its end
            text += f" (10–90 %: {lo.removesuffix(' ' + unit)}–{hi})"
        lines = wrap_text(font, text, area.width)
        if y + len(lines) * font.get_linesize() > area.bottom:
            lines = [ellipsize(font, text, area.width)]
        for line in lines:
            surface.blit(ctx.text("small", line, "text"), (area.x, y))
            y += font.get_linesize()


def draw_preview(
    surface: pygame.Surface,
    ctx: UIContext,
    rect: pygame.Rect,
    play: GamePlay,
    preview: OfferPreview,
    section: Section,
) -> None:
    """The preview panel in ``rect``."""
    title = (
        f"Preview · {possessive(play.name(play.other))} answer and the next 8 weeks"
        if preview.forecast
        else "Preview · your next 8 weeks"
    )
    y = section(surface, rect, title, "text_muted")
    pad = ctx.space("lg")
    x = rect.x + pad
    width = rect.width - 2 * pad
    result = preview.current()
    small = ctx.font("small")
    if not preview.available:
        for line in wrap_text(
            small, "The forecast of the other side's answer is not available in this build.", width
        ):
            surface.blit(ctx.text("small", line, "text_faint"), (x, y))
            y += small.get_linesize()
        return
    if preview.error:
        surface.blit(ctx.text("small", ellipsize(small, preview.error, width), "warning"), (x, y))
        return
    if result is None:
        surface.blit(ctx.text("small", "Simulating 200 continuations…", "text_faint"), (x, y))
        return
    if result.forecast:
        y = _draw_estimate(surface, ctx, play, result, x, y, width)
        caption = f"YOUR SIDE · MEDIAN AND 10–90 % OF {result.runs} SIMULATED CONTINUATIONS"
    else:
        for line in wrap_text(small, hot_seat_note(play), width)[:2]:
            surface.blit(ctx.text("small", line, "text_muted"), (x, y))
            y += small.get_linesize()
        y += ctx.space("xs")
        caption = f"YOUR SIDE IF THEY HOLD · MEDIAN AND 10–90 % OF {result.runs} CONTINUATIONS"
    for line in wrap_text(ctx.font("caption"), caption, width):
        surface.blit(ctx.text("caption", line, "text_faint"), (x, y))
        y += ctx.font("caption").get_linesize()
    y += ctx.space("xs")
    area = pygame.Rect(x, y, width, rect.bottom - pad - y)
    if not result.spreads:
        return
    if area.height < ctx.px(140):
        _draw_spread_lines(surface, ctx, result, area)
        return
    surface.blit(_chart_image(ctx, result, area, play.session.week), area.topleft)


def hot_seat_note(play: GamePlay) -> str:
    """Why a hot seat shows no forecast of the other side's answer."""
    return (
        f"No forecast of {possessive(play.name(play.other))} answer: a person plays that side "
        "at this table, and their choice is theirs to make."
    )


def estimate_text(play: GamePlay, result: PreviewResult) -> str:
    """The lines under the estimate: where it comes from, its band and the deal chance."""
    text = (
        "Estimate from what they have done so far"
        if result.evidence_weeks > 0
        else "Estimate from the kinds of negotiator they might be"
    )
    if result.accept_band is not None:
        lo, hi = (round(v * 100) for v in result.accept_band)
        text += f", likely {lo}–{hi} %." if lo != hi else "."
    else:
        text += "."
    if result.standing_chance is not None and result.standing_chance >= STANDING_NOTE:
        text += (
            f" They may take your standing offer this week (about"
            f" {result.standing_chance * 100:.0f} %), before they see this one."
        )
    if result.deal_chance is not None:
        text += f" A deal within 8 weeks: about {result.deal_chance * 100:.0f} %."
    return text


def _draw_estimate(
    surface: pygame.Surface,
    ctx: UIContext,
    play: GamePlay,
    result: PreviewResult,
    x: int,
    y: int,
    width: int,
) -> int:
    """The estimated chance they accept, labelled as an estimate with its band; returns the
    y below it."""
    small = ctx.font("small")
    chance = result.accept_chance or 0.0
    pct = ctx.text("h1", f"≈{chance * 100:.0f}%", play.other_key)
    surface.blit(pct, (x, y))
    label = f"estimated chance {play.name(play.other)} accepts next week"
    cap = ctx.text(
        "small", ellipsize(small, label, width - pct.get_width() - ctx.space("md")), "text_muted"
    )
    surface.blit(
        cap,
        (
            x + pct.get_width() + ctx.space("md"),
            y + pct.get_height() - cap.get_height() - ctx.px(4),
        ),
    )
    y += pct.get_height() + ctx.space("xs")
    lines = wrap_text(small, estimate_text(play, result), width)
    if len(lines) > 3:
        lines = [*lines[:2], ellipsize(small, " ".join(lines[2:]), width)]
    for line in lines:
        surface.blit(ctx.text("small", line, "text_muted"), (x, y))
        y += small.get_linesize()
    return y + ctx.space("xs")
