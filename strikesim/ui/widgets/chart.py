"""Line chart: thin lines over time, axes with units, direct end labels, 10–90 % bands.

Hovering (or moving the cursor with Left/Right while focused) shows a crosshair and a readout
of every series at that x; the series nearest the pointer gets a "what drove this" list from
the ``explain(series_id, index)`` hook (e.g. the engine's breakdown of a variable's weekly
change). Series colours are palette names (``"union"``, ``"studio"``) or ``"series:N"``.
Non-finite values break the line instead of raising.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from strikesim.ui import audit
from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, panel, with_alpha, wrap_text
from strikesim.ui.theme import RGBA
from strikesim.ui.widgets.base import EventResult, Widget, event_pos
from strikesim.ui.widgets.chart_axes import finite, nice_range, widen
from strikesim.ui.widgets.chart_style import draw_line, draw_marker, label_colour, resolve_colour
from strikesim.units import compact

Explain = Callable[[str, int], Sequence[str]]


@dataclass(frozen=True)
class Series:
    """One line: ``ys[i]`` at ``xs[i]`` of the chart; optional ``band`` = (p10, p90) lists."""

    id: str
    label: str
    ys: Sequence[float]
    colour: str = "series:0"
    band: tuple[Sequence[float], Sequence[float]] | None = None
    dashed: bool = False


class LineChart(Widget):
    def __init__(
        self,
        ctx: UIContext,
        xs: Sequence[float],
        series: Sequence[Series],
        *,
        title: str = "",
        x_label: str = "Week",
        y_unit: str = "",
        y_range: tuple[float, float] | None = None,
        x_fmt: Callable[[float], str] | None = None,
        marker_x: float | None = None,
        marker_label: str = "",
        explain: Explain | None = None,
    ) -> None:
        super().__init__(ctx)
        self.xs = [float(x) for x in xs]
        self.series = list(series)
        for s in self.series:
            if len(s.ys) != len(self.xs):
                raise ValueError(
                    f"series {s.id!r} has {len(s.ys)} values for {len(self.xs)} x positions"
                )
        self.title = title
        self.x_label = x_label
        self.y_unit = y_unit
        self.y_range = y_range
        self.x_fmt = x_fmt or (lambda v: f"{v:g}")
        self.marker_x = marker_x
        self.marker_label = marker_label
        self.explain = explain
        self.cursor: int | None = None
        self.version = 0
        self.cursor_y: int | None = None

    # --- geometry ---------------------------------------------------------------------
    def _y_bounds(self) -> tuple[float, float, list[float]]:
        if self.y_range is not None:
            _lo, _hi, ticks = nice_range(*self.y_range)
            return (
                self.y_range[0],
                self.y_range[1],
                [t for t in ticks if self.y_range[0] - 1e-9 <= t <= self.y_range[1] + 1e-9],
            )
        values: list[float] = []
        for s in self.series:
            values += finite(s.ys)
            if s.band is not None:
                values += finite(s.band[0]) + finite(s.band[1])
        if not values:
            return nice_range(0.0, 1.0)
        return nice_range(*widen(min(values), max(values), self.y_unit))

    def _title_lines(self) -> list[str]:
        if not self.title:
            return []
        return wrap_text(self.ctx.font("h3"), self.title, self.rect.width, "chart")

    def _top(self) -> int:
        ctx = self.ctx
        lines = self._title_lines()
        if not lines:
            return self.rect.y + ctx.space("sm")
        return self.rect.y + len(lines) * ctx.font("h3").get_linesize() + ctx.space("sm")

    def direct_labels(self) -> bool:
        """True when every series' name fits whole at its line's end, one under another;
        otherwise the names go in a legend under the plot (never cut short)."""
        ctx = self.ctx
        labelled = [s for s in self.series if s.label]
        if not labelled:
            return True
        font = ctx.font("label")
        widest = max(font.size(s.label)[0] for s in labelled)
        if widest + ctx.space("md") > self.rect.width // 4:
            return False
        bottom = self.rect.bottom - ctx.font("small").get_linesize() * 2 - ctx.space("sm")
        return len(labelled) * (font.get_linesize() + 1) <= bottom - self._top()

    def _label_width(self) -> int:
        if not self.direct_labels():
            return 0
        font = self.ctx.font("label")
        widest = max((font.size(s.label)[0] for s in self.series), default=0)
        return min(widest + self.ctx.space("md"), self.rect.width // 4)

    def legend_rows(self) -> list[list[tuple[Series, int]]]:
        """The legend's entries (series, width) flowed into rows across the chart."""
        if self.direct_labels():
            return []
        ctx = self.ctx
        font = ctx.font("label")
        sample = ctx.px(28) + ctx.space("xs")
        rows: list[list[tuple[Series, int]]] = [[]]
        used = 0
        for s in self.series:
            if not s.label:
                continue
            w = sample + font.size(s.label)[0]
            if rows[-1] and used + w > self.rect.width:
                rows.append([])
                used = 0
            rows[-1].append((s, w))
            used += w + ctx.space("lg")
        return [r for r in rows if r]

    def _legend_height(self) -> int:
        rows = self.legend_rows()
        return len(rows) * (self.ctx.font("label").get_linesize() + self.ctx.space("xs"))

    def plot_rect(self) -> pygame.Rect:
        ctx = self.ctx
        top = self._top()
        left = self.rect.x + ctx.px(52)
        bottom = self.rect.bottom - ctx.font("small").get_linesize() * 2 - ctx.space("sm")
        bottom -= self._legend_height()
        right = self.rect.right - self._label_width() - ctx.space("sm")
        return pygame.Rect(left, top, max(1, right - left), max(1, bottom - top))

    def _x_span(self) -> tuple[float, float]:
        if not self.xs:
            return 0.0, 1.0
        lo, hi = min(self.xs), max(self.xs)
        return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)

    def _to_screen(
        self, plot: pygame.Rect, x: float, y: float, ylo: float, yhi: float
    ) -> tuple[float, float]:
        xlo, xhi = self._x_span()
        sx = plot.x + (x - xlo) / (xhi - xlo) * plot.width
        sy = plot.bottom - (y - ylo) / (yhi - ylo) * plot.height
        return sx, sy

    # --- input ------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if event.type != pygame.MOUSEMOTION:
            return changed
        pos = event_pos(event)
        plot = self.plot_rect()
        if pos is None or not self.xs or not plot.inflate(self.ctx.px(8), 0).collidepoint(pos):
            if self.cursor is not None and not self.focused:
                self.cursor = self.cursor_y = None
                return True
            return changed
        xlo, xhi = self._x_span()
        xv = xlo + (pos[0] - plot.x) / plot.width * (xhi - xlo)
        index = min(range(len(self.xs)), key=lambda i: abs(self.xs[i] - xv))
        moved = index != self.cursor or pos[1] != self.cursor_y
        self.cursor, self.cursor_y = index, pos[1]
        return moved or changed

    def handle_action(self, action: str) -> EventResult:
        if not self.xs or action not in ("increase", "decrease", "increase_big", "decrease_big"):
            return False
        step = {"increase": 1, "decrease": -1, "increase_big": 5, "decrease_big": -5}[action]
        start = len(self.xs) - 1 if self.cursor is None else self.cursor
        self.cursor = max(0, min(len(self.xs) - 1, start + (0 if self.cursor is None else step)))
        self.cursor_y = None
        return True

    # --- drawing ----------------------------------------------------------------------
    def set_data(self, xs: Sequence[float], series: Sequence[Series]) -> None:
        """Replace the data (e.g. after a week advanced); the cached drawing is rebuilt."""
        for s in series:
            if len(s.ys) != len(xs):
                raise ValueError(
                    f"series {s.id!r} has {len(s.ys)} values for {len(xs)} x positions"
                )
        self.xs = [float(x) for x in xs]
        self.series = list(series)
        self.version += 1
        if self.cursor is not None and self.cursor >= len(self.xs):
            self.cursor = None

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        if self.rect.width < ctx.px(120) or self.rect.height < ctx.px(80):
            return
        self.blit_static(surface, (self.version, self.title, self.marker_x), self._draw_static)
        if self.cursor is not None and 0 <= self.cursor < len(self.xs):
            ylo, yhi, _ = self._y_bounds()
            self._readout(surface, self.plot_rect(), ylo, yhi if yhi > ylo else ylo + 1.0)
        self.draw_focus(surface)

    def _draw_static(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        ty = self.rect.y
        for line in self._title_lines():
            surface.blit(ctx.text("h3", line, "text"), (self.rect.x, ty))
            ty += ctx.font("h3").get_linesize()
        plot = self.plot_rect()
        ylo, yhi, yticks = self._y_bounds()
        if yhi <= ylo:
            yhi = ylo + 1.0
        grid, faint = ctx.colour("grid"), "text_faint"
        for t in yticks:
            _, sy = self._to_screen(plot, 0, t, ylo, yhi)
            pygame.draw.line(surface, grid, (plot.x, round(sy)), (plot.right, round(sy)), 1)
            img = ctx.text("small", compact(t, self.y_unit), faint)
            surface.blit(
                img, (plot.x - img.get_width() - ctx.space("sm"), round(sy) - img.get_height() // 2)
            )
        pygame.draw.line(surface, ctx.colour("border_strong"), plot.bottomleft, plot.bottomright, 1)
        xlo, xhi = self._x_span()
        _, _, xticks = nice_range(xlo, xhi, max(2, plot.width // ctx.px(90)))
        for t in xticks:
            if xlo - 1e-9 <= t <= xhi + 1e-9:
                sx, _ = self._to_screen(plot, t, ylo, ylo, yhi)
                pygame.draw.line(
                    surface,
                    ctx.colour("border_strong"),
                    (round(sx), plot.bottom),
                    (round(sx), plot.bottom + ctx.px(4)),
                    1,
                )
                img = ctx.text("small", self.x_fmt(t), faint)
                surface.blit(img, (round(sx) - img.get_width() // 2, plot.bottom + ctx.px(6)))
        axis = ctx.text(
            "small", self.x_label + (f"   ·   {self.y_unit}" if self.y_unit else ""), faint
        )
        axis_y = self.rect.bottom - self._legend_height() - axis.get_height()
        surface.blit(axis, (plot.x, axis_y))
        if self.marker_x is not None and xlo <= self.marker_x <= xhi:
            sx, _ = self._to_screen(plot, self.marker_x, ylo, ylo, yhi)
            pygame.draw.line(
                surface, ctx.colour("gold_dim"), (round(sx), plot.y), (round(sx), plot.bottom), 1
            )
            if self.marker_label:
                surface.blit(
                    ctx.text("caption", self.marker_label.upper(), "gold"),
                    (round(sx) + ctx.space("xs"), plot.y),
                )
        clip = surface.get_clip()
        surface.set_clip(plot.inflate(ctx.px(4), ctx.px(4)).clip(clip) if clip.width else plot)
        ends: list[tuple[float, Series]] = []
        for s in self.series:
            colour = resolve_colour(ctx, s.colour)
            if s.band is not None:
                self._band(surface, plot, s, colour, ylo, yhi)
            runs = self._runs(plot, s.ys, ylo, yhi)
            width = max(1, ctx.px(1.6))
            k = self.series.index(s)
            for run in runs:
                draw_line(surface, ctx, colour, run, width, k, s.dashed)
            if runs:
                points = [p for run in runs for p in run]
                every = max(1, len(points) // 4)
                for p in [*points[every - 1 :: every], points[-1]]:
                    draw_marker(surface, colour, p, ctx.px(3.5), k)
                ends.append((runs[-1][-1][1], s))
        surface.set_clip(clip)
        if self.direct_labels():
            self._end_labels(surface, plot, ends)
        else:
            self._legend(surface)

    def _runs(
        self, plot: pygame.Rect, ys: Sequence[float], ylo: float, yhi: float
    ) -> list[list[tuple[float, float]]]:
        runs: list[list[tuple[float, float]]] = [[]]
        for x, y in zip(self.xs, ys, strict=False):
            if isinstance(y, int | float) and math.isfinite(y):
                runs[-1].append(self._to_screen(plot, x, float(y), ylo, yhi))
            elif runs[-1]:
                runs.append([])
        return [r for r in runs if r]

    def _band(
        self,
        surface: pygame.Surface,
        plot: pygame.Rect,
        s: Series,
        colour: RGBA,
        ylo: float,
        yhi: float,
    ) -> None:
        assert s.band is not None
        lo_pts, hi_pts = [], []
        for x, a, b in zip(self.xs, s.band[0], s.band[1], strict=False):
            if math.isfinite(a) and math.isfinite(b):
                lo_pts.append(self._to_screen(plot, x, a, ylo, yhi))
                hi_pts.append(self._to_screen(plot, x, b, ylo, yhi))
        if len(lo_pts) < 2:
            return
        layer = pygame.Surface(plot.inflate(2, 2).size, pygame.SRCALPHA)
        off = (plot.x - 1, plot.y - 1)
        poly = [(px - off[0], py - off[1]) for px, py in [*hi_pts, *reversed(lo_pts)]]
        pygame.draw.polygon(layer, with_alpha(colour, 56), poly)
        surface.blit(layer, off)

    def _end_labels(
        self, surface: pygame.Surface, plot: pygame.Rect, ends: list[tuple[float, Series]]
    ) -> None:
        ctx = self.ctx
        h = ctx.font("label").get_linesize()
        placed: list[tuple[float, Series]] = []
        h += 1
        for y, s in sorted(ends, key=lambda e: e[0]):
            if not s.label:
                continue
            y = max(plot.y + h / 2, min(plot.bottom - h / 2, y))
            if placed and y - placed[-1][0] < h:
                y = placed[-1][0] + h
            placed.append((y, s))
        overshoot = placed[-1][0] - (plot.bottom - h / 2) if placed else 0
        width = self.rect.right - plot.right - ctx.space("sm")
        for y, s in placed:
            y -= max(0, overshoot)
            text = ellipsize(ctx.font("label"), s.label, width, "chart")
            img = ctx.text("label", text, label_colour(ctx, s.colour))
            at = surface.blit(img, (plot.right + ctx.space("sm"), round(y - h / 2)))
            audit.box(f"chart {self.title or id(self)} end labels", at, s.label)

    def _legend(self, surface: pygame.Surface) -> None:
        """Each series' line style, marker and whole name, in rows under the plot."""
        ctx = self.ctx
        lh = ctx.font("label").get_linesize()
        y = self.rect.bottom - self._legend_height()
        for row in self.legend_rows():
            x = self.rect.x
            for s, w in row:
                colour = resolve_colour(ctx, s.colour)
                k = self.series.index(s)
                mid = y + lh // 2
                seg = [(x, mid), (x + ctx.px(28), mid)]
                draw_line(surface, ctx, colour, seg, max(1, ctx.px(1.6)), k, s.dashed)
                draw_marker(surface, colour, (x + ctx.px(14), mid), ctx.px(3.5), k)
                img = ctx.text("label", s.label, label_colour(ctx, s.colour))
                at = surface.blit(img, (x + ctx.px(28) + ctx.space("xs"), y))
                audit.box(f"chart {self.title or id(self)} legend", at, s.label)
                x += w + ctx.space("lg")
            y += lh + ctx.space("xs")

    def _readout(self, surface: pygame.Surface, plot: pygame.Rect, ylo: float, yhi: float) -> None:
        ctx = self.ctx
        i = self.cursor
        assert i is not None
        sx, _ = self._to_screen(plot, self.xs[i], ylo, ylo, yhi)
        pygame.draw.line(
            surface, ctx.colour("text_faint"), (round(sx), plot.y), (round(sx), plot.bottom), 1
        )
        rows: list[tuple[str, RGBA]] = [
            (f"{self.x_label} {self.x_fmt(self.xs[i])}", ctx.colour("text"))
        ]
        nearest: tuple[float, Series] | None = None
        for s in self.series:
            y = s.ys[i]
            if not (isinstance(y, int | float) and math.isfinite(y)):
                continue
            _, sy = self._to_screen(plot, self.xs[i], float(y), ylo, yhi)
            colour = resolve_colour(ctx, s.colour)
            pygame.draw.circle(surface, colour, (round(sx), round(sy)), ctx.px(4))
            text = f"{s.label}: {compact(float(y), self.y_unit)}"
            if s.band is not None and math.isfinite(s.band[0][i]) and math.isfinite(s.band[1][i]):
                text += (
                    f"  ({compact(s.band[0][i], self.y_unit)}–{compact(s.band[1][i], self.y_unit)})"
                )
            rows.append((text, colour))
            dist = abs(sy - (self.cursor_y if self.cursor_y is not None else sy))
            if nearest is None or dist < nearest[0]:
                nearest = (dist, s)
        if self.explain is not None and nearest is not None:
            reasons = list(self.explain(nearest[1].id, i))[:5]
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
        box.left = max(self.rect.x, box.left)
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
