"""Load a saved game: every save in the data folder, newest first; damaged ones say why.

Rows come from :func:`strikesim.saves.list_saves`. A damaged save is listed with the reason
it cannot be read and, if chosen, explains itself in a dialog — never a crash. Loading
replays the record through the engine and opens the negotiation table. :func:`continue_game`
is the title screen's "Continue": the newest save that can be loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pygame

from strikesim.records import RecordError
from strikesim.saves import AUTOSAVE, SaveInfo, list_saves, load_game, saves_dir
from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, panel, wrap_text
from strikesim.ui.screen import Screen
from strikesim.ui.screens.dialog import message
from strikesim.ui.screens.handoff import enter_game, game_factory
from strikesim.ui.transitions import Pop, Push, Transition
from strikesim.ui.widgets.base import (
    MOUSE_EVENTS,
    EventResult,
    Widget,
    event_pos,
    is_left_button,
)
from strikesim.ui.widgets.button import Button


def when(saved_at: str) -> str:
    """``2026-11-28T00:39:05`` -> ``28 Nov 2026, 00:39`` (unparseable text is kept as is)."""
    try:
        moment = dt.datetime.fromisoformat(saved_at)
    except ValueError:
        return saved_at
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def describe(info: SaveInfo) -> str:
    """The second line of a row: scenario, week and side (or why it is damaged)."""
    if info.problem:
        problem = info.problem
        for prefix in (f"{info.path}: ", f"{info.path.name}: "):
            problem = problem.removeprefix(prefix)
        return f"Cannot be loaded: {problem}"
    parts = [info.title, f"week {info.week}"]
    if info.side:
        parts.append(f"playing the {info.side.replace('+', ' and the ')}")
    return " · ".join(parts)


class SaveRow(Widget):
    """One save: name and time on the first line, details or the problem on the second."""

    def __init__(
        self, ctx: UIContext, info: SaveInfo, on_press: Callable[[], Transition | None]
    ) -> None:
        super().__init__(ctx)
        self.info = info
        self.on_press = on_press
        self._down = False

    def preferred_height(self) -> int:
        ctx = self.ctx
        return (
            ctx.font("body_strong").get_linesize()
            + ctx.font("small").get_linesize()
            + 2 * ctx.space("md")
        )

    def _press(self) -> EventResult:
        result = self.on_press()
        return True if result is None else result

    def handle_event(self, event: pygame.event.Event) -> EventResult:
        changed = super().handle_event(event)
        if event.type == pygame.MOUSEBUTTONDOWN and is_left_button(event):
            if self.contains(event_pos(event)):
                self._down = True
                return True
        elif event.type == pygame.MOUSEBUTTONUP and is_left_button(event):
            was, self._down = self._down, False
            if was and self.contains(event_pos(event)):
                return self._press()
        return changed

    def handle_action(self, action: str) -> EventResult:
        return self._press() if action == "activate" else False

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        info = self.info
        active = self.hovered or self.focused
        border = "warning" if info.problem else ("border_strong" if active else "border")
        panel(
            surface,
            self.rect,
            ctx.colour("surface_hover" if active else "surface"),
            ctx.colour(border),
            ctx.radius("md"),
            1,
        )
        inner = self.rect.inflate(-2 * ctx.space("lg"), -2 * ctx.space("md"))
        stamp = ctx.text("small", when(info.saved_at), "text_faint") if info.saved_at else None
        name_w = inner.width - (stamp.get_width() + ctx.space("lg") if stamp else 0)
        name = "Autosave (saved every week)" if info.name == AUTOSAVE else info.name
        line1 = pygame.Rect(inner.x, inner.y, inner.width, ctx.font("body_strong").get_linesize())
        blit_aligned(
            surface,
            ctx.text("body_strong", ellipsize(ctx.font("body_strong"), name, name_w), "text"),
            line1,
            "left",
        )
        if stamp is not None:
            blit_aligned(surface, stamp, line1, "right")
        colour = "warning" if info.problem else "text_muted"
        detail = ellipsize(ctx.font("small"), describe(info), inner.width)
        surface.blit(ctx.text("small", detail, colour), (inner.x, line1.bottom))
        self.draw_focus(surface)


def _load(ctx: UIContext, info: SaveInfo) -> Transition | None:
    if info.problem:
        return Push(message(ctx, "This save cannot be loaded", f"{info.path.name}: {info.problem}"))
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
        self.saves = list_saves()
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
    """The newest save that loads, on the table; or a dialog saying why there is none."""
    problems = []
    for info in list_saves():
        if info.problem:
            problems.append(info)
            continue
        try:
            session = load_game(info.path)
        except RecordError as exc:
            problems.append(SaveInfo(info.path, info.name, "", "", 0, "", "", str(exc)))
            continue
        factory = game_factory()
        if factory is None:
            break
        screen: Screen = factory(ctx, session)
        return screen
    if game_factory() is None:
        return message(
            ctx,
            "The table is not ready",
            "This build of StrikeSim has no negotiation table screens.",
        )
    if problems:
        return message(
            ctx,
            "No save can be continued",
            f"{len(problems)} save(s) could not be read; the newest: "
            f"{problems[0].path.name}: {problems[0].problem}",
        )
    return message(ctx, "Nothing to continue", "There are no saved games yet. Start a new game.")
