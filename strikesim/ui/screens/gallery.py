"""Widget gallery: every widget on one screen with illustrative data, for visual review.

Used by ``python -m strikesim.ui.screenshot`` and the headless tests to exercise all widgets
together at real window sizes; not reachable from the game's menus.
"""

from __future__ import annotations

import math

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.screen import Screen
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.card import Card, CardInfo
from strikesim.ui.widgets.chart import LineChart, Series
from strikesim.ui.widgets.clipping import NewsClipping
from strikesim.ui.widgets.meter import Meter
from strikesim.ui.widgets.option_picker import OptionPicker
from strikesim.ui.widgets.slider import Marker, Slider
from strikesim.ui.widgets.text_block import TextBlock
from strikesim.ui.widgets.utility_plot import PlaneMarker, Trace, UtilityPlot


def _curve(n: int, start: float, drift: float, wobble: float) -> list[float]:
    return [start + drift * i + wobble * math.sin(i / 3.0) for i in range(n)]


class GalleryScreen(Screen):
    title = "Widget gallery"

    def __init__(self, ctx: UIContext) -> None:
        super().__init__(ctx)
        weeks = list(range(0, 25))
        fund = _curve(25, 20, -0.6, 0.4)
        support = [0.62 - 0.004 * i + 0.02 * math.sin(i / 4) for i in weeks]
        band = (
            [v - 0.02 - 0.003 * i for i, v in enumerate(support)],
            [v + 0.02 + 0.003 * i for i, v in enumerate(support)],
        )
        self.slider = Slider(
            ctx,
            "Minimum pay raise over 3 years",
            6,
            18,
            12,
            unit="%",
            markers=(Marker(9, "Studio offer", "studio"), Marker(6, "Old contract", "neutral")),
        )
        self.picker = OptionPicker(
            ctx,
            "AI and the writing credit",
            ["Meetings only", "Not literary material", "Consent + disclosure", "Full ban"],
            2,
            markers=(Marker(0, "Studio", "studio"),),
        )
        self.card = Card(
            ctx,
            CardInfo(
                "Writers' Strike 2023",
                "Spring 2023: the Writers Guild's contract expires as streaming reshapes pay "
                "and generative AI arrives in the writers' room.",
                eyebrow="History · Writers",
                chips=("Normal", "≈ 20 weeks"),
                sides=(("Writers Guild of America", "union"), ("AMPTP", "studio")),
                warnings=("opening offer outside the reservation",),
            ),
            lambda: None,
            selected=True,
        )
        self.clip = NewsClipping(
            ctx,
            "Directors reach early deal with studios",
            "The DGA ratifies a three-year contract with AI language, "
            "raising pressure on the writers.",
            dateline="Week 11 · June 3, 2023",
            category="Industry",
            favours="studio",
            badge="AMPTP",
        )
        self.text = TextBlock(
            ctx,
            "Each week you may change your offer, apply pressure and answer the other side. "
            "Hover a chart to see what drove a variable.",
            role="small",
            colour="text_muted",
        )
        self.meter = Meter(
            ctx, "Public support for the union", 0.64, colour="union", compare=0.6, threshold=0.5
        )
        self.chart = LineChart(
            ctx,
            weeks,
            [
                Series("fund", "Strike fund", fund, "union"),
                Series("cash", "Studio cash ÷ 100", _curve(25, 20, -0.3, 0.8), "studio"),
            ],
            title="Money",
            y_unit="$M",
            marker_x=6,
            marker_label="Strike",
            explain=lambda sid, i: [f"weekly spend −{0.6:.1f}", "donations +0.1"],
        )
        self.chart2 = LineChart(
            ctx,
            weeks,
            [Series("support", "Support", support, "union", band=band)],
            title="Public support",
            y_unit="share",
            y_range=(0.4, 0.8),
        )
        self.plot = UtilityPlot(
            ctx,
            cloud=[
                ((i * 37 % 100) / 100, (i * 61 % 100) / 100 * (1 - 0.5 * ((i * 37 % 100) / 100)))
                for i in range(300)
            ],
            frontier=[(x / 10, 1 - (x / 10) ** 1.6) for x in range(11)],
            traces=[
                Trace([(0.9, 0.2), (0.82, 0.35), (0.75, 0.45)], "Union offers", "union"),
                Trace([(0.2, 0.9), (0.35, 0.82), (0.5, 0.7)], "Studio offers", "studio"),
            ],
            markers=[
                PlaneMarker((0.62, 0.58), "Your deal", "gold", "star"),
                PlaneMarker((0.66, 0.5), "Nash", "text", "diamond"),
                PlaneMarker((0.6, 0.55), "KS", "text_muted", "diamond"),
                PlaneMarker((0.3, 0.4), "No deal", "negative"),
            ],
        )
        from strikesim.ui.screens.markdown_view import MarkdownView

        self.rich = MarkdownView(
            ctx,
            "## Your brief\n\nYou lead the Writers Guild. "
            "Members want **AI protections** first and a real raise second. "
            "The studios believe you cannot hold out past the autumn.\n\n"
            "Keep the strike fund above zero, keep solidarity above one half, and make sure "
            "any deal can win a ratification vote. Every week you can adjust your offer, "
            "apply pressure on the studios, or walk away from the table for a while.",
        )
        self.back = Button(ctx, "Back", lambda: Pop(None), hotkey="Esc")
        self.primary = Button(ctx, "Send offer", lambda: None, variant="primary")
        self.set_widgets(
            [
                self.slider,
                self.picker,
                self.card,
                self.chart,
                self.chart2,
                self.plot,
                self.clip,
                self.text,
                self.rich,
                self.meter,
                self.primary,
                self.back,
            ],
            focus_first=True,
        )

    def on_back(self) -> Transition | None:
        return Pop(None)

    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        m = ctx.space("xl")
        col = (w - 4 * m) // 3
        x1, x2, x3 = m, 2 * m + col, 3 * m + 2 * col
        y = m
        self.slider.rect = pygame.Rect(x1, y, col, self.slider.preferred_height())
        y += self.slider.rect.height + ctx.space("lg")
        self.picker.rect = pygame.Rect(x1, y, col, self.picker.preferred_height())
        y += self.picker.rect.height + ctx.space("lg")
        self.meter.rect = pygame.Rect(x1, y, col, self.meter.preferred_height())
        y += self.meter.rect.height + ctx.space("lg")
        bh = self.back.preferred_height()
        self.card.rect = pygame.Rect(x1, y, col, h - m - bh - ctx.space("lg") - y)
        self.primary.rect = pygame.Rect(x1, h - m - bh, col // 2 - ctx.space("sm"), bh)
        self.back.rect = pygame.Rect(
            x1 + col // 2 + ctx.space("sm"), h - m - bh, col // 2 - ctx.space("sm"), bh
        )
        half = (h - 3 * m) // 2
        self.chart.rect = pygame.Rect(x2, m, col, half)
        self.chart2.rect = pygame.Rect(x2, 2 * m + half, col, half)
        side = min(col, half + ctx.px(40))
        self.plot.rect = pygame.Rect(x3, m, col, side)
        cy = self.plot.rect.bottom + ctx.space("lg")
        self.clip.rect = pygame.Rect(x3, cy, col, self.clip.measure(col))
        ty = self.clip.rect.bottom + ctx.space("lg")
        self.rich.rect = pygame.Rect(x3, ty, col, max(0, h - m - ty))
        card_h = self.card.rect.height
        self.card.rect.height = card_h * 3 // 5
        tb = self.card.rect.bottom + ctx.space("md")
        self.text.rect = pygame.Rect(
            x1, tb, col, max(0, self.primary.rect.y - ctx.space("md") - tb)
        )
