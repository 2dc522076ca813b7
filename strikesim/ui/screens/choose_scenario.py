"""New game, step 1: a grid of scenario and campaign cards.

Each card shows the description, the two sides, difficulty, length and any validation
warnings; a scenario that fails to load is shown with its first error and cannot be picked.
Picking a card opens the side choice for that scenario (a campaign starts with its first
scenario). Arrow keys move through the grid (Up/Down by rows), Enter picks, Escape goes back.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from strikesim.catalogue import (
    CampaignEntry,
    ScenarioEntry,
    campaign_entries,
    length_label,
    scenario_entries,
)
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize
from strikesim.ui.screen import Screen
from strikesim.ui.scroll import ScrollView
from strikesim.ui.transitions import Pop, Push, Transition
from strikesim.ui.widgets.base import Widget
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.card import Card, CardInfo

CARD_MIN_WIDTH = 340
CARD_HEIGHT = 272


def _order(entry: ScenarioEntry) -> tuple[bool, bool, str, str]:
    """History first (by start date), then projections, the classroom game last."""
    spec = entry.spec
    start = spec.phases.start_date if spec is not None else ""
    return (not entry.playable, "classroom" in entry.tags, start or "9999", entry.title)


def side_names(entry: ScenarioEntry) -> tuple[tuple[str, str], ...]:
    """The two parties for a card: full names, or short names when a full one is long."""
    if entry.spec is None:
        return ()
    out = []
    for side, key in ((0, "union"), (1, "studio")):
        party = entry.spec.parties[side]
        name = party.name if len(party.name) <= 34 or not party.short_name else party.short_name
        out.append((name, key))
    return tuple(out)


def mod_folder(entry: ScenarioEntry) -> str:
    """A mod's folder for its card, the home folder written as '~'."""
    folder = entry.folder
    home = str(Path.home())
    if home and home != "/" and folder.startswith(home):
        folder = "~" + folder[len(home) :]
    return folder


def scenario_card(entry: ScenarioEntry) -> CardInfo:
    mod = f"Mod · {mod_folder(entry)}" if entry.is_mod else ""
    if not entry.playable:
        return CardInfo(
            entry.title,
            "This scenario has a problem and cannot be played."
            + (" Fix the file and reopen this screen; 'strikesim validate' lists every problem."
               if entry.is_mod else ""),
            eyebrow=mod or "Cannot be loaded",
            warnings=(entry.error,),
        )  # fmt: skip
    spec = entry.spec
    assert spec is not None
    chips = tuple(
        c
        for c in (
            entry.difficulty.capitalize(),
            length_label(entry.max_weeks),
            f"{len(spec.issues)} issues",
        )
        if c
    )
    return CardInfo(
        entry.title,
        entry.summary,
        eyebrow=mod or " · ".join(entry.tags[:3]),
        chips=(("Mod",) if entry.is_mod else ()) + chips,
        sides=side_names(entry),
        warnings=entry.warnings,
    )


def campaign_card(entry: CampaignEntry) -> CardInfo:
    from strikesim.catalogue import scenario_entry

    titles = [scenario_entry(sid).title for sid in entry.chain]
    summary = entry.summary or "Play the disputes in order; what you win carries forward."
    summary += " Stages: " + " → ".join(titles) + "." if titles else ""
    first = entry.first
    warnings = () if entry.playable else ((first.error if first else "it lists no scenarios"),)
    sides = side_names(first) if first is not None else ()
    chips = tuple(
        c for c in (entry.difficulty.capitalize(), f"{len(entry.chain)} disputes", "Campaign") if c
    )
    return CardInfo(
        entry.title,
        summary,
        eyebrow=f"Campaign · {len(entry.chain)} scenarios",
        chips=chips,
        sides=sides,
        warnings=warnings,
    )


FIRST = "classroom-quick"
"""The scenario focused for a player's first game (before the first-game guide is seen)."""


