"""Pressure actions: every action of the player's side with its cost, cooldown and effects,
shown before choosing; ticking one adds it to this week's decision."""

from __future__ import annotations

import pygame

from strikesim.engine.spec import ActionSpec
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel, wrap_text
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.screens.game.effects_text import describe_condition, describe_effects
from strikesim.ui.scroll import ScrollView
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.base import EventResult
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.card import card_frame
from strikesim.ui.widgets.pressable import Pressable


class ActionToggle(Pressable):
    """One pressure action as a card with a check box; click / Enter toggles it."""

    def __init__(self, ctx: UIContext, play: GamePlay, action: ActionSpec) -> None:
        super().__init__(ctx)
        self.play = play
        self.action = action

    @property
    def selected(self) -> bool:
        return self.action.id in self.play.pressure

    @property
    def available(self) -> bool:
        return self.action.id in self.play.legal_pressure()

    def press(self) -> EventResult:
        """Tick or untick the action for this week."""
        self.play.toggle_pressure(self.action.id)
        return True

    def status(self) -> tuple[str, str]:
        a = self.action
        left = self.play.weeks_until_ready(a.id)
        if self.selected:
            return "CHOSEN FOR THIS WEEK", "gold"
        if left > 0:
            return f"READY IN {left} WEEK{'S' if left != 1 else ''}", "text_faint"
        if not self.available:
            return "NOT NOW", "text_faint"
        return "AVAILABLE", "positive"

    def lines(self, width: int, room: int | None = None) -> list[tuple[str, str, str]]:
        """(role, text, colour) rows of the card body, each fitting ``width``: the condition,
        cost and effects always whole; the description whole too unless ``room`` rows
        are fewer than everything needs (then it gets what the facts leave free)."""
        spec = self.play.spec
        a = self.action
        font = self.ctx.font("small")
        facts: list[tuple[str, str, str]] = []
        if a.condition is not None and a.condition.source.strip() not in ("1", "True", "true"):
            when = "Only when: " + describe_condition(spec, a.condition.source)
            facts += [("small", line, "text_faint") for line in wrap_text(font, when, width)]
        cost = describe_effects(spec, a.cost) if a.cost else "free"
        cool = f"{a.cooldown} week{'s' if a.cooldown != 1 else ''}" if a.cooldown else "none"
        costs = wrap_text(font, f"Cost: {cost}   ·   Cooldown: {cool}", width)
        facts += [("small", line, "text") for line in costs]
        effects = wrap_text(font, "Effects: " + describe_effects(spec, a.effects), width)
        facts += [("small", line, f"{self.play.side_key}_text") for line in effects]
        described = wrap_text(font, a.description, width)
        free = len(described) if room is None else max(0, room - len(facts))
        if len(described) > free:
            described = described[:free]
            if described:
                described[-1] = ellipsize(font, described[-1] + " …", width)
        return [("small", line, "text_muted") for line in described] + facts

    def text_width(self, card_width: int) -> int:
        """Width of the card's text column for a card ``card_width`` wide."""
        ctx = self.ctx
        return card_width - 2 * ctx.space("md") - ctx.px(18) - ctx.space("md")

    def title_lines(self, width: int) -> list[str]:
        """The action's name wrapped beside the status (at most two lines)."""
        status = self.ctx.font("caption").size(self.status()[0])[0]
        room = width - min(status, width // 2) - self.ctx.space("md")
        return wrap_text(self.ctx.font("h3"), self.action.label, room)[:2]

    def needed_height(self, card_width: int) -> int:
        """Height at which everything on the card shows whole."""
        ctx = self.ctx
        width = self.text_width(card_width)
        height = ctx.space("md") + len(self.title_lines(width)) * ctx.font("h3").get_linesize()
        height += ctx.space("xs") + len(self.lines(width)) * ctx.font("small").get_linesize()
        return height + ctx.space("md") // 2 + ctx.px(2)

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        active = self.hovered or self.focused
        card_frame(ctx, surface, self.rect, active=active, selected=self.selected)
        pad = ctx.space("md")
        box = pygame.Rect(self.rect.x + pad, self.rect.y + pad + ctx.px(2), ctx.px(18), ctx.px(18))
        panel(
            surface,
            box,
            ctx.colour("gold") if self.selected else None,
            ctx.colour("border_strong"),
            ctx.radius("sm"),
            max(1, ctx.px(2)),
        )
        if self.selected:
            pts = [
                (box.x + box.w * 0.22, box.y + box.h * 0.52),
                (box.x + box.w * 0.42, box.y + box.h * 0.72),
                (box.x + box.w * 0.78, box.y + box.h * 0.3),
            ]
            pygame.draw.lines(surface, ctx.colour("on_gold"), False, pts, max(2, ctx.px(2)))
        x = box.right + ctx.space("md")
        width = self.rect.right - pad - x
        status, colour = self.status()
        st = ctx.text("caption", ellipsize(ctx.font("caption"), status, width // 2), colour)
        surface.blit(st, (self.rect.right - pad - st.get_width(), self.rect.y + pad + ctx.px(4)))
        title_colour = "text" if self.available or self.selected else "text_disabled"
        # the action's name wraps beside the status rather than being cut
        y = self.rect.y + pad
        for line in self.title_lines(width):
            surface.blit(ctx.text("h3", line, title_colour), (x, y))
            y += ctx.font("h3").get_linesize()
        y += ctx.space("xs")
        line_h = ctx.font("small").get_linesize()
        room = max(0, (self.rect.bottom - pad // 2 - y) // line_h)
        for role, text, col in self.lines(width, room)[:room]:
            surface.blit(ctx.text(role, ellipsize(ctx.font(role), text, width), col), (x, y))
            y += line_h
        self.draw_focus(surface)


class PressureScreen(GameScreen):
    help_topic = "pressure"
    title = "Pressure"
    closes_on_back = True

    def static_key(self) -> tuple[object, ...] | None:
        return (self.play.revision, self.play.last_error, self.view.scroll)

    def __init__(self, ctx: UIContext, play: GamePlay) -> None:
        super().__init__(ctx, play)
        self.toggles = [
            ActionToggle(ctx, play, a) for a in play.spec.actions if a.side == play.side
        ]
        self.done = Button(
            ctx, "Back to the table", lambda: Pop(None), variant="primary", hotkey="Esc"
        )
        self.view = ScrollView([], wheel_step=60)
        self.set_widgets([*self.toggles, self.done], focus_first=True)

    def on_action(self, action: str) -> Transition | None:
        return Pop(None) if action == "pressure" else None

    def layout(self) -> None:
        ctx = self.ctx
        area = self.content_rect()
        head = ctx.font("h2").get_linesize() + ctx.font("small").get_linesize() + ctx.space("lg")
        bh = self.done.preferred_height()
        self.done.rect = pygame.Rect(
            area.right - self.done.preferred_width() - ctx.px(20),
            area.bottom - bh,
            self.done.preferred_width() + ctx.px(20),
            bh,
        )
        grid = pygame.Rect(
            area.x, area.y + head, area.width, self.done.rect.y - ctx.space("lg") - area.y - head
        )
        n = max(1, len(self.toggles))
        cols = 2 if n > 3 else 1
        rows = (n + cols - 1) // cols
        gap = ctx.space("md")
        cw = (grid.width - gap * (cols - 1)) // cols
        ch = min(ctx.px(170), (grid.height - gap * (rows - 1)) // rows)
        # tall enough for a two-line name, a short description and the facts; the grid
        # scrolls when the cards do not all fit (large text, small window)
        need = 2 * ctx.space("md") + 2 * ctx.font("h3").get_linesize()
        need += ctx.space("xs") + 5 * ctx.font("small").get_linesize()
        ch = max(ch, need, *(t.needed_height(cw) for t in self.toggles))
        for k, t in enumerate(self.toggles):
            t.rect = pygame.Rect(
                grid.x + (k % cols) * (cw + gap), grid.y + (k // cols) * (ch + gap), cw, ch
            )
        self.view.viewport = grid
        self.view.items = list(self.toggles)
        self.view.positions = [pygame.Rect(t.rect) for t in self.toggles]
        self.view.scroll_to(self.view.scroll)
        self.view.place()
        self.head_y = area.y

    def draw_body(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        x = self.content_rect().x
        surface.blit(ctx.text("h2", "Pressure this week", "text"), (x, self.head_y))
        sub = (
            "Tick the actions to take with this week's move. "
            "Costs are paid when the week is played."
        )
        surface.blit(
            ctx.text("small", sub, "text_muted"), (x, self.head_y + ctx.font("h2").get_linesize())
        )
        if not self.toggles:
            surface.blit(
                ctx.text(
                    "body", "Your side has no pressure actions in this scenario.", "text_faint"
                ),
                (x, self.head_y + ctx.px(80)),
            )
        if self.play.last_error:
            img = ctx.text("small", self.play.last_error, "negative")
            surface.blit(img, (x, self.done.rect.centery - img.get_height() // 2))
