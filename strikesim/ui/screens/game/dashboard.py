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

from strikesim.analysis.drivers import describe, what_drove
from strikesim.engine.spec import VariableSpec
from strikesim.ui.context import UIContext
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.screens.game.effects_text import display_unit, y_range_for
from strikesim.ui.screens.game.play import GamePlay
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.chart import LineChart, Series

TABS = (
    ("studio", "Studios", ("studio",)),
    ("union", "Union", ("union",)),
    ("public", "Public & industry", ("public", "industry")),
    ("ai", "AI", ("ai",)),
)
MAX_LINES = 4


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
    title = "Dashboard"
    closes_on_back = True

    def static_key(self) -> tuple[object, ...] | None:
        return (self.play.revision, self.tab)

    def __init__(self, ctx: UIContext, play: GamePlay) -> None:
        super().__init__(ctx, play)
        side = play.side
        self.visible = [v for v in play.spec.variables if v.visible_to[side]]
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
        self.charts: list[LineChart] = []
        self.show(self.tab)

    def show(self, tab: str) -> Transition | None:
        self.tab = tab
        owners = next(o for t, _label, o in TABS if t == tab)
        play = self.play
        history = play.session.history
        weeks = list(range(len(history)))
        spec = play.spec
        self.charts = []
        for group in chart_groups(self.visible, owners):
            unit = group[0].unit
            scale, y_unit, shown_unit = display_unit(unit)
            series = [
                Series(
                    v.id, v.label, [float(h[spec.var_index[v.id]]) * scale for h in history],
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
        self.set_widgets([*self.tab_buttons.values(), *self.charts, self.back])
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
        s = self.play.session
        return describe(what_drove(s.spec, s.history, s.reports, var_id, index))[1:]

    def on_action(self, action: str) -> Transition | None:
        return Pop(None) if action == "dashboard" else None

    def layout(self) -> None:
        ctx = self.ctx
        area = self.content_rect()
        bh = self.back.preferred_height()
        x = area.x
        for b in self.tab_buttons.values():
            bw = b.preferred_width()
            b.rect = pygame.Rect(x, area.y, bw, bh)
            x += bw + ctx.space("xs")
        bw = self.back.preferred_width() + ctx.px(20)
        self.back.rect = pygame.Rect(area.right - bw, area.y, bw, bh)
        grid = pygame.Rect(
            area.x,
            area.y + bh + ctx.space("lg"),
            area.width,
            area.bottom - area.y - bh - ctx.space("lg"),
        )
        n = max(1, len(self.charts))
        cols = 3 if n > 4 else 2 if n > 1 else 1
        rows = (n + cols - 1) // cols
        gap = ctx.space("xl")
        cw = (grid.width - gap * (cols - 1)) // cols
        ch = (grid.height - gap * (rows - 1)) // rows
        for k, c in enumerate(self.charts):
            c.rect = pygame.Rect(
                grid.x + (k % cols) * (cw + gap), grid.y + (k // cols) * (ch + gap), cw, ch
            )
