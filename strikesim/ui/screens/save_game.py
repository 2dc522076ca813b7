"""Save the game under a name: a modal over the game, opened from the pause menu.

The name field starts with ``<scenario>-<side>-week-<n>``; the panel says when the name
would replace an existing save and refuses the reserved autosave slot. Saving writes the run
record atomically (:func:`strikesim.saves.save_game`), posts a notice saying where, and
closes with the file's path; a failed write is shown in the panel and nothing is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import pygame

from strikesim.records import RecordError
from strikesim.saves import AUTOSAVE, list_saves, save_game
from strikesim.session import Session
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.screens.fields import TextEntryScreen, TextField
from strikesim.ui.screens.modal import ModalScreen
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button

MAX_NAME = 40


def slot_name(text: str) -> str:
    """The file stem a save name becomes (what :func:`strikesim.saves.save_game` writes)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "save"


def default_name(session: Session) -> str:
    sides = "-".join(("union", "studio")[s] for s in session.human_sides()) or "watch"
    return slot_name(f"{session.spec.id}-{sides}-week-{session.week}").lower()


def _allowed(ch: str) -> bool:
    return ch.isalnum() or ch in " -_"


class SaveGameScreen(TextEntryScreen, ModalScreen):
    """``Push(SaveGameScreen(ctx, session))``; pops with the saved file's Path (None = cancel)."""

    title = "Save game"
    panel_size = (600, 400)

    def __init__(self, ctx: UIContext, session: Session, name: str = "") -> None:
        super().__init__(ctx)
        self.session = session
        self.existing = {s.path.stem: s for s in list_saves()}
        self.error = ""
        self.field = TextField(
            ctx,
            "Name",
            name or default_name(session),
            max_length=MAX_NAME,
            allowed=_allowed,
            placeholder="a name for this save",
            on_submit=self.save,
            on_change=lambda _text: self._clear_error(),
        )
        self.cancel = Button(ctx, "Cancel", lambda: Pop(None), hotkey="Esc")
        self.ok = Button(ctx, "Save", self.save, variant="primary")
        self.set_widgets([self.field, self.cancel, self.ok])
        self.focus.focus(self.field)

    def _clear_error(self) -> None:
        self.error = ""

    def problem(self) -> str:
        """Why the current name cannot be used ('' when it can)."""
        if not self.field.text.strip():
            return "Type a name for the save."
        if slot_name(self.field.text) == AUTOSAVE:
            return "“autosave” is overwritten every week; choose another name."
        return ""

    def status(self) -> tuple[str, str]:
        """(text, colour) of the line under the field."""
        if self.error:
            return self.error, "negative"
        problem = self.problem()
        if problem:
            return problem, "warning"
        slot = slot_name(self.field.text)
        old = self.existing.get(slot)
        if old is not None:
            return f"Replaces the save “{old.name}” (week {old.week}).", "warning"
        return f"Saved as {slot}.json in the saves folder.", "text_faint"

    def save(self) -> Transition | None:
        if self.problem():
            self.error = self.problem()
            return None
        try:
            path: Path = save_game(self.session, self.field.text.strip())
        except (RecordError, OSError) as exc:
            self.error = f"Could not save: {exc}"
            return None
        self.ctx.notices.append(f"Saved “{self.field.text.strip()}” to {path}.")
        return Pop(path)

    def text_fields(self) -> list[TextField]:
        return [self.field]

    def layout(self) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        bh = self.ok.preferred_height()
        height = pad + ctx.font("h1").get_linesize() + ctx.space("md")
        height += ctx.font("small").get_linesize() * 2 + ctx.space("lg")
        height += self.field.preferred_height() + ctx.space("sm")
        height += ctx.font("small").get_linesize() * 2 + ctx.space("xl") + bh + pad
        self.panel_size = (600, round(height / ctx.scale) + 1)
        super().layout()
        x = self.panel.x + pad
        width = self.panel.width - 2 * pad
        y = self.panel.y + pad + ctx.font("h1").get_linesize() + ctx.space("md")
        self.intro_y = y
        y += ctx.font("small").get_linesize() * 2 + ctx.space("lg")
        self.field.rect = pygame.Rect(x, y, width, self.field.preferred_height())
        self.status_y = self.field.rect.bottom + ctx.space("sm")
        self.place_buttons(self.ok, self.cancel)

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        width = self.panel.width - 2 * pad
        self.heading(surface, "Save game")
        s = self.session
        intro = (
            f"{s.spec.title}, week {s.week}. Saves keep every move, so loading replays "
            "the game exactly."
        )
        lh = ctx.font("small").get_linesize()
        for i, line in enumerate(wrap_text(ctx.font("small"), intro, width)[:2]):
            surface.blit(
                ctx.text("small", line, "text_muted"), (self.panel.x + pad, self.intro_y + i * lh)
            )
        text, colour = self.status()
        for i, line in enumerate(wrap_text(ctx.font("small"), text, width)[:2]):
            line = ellipsize(ctx.font("small"), line, width)
            surface.blit(
                ctx.text("small", line, colour), (self.panel.x + pad, self.status_y + i * lh)
            )
