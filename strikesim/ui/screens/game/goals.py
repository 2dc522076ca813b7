"""Goals: the player's own objectives with where they stand this week.

Opened with G (or the Goals button) from the table and the dashboard. Three views of the
same objectives: the other side's standing offer, the player's draft and the contract in
force (no deal yet), each scored as if it were settled this week on the state as it is —
the strike weeks, the dispute's cost and the members' mood so far. Above them, what the
dispute has cost the player (in contract-value units and money) and the three scores side
by side. Only the player's own objectives and costs appear: in a hot seat each player sees
their own (the side holding the controls). The page scrolls at a large text size.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from strikesim.analysis.goals import (
    Standing,
    format_value,
    money,
    objective_measure,
    objectives_of,
    points,
)
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import panel, wrap_text
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.scroll import PageScroll
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button

VIEWS = (
    ("theirs", "Their offer"),
    ("draft", "Your draft"),
    ("none", "No deal yet"),
)


@dataclass(frozen=True)
class Line:
    """One drawn line of the page: ``bar`` >= 0 draws a credit bar instead of text."""

    text: str
    role: str
    colour: str
    indent: int = 0
    bar: float = -1.0


def view_levels(play: GamePlay, view: str) -> tuple[int, ...] | None:
    """The contract a view scores (None: the contract in force)."""
    if view == "theirs":
        return play.other_offer()
    if view == "draft":
        return tuple(play.draft)
    return None


def view_heading(play: GamePlay, view: str) -> str:
    if view == "theirs":
        return f"If you accepted {play.name(play.other)}'s offer now"
    if view == "draft":
        return "If they accepted your draft now"
    return "If the game ended now with no deal"


class GoalsScreen(GameScreen):
    help_topic = "goals"
    title = "Goals"
    closes_on_back = True

    def __init__(self, ctx: UIContext, play: GamePlay) -> None:
        super().__init__(ctx, play)
        self.page_scroll = PageScroll(self._relayout)
        self.selected = "theirs" if play.other_offer() is not None else "none"
        self.tabs = {
            vid: Button(ctx, label, (lambda v=vid: self.show(v)), variant="ghost")  # type: ignore[misc]
            for vid, label in VIEWS
        }
        key = ctx.keymap.label
        self.back = Button(
            ctx,
            "Back",
            lambda: Pop(None),
            variant="primary",
            hotkey=key("navigation", "back") or "Esc",
        )
        self.lines: list[Line] = []
        self.top = 0
        self.set_widgets([*self.tabs.values(), self.back])
        self.show(self.selected)

    def show(self, view: str) -> Transition | None:
        self.selected = view
        for vid, b in self.tabs.items():
            b.variant = "secondary" if vid == view else "ghost"
        self.tabs["theirs"].enabled = self.play.other_offer() is not None
        if self.focus.current is None:
            self.focus.focus(self.tabs[view])
        self._layout_key = None
        self.dirty = True
        return None

    def on_action(self, action: str) -> Transition | None:
        return Pop(None) if action == "goals" else None

    def _relayout(self) -> None:
        self.layout()
        self.dirty = True

    def static_key(self) -> tuple[object, ...] | None:
        return (self.play.revision, self.selected)

    # --- content ------------------------------------------------------------------------
    def scores(self) -> dict[str, Standing]:
        """Each view's standing (the other side's offer only once it has made one)."""
        out = {}
        for vid, _label in VIEWS:
            levels = view_levels(self.play, vid)
            if vid == "theirs" and levels is None:
                continue
            out[vid] = self.play.standing(levels)
        return out

    def content(self, width: int) -> list[Line]:
        """The page's lines for the current view, wrapped to ``width`` (nothing cut)."""
        ctx, play, spec = self.ctx, self.play, self.play.spec
        scores = self.scores()
        now = scores[self.selected]
        out: list[Line] = []

        def add(text: str, role: str, colour: str, indent: int = 0) -> None:
            font = ctx.font(role)
            for line in wrap_text(font, text, width - indent, "objective"):
                out.append(Line(line, role, colour, indent))

        score = "—" if now.score != now.score else f"{now.score:.0f}"
        add(f"{view_heading(play, self.selected)}: score {score} / 100", "h2", "gold")
        parts = now.parts
        cost = f"{parts.cost:.2f}" + (f" ({money(parts.cost_money)})" if parts.stake > 0 else "")
        add(
            f"Week {play.session.week}. The dispute has cost you {cost} so far. This "
            f"contract is worth {parts.contract:.2f} to you, so your result would be "
            f"{parts.result:.2f}.",
            "body",
            "text",
        )
        labels = dict(VIEWS)
        summary = " · ".join(f"{labels[v]} {s.score:.0f}" for v, s in scores.items())
        add(f"Scores now: {summary}", "small", "text_muted")
        out.append(Line("", "small", "text"))
        goals = {o.id: o for o in objectives_of(spec, play.side)}
        total = sum(r.weight for r in now.results)
        indent = ctx.px(18)
        for res in now.results:
            obj = goals[res.id]
            mark, colour = ("✓ ", "positive") if res.met else ("· ", "text_muted")
            add(mark + res.label, "label", colour if res.met else "text")
            out.append(Line("", "small", "text", indent, bar=res.credit))
            op = "≥" if res.higher_is_better else "≤"
            aims = f"target {op} {format_value(spec, obj, res.target)}"
            if res.floor is not None:
                aims += f", floor {format_value(spec, obj, res.floor)}"
            share = 100.0 * res.weight / total if total > 0 else 0.0
            add(
                f"Now {format_value(spec, obj, res.value)} ({aims}) · credit {res.credit:.0%} "
                f"· weight {res.weight:g} = {points(res, now.results):.1f} of {share:.0f} points",
                "small",
                "text",
                indent,
            )
            add("Measures " + objective_measure(spec, obj) + ".", "small", "text_faint", indent)
        out.append(Line("", "small", "text"))
        add(
            "Objectives are judged on the game's last week: strike weeks, costs and the "
            "members' mood keep moving until then.",
            "small",
            "text_faint",
        )
        return out

    def line_height(self, line: Line) -> int:
        if line.bar >= 0:
            return self.ctx.px(8) + self.ctx.space("xs") * 2
        return self.ctx.font(line.role).get_linesize()

    # --- layout and drawing -----------------------------------------------------------
    def layout(self) -> None:
        ctx = self.ctx
        area = self.content_rect()
        bh = self.back.preferred_height()
        bw = self.back.preferred_width() + ctx.px(20)
        self.back.rect = pygame.Rect(area.right - bw, area.y, bw, bh)
        gap = ctx.space("xs")
        x, y = area.x, area.y
        for b in self.tabs.values():
            tw = b.preferred_width()
            limit = self.back.rect.x - ctx.space("md") if y == area.y else area.right
            if x > area.x and x + tw > limit:
                x, y = area.x, y + bh + gap
            b.rect = pygame.Rect(x, y, tw, bh)
            x += tw + gap
        page = self.page_scroll
        assert page is not None
        page.pinned = [*self.tabs.values(), self.back]
        top = y + bh + ctx.space("lg")
        page.viewport = pygame.Rect(0, top, ctx.size[0], ctx.size[1] - top)
        self.box = pygame.Rect(area.x, top, area.width, 0)
        pad = ctx.space("lg")
        self.lines = self.content(area.width - 2 * pad)
        height = sum(self.line_height(line) for line in self.lines) + 2 * pad
        self.box.height = height
        page.end = top + height + ctx.space("lg")
        page.scroll = max(0, min(page.scroll, page.end - page.viewport.bottom))
        self.top = top - page.scroll

    def draw_body(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        box = self.box.move(0, self.top - self.box.y)
        panel(surface, box, ctx.colour("surface"), ctx.colour("border"), ctx.radius("lg"), 1)
        pad = ctx.space("lg")
        y = box.y + pad
        colour = f"{self.play.side_key}"
        for line in self.lines:
            x = box.x + pad + line.indent
            if line.bar >= 0:
                track = pygame.Rect(x, y + ctx.space("xs"), ctx.px(220), ctx.px(8))
                track.width = min(track.width, box.right - pad - x)
                panel(surface, track, ctx.colour("surface_pressed"), None, ctx.px(4))
                fill = track.copy()
                fill.width = round(track.width * line.bar)
                if fill.width > 0:
                    panel(surface, fill, ctx.colour(colour), None, ctx.px(4))
            elif line.text:
                surface.blit(ctx.text(line.role, line.text, line.colour), (x, y))
            y += self.line_height(line)
