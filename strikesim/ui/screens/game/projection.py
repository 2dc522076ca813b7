"""The years after the dispute, animated, next to counterfactuals.

:func:`strikesim.engine.projection.counterfactuals` projects the contract actually signed
(or the old one, with no deal) next to: no deal, the Nash bargaining deal (for the parties'
reservation utilities at the start of the dispute: the deal fair play would have reached
without a fight; the debrief measures its Nash point from the end instead) and the
same deal without AI guardrails, each with 10–90 % bands from seeded parameter draws. The
charts reveal one year at a time (a short eased step per year); under reduced motion they
appear at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pygame

from strikesim.analysis import bargaining_picture
from strikesim.engine import contract_terms_of
from strikesim.engine.projection import Projection, counterfactuals
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import wrap_text
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.screens.game.deal import deal_levels
from strikesim.ui.screens.game.effects_text import display_unit, y_range_for
from strikesim.ui.transitions import Replace, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.chart import LineChart, Series
from strikesim.ui.widgets.chart_axes import nice_range

SAMPLES = 100
YEAR_MS = 180.0
CHARTS = (
    ("employment", "Jobs in film and TV", "thousands"),
    ("real_pay", "Members' real pay (1 = at the deal)", ""),
    ("ai_adoption", "AI adoption", "share"),
    ("jobs_displaced", "Jobs displaced by AI", "thousands"),
    ("studio_profit", "Studio profit", "$M/yr"),
    ("subscribers", "Subscribers (index)", ""),
)
CASES = (
    ("no_deal", "No deal", "series:7", True),
    ("no_guardrails", "No AI guardrails", "negative", True),
    ("nash", "Nash deal", "series:6", False),
    ("deal", "Your deal", "gold", False),
)
"""Drawn in this order, so the player's deal is on top. The colours stay apart for every
kind of colour blindness in both palettes (``tests/ui/test_colour.py``)."""


def _scaled(s: Series, k: float) -> Series:
    band = None if s.band is None else ([v * k for v in s.band[0]], [v * k for v in s.band[1]])
    return Series(s.id, s.label, [v * k for v in s.ys], s.colour, band, s.dashed)


SUBTITLE = (
    "Shaded: 10–90 % of 100 draws (gold: your deal, grey: no deal). After the contract"
    " ends, each renewal drifts towards an even bargain over AI."
)


COINCIDE = 0.005
"""Series whose means differ by at most this share of the chart's span are one line."""


def _in_sentence(label: str) -> str:
    """A case label inside a sentence: "No deal" -> "no deal", "Nash deal" unchanged."""
    first, _, rest = label.partition(" ")
    return f"{first.lower()} {rest}" if first in ("No", "Your") else label


def _merge_coinciding(
    series: list[Series], projections: dict[str, Projection], key: str
) -> list[Series]:
    """Draw coinciding series once: the one drawn last (on top) keeps its colour and its
    label says which others it stands for (``"Your deal (= Nash deal)"``)."""
    means = {s.id: projections[s.id].mean[key][0] for s in series}
    if not means:
        return series
    values = np.concatenate(list(means.values()))
    tol = COINCIDE * max(float(np.nanmax(values) - np.nanmin(values)), 1e-9)
    kept: list[Series] = []
    twins: dict[str, list[str]] = {}
    for s in reversed(series):  # the top-most series first
        twin = next(
            (k for k in kept if float(np.nanmax(np.abs(means[k.id] - means[s.id]))) <= tol), None
        )
        if twin is None:
            kept.append(s)
            twins[s.id] = []
        else:
            twins[twin.id].append(_in_sentence(s.label))
    out = []
    for s in reversed(kept):
        if twins[s.id]:
            label = f"{s.label} (= {', '.join(twins[s.id])})"
            s = Series(s.id, label, s.ys, s.colour, s.band, s.dashed)
        out.append(s)
    return out


@dataclass(frozen=True)
class ProjectionData:
    projections: dict[str, Projection]
    deal: tuple[int, ...]
    nash: tuple[int, ...] | None
    term_years: float | None = None
    """Length of the signed contract (its ``term_years`` term), marked on the charts."""


def term_years(play: GamePlay, levels: tuple[int, ...]) -> float | None:
    """The ``term_years`` contract term of ``levels`` (None if the scenario has none)."""
    spec = play.spec
    if "term_years" not in spec.projection.contract_terms:
        return None
    value = float(contract_terms_of(spec, np.asarray([levels]))["term_years"][0])
    return value if np.isfinite(value) and value > 0 else None


def nash_levels(play: GamePlay) -> tuple[int, ...] | None:
    """The Nash deal's levels (see :func:`strikesim.analysis.bargaining_picture`)."""
    picture = bargaining_picture(play.spec)
    return picture.levels(picture.nash)


def compute(play: GamePlay) -> ProjectionData:
    s = play.session
    deal = deal_levels(play) or tuple(play.spec.old_contract)
    nash = nash_levels(play)
    values = play.simulation_state().values[:1]
    proj = counterfactuals(
        play.spec,
        values,
        np.asarray(deal),
        None if nash is None else np.asarray(nash),
        samples=SAMPLES,
        seed=s.seed,
    )
    signed = deal_levels(play) is not None
    return ProjectionData(proj, deal, nash, term_years(play, deal) if signed else None)


