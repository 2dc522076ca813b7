"""Record a deal: the package two teams agreed face to face, scored by the game.

One option picker per issue (starting from the Nash deal would give the answer away, so
each starts at the old contract), the weeks of talks, the weeks on strike and the group's
name. "Score this deal" plays it into the engine (:func:`strikesim.classroom.face_to_face.
record_deal`), saves the run (and copies it to the class folder) and shows the deal screen;
from there the projection and the debrief follow as after any game. If the members vote the
deal down, the game goes on as a hot seat at the table.
"""

from __future__ import annotations

import pygame

from strikesim.engine.spec import GameSpec
from strikesim.errors import UserInputError
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.screens.fields import Stepper, TextEntryScreen, TextField
from strikesim.ui.screens.footer import page_rows, place_footer
from strikesim.ui.scroll import PageScroll
from strikesim.ui.transitions import Pop, Reset, Transition
from strikesim.ui.widgets.button import Button

MAX_TALK_WEEKS = 52


class RecordDealScreen(TextEntryScreen):
    help_topic = "classroom"
    title = "Record a deal"

    def __init__(self, ctx: UIContext, spec: GameSpec) -> None:
        super().__init__(ctx)
        self.spec = spec
        self.issues = [j for j, issue in enumerate(spec.issues) if not issue.agreed]
        self.pickers = [
            Stepper(ctx, spec.issues[j].label, list(spec.issues[j].level_labels),
                    spec.old_contract[j])
            for j in self.issues
        ]  # fmt: skip
        self.weeks = Stepper(
            ctx, "Weeks of talks", [str(n) for n in range(2, MAX_TALK_WEEKS + 1)], 0
        )
        ph = spec.phases
        most = max(0, ph.max_weeks - ph.ratification_weeks - 2 - ph.expiry_week + 1)
        strike = ["No strike"] + [f"{n} week{'s' * (n > 1)}" for n in range(1, most + 1)]
        self.strike = Stepper(ctx, "Weeks on strike", strike, 0)
        self.group = TextField(ctx, "Group name", ctx.group, max_length=40,
                               placeholder="e.g. Table 3")  # fmt: skip
        self.back = Button(ctx, "Back", lambda: Pop(None), hotkey="Esc")
        self.score = Button(ctx, "Score this deal", self.score_deal, variant="primary")
        self.error = ""
        self.set_widgets([*self.pickers, self.weeks, self.strike, self.group, self.back,
                          self.score])  # fmt: skip
        self.focus.focus(self.pickers[0] if self.pickers else self.score)
        self.page_scroll = PageScroll(self._relayout)

    def text_fields(self) -> list[TextField]:
        return [self.group]

    def package(self) -> tuple[int, ...]:
        levels = list(self.spec.old_contract)
        for j, picker in zip(self.issues, self.pickers, strict=True):
            levels[j] = picker.index
        return tuple(levels)

    def score_deal(self) -> Transition | None:
        from strikesim.classroom.face_to_face import TableDeal, record_deal
        from strikesim.classroom.runs import clean_group
        from strikesim.ui.screens.game import game_screen
        from strikesim.ui.screens.game.deal import DealScreen

        group = clean_group(self.group.text)
        if group:
            self.ctx.group = group
        deal = TableDeal(self.package(), self.weeks.index + 2, self.strike.index, group)
        try:
            session = record_deal(self.spec, deal)
        except UserInputError as exc:
            self.error = str(exc)
            self.dirty = True
            return None
        screen = game_screen(self.ctx, session)
        if not session.is_over:
            self.ctx.notices.append(
                "The members voted the deal down: the dispute goes on at the table."
            )
            return Reset(screen)
        play = screen.play  # type: ignore[attr-defined]
        play.save_now()
        return Reset(DealScreen(self.ctx, play))

    # --- layout -----------------------------------------------------------------------------
    def _relayout(self) -> None:
        self.layout()
        self.dirty = True

    def layout(self) -> None:
        ctx = self.ctx
        w = ctx.size[0]
        m, gap = ctx.space("xxl"), ctx.space("xl")
        top, footer = page_rows(ctx, self.score)
        lh = ctx.font("small").get_linesize()
        self.intro_lines = wrap_text(ctx.font("small"), self.intro(), w - 2 * m)
        page = self.page_scroll
        assert page is not None
        page.viewport = pygame.Rect(0, 0, w, footer - ctx.space("md"))
        page.pinned = [self.back, self.score]
        self.title_y = m - page.scroll
        y = top - page.scroll
        self.intro_y = y
        y += len(self.intro_lines) * lh + ctx.space("lg")
        cols = 2 if w - 2 * m >= ctx.px(720) else 1
        cw = (w - 2 * m - gap * (cols - 1)) // cols
        widgets: list[Stepper | TextField] = [*self.pickers, self.weeks, self.strike, self.group]
        for k, widget in enumerate(widgets):
            col = k % cols
            widget.rect = pygame.Rect(m + col * (cw + gap), y, cw, widget.preferred_height())
            if col == cols - 1 or k == len(widgets) - 1:
                y += max(x.preferred_height() for x in widgets) + ctx.space("lg")
        self.error_y = y
        y += 2 * lh
        page.end = y + page.scroll
        place_footer(ctx, footer, back=self.back, main=self.score)

    def intro(self) -> str:
        ph = self.spec.phases
        return (
            "Enter the package the two teams agreed (one option per issue), how many weeks "
            f"the talks took and how long the union struck. The contract expires in week "
            f"{ph.expiry_week}: a deal without a strike is signed by then. The game plays the "
            "deal into the dispute, the members vote on it, and you see both sides' scores, "
            "the years ahead and the debrief."
        )

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        m = ctx.space("xxl")
        width = ctx.size[0] - 2 * m
        eyebrow = f"CLASSROOM  ·  RECORD A DEAL  ·  {self.spec.title.upper()}"
        y = self.title_y
        surface.blit(ctx.text("caption", ellipsize(ctx.font("caption"), eyebrow, width), "gold"),
                     (m, y))  # fmt: skip
        surface.blit(ctx.text("h1", "The deal we agreed", "text"),
                     (m, y + ctx.font("caption").get_linesize()))  # fmt: skip
        lh = ctx.font("small").get_linesize()
        for i, line in enumerate(self.intro_lines):
            surface.blit(ctx.text("small", line, "text_muted"), (m, self.intro_y + i * lh))
        for i, line in enumerate(wrap_text(ctx.font("small"), self.error, width)[:2]):
            surface.blit(ctx.text("small", line, "warning"), (m, self.error_y + i * lh))
