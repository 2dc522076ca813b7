"""Load a saved game: every save in the data folder, newest first; damaged ones say why.

Rows come from :func:`strikesim.ui.screens.save_row.all_saves` (plain saves and campaign
saves). A damaged save is listed with the reason
it cannot be read and, if chosen, explains itself in a dialog — never a crash. Loading
replays the record through the engine and opens the negotiation table. :func:`continue_game`
is the title screen's "Continue": the newest save that can be loaded.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from strikesim.records import RecordError
from strikesim.saves import SaveInfo, load_game, saves_dir
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.screen import Screen
from strikesim.ui.screens.dialog import Dialog, message
from strikesim.ui.screens.handoff import enter_game, game_factory
from strikesim.ui.screens.save_row import CampaignSaveInfo, SaveRow, all_saves
from strikesim.ui.transitions import Pop, Push, Transition
from strikesim.ui.widgets.base import MOUSE_EVENTS, event_pos
from strikesim.ui.widgets.button import Button


def _load(ctx: UIContext, info: SaveInfo) -> Transition | None:
    if info.problem:
        return Push(message(ctx, "This save cannot be loaded", f"{info.path.name}: {info.problem}"))
    if isinstance(info, CampaignSaveInfo):
        try:
            from strikesim.ui.screens.campaign_flow import resume_campaign
        except ImportError:
            return Push(
                message(
                    ctx,
                    "Campaigns are not available",
                    "This build of StrikeSim cannot play campaigns.",
                )
            )
        return resume_campaign(ctx, info.path)
    try:
        session = load_game(info.path)
    except RecordError as exc:
        return Push(message(ctx, "This save cannot be loaded", str(exc)))
    return enter_game(ctx, session)


class LoadGameScreen(Screen):
    """The list of saves; choosing one loads it (or explains why it cannot be)."""

    title = "Load game"

    def __init__(self, ctx: UIContext) -> None:
        super().__init__(ctx)
        self.saves = all_saves()
        self.rows = [SaveRow(ctx, info, self._loader(info)) for info in self.saves]
        self.back = Button(ctx, "Back", lambda: Pop(None), hotkey="Esc")
        self.scroll = 0
        self.area = pygame.Rect(0, 0, 0, 0)
        self._positions: list[pygame.Rect] = []
        self.set_widgets([*self.rows, self.back], focus_first=True)

    def _loader(self, info: SaveInfo) -> Callable[[], Transition | None]:
        return lambda: _load(self.ctx, info)

    def on_back(self) -> Transition | None:
        return Pop(None)

    def handle_event(self, event: pygame.event.Event) -> Transition | None:
        pos = event_pos(event) if event.type in MOUSE_EVENTS else None
        if pos is not None and not self.area.collidepoint(pos):
            # the scrolled-away parts of the list must not take clicks
            for item in self.rows:
                item.hovered = False
            shown, self.widgets = self.widgets, [w for w in self.widgets if w not in self.rows]
            try:
                result = super().handle_event(event)
            finally:
                self.widgets = shown
        else:
            result = super().handle_event(event)
        if event.type == pygame.MOUSEWHEEL and self._positions:
            dy = getattr(event, "y", 0)
            if isinstance(dy, int | float):
                self._scroll_to(self.scroll - int(dy) * self.ctx.px(40))
        if event.type == pygame.KEYDOWN:
            self._follow_focus()
        return result

    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        m = ctx.space("xxl")
        width = min(w - 2 * m, ctx.px(900))
        x = (w - width) // 2
        top = m + ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize()
        top += ctx.font("small").get_linesize() + ctx.space("lg")
        bh = self.back.preferred_height()
        self.area = pygame.Rect(x, top, width, h - m - bh - ctx.space("lg") - top)
        y = self.area.y
        self._positions = []
        for row in self.rows:
            self._positions.append(pygame.Rect(x, y, width, row.preferred_height()))
            y += row.preferred_height() + ctx.space("sm")
        bw = max(self.back.preferred_width(), ctx.px(140))
        self.back.rect = pygame.Rect(x, h - m - bh, bw, bh)
        self._scroll_to(self.scroll)
        self._follow_focus()

    def _scroll_to(self, scroll: int) -> None:
        end = self._positions[-1].bottom if self._positions else self.area.y
        scroll = max(0, min(scroll, end - self.area.bottom))
        self.scroll = scroll
        for row, pos in zip(self.rows, self._positions, strict=True):
            row.rect = pos.move(0, -scroll)
        self.dirty = True

    def _follow_focus(self) -> None:
        current = self.focus.current
        if current not in self.rows:
            return
        pos = self._positions[self.rows.index(current)]
        if pos.y - self.scroll < self.area.y:
            self._scroll_to(pos.y - self.area.y)
        elif pos.bottom - self.scroll > self.area.bottom:
            self._scroll_to(pos.bottom - self.area.bottom)

    def draw(self, surface: pygame.Surface) -> None:
        self.ensure_layout()
        self.draw_background(surface)
        self.draw_content(surface)
        ring = self.ctx.space("sm")
        previous = surface.get_clip()
        surface.set_clip(self.area.inflate(2 * ring, 2 * ring))
        for row in self.rows:
            if row.rect.colliderect(self.area):
                row.draw(surface)
        surface.set_clip(previous)
        self.back.draw(surface)
        self.dirty = False

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        x, y = self.area.x, ctx.space("xxl")
        surface.blit(ctx.text("caption", "SAVED GAMES", "gold"), (x, y))
        y += ctx.font("caption").get_linesize()
        surface.blit(ctx.text("h1", "Load a game", "text"), (x, y))
        y += ctx.font("h1").get_linesize()
        damaged = sum(1 for s in self.saves if s.problem)
        sub = f"{len(self.saves)} save{'s' if len(self.saves) != 1 else ''} in {saves_dir()}"
        if damaged:
            sub += f"  ·  {damaged} damaged"
        surface.blit(
            ctx.text("small", ellipsize(ctx.font("small"), sub, self.area.width), "text_muted"),
            (x, y),
        )
        if not self.rows:
            text = (
                "No saved games yet. Every week of play is saved automatically, and you can "
                "save under a name from the pause menu (Esc during a game)."
            )
            lh = ctx.font("body").get_linesize()
            for i, line in enumerate(wrap_text(ctx.font("body"), text, self.area.width)):
                surface.blit(
                    ctx.text("body", line, "text_muted"),
                    (x, self.area.y + ctx.space("lg") + i * lh),
                )
        if self.rows:
            hint = ctx.text("small", "Enter loads  ·  Esc goes back", "text_faint")
            surface.blit(
                hint,
                (
                    self.area.right - hint.get_width(),
                    self.back.rect.centery - hint.get_height() // 2,
                ),
            )
        if game_factory() is None and self.rows:
            note = ctx.text("small", "The negotiation table is not part of this build.", "warning")
            surface.blit(
                note,
                (
                    self.back.rect.right + ctx.space("lg"),
                    self.back.rect.centery - note.get_height() // 2,
                ),
            )


def continue_game(ctx: UIContext) -> Screen:
    """The newest save that loads (a game on its table, or a campaign where it was left);
    otherwise a dialog saying why there is none."""
    problems: list[tuple[str, str]] = []
    for info in all_saves():
        if info.problem:
            problems.append((info.path.name, info.problem))
            continue
        transition = _load(ctx, info)
        screen = getattr(transition, "screen", None)
        if isinstance(screen, Dialog):
            problems.append((info.path.name, screen.text))
        elif isinstance(screen, Screen):
            return screen
    if game_factory() is None:
        return message(
            ctx,
            "The table is not ready",
            "This build of StrikeSim has no negotiation table screens.",
        )
    if problems:
        name, why = problems[0]
        return message(
            ctx,
            "No save can be continued",
            f"{len(problems)} save(s) could not be loaded; the newest, {name}: {why}",
        )
    return message(ctx, "Nothing to continue", "There are no saved games yet. Start a new game.")