class ChooseScenarioScreen(Screen):
    """The scenario/campaign grid; pushes :class:`ChooseSideScreen` for the chosen one."""

    help_topic = "scenario"

    title = "Choose a scenario"

    def __init__(self, ctx: UIContext) -> None:
        super().__init__(ctx)
        self.entries: list[ScenarioEntry | CampaignEntry] = [
            *sorted(scenario_entries(), key=_order),
            *campaign_entries(),
        ]
        self.cards: list[Card] = []
        for entry in self.entries:
            if isinstance(entry, CampaignEntry):
                info, playable = campaign_card(entry), entry.playable
            else:
                info, playable = scenario_card(entry), entry.playable
            self.cards.append(
                Card(ctx, info, (lambda e=entry: self.choose(e)), enabled=playable)  # type: ignore[misc]
            )
        self.back = Button(ctx, "Back", lambda: Pop(None), hotkey="Esc")
        self.columns = 3
        self.view = ScrollView(self.cards, wheel_step=60)
        self.set_widgets([*self.cards, self.back], focus_first=True)
        if not ctx.settings.guide_seen:
            # a first game: the short classroom scenario is the one offered first
            first = [c for c, e in zip(self.cards, self.entries, strict=True) if e.id == FIRST]
            if first and first[0].can_focus:
                self.focus.focus(first[0])

    # --- choices ------------------------------------------------------------------------
    def choose(self, entry: ScenarioEntry | CampaignEntry) -> Transition | None:
        from strikesim.ui.screens.choose_side import ChooseSideScreen

        if isinstance(entry, CampaignEntry):
            first = entry.first
            if first is None or first.spec is None:
                return None
            return Push(ChooseSideScreen(self.ctx, first.spec, campaign=entry.id))
        if entry.spec is None:
            return None
        return Push(ChooseSideScreen(self.ctx, entry.spec))

    def on_back(self) -> Transition | None:
        return Pop(None)

    def handle_event(self, event: pygame.event.Event) -> Transition | None:
        key = getattr(event, "key", None)
        current = self.focus.current
        if (
            event.type == pygame.KEYDOWN
            and key in (pygame.K_UP, pygame.K_DOWN)
            and not int(getattr(event, "mod", 0)) & (pygame.KMOD_CTRL | pygame.KMOD_ALT)
            and isinstance(current, Card)
            and current in self.cards
        ):
            self._move_rows(current, 1 if key == pygame.K_DOWN else -1)
            self.dirty = True
            return None
        return self.view.handle_event(self, event, super().handle_event)

    @property
    def grid(self) -> pygame.Rect:
        """The viewport the cards scroll in."""
        return self.view.viewport

    @property
    def scroll(self) -> int:
        """How far the grid is scrolled down, in pixels."""
        return self.view.scroll

    def _follow_focus(self) -> None:
        """Scroll the grid so the focused card is fully visible."""
        if self.view.follow(self.focus.current):
            self.dirty = True

    def _move_rows(self, current: Card, rows: int) -> None:
        enabled = [c for c in self.cards if c.can_focus]
        index = self.cards.index(current) + rows * self.columns
        if index >= len(self.cards):
            last_row_start = (len(self.cards) - 1) // self.columns * self.columns
            here = self.cards.index(current)
            target: Widget = self.back if here >= last_row_start else self.cards[-1]
        elif index < 0:
            return
        else:
            target = self.cards[index]
        if target is not self.back and target not in enabled:
            target = min(enabled, key=lambda c: abs(self.cards.index(c) - index), default=self.back)
        self.focus.focus(target)
        self._follow_focus()

    # --- layout -------------------------------------------------------------------------
    def _tallest_card(self, width: int) -> int:
        """The height the tallest card needs to show whole at ``width``."""
        for card in self.cards:
            card.rect = pygame.Rect(0, 0, width, 1)
        return max((card.full_height() for card in self.cards), default=0)

    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        m = ctx.space("xxl")
        gap = ctx.space("lg")
        header = ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize()
        header += ctx.font("small").get_linesize() + ctx.space("lg")
        bh = self.back.preferred_height()
        grid = pygame.Rect(m, m + header, w - 2 * m, h - 2 * m - header - bh - ctx.space("lg"))
        self.columns = max(1, min(4, (grid.width + gap) // (ctx.px(CARD_MIN_WIDTH) + gap)))
        cw = (grid.width - gap * (self.columns - 1)) // self.columns
        while self.columns > 1 and self._tallest_card(cw) > grid.height:
            self.columns -= 1  # wider cards, fewer lines: every card fits the viewport
            cw = (grid.width - gap * (self.columns - 1)) // self.columns
        rows_fit = max(1, (grid.height + gap) // (ctx.px(CARD_HEIGHT * 0.85) + gap))
        rows = max(1, min(rows_fit, -(-len(self.cards) // self.columns)))
        ch = min(ctx.px(CARD_HEIGHT * 1.2), (grid.height - gap * (rows - 1)) // rows)
        self.view.viewport = grid
        # a row grows to show its cards whole (the grid scrolls), up to the viewport
        for card in self.cards:
            card.rect = pygame.Rect(0, 0, cw, ch)
        positions, y = [], grid.y
        for start in range(0, len(self.cards), self.columns):
            row = self.cards[start : start + self.columns]
            height = min(max(ch, *(card.full_height() for card in row)), grid.height)
            positions += [
                pygame.Rect(grid.x + k * (cw + gap), y, cw, height) for k in range(len(row))
            ]
            y += height + gap
        self.view.positions = positions
        bw = max(self.back.preferred_width(), ctx.px(140))
        self.back.rect = pygame.Rect(m, h - m - bh, bw, bh)
        self.view.place()
        if self.view.scroll_to(self.scroll):
            self.dirty = True
        self._follow_focus()

    # --- drawing ------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self.ensure_layout()
        self.draw_background(surface)
        self.draw_content(surface)
        ring = self.ctx.space("sm")
        bounds = self.grid.inflate(0, 2 * ring)
        lifted = [(c, r) for c in self.cards if (r := c.lifted_rect(self.grid)) is not None]
        for card, _rect in lifted:
            card.hidden = True
        self.view.draw(surface, ring, bounds)
        for card, rect in lifted:  # the active card whole, over its neighbours
            card.hidden = False
            if card.rect.colliderect(bounds):
                resting, card.rect = card.rect, rect
                previous = surface.get_clip()
                surface.set_clip(bounds.inflate(2 * ring, 0).clip(previous))
                card.draw(surface)
                surface.set_clip(previous)
                card.rect = resting
        self.back.draw(surface)
        self.dirty = False

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        x, y = self.grid.x, ctx.space("xxl")
        eyebrow = ctx.text("caption", "NEW GAME  ·  STEP 1 OF 3", "gold")
        surface.blit(eyebrow, (x, y))
        y += ctx.font("caption").get_linesize()
        surface.blit(ctx.text("h1", "Choose a scenario", "text"), (x, y))
        y += ctx.font("h1").get_linesize()
        sub = (
            "Each card is one dispute. A campaign plays several in a row, "
            "carrying the state of the industry forward."
        )
        text = ellipsize(ctx.font("small"), sub, self.grid.width)
        surface.blit(ctx.text("small", text, "text_muted"), (x, y))
        hint = ctx.text("small", "Arrows move  ·  Enter picks  ·  Esc goes back", "text_faint")
        hint_at = hint.get_rect(right=self.grid.right, centery=self.back.rect.centery)
        if self.scroll > 0 or self.view.end > self.grid.bottom:
            more = self.view.has_more_below()
            label = "More below ▼" if more else "▲ More above"
            img = ctx.text("caption", label.upper(), "text_faint")
            at = img.get_rect(centerx=self.grid.centerx, centery=self.back.rect.centery)
            if at.colliderect(hint_at.inflate(ctx.space("md"), 0)):  # no room for both
                at.right = self.grid.right
                hint_at.width = 0
            surface.blit(img, at)
        if hint_at.width:
            surface.blit(hint, hint_at)
