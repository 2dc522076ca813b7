"""New game, step 2: your side, whom you play against, the opponent, difficulty and seed.

The two sides are cards (their party names, descriptions and member counts). "Play
against" picks the computer or a hot seat (two people at this computer, one per side; the
card then picks player 1's side). Against the computer, the opponent is a stepper over the
negotiators that can play the other side, each with its description, and difficulty is a
segmented picker; in a hot seat both are disabled. The seed is a number field (same seed +
same moves = the same game, which teachers use to make groups comparable). A campaign is
always played against the computer. "Read the briefing" goes on.
"""

from __future__ import annotations

import random

import pygame

from strikesim.catalogue import SIDE_TITLES, Opponent, opponents
from strikesim.engine.spec import GameSpec
from strikesim.records import Seat
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel, with_alpha, wrap_text
from strikesim.ui.screens.fields import Stepper, TextEntryScreen, TextField
from strikesim.ui.screens.footer import place_footer
from strikesim.ui.scroll import PageScroll
from strikesim.ui.transitions import Pop, Push, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.card import Card, CardInfo
from strikesim.ui.widgets.option_picker import OptionPicker

MAX_SEED_DIGITS = 9
PLAY_AGAINST = ("Computer", "Hot seat (two players)")
"""The "Play against" options; index 1 is the hot seat."""


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

    help_topic = "side"

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
        self.play_against = OptionPicker(
            ctx,
            "Play against",
            PLAY_AGAINST,
            on_change=self._play_against_changed,
            enabled=self.can_hot_seat,
        )
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
            on_change=lambda _text: self.relayout(),
        )
        self.reseed = Button(ctx, "New seed", self.new_seed)
        self.back = Button(ctx, "Back", lambda: Pop(None), hotkey="Esc")
        label = "Begin the campaign" if campaign is not None else "Read the briefing"
        self.next = Button(ctx, label, self.proceed, variant="primary")
        self._fill_opponents()
        self.page_top = 0
        self.page_scroll = PageScroll(self._relayout)
        self.set_widgets(
            [
                *self.side_cards,
                self.play_against,
                self.seed,
                self.reseed,
                self.opponent,
                self.difficulty,
                self.back,
                self.next,
            ]
        )
        self.focus.focus(self.side_cards[self.side])

    # --- state ---------------------------------------------------------------------------
    def _side_info(self, side: int) -> CardInfo:
        party = self.spec.parties[side]
        unit = "members" if side == 0 else "member companies"
        chips: tuple[str, ...] = (f"{party.members:,} {unit}",) if party.members > 1 else ()
        if self.hot_seat:
            chips += (f"Player {1 if side == self.side else 2}",)
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
            self._label_players()
            self.relayout()
        return None

    def relayout(self) -> None:
        """Lay out again before the next frame: the summary's text changed, and its box
        takes the height it needs."""
        self._layout_key = None
        self.dirty = True

    @property
    def can_hot_seat(self) -> bool:
        """Campaigns are played against the computer."""
        return self.campaign is None

    @property
    def hot_seat(self) -> bool:
        """Two people at this computer, one per side."""
        return self.play_against.index == 1 and self.can_hot_seat

    def _label_players(self) -> None:
        """Mark the cards "Player 1" / "Player 2" in a hot seat."""
        for s, card in enumerate(self.side_cards):
            card.info = self._side_info(s)

    def _play_against_changed(self, _index: int) -> None:
        computer = not self.hot_seat
        if not computer and (self.opponent.focused or self.difficulty.focused):
            self.focus.focus(self.play_against)
        self.opponent.enabled = self.difficulty.enabled = computer
        self._label_players()
        self.dirty = True

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
        if self.hot_seat:
            return Seat("human"), Seat("human")
        ai = Seat("ai", self.chosen_opponent.name, self.difficulty_id)
        human = Seat("human")
        return (human, ai) if self.side == 0 else (ai, human)

    def proceed(self) -> Transition | None:
        if self.campaign is not None:
            from strikesim.ui.screens.campaign_flow import start_campaign

            return start_campaign(self.ctx, self.campaign, self.seats(), self.seed_value)
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
        page = self.page_scroll
        assert page is not None
        top = m + ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize()
        top += ctx.space("lg")
        bh = self.next.preferred_height()
        col = (w - 2 * m - gap) // 2
        x2 = m + col + gap
        footer = h - m - bh
        lh = ctx.font("small").get_linesize()
        row1 = max(self.play_against.preferred_height(), self.seed.preferred_height())
        row2 = max(self.opponent.preferred_height(), self.difficulty.preferred_height())
        rows = row1 + ctx.space("md") + row2 + ctx.space("xs") + 2 * lh
        # room for the longer of the two summaries, so toggling the seats moves nothing
        need = max(self._summary_height(w - 2 * m, hot) for hot in {False, self.can_hot_seat})
        self.summary_rect = pygame.Rect(m, 0, w - 2 * m, need)
        room = footer - gap - self.summary_rect.height - gap - rows - gap - top
        cap = ctx.font("caption").get_linesize()
        card_min = 2 * ctx.space("lg") + cap + ctx.space("xs") + ctx.font("h2").get_linesize()
        card_min += ctx.space("sm") + cap + ctx.space("sm") + ctx.space("md")
        # a large text size on a small window: the page scrolls above the footer
        desc_lines = max(self._desc_lines(col), 2)
        scrolls = room < card_min
        page.pinned = [self.back, self.next]
        page.viewport = pygame.Rect(0, 0, w, footer - ctx.space("md"))
        off = page.scroll if scrolls else 0
        self.page_top = m - off
        y = top - off
        card_h = card_min if scrolls else max(card_min, min(ctx.px(196), room))
        for s, card in enumerate(self.side_cards):
            card.rect = pygame.Rect(m + s * (col + gap), y, col, card_h)
        y += card_h + gap
        self.play_against.rect = pygame.Rect(m, y, col, self.play_against.preferred_height())
        rw = max(self.reseed.preferred_width(), ctx.px(120))
        field_w = min(ctx.px(300), col - rw - ctx.space("md"))
        self.seed.rect = pygame.Rect(x2, y, field_w, self.seed.preferred_height())
        self.reseed.rect = pygame.Rect(
            self.seed.rect.right + ctx.space("md"), self.seed.box().y, rw, self.seed.box().height
        )
        y += row1 + ctx.space("md")
        self.opponent.rect = pygame.Rect(m, y, col, self.opponent.preferred_height())
        self.difficulty.rect = pygame.Rect(x2, y, col, self.difficulty.preferred_height())
        desc_y = y + row2 + ctx.space("xs")
        if scrolls:
            self.desc_rect = pygame.Rect(m, desc_y, col, desc_lines * lh)
            level_lines = len(wrap_text(ctx.font("small"), self._level_text(), col))
            self.level_rect = pygame.Rect(x2, desc_y, col, max(1, level_lines) * lh)
            self.summary_rect.y = max(self.desc_rect.bottom, self.level_rect.bottom) + gap
            page.end = self.summary_rect.bottom + off + gap
        else:
            page.end = 0
            self.summary_rect.bottom = footer - gap
            lines = max(1, min(3, (self.summary_rect.y - ctx.space("md") - desc_y) // lh))
            self.desc_rect = pygame.Rect(m, desc_y, col, lines * lh)
            self.level_rect = pygame.Rect(x2, desc_y, col, lh)
        place_footer(ctx, footer, back=self.back, main=self.next)

    def _relayout(self) -> None:
        self.layout()
        self.dirty = True

    def _desc_lines(self, width: int) -> int:
        return len(wrap_text(self.ctx.font("small"), self._desc_text(), width))

    def _desc_text(self) -> str:
        if self.hot_seat:
            other = self.spec.parties[1 - self.side]
            return f"Player 2 leads {other.short_name or other.name}: no computer opponent."
        return self.chosen_opponent.description or "No description."

    def _level_text(self) -> str:
        if self.hot_seat:
            return "Difficulty is for games against the computer."
        return self.levels[self.difficulty.index][2]

    def summary_lines(self, hot_seat: bool | None = None) -> list[str]:
        """The game as chosen (or with ``hot_seat`` overridden), in words."""
        spec, side = self.spec, self.side
        mine, other = spec.parties[side], spec.parties[1 - side]
        if self.hot_seat if hot_seat is None else hot_seat:
            first = (
                f"Hot seat: two players share this computer. Player 1 leads {mine.name}, "
                f"the side picked above; player 2 leads {other.name}."
            )
            privacy = (
                "Between turns a hand-over screen hides each side's numbers from the other "
                "player; there each player reads their own confidential brief at their first "
                "turn."
            )
        else:
            level = self.levels[self.difficulty.index][1].lower()
            first = (
                f"You lead {mine.name} against {other.short_name or other.name}, "
                f"played by the “{self.chosen_opponent.label}” negotiator at {level} difficulty."
            )
            privacy = ""
        from strikesim.narrate import week_date

        start = week_date(spec, 0)
        when = f"Talks open {start}; t" if not start.startswith("Week") else "T"
        last = (
            f"{when}he contract expires in week {spec.phases.expiry_week}; the dispute lasts "
            f"at most {spec.phases.max_weeks} weeks. Seed {self.seed_value}."
        )
        if self.campaign is not None:
            from strikesim.ai import BUILTINS

            if self.chosen_opponent.name not in BUILTINS:
                last += " Later disputes bring each scenario's own negotiator."
        return [line for line in (first, privacy, last) if line]

    def _summary_wrapped(self, width: int, hot_seat: bool | None = None) -> list[str]:
        pad = self.ctx.space("lg")
        lines: list[str] = []
        for para in self.summary_lines(hot_seat):
            lines += wrap_text(self.ctx.font("body"), para, width - 2 * pad)
        return lines

    def _summary_height(self, width: int, hot_seat: bool | None = None) -> int:
        ctx = self.ctx
        head = ctx.font("caption").get_linesize() + ctx.space("xs")
        body = len(self._summary_wrapped(width, hot_seat)) * ctx.font("body").get_linesize()
        return 2 * ctx.space("lg") + head + body

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        m = ctx.space("xxl")
        if self.campaign is not None:
            eyebrow = f"NEW CAMPAIGN  ·  STEP 2 OF 2  ·  FIRST DISPUTE: {self.spec.title.upper()}"
        else:
            eyebrow = f"NEW GAME  ·  STEP 2 OF 3  ·  {self.spec.title.upper()}"
        width = ctx.size[0] - 2 * m
        y = self.page_top
        for line in wrap_text(ctx.font("caption"), eyebrow, width):
            surface.blit(ctx.text("caption", line, "gold"), (m, y))
            y += ctx.font("caption").get_linesize()
        surface.blit(ctx.text("h1", "Choose your side", "text"), (m, y))
        self._draw_lines(surface, self._desc_text(), self.desc_rect)
        self._draw_lines(surface, self._level_text(), self.level_rect)
        self._draw_summary(surface)

    def _draw_lines(self, surface: pygame.Surface, text: str, box: pygame.Rect) -> None:
        """``text`` in small muted type wrapped into ``box``, the last line cut with "…"."""
        ctx = self.ctx
        font = ctx.font("small")
        lh = font.get_linesize()
        lines = wrap_text(font, text, box.width)
        room = max(1, box.height // lh)
        if len(lines) > room:
            lines = [*lines[: room - 1], ellipsize(font, lines[room - 1] + " …", box.width)]
        for i, line in enumerate(lines):
            surface.blit(ctx.text("small", line, "text_muted"), (box.x, box.y + i * lh))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        ctx = self.ctx
        r = ctx.radius("lg")
        page = self.page_scroll
        previous = surface.get_clip()
        if page is not None and page.active:
            surface.set_clip(page.viewport.clip(previous))
        for side, card in enumerate(self.side_cards):
            stripe = pygame.Rect(card.rect.x, card.rect.y + r, ctx.px(4), card.rect.height - 2 * r)
            panel(surface, stripe, ctx.colour(("union", "studio")[side]), None)
            if not card.enabled:
                mine = ("union's", "studios'")[self.side]
                self._veil(surface, card.rect, f"This campaign puts you on the {mine} side")
        if not self.play_against.enabled:
            self._veil(surface, self.play_against.rect, "A campaign is played against the computer")
        surface.set_clip(previous)

    def _veil(self, surface: pygame.Surface, rect: pygame.Rect, reason: str) -> None:
        """Dim a locked control and say why over it."""
        ctx = self.ctx
        panel(surface, rect, with_alpha(ctx.colour("bg_top"), 225), None, ctx.radius("lg"))
        note = ctx.text("label", ellipsize(ctx.font("label"), reason, rect.width), "text_muted")
        surface.blit(note, note.get_rect(center=rect.center))

    def _draw_summary(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        width = self.summary_rect.width
        box = pygame.Rect(self.summary_rect.x, 0, width, self._summary_height(width))
        box.bottom = self.summary_rect.bottom
        if box.y < max(self.desc_rect.bottom, self.level_rect.bottom) + ctx.space("md"):
            return  # the window is too small for it beside everything else
        pad = ctx.space("lg")
        lh = ctx.font("body").get_linesize()
        head = ctx.font("caption").get_linesize() + ctx.space("xs")
        panel(surface, box, ctx.colour("surface"), ctx.colour("border"), ctx.radius("lg"), 1)
        surface.blit(ctx.text("caption", "YOUR GAME", "gold"), (box.x + pad, box.y + pad))
        for i, line in enumerate(self._summary_wrapped(width)):
            surface.blit(ctx.text("body", line, "text"), (box.x + pad, box.y + pad + head + i * lh))
