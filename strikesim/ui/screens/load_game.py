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
from strikesim.ui.screens.handoff import enter_game
from strikesim.ui.screens.save_row import CampaignSaveInfo, SaveRow, all_saves
from strikesim.ui.scroll import ScrollView
from strikesim.ui.transitions import Pop, Push, Transition
from strikesim.ui.widgets.button import Button


def _load(ctx: UIContext, info: SaveInfo) -> Transition | None:
    if info.problem:
        return Push(message(ctx, "This save cannot be loaded", f"{info.path.name}: {info.problem}"))
    if isinstance(info, CampaignSaveInfo):
        from strikesim.ui.screens.campaign_flow import resume_campaign

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
        self.view = ScrollView(self.rows, wheel_step=40)
        self.set_widgets([*self.rows, self.back], focus_first=True)

    def _loader(self, info: SaveInfo) -> Callable[[], Transition | None]:
        return lambda: _load(self.ctx, info)

    def on_back(self) -> Transition | None:
        return Pop(None)

    def handle_event(self, event: pygame.event.Event) -> Transition | None:
        return self.view.handle_event(self, event, super().handle_event)

    @property
    def area(self) -> pygame.Rect:
        """The viewport the save rows scroll in."""
        return self.view.viewport

    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        m = ctx.space("xxl")
        width = min(w - 2 * m, ctx.px(900))
        x = (w - width) // 2
        top = m + ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize()
        top += ctx.font("small").get_linesize() + ctx.space("lg")
        bh = self.back.preferred_height()
        self.view.viewport = pygame.Rect(x, top, width, h - m - bh - ctx.space("lg") - top)
        y = top
        self.view.positions = []
        for row in self.rows:
            self.view.positions.append(pygame.Rect(x, y, width, row.preferred_height()))
            y += row.preferred_height() + ctx.space("sm")
        bw = max(self.back.preferred_width(), ctx.px(140))
        self.back.rect = pygame.Rect(x, h - m - bh, bw, bh)
        self.view.place()
        self.view.scroll_to(self.view.scroll)
        self.view.follow(self.focus.current)
        self.dirty = True

    def draw(self, surface: pygame.Surface) -> None:
        self.ensure_layout()
        self.draw_background(surface)
        self.draw_content(surface)
        self.view.draw(surface, self.ctx.space("sm"), self.area)
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
    if problems:
        name, why = problems[0]
        return message(
            ctx,
            "No save can be continued",
            f"{len(problems)} save(s) could not be loaded; the newest, {name}: {why}",
        )
    return message(ctx, "Nothing to continue", "There are no saved games yet. Start a new game.")
