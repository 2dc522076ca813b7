"""Utility plane for the debrief: union utility (x) against studio utility (y), both 0–1.

The axes start below 0 when a marker lies there (a disagreement point after a costly
dispute can be negative): both run from the same lower bound, a multiple of 0.25, to 1.

Shows the cloud of possible deals (faint points), the Pareto frontier (polyline), offer traces
(each side's offers over time, in its colour) and labelled markers (your deal, Nash, KS, no
deal). Marker labels are placed beside the marker and nudged to stay inside the plot. Hovering
a marker or trace point shows its label and coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from strikesim.ui import audit
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel, with_alpha
from strikesim.ui.widgets.base import EventResult, Widget, event_pos
from strikesim.ui.widgets.chart_style import resolve_colour

Point = tuple[float, float]


@dataclass(frozen=True)
class PlaneMarker:
    """A labelled point; ``shape`` is ``"circle"``, ``"diamond"`` or ``"star"``."""

    point: Point
    label: str
    colour: str = "gold"
    shape: str = "circle"


@dataclass(frozen=True)
class Trace:
    """A sequence of offers by one side, drawn as a connected path with small dots."""

    points: Sequence[Point]
    label: str
    colour: str


class UtilityPlot(Widget):
    def __init__(
        self,
        ctx: UIContext,
        *,
        cloud: Sequence[Point] = (),
        frontier: Sequence[Point] = (),
        traces: Sequence[Trace] = (),
        markers: Sequence[PlaneMarker] = (),
        x_label: str = "Union utility",
        y_label: str = "Studio utility",
    ) -> None:
        super().__init__(ctx)

        def ok(p: Point) -> bool:
            return all(isinstance(v, int | float) and math.isfinite(v) for v in p)

        self.cloud = [p for p in cloud if ok(p)]
        self.frontier = sorted((p for p in frontier if ok(p)), key=lambda p: p[0])
        self.traces = list(traces)
        self.markers = [m for m in markers if ok(m.point)]
        lowest = min([0.0, *(v for m in self.markers for v in m.point)])
        lower = math.floor(lowest * 4) / 4
        self.lower = max(-1.0, lower if lower >= -0.25 else math.floor(lowest * 2) / 2)
        """Where both axes start: 0, or the tick (a multiple of 0.25, then of 0.5) below
        the lowest marker, at most 1 below 0."""
        self.x_label = x_label
        self.y_label = y_label
        self.hover: tuple[str, Point] | None = None
        self._plot_key: tuple[object, ...] | None = None
        self._plot = pygame.Rect(0, 0, 1, 1)

    def plot_rect(self) -> pygame.Rect:
        key = (tuple(self.rect), self.ctx.scale)
        if key != self._plot_key:
            self._plot_key = key
            self._plot = self._compute_plot_rect()
        return self._plot

    def _compute_plot_rect(self) -> pygame.Rect:
        ctx = self.ctx
        side = min(self.rect.width - ctx.px(70), self.rect.height - ctx.px(56))
        r = pygame.Rect(0, 0, max(1, side), max(1, side))
        r.topleft = (self.rect.x + ctx.px(56), self.rect.y + ctx.space("sm"))
        return r

    def to_screen(self, p: Point) -> tuple[int, int]:
        plot = self.plot_rect()
        lo = self.lower
        span = 1.0 - lo
        x = (max(lo - 0.05, min(1.05, p[0])) - lo) / span
        y = (max(lo - 0.05, min(1.05, p[1])) - lo) / span
        return round(plot.x + x * plot.width), round(plot.bottom - y * plot.height)

    def ticks(self) -> list[float]:
        """Tick values of both axes: every 0.25 (every 0.5 on a longer axis) up to 1."""
        step = 0.25 if self.lower >= -0.25 else 0.5
        n = round((1.0 - self.lower) / step)
        return [1.0 - step * k for k in range(n, -1, -1)]

    def _hit_items(self) -> list[tuple[str, Point]]:
        items = [(m.label, m.point) for m in self.markers]
        for t in self.traces:
            items += [(f"{t.label} #{i + 1}", p) for i, p in enumerate(t.points)]
        return items

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if event.type != pygame.MOUSEMOTION:
            return changed
        pos = event_pos(event)
        best: tuple[str, Point] | None = None
        if pos is not None and self.hovered:
            radius = self.ctx.px(10) ** 2
            dists = [
                ((sx - pos[0]) ** 2 + (sy - pos[1]) ** 2, item)
                for item in self._hit_items()
                for sx, sy in [self.to_screen(item[1])]
            ]
            near = [d for d in dists if d[0] <= radius]
            if near:
                best = min(near, key=lambda d: d[0])[1]
        if best != self.hover:
            self.hover = best
            return True
        return changed

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        if self.plot_rect().width < ctx.px(60):
            return
        self.blit_static(surface, None, self._draw_static)
        plot = self.plot_rect()
        self._draw_hover(surface, plot)

    def _draw_static(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        plot = self.plot_rect()
        self._draw_axes(surface, plot)
        places = self.marker_places()
        taken: list[pygame.Rect] = []
        for at in places:
            spot = pygame.Rect(0, 0, ctx.px(16), ctx.px(16))
            spot.center = at
            taken.append(spot)
        # the frontier's points, so no label is struck through by it
        line = [pygame.Rect(*self.to_screen(p), 1, 1) for p in self.frontier]
        labels: list[tuple[PlaneMarker, pygame.Rect]] = []
        for m, at in zip(self.markers, places, strict=True):
            labels.append((m, self._label_box(plot, m, at, taken, line)))
        # drawn in reverse so the first marker (the deal) is on top of the others
        for m, at in reversed(list(zip(self.markers, places, strict=True))):
            true = self.to_screen(m.point)
            if at != true:
                pygame.draw.line(surface, ctx.colour("text_muted"), true, at, 1)
                pygame.draw.circle(surface, ctx.colour("text_muted"), true, ctx.px(2))
            self._marker(surface, m, at)
        for m, box in labels:
            surface.blit(ctx.text("label", m.label, resolve_colour(ctx, m.colour)), box)
            audit.box("utility plane labels", box, m.label)

    def marker_places(self) -> list[tuple[int, int]]:
        """Where each marker is drawn: at its point, or moved just clear of the markers
        before it when they would cover each other (a thin line leads back to the point)."""
        ctx = self.ctx
        clear = ctx.px(15)
        placed: list[tuple[int, int]] = []
        for m in self.markers:
            x, y = self.to_screen(m.point)
            step = 0
            while any(abs(x - px) < clear and abs(y - py) < clear for px, py in placed):
                step += 1
                x, y = self.to_screen(m.point)
                x += clear * step
                y -= clear * step
            placed.append((x, y))
        return placed

    def _draw_hover(self, surface: pygame.Surface, plot: pygame.Rect) -> None:
        ctx = self.ctx
        if self.hover is not None:
            label, p = self.hover
            text = f"{label}: union {p[0]:.2f}, studio {p[1]:.2f}"
            img = ctx.text("small", ellipsize(ctx.font("small"), text, plot.width, "chart"), "text")
            box = img.get_rect().inflate(ctx.space("md"), ctx.space("xs"))
            box.bottomleft = (plot.x + ctx.space("sm"), plot.bottom - ctx.space("sm"))
            panel(
                surface,
                box,
                ctx.colour("surface_alt"),
                ctx.colour("border_strong"),
                ctx.radius("sm"),
                1,
            )
            surface.blit(img, (box.x + ctx.space("md") // 2, box.y + ctx.space("xs") // 2))

    def _marker(self, surface: pygame.Surface, m: PlaneMarker, at: tuple[int, int]) -> None:
        ctx = self.ctx
        colour = resolve_colour(ctx, m.colour)
        cx, cy = at
        r = ctx.px(6)
        outline = ctx.colour("bg_top")
        if m.shape == "diamond":
            pts = [(cx, cy - r - 1), (cx + r + 1, cy), (cx, cy + r + 1), (cx - r - 1, cy)]
        elif m.shape == "star":
            pts = []
            for k in range(10):
                ang = -math.pi / 2 + k * math.pi / 5
                rad = (r + 3) if k % 2 == 0 else (r + 3) * 0.45
                pts.append((round(cx + rad * math.cos(ang)), round(cy + rad * math.sin(ang))))
        else:
            pygame.draw.circle(surface, outline, (cx, cy), r + 1)
            pygame.draw.circle(surface, colour, (cx, cy), r)
            pygame.draw.circle(surface, outline, (cx, cy), max(1, r // 3))
            return
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.polygon(surface, outline, pts, 1)

    def _label_box(
        self,
        plot: pygame.Rect,
        m: PlaneMarker,
        at: tuple[int, int],
        taken: list[pygame.Rect],
        line: list[pygame.Rect],
    ) -> pygame.Rect:
        """A free place for the marker's label beside it: clear of markers, earlier labels
        and the frontier line when one of eight places is (the first that is least bad)."""
        ctx = self.ctx
        cx, cy = at
        r = ctx.px(6)
        box = ctx.text("label", m.label, resolve_colour(ctx, m.colour)).get_rect()
        best: tuple[int, pygame.Rect] | None = None
        dirs = ((1, -1), (1, 1), (-1, -1), (-1, 1), (1, 0), (-1, 0), (0, -1), (0, 1))
        for far, (dx, dy) in [(f, d) for f in (1, 2, 3) for d in dirs]:
            cand = box.copy()
            cand.center = (
                cx + dx * (r + ctx.space("sm") * far + box.width // 2),
                cy + dy * (r + box.height // 2 + ctx.px(2)) * far,
            )
            cand.clamp_ip(plot)
            bad = 2 * len(cand.collidelistall(taken)) + (1 if cand.collidelist(line) >= 0 else 0)
            if best is None or bad < best[0]:
                best = (bad, cand)
            if bad == 0:
                break
        assert best is not None
        taken.append(best[1])
        return best[1]

    def _draw_axes(self, surface: pygame.Surface, plot: pygame.Rect) -> None:
        """Frame, grid, tick labels, axis titles, the deal cloud, frontier and traces."""
        ctx = self.ctx
        panel(surface, plot, ctx.colour("surface"), ctx.colour("border"), 0, 1)
        for v in self.ticks():
            x, y = self.to_screen((v, v))
            if v > self.lower:
                pygame.draw.line(surface, ctx.colour("grid"), (x, plot.y), (x, plot.bottom - 1), 1)
                pygame.draw.line(
                    surface, ctx.colour("grid"), (plot.x + 1, y), (plot.right - 1, y), 1
                )
            img = ctx.text("small", f"{v:.2g}", "text_faint")
            surface.blit(img, (x - img.get_width() // 2, plot.bottom + ctx.px(4)))
            surface.blit(
                img, (plot.x - img.get_width() - ctx.space("sm"), y - img.get_height() // 2)
            )
        xl = ctx.text("label", self.x_label, "union_text")
        surface.blit(
            xl,
            (
                plot.centerx - xl.get_width() // 2,
                plot.bottom + ctx.px(4) + ctx.font("small").get_linesize(),
            ),
        )
        yl = pygame.transform.rotate(ctx.text("label", self.y_label, "studio_text"), 90)
        surface.blit(yl, (plot.x - ctx.px(52), plot.centery - yl.get_height() // 2))
        if self.cloud:
            dot = with_alpha(ctx.colour("text_faint"), 150)
            for p in self.cloud:
                surface.set_at(self.to_screen(p), dot)
        if len(self.frontier) >= 2:
            pygame.draw.lines(
                surface,
                ctx.colour("text_muted"),
                False,
                [self.to_screen(p) for p in self.frontier],
                max(1, ctx.px(2)),
            )
            lab = ctx.text("caption", "PARETO FRONTIER", "text_muted")
            fx, fy = self.to_screen(self.frontier[len(self.frontier) // 2])
            surface.blit(
                lab,
                (
                    min(plot.right - lab.get_width() - 4, fx + ctx.space("sm")),
                    max(plot.y + 2, fy - lab.get_height() - ctx.space("xs")),
                ),
            )
        for t in self.traces:
            colour = resolve_colour(ctx, t.colour)
            pts = [self.to_screen(p) for p in t.points]
            if len(pts) >= 2:
                pygame.draw.lines(surface, with_alpha(colour, 255), False, pts, 1)
            for p in pts:
                pygame.draw.circle(surface, colour, p, ctx.px(3))