class ProjectionScreen(GameScreen):
    help_topic = "projection"
    title = "The years ahead"

    def static_key(self) -> tuple[object, ...] | None:
        return (int(self.shown),)

    def __init__(self, ctx: UIContext, play: GamePlay, data: ProjectionData | None = None) -> None:
        self.subtitle: list[str] = []
        super().__init__(ctx, play)
        self.data = data if data is not None else compute(play)
        self.years = len(self.data.projections["deal"].years) - 1
        self.shown = 0.0 if ctx.motion_ms("week") > 0 else float(self.years)
        self.go = Button(
            ctx,
            "Debrief",
            self.proceed,
            variant="primary",
            hotkey=ctx.keymap.label("game", "continue"),
        )
        self.charts: list[LineChart] = []
        self._build()

    def proceed(self) -> Transition | None:
        from strikesim.ui.screens.game.debrief import DebriefScreen

        return Replace(DebriefScreen(self.ctx, self.play, self.data))

    def on_action(self, action: str) -> Transition | None:
        return self.proceed() if action == "continue" else None

    def on_back(self) -> Transition | None:
        if self.shown < self.years:
            self.shown = float(self.years)
            self._build()
            return None
        return super().on_back()

    def _build(self) -> None:
        limit = int(self.shown) + 1
        xs = list(range(self.years + 1))
        charts = []
        for key, title, unit in CHARTS:
            series = []
            for case, label, colour, dashed in CASES:
                p = self.data.projections.get(case)
                if p is None or key not in p.mean:
                    continue
                cut = [
                    float(v) if i < limit else float("nan") for i, v in enumerate(p.mean[key][0])
                ]
                band = None
                if key in p.low:
                    lo = [
                        float(v) if i < limit else float("nan") for i, v in enumerate(p.low[key][0])
                    ]
                    hi = [
                        float(v) if i < limit else float("nan")
                        for i, v in enumerate(p.high[key][0])
                    ]
                    band = (lo, hi)
                series.append(
                    Series(
                        case,
                        label,
                        cut,
                        colour,
                        band=band if case in ("deal", "no_deal") else None,
                        dashed=dashed,
                    )
                )
            series = _merge_coinciding(series, self.data.projections, key)
            scale, y_unit, shown = display_unit(unit)
            if scale != 1.0:
                series = [_scaled(s, scale) for s in series]
            chart = LineChart(
                self.ctx,
                xs,
                series,
                title=f"{title} ({shown})" if shown else title,
                x_label="Years after the deal",
                y_unit=y_unit,
                y_range=self._y_range(key, scale, y_unit),
                marker_x=self.data.term_years,
                marker_label="Contract ends" if self.data.term_years is not None else "",
            )
            charts.append(chart)
        focused = self.focus.current
        index = next((k for k, c in enumerate(self.charts) if c is focused), None)
        self.charts = charts
        self.set_widgets([*self.charts, self.go])
        self.focus.focus(self.charts[index] if index is not None else self.go)
        self._layout_key = None
        self.dirty = True

    def _y_range(self, key: str, scale: float, y_unit: str) -> tuple[float, float] | None:
        """The y range of every value of one projected quantity (all years and cases, bands
        included), so the axes stay put while the years are revealed."""
        values: list[float] = []
        for p in self.data.projections.values():
            for table in (p.mean, p.low, p.high):
                if key in table:
                    values += [float(v) * scale for v in table[key][0]]
        values = [v for v in values if math.isfinite(v)]
        if not values:
            return None
        widened = y_range_for(values, y_unit)
        if widened is not None:
            return widened
        lo, hi, _ticks = nice_range(min(values), max(values))
        return lo, hi

    def update(self, dt_ms: float) -> Transition | None:
        super().update(dt_ms)
        if self.shown < self.years:
            before = int(self.shown)
            self.shown = min(float(self.years), self.shown + dt_ms / YEAR_MS)
            if int(self.shown) != before:
                self._build()
        return None

    def layout(self) -> None:
        ctx = self.ctx
        area = self.content_rect()
        self.area = area
        bh = self.go.preferred_height()
        bw = max(self.go.preferred_width(), ctx.px(180))
        self.go.rect = pygame.Rect(area.right - bw, area.y, bw, bh)
        self.subtitle = wrap_text(
            ctx.font("small"), SUBTITLE, self.go.rect.x - area.x - ctx.space("lg")
        )
        head = ctx.font("h2").get_linesize()
        head += len(self.subtitle) * ctx.font("small").get_linesize()
        top = area.y + max(bh, head) + ctx.space("lg")
        grid = pygame.Rect(area.x, top, area.width, area.bottom - top)
        cols, rows = 3, 2
        gap = ctx.space("xl")
        cw = (grid.width - gap * (cols - 1)) // cols
        ch = (grid.height - gap * (rows - 1)) // rows
        for k, c in enumerate(self.charts):
            c.rect = pygame.Rect(
                grid.x + (k % cols) * (cw + gap), grid.y + (k // cols) * (ch + gap), cw, ch
            )

    def draw_body(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        a = self.area
        year = min(self.years, int(self.shown))
        surface.blit(
            ctx.text(
                "h2", f"The industry {year} year{'s' if year != 1 else ''} after the deal", "text"
            ),
            a.topleft,
        )
        y = a.y + ctx.font("h2").get_linesize()
        for line in self.subtitle:
            surface.blit(ctx.text("small", line, "text_muted"), (a.x, y))
            y += ctx.font("small").get_linesize()
