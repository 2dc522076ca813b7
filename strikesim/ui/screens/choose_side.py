"""New game, step 2: your side, the opponent's personality, its difficulty and the seed.

The two sides are cards (their party names, descriptions and member counts); the opponent
is a stepper over the negotiators that can play the other side, each with its description;
difficulty is a segmented picker; the seed is a number field (same seed + same moves = the
same game, which teachers use to make groups comparable). "Read the briefing" goes on.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pygame

from strikesim.engine.spec import GameSpec
from strikesim.records import Seat
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel, with_alpha, wrap_text
from strikesim.ui.screens.catalogue import SIDE_TITLES, Opponent, opponents
from strikesim.ui.screens.fields import Stepper, TextEntryScreen, TextField
from strikesim.ui.screens.footer import place_footer
from strikesim.ui.transitions import Pop, Push, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.card import Card, CardInfo
from strikesim.ui.widgets.option_picker import OptionPicker

MAX_SEED_DIGITS = 9


def _campaign_starter() -> Callable[[UIContext, str, tuple[Seat, Seat], int], Transition] | None:
    """``start_campaign`` of the campaign screens, when this build has them."""
    try:
        from strikesim.ui.screens.campaign_flow import start_campaign
    except ImportError:
        return None
    return start_campaign


def campaign_player_side(campaign_id: str) -> int | None:
    """The side a campaign makes the player lead (None when either side may be chosen)."""
    try:
        from strikesim.campaign import load_campaign

        side = load_campaign(campaign_id).player_side
    except Exception:  # the campaign's own screens report a campaign that cannot load
        return None
    return {"union": 0, "studio": 1}.get(side)


def _difficulties() -> list[tuple[str, str, str]]:
    from strikesim.ai import DIFFICULTIES

    return [(d.id, d.label, d.description) for d in DIFFICULTIES.values()]


class ChooseSideScreen(TextEntryScreen):
    """Choose a side and opponent for ``spec``; pushes the briefing."""

    title = "Choose your side"

    def __init__(
        self,
        ctx: UIContext,
        spec: GameSpec,
        *,
        campaign: str | None = None,
        side: int = 0,
        difficulty: str = "normal",
        seed: int = 0,
    ) -> None:
        super().__init__(ctx)
        self.spec = spec
        self.campaign = campaign
        self.side = 1 if side == 1 else 0
        fixed = campaign_player_side(campaign) if campaign is not None else None
        if fixed is not None:
            self.side = fixed
        self.side_cards = [
            Card(
                ctx,
                self._side_info(s),
                (lambda s=s: self.pick_side(s)),  # type: ignore[misc]
                selected=s == self.side,
                enabled=fixed is None or s == fixed,
            )
            for s in (0, 1)
        ]
        self.opponents: list[Opponent] = []
        self.opponent = Stepper(ctx, "Opponent", ["—"])
        self.levels = _difficulties()
        ids = [d[0] for d in self.levels]
        self.difficulty = OptionPicker(
            ctx,
            "Difficulty",
            [d[1] for d in self.levels],
            ids.index(difficulty) if difficulty in ids else 0,
        )
        self.seed = TextField(
            ctx,
            "Seed (same seed, same luck)",
            str(max(0, seed)),
            max_length=MAX_SEED_DIGITS,
            allowed=str.isdigit,
            placeholder="0",
        )
        self.reseed = Button(ctx, "New seed", self.new_seed)
        self.back = Button(ctx, "Back", lambda: Pop(None), hotkey="Esc")
        label = "Begin the campaign" if campaign is not None else "Read the briefing"
        self.next = Button(ctx, label, self.proceed, variant="primary")
        self._fill_opponents()
        self.set_widgets(
            [
                *self.side_cards,
                self.opponent,
                self.difficulty,
                self.seed,
                self.reseed,
                self.back,
                self.next,
            ]
        )
        self.focus.focus(self.side_cards[self.side])

    # --- state ---------------------------------------------------------------------------
    def _side_info(self, side: int) -> CardInfo:
        party = self.spec.parties[side]
        unit = "members" if side == 0 else "member companies"
        chips = (f"{party.members:,} {unit}",) if party.members > 1 else ()
        eyebrow = SIDE_TITLES[side]
        if party.short_name and party.short_name != party.name:
            eyebrow += f" · {party.short_name}"
        title, summary = party.name, party.description or ""
        if len(title) > 40 and party.short_name:
            title, summary = party.short_name, f"{party.name}. {summary}"
        return CardInfo(
            title,
            summary,
            eyebrow=eyebrow,
            chips=chips,
        )

    def _fill_opponents(self) -> None:
        other = 1 - self.side
        self.opponents = opponents(self.spec, other)
        names = [o.name for o in self.opponents]
        default = self.spec.default_negotiators[other]
        self.opponent.options = [o.label for o in self.opponents]
        self.opponent.index = names.index(default) if default in names else 0
        self.opponent.label = f"Opponent: {self.spec.parties[other].short_name or 'the other side'}"

    def pick_side(self, side: int) -> Transition | None:
        if side != self.side:
            self.side = side
            for s, card in enumerate(self.side_cards):
                card.selected = s == side
            self._fill_opponents()
            self.dirty = True
        return None

    def new_seed(self) -> Transition | None:
        self.seed.set_text(str(random.randrange(1, 10**6)))
        return None

    @property
    def seed_value(self) -> int:
        return int(self.seed.text) if self.seed.text.isdigit() else 0

    @property
    def difficulty_id(self) -> str:
        return self.levels[self.difficulty.index][0]

    @property
    def chosen_opponent(self) -> Opponent:
        return self.opponents[self.opponent.index]

    def seats(self) -> tuple[Seat, Seat]:
        ai = Seat("ai", self.chosen_opponent.name, self.difficulty_id)
        human = Seat("human")
        return (human, ai) if self.side == 0 else (ai, human)

    def proceed(self) -> Transition | None:
        if self.campaign is not None:
            start = _campaign_starter()
            if start is not None:
                return start(self.ctx, self.campaign, self.seats(), self.seed_value)
        from strikesim.ui.screens.briefing import BriefingScreen

        return Push(
            BriefingScreen(
                self.ctx,
                self.spec,
                self.side,
                self.seats(),
                self.seed_value,
                campaign=self.campaign,
            )
        )

    # --- input ----------------------------------------------------------------------------
    def text_fields(self) -> list[TextField]:
        return [self.seed]

    # --- layout ----------------------------------------------------------------------------
    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        m = ctx.space("xxl")
        gap = ctx.space("xl")
        y = m + ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize() + ctx.space("lg")
        bh = self.next.preferred_height()
        col = (w - 2 * m - gap) // 2
        footer = h - m - bh
        lh = ctx.font("small").get_linesize()
        right_need = self.difficulty.preferred_height() + ctx.space("xs") + lh + ctx.space("md")
        right_need += self.seed.preferred_height()
        left_need = self.opponent.preferred_height() + ctx.space("sm") + 2 * lh
        room = footer - gap - max(right_need, left_need) - gap - y
        cap = ctx.font("caption").get_linesize()
        card_min = 2 * ctx.space("lg") + cap + ctx.space("xs") + ctx.font("h2").get_linesize()
        card_min += ctx.space("sm") + cap + ctx.space("sm") + ctx.space("md")
        card_h = max(card_min, min(ctx.px(196), room))
        for s, card in enumerate(self.side_cards):
            card.rect = pygame.Rect(m + s * (col + gap), y, col, card_h)
        y += card_h + gap
        self.opponent.rect = pygame.Rect(m, y, col, self.opponent.preferred_height())
        desc_y = self.opponent.rect.bottom + ctx.space("sm")
        lines = max(1, min(3, (footer - gap - desc_y) // lh))
        self.desc_rect = pygame.Rect(m, desc_y, col, lines * lh)
        x2 = m + col + gap
        self.difficulty.rect = pygame.Rect(x2, y, col, self.difficulty.preferred_height())
        self.level_y = self.difficulty.rect.bottom + ctx.space("xs")
        sy = self.level_y + ctx.font("small").get_linesize() + ctx.space("md")
        rw = max(self.reseed.preferred_width(), ctx.px(120))
        field_w = min(ctx.px(300), col - rw - ctx.space("md"))
        self.seed.rect = pygame.Rect(x2, sy, field_w, self.seed.preferred_height())
        self.reseed.rect = pygame.Rect(
            self.seed.rect.right + ctx.space("md"), self.seed.box().y, rw, self.seed.box().height
        )
        place_footer(ctx, footer, back=self.back, main=self.next)
        top = max(self.desc_rect.bottom, self.seed.rect.bottom) + gap
        self.summary_rect = pygame.Rect(m, top, w - 2 * m, max(0, footer - gap - top))

    def summary_lines(self) -> list[str]:
        """The game as chosen, in words (shown above the footer)."""
        spec, side = self.spec, self.side
        other = spec.parties[1 - side]
        level = self.levels[self.difficulty.index][1].lower()
        first = (
            f"You lead {spec.parties[side].name} against {other.short_name or other.name}, "
            f"played by the “{self.chosen_opponent.label}” negotiator at {level} difficulty."
        )
        from strikesim.narrate import week_date

        start = week_date(spec, 0)
        when = f"Talks open {start}; t" if not start.startswith("Week") else "T"
        second = (
            f"{when}he contract expires in week {spec.phases.expiry_week}; the dispute lasts "
            f"at most {spec.phases.max_weeks} weeks. Seed {self.seed_value}."
        )
        if self.campaign is not None:
            from strikesim.ai import BUILTINS

            if self.chosen_opponent.name not in BUILTINS:
                second += " Later disputes bring each scenario's own negotiator."
        return [first, second]

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        m = ctx.space("xxl")
        if self.campaign is not None:
            eyebrow = f"NEW CAMPAIGN  ·  STEP 2 OF 2  ·  FIRST DISPUTE: {self.spec.title.upper()}"
        else:
            eyebrow = f"NEW GAME  ·  STEP 2 OF 3  ·  {self.spec.title.upper()}"
        width = ctx.size[0] - 2 * m
        surface.blit(
            ctx.text("caption", ellipsize(ctx.font("caption"), eyebrow, width), "gold"), (m, m)
        )
        surface.blit(
            ctx.text("h1", "Choose your side", "text"), (m, m + ctx.font("caption").get_linesize())
        )
        lh = ctx.font("small").get_linesize()
        desc = self.chosen_opponent.description or "No description."
        lines = wrap_text(ctx.font("small"), desc, self.desc_rect.width)
        room = max(1, self.desc_rect.height // lh)
        if len(lines) > room:
            lines = [
                *lines[: room - 1],
                ellipsize(ctx.font("small"), lines[room - 1] + " …", self.desc_rect.width),
            ]
        for i, line in enumerate(lines):
            surface.blit(
                ctx.text("small", line, "text_muted"), (self.desc_rect.x, self.desc_rect.y + i * lh)
            )
        self._draw_summary(surface)
        level = self.levels[self.difficulty.index][2]
        text = ellipsize(ctx.font("small"), level, self.difficulty.rect.width)
        surface.blit(ctx.text("small", text, "text_muted"), (self.difficulty.rect.x, self.level_y))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        ctx = self.ctx
        for side, card in enumerate(self.side_cards):
            r = ctx.radius("lg")
            stripe = pygame.Rect(card.rect.x, card.rect.y + r, ctx.px(4), card.rect.height - 2 * r)
            panel(surface, stripe, ctx.colour(("union", "studio")[side]), None)
            if not card.enabled:
                panel(surface, card.rect, with_alpha(ctx.colour("bg_top"), 225), None, r)
                mine = ("union's", "studios'")[self.side]
                note = ctx.text("label", f"This campaign puts you on the {mine} side", "text_muted")
                surface.blit(note, note.get_rect(center=card.rect.center))

    def _draw_summary(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        box = self.summary_rect
        pad = ctx.space("lg")
        lines: list[str] = []
        for para in self.summary_lines():
            lines += wrap_text(ctx.font("body"), para, box.width - 2 * pad)
        lh = ctx.font("body").get_linesize()
        head = ctx.font("caption").get_linesize() + ctx.space("xs")
        need = 2 * pad + head + len(lines) * lh
        if box.height < need:
            return
        box = pygame.Rect(box.x, box.bottom - need, box.width, need)
        panel(surface, box, ctx.colour("surface"), ctx.colour("border"), ctx.radius("lg"), 1)
        surface.blit(ctx.text("caption", "YOUR GAME", "gold"), (box.x + pad, box.y + pad))
        for i, line in enumerate(lines):
            surface.blit(ctx.text("body", line, "text"), (box.x + pad, box.y + pad + head + i * lh))
