"""The group's name, asked once per class session: ``Push(GroupNameScreen(ctx))`` pops with
the name (None when cancelled) and keeps it in ``ctx.group`` for the next games."""

from __future__ import annotations

import pygame

from strikesim.classroom.runs import GROUP_MAX, clean_group
from strikesim.ui.context import UIContext
from strikesim.ui.draw import wrap_text
from strikesim.ui.screens.fields import TextEntryScreen, TextField
from strikesim.ui.screens.modal import ModalScreen
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button

INTRO = (
    "Your teacher collects every game in the class folder. Type your group's name (or your "
    "own): it goes into the name of each game's file and onto the class report."
)


class GroupNameScreen(TextEntryScreen, ModalScreen):
    title = "Group name"
    panel_size = (600, 380)

    def __init__(self, ctx: UIContext, *, intro: str = INTRO) -> None:
        super().__init__(ctx)
        self.intro = intro
        self.error = ""
        self.field = TextField(
            ctx, "Group name", ctx.group, max_length=GROUP_MAX,
            placeholder="e.g. Table 3", on_submit=self.ok_pressed,
            on_change=lambda _t: setattr(self, "error", ""),
        )  # fmt: skip
        self.cancel = Button(ctx, "Cancel", lambda: Pop(None), hotkey="Esc")
        self.ok = Button(ctx, "Continue", self.ok_pressed, variant="primary")
        self.set_widgets([self.field, self.cancel, self.ok])
        self.focus.focus(self.field)

    def ok_pressed(self) -> Transition | None:
        name = clean_group(self.field.text)
        if not name:
            self.error = "Type a name for your group."
            return None
        self.ctx.group = name
        return Pop(name)

    def text_fields(self) -> list[TextField]:
        return [self.field]

    def layout(self) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        width = min(ctx.size[0] - 2 * ctx.space("xl"), ctx.px(600)) - 2 * pad
        self.lines = wrap_text(ctx.font("small"), self.intro, width)
        height = 2 * pad + ctx.font("h1").get_linesize() + ctx.space("md")
        height += len(self.lines) * ctx.font("small").get_linesize() + ctx.space("lg")
        height += self.field.preferred_height() + ctx.space("sm")
        height += ctx.font("small").get_linesize() + ctx.space("xl") + self.ok.preferred_height()
        self.panel_size = (600, round(height / ctx.scale) + 1)
        super().layout()
        y = self.panel.y + pad + ctx.font("h1").get_linesize() + ctx.space("md")
        self.intro_y = y
        y += len(self.lines) * ctx.font("small").get_linesize() + ctx.space("lg")
        self.field.rect = pygame.Rect(self.panel.x + pad, y, width, self.field.preferred_height())
        self.error_y = self.field.rect.bottom + ctx.space("sm")
        self.place_buttons(self.ok, self.cancel)

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        self.heading(surface, "Your group")
        lh = ctx.font("small").get_linesize()
        for i, line in enumerate(self.lines):
            surface.blit(
                ctx.text("small", line, "text_muted"), (self.panel.x + pad, self.intro_y + i * lh)
            )
        if self.error:
            surface.blit(
                ctx.text("small", self.error, "warning"), (self.panel.x + pad, self.error_y)
            )
