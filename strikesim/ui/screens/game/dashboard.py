"""Dashboard: line charts of every variable the player may see, week by week.

Variables are grouped by owner (studios, union, public and industry, AI) into tabs; within a
tab, variables sharing a unit share a chart (at most four lines, labelled at their ends).
Hovering a chart, or moving its cursor with Left/Right while it has focus, shows the values
of that week and "what drove" the nearest line: the breakdown computed by
:func:`strikesim.analysis.drivers.what_drove`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from strikesim.analysis.drivers import describe
from strikesim.engine.spec import VariableSpec
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.screens.game.effects_text import display_unit, y_range_for
from strikesim.ui.scroll import ScrollView
from strikesim.ui.theme import RGBA
from strikesim.ui.transitions import Pop, Push, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.chart import LineChart, Series
from strikesim.ui.widgets.chart_style import resolve_colour

TABS = (
    ("studio", "Studios", ("studio",)),
    ("union", "Union", ("union",)),
    ("public", "Public & industry", ("public", "industry")),
    ("ai", "AI", ("ai",)),
)
MAX_LINES = 4
STRIP_LINES = 4
"""Lines of the what-drove strip under the charts (one per line of the active chart)."""


def line_colour(ctx: UIContext, colour: str) -> str | RGBA:
    """Text colour matching a chart line (identity colours use their lighter text variant)."""
    return f"{colour}_text" if colour in ("union", "studio") else resolve_colour(ctx, colour)


def chart_groups(
    variables: Sequence[VariableSpec], owners: Sequence[str]
) -> list[list[VariableSpec]]:
    """Variables of ``owners`` grouped by unit, in scenario order, at most MAX_LINES each."""
    groups: dict[tuple[str, str], list[list[VariableSpec]]] = {}
    order: list[tuple[str, str]] = []
    for v in variables:
        if v.owner not in owners:
            continue
        key = (v.owner, v.unit)
        if key not in groups:
            groups[key] = [[]]
            order.append(key)
        if len(groups[key][-1]) >= MAX_LINES:
            groups[key].append([])
        groups[key][-1].append(v)
    return [g for key in order for g in groups[key]]


class DashboardScreen(GameScreen):
    help_topic = "dashboard"
    title = "Dashboard"
    closes_on_back = True

    def __init__(self, ctx: UIContext, play: GamePlay) -> None:
        super().__init__(ctx, play)
        self.visible = list(play.visible_variables)
        self.tab = TABS[0][0]
        key = ctx.keymap.label
        self.tab_buttons = {
            tid: Button(ctx, label, (lambda t=tid: self.show(t)), variant="ghost")  # type: ignore[misc]
            for tid, label, _owners in TABS
        }
        self.back = Button(
            ctx,
            "Back to the table",
            lambda: Pop(None),
            variant="primary",
            hotkey=key("navigation", "back") or "Esc",
        )
        self.goals = Button(
            ctx, "Goals", self.open_goals, variant="ghost", hotkey=key("game", "goals")
        )
        self.charts: list[LineChart] = []
        self.view = ScrollView([], wheel_step=60)
        self.show(self.tab)

    def show(self, tab: str) -> Transition | None:
        self.tab = tab
        owners = next(o for t, _label, o in TABS if t == tab)
        play = self.play
        weeks = list(range(play.session.week + 1))
        spec = play.spec
        self.charts = []
        for group in chart_groups(self.visible, owners):
            unit = group[0].unit
            scale, y_unit, shown_unit = display_unit(unit)
            series = [
                Series(
                    v.id, v.label, [x * scale for x in play.history(v.id)],
                    f"series:{k + 2}" if len(group) > 1 else self._colour(v),
                )
                for k, v in enumerate(group)
            ]  # fmt: skip
            title = group[0].label if len(group) == 1 else self._group_title(group)
            self.charts.append(
                LineChart(
                    self.ctx, weeks, series,
                    title=f"{title} ({shown_unit})" if shown_unit else title,
                    y_unit=y_unit, marker_x=spec.phases.expiry_week, marker_label="Expiry",
                    explain=self.explain,
                    y_range=y_range_for((v for sr in series for v in sr.ys), y_unit),
                )
            )  # fmt: skip
        for tid, b in self.tab_buttons.items():
            b.variant = "secondary" if tid == tab else "ghost"
        self.set_widgets([*self.tab_buttons.values(), *self.charts, self.goals, self.back])
        self.view.scroll = 0
        if self.focus.current is None:
            self.focus.focus(self.tab_buttons[tab])
        self._layout_key = None
        self.dirty = True
        return None

    @staticmethod
    def _colour(v: VariableSpec) -> str:
        return v.owner if v.owner in ("union", "studio") else "series:2"

    @staticmethod
    def _group_title(group: Sequence[VariableSpec]) -> str:
        owner = {
            "union": "Union",
            "studio": "Studios",
            "public": "Public",
            "industry": "Industry",
            "ai": "AI",
        }
        return owner.get(group[0].owner, group[0].owner.capitalize())

    def explain(self, var_id: str, index: int) -> Sequence[str]:
        return describe(self.play.what_drove(var_id, index))[1:]

    def open_goals(self) -> Transition:
        from strikesim.ui.screens.game.goals import GoalsScreen

        return Push(GoalsScreen(self.ctx, self.play))

    def on_action(self, action: str) -> Transition | None:
        if action == "goals":
            return self.open_goals()
        return Pop(None) if action == "dashboard" else None

    def active_chart(self) -> LineChart | None:
        """The chart whose week cursor is showing (under the pointer or moved by keys)."""
        focused = self.focus.current
        for chart in self.charts:
            if chart.cursor is not None and (chart.hovered or chart is focused):
                return chart
        return None

    def breakdown(self) -> tuple[str, list[tuple[str, str | RGBA]]]:
        """Heading and (text, colour) lines of the what-drove strip for the active chart."""
        chart = self.active_chart()
        if chart is None or chart.cursor is None:
            hint = (
                "Point at a chart (or Tab to it and use Left/Right) to see what moved each of "
                "its lines that week: events and actions aimed at it, the variables it reads."
            )
            return "WHAT DROVE THIS", [(hint, "text_faint")]
        week = int(chart.xs[chart.cursor])
        lines = []
        for series in chart.series[:STRIP_LINES]:
            drivers = self.play.what_drove(series.id, week)
            parts = [d.text for d in drivers[1:]] or ["no event, action or input changed"]
            colour = line_colour(self.ctx, series.colour)
            lines.append((f"{series.label} {drivers[0].text}: " + "; ".join(parts), colour))
        return f"WHAT DROVE THIS · WEEK {week}", lines

    def static_key(self) -> tuple[object, ...] | None:
        chart = self.active_chart()
        cursor = None if chart is None else (id(chart), chart.cursor)
        return (self.play.revision, self.tab, cursor, self.view.scroll)

    def draw_body(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        heading, lines = self.breakdown()
        r = self.strip
        surface.blit(ctx.text("caption", heading, "gold"), r.topleft)
        y = r.y + ctx.font("caption").get_linesize()
        font = ctx.font("small")
        wrapped = [
            (line, colour) for text, colour in lines for line in wrap_text(font, text, r.width)
        ]
        if len(wrapped) > STRIP_LINES:  # one line per series, each cut to the strip
            wrapped = [(ellipsize(font, text, r.width), colour) for text, colour in lines]
        for text, colour in wrapped:
            surface.blit(ctx.text("small", text, colour), (r.x, y))
            y += font.get_linesize()
        if self.view.has_more_below():
            img = ctx.text("caption", "MORE CHARTS BELOW · SCROLL OR TAB", "text")
            surface.blit(img, (self.view.viewport.right - img.get_width(), r.y))

    def layout(self) -> None:
        ctx = self.ctx
        area = self.content_rect()
        bh = self.back.preferred_height()
        gap = ctx.space("xs")
        bw = self.back.preferred_width() + ctx.px(20)
        self.back.rect = pygame.Rect(area.right - bw, area.y, bw, bh)
        gw = self.goals.preferred_width()
        self.goals.rect = pygame.Rect(self.back.rect.x - ctx.space("xs") - gw, area.y, gw, bh)
        # the tabs flow left to right, onto a second row when they meet the buttons
        x, y = area.x, area.y
        for b in self.tab_buttons.values():
            tw = b.preferred_width()
            limit = self.goals.rect.x - ctx.space("md") if y == area.y else area.right
            if x > area.x and x + tw > limit:
                x, y = area.x, y + bh + gap
            b.rect = pygame.Rect(x, y, tw, bh)
            x += tw + gap
        strip_h = (
            STRIP_LINES * ctx.font("small").get_linesize() + ctx.font("caption").get_linesize()
        )
        self.strip = pygame.Rect(area.x, area.bottom - strip_h, area.width, strip_h)
        top = y + bh + ctx.space("lg")
        grid = pygame.Rect(area.x, top, area.width, self.strip.y - ctx.space("lg") - top)
        n = max(1, len(self.charts))
        gap = ctx.space("xl")
        # as many columns as leave each chart legible; rows scroll when they do not fit
        cols = max(1, min(3 if n > 4 else 2 if n > 1 else 1, grid.width // ctx.px(300)))
        rows = (n + cols - 1) // cols
        cw = (grid.width - gap * (cols - 1)) // cols
        ch = max(ctx.px(190), (grid.height - gap * (rows - 1)) // rows)
        for k, c in enumerate(self.charts):
            c.rect = pygame.Rect(
                grid.x + (k % cols) * (cw + gap), grid.y + (k // cols) * (ch + gap), cw, ch
            )
        self.view.viewport = grid
        self.view.items = list(self.charts)
        self.view.positions = [pygame.Rect(c.rect) for c in self.charts]
        self.view.scroll_to(self.view.scroll)
        self.view.place()
