"""The first-game guide: short cards over the table (and later the debrief), each pointing
at the part it explains with a gold ring, the rest of the screen dimmed.

Enter (or "Next") goes on, Escape (or "Skip the guide") ends it; either way the guide is
marked as seen in the settings (Settings → First-game guide shows it again next game).
:func:`table_steps` and :func:`debrief_steps` build the cards from the screens' own rects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from strikesim.narrate import possessive
from strikesim.ui.context import UIContext
from strikesim.ui.draw import panel, wrap_text
from strikesim.ui.screens.modal import ModalScreen
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button

if TYPE_CHECKING:
    from strikesim.ui.screens.game.debrief import DebriefScreen
    from strikesim.ui.screens.game.table import TableScreen


@dataclass(frozen=True)
class GuideStep:
    title: str
    text: str
    highlight: pygame.Rect | None = None


class GuideScreen(ModalScreen):
    title = "Guide"
    key_context = "dialog"

    def __init__(self, ctx: UIContext, steps: Sequence[GuideStep]) -> None:
        super().__init__(ctx)
        if not steps:
            raise ValueError("a guide needs at least one step")
        self.steps = list(steps)
        self.index = 0
        self.skip = Button(ctx, "Skip the guide", lambda: Pop("skipped"), hotkey="Esc")
        self.next = Button(ctx, "Next", self.advance, variant="primary", hotkey="Enter")
        self.set_widgets([self.skip, self.next])
        self.focus.focus(self.next)

    @property
    def step(self) -> GuideStep:
        return self.steps[self.index]

    def advance(self) -> Transition | None:
        if self.index + 1 >= len(self.steps):
            return Pop("done")
        self.index += 1
        self.next.label = "Done" if self.index + 1 == len(self.steps) else "Next"
        self._layout_key = None
        self.dirty = True
        return None

    def on_back(self) -> Transition | None:
        return Pop("skipped")

    def _lines(self, width: int) -> list[str]:
        return wrap_text(self.ctx.font("body"), self.step.text, width)

    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        pad = ctx.space("xl")
        width = min(w - 2 * ctx.space("lg"), ctx.px(520))
        bh = self.next.preferred_height()
        height = pad + ctx.font("caption").get_linesize() + ctx.font("h2").get_linesize()
        height += (
            ctx.space("sm") + len(self._lines(width - 2 * pad)) * ctx.font("body").get_linesize()
        )
        height += ctx.space("lg") + bh + pad
        box = pygame.Rect(0, 0, width, min(height, h - 2 * ctx.space("lg")))
        box.center = (w // 2, h // 2)
        hl = self.step.highlight
        if hl is not None and box.colliderect(hl.inflate(ctx.px(16), ctx.px(16))):
            # the card goes where there is most room beside what it points at
            room = {
                "below": h - hl.bottom,
                "above": hl.top,
                "right": w - hl.right,
                "left": hl.left,
            }
            side = max(room, key=lambda k: room[k])
            gap = ctx.space("lg")
            if side == "below":
                box.top = hl.bottom + gap
            elif side == "above":
                box.bottom = hl.top - gap
            elif side == "right":
                box.left = hl.right + gap
            else:
                box.right = hl.left - gap
            box.clamp_ip(pygame.Rect(0, 0, w, h))
        self.panel = box
        sw = max(self.skip.preferred_width(), ctx.px(120))
        nw = max(self.next.preferred_width(), ctx.px(110))
        y = box.bottom - pad - bh
        self.next.rect = pygame.Rect(box.right - pad - nw, y, nw, bh)
        self.skip.rect = pygame.Rect(self.next.rect.x - ctx.space("md") - sw, y, sw, bh)

    def draw_background(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        scrim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        scrim.fill(ctx.colour("scrim"))
        hl = self.step.highlight
        if hl is not None:
            scrim.fill((0, 0, 0, 0), hl.inflate(ctx.px(8), ctx.px(8)))
        surface.blit(scrim, (0, 0))
        if hl is not None:
            ring = hl.inflate(ctx.px(8), ctx.px(8))
            pygame.draw.rect(surface, ctx.colour("focus"), ring, max(2, ctx.px(3)), ctx.radius())
        panel(
            surface,
            self.panel,
            ctx.colour("surface"),
            ctx.colour("border_strong"),
            ctx.radius("lg"),
            1,
        )

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        x, y = self.panel.x + pad, self.panel.y + pad
        count = f"FIRST-GAME GUIDE · {self.index + 1} OF {len(self.steps)}"
        surface.blit(ctx.text("caption", count, "gold"), (x, y))
        y += ctx.font("caption").get_linesize()
        surface.blit(ctx.text("h2", self.step.title, "text"), (x, y))
        y += ctx.font("h2").get_linesize() + ctx.space("sm")
        for line in self._lines(self.panel.width - 2 * pad):
            surface.blit(ctx.text("body", line, "text"), (x, y))
            y += ctx.font("body").get_linesize()


def _union(rects: Sequence[pygame.Rect]) -> pygame.Rect | None:
    shown = [r for r in rects if r.width > 0 and r.height > 0]
    return shown[0].unionall(shown[1:]) if shown else None


def table_steps(screen: TableScreen) -> list[GuideStep]:
    other = screen.play.name(screen.play.other)
    rows = _union([c.rect for c in screen.controls])
    rows = rows.clip(screen.view.viewport) if rows is not None else None
    moves = _union([b.rect for b in (*screen.move_buttons.values(), screen.hold_on)])
    nav = _union([b.rect for b in screen.nav.values()])
    return [
        GuideStep(
            "Your package",
            "Each row is one issue of the contract. Set your draft with the slider or the "
            "numbered options; the chosen option is written out below them. Under every row, "
            f"{possessive(other)} offer on that issue, in words.",
            rows,
        ),
        GuideStep(
            "The preview",
            f"Before you send anything: the chance {other} accepts your draft next week, and "
            "where the key numbers go over the next weeks (the line is the middle of 200 "
            "simulated games, the band holds 80 % of them).",
            screen.shifted(screen.preview_rect),
        ),
        GuideStep(
            "What it is worth",
            "Utility runs from 0 (a side's worst acceptable terms) to 1 (all it wants). The "
            "members' forecast says how they would vote on the offer today: a deal must pass "
            "their vote. A warning appears here when your money is running out.",
            screen.shifted(screen.worth),
        ),
        GuideStep(
            "Your moves",
            "Counter sends your draft. Accept takes their package (you are asked first, with "
            "the vote forecast). Hold lets a week pass; Hold until news skips quiet weeks. "
            "Walk out suspends the talks for a while.",
            moves,
        ),
        GuideStep(
            "Pressure, news and the dashboard",
            "P picks this week's pressure actions, N reads the news, D charts every number "
            "week by week and says what drove it.",
            nav,
        ),
        GuideStep(
            "Help at any time",
            "F1 on any screen explains the words on it. When the dispute ends, the debrief "
            "shows your deal against the best possible ones; this guide returns there for a "
            "last card. Settings → First-game guide shows it all again.",
        ),
    ]


def debrief_steps(screen: DebriefScreen) -> list[GuideStep]:
    return [
        GuideStep(
            "Your deal against every possible one",
            "Each dot is a possible contract, placed by what it is worth to each side. The "
            "line is the Pareto frontier: deals that cannot be improved for one side without "
            "hurting the other. The star is your deal; Nash and KS are two fair-split "
            "benchmarks; the walk-away point is what failing would have given.",
            screen.plot.rect,
        ),
        GuideStep(
            "Why things went as they did",
            "For each number: its largest causes first, adding up to the whole change. F1 "
            "explains the move kinds (concession, silent, selfish …).",
            screen.drivers.rect,
        ),
    ]
