"""New game, step 3: the briefing — public background beside the side's confidential brief.

Both texts come from the scenario folder (``background.md``, ``brief-<side>.md``) and are
shown with Markdown-lite formatting, each in its own scrollable column. "Print brief" writes
both as one clean Markdown file to the user's data folder and says where; "Start
negotiating" creates the session and opens the negotiation table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from strikesim.engine.spec import SIDES, GameSpec
from strikesim.records import RecordError, Seat, write_atomic
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel
from strikesim.ui.screen import Screen
from strikesim.ui.screens.catalogue import background_text, brief_text
from strikesim.ui.screens.dialog import message
from strikesim.ui.screens.footer import place_footer
from strikesim.ui.screens.handoff import data_dir, enter_game, game_factory
from strikesim.ui.screens.markdown_view import MarkdownView
from strikesim.ui.transitions import Pop, Push, Reset, Transition
from strikesim.ui.widgets.button import Button


def print_brief(spec: GameSpec, side: int, folder: Path | None = None) -> Path:
    """Write the background and ``side``'s brief as one Markdown file; returns its path.

    Raises :class:`~strikesim.records.RecordError` (a readable message) if it cannot be written.
    """
    folder = folder or data_dir() / "briefs"
    path = folder / f"{spec.id}-{SIDES[side]}-brief.md"
    party = spec.parties[side]
    head = [
        f"<!-- StrikeSim briefing: {spec.title} (version {spec.version}), "
        f"{party.name}; printed {dt.date.today().isoformat()} -->",
        "",
    ]
    text = "\n".join(head) + background_text(spec).strip() + "\n\n---\n\n"
    text += brief_text(spec, side).strip() + "\n"
    write_atomic(path, text)
    return path


class BriefingScreen(Screen):
    """Background and brief for ``side`` of ``spec``; starts the game with ``seats``/``seed``."""

    title = "Briefing"

    def __init__(
        self,
        ctx: UIContext,
        spec: GameSpec,
        side: int,
        seats: tuple[Seat, Seat],
        seed: int = 0,
        *,
        campaign: str | None = None,
        can_go_back: bool = True,
    ) -> None:
        super().__init__(ctx)
        self.spec = spec
        self.side = side
        self.seats = seats
        self.seed = seed
        self.campaign = campaign
        self.can_go_back = can_go_back
        self.background = MarkdownView(ctx, background_text(spec))
        self.brief = MarkdownView(ctx, brief_text(spec, side))
        self.back = Button(
            ctx, "Back" if can_go_back else "Title screen", self.on_back, hotkey="Esc"
        )
        self.print = Button(ctx, "Print brief", self.print_brief)
        available = game_factory() is not None
        self.start = Button(
            ctx,
            "Start negotiating",
            self.begin,
            variant="primary",
            enabled=available,
            tooltip="" if available else "The negotiation table is not part of this build.",
        )
        self.last_print: Path | None = None
        self.set_widgets([self.background, self.brief, self.back, self.print, self.start])
        self.focus.focus(self.start if available else self.print)

    # --- actions ---------------------------------------------------------------------------
    def print_brief(self) -> Transition | None:
        try:
            path = print_brief(self.spec, self.side)
        except RecordError as exc:
            return Push(message(self.ctx, "The brief could not be saved", str(exc)))
        self.last_print = path
        return Push(
            message(
                self.ctx,
                "Brief saved",
                f"The background and your confidential brief are in {path}. "
                "Open it in any text editor to read or print it.",
            )
        )

    def begin(self) -> Transition | None:
        from strikesim.session import Session

        try:
            session = Session(self.spec, self.seats, self.seed)
        except ValueError as exc:
            return Push(message(self.ctx, "This game cannot start", str(exc)))
        return enter_game(self.ctx, session)

    def on_back(self) -> Transition | None:
        if self.can_go_back:
            return Pop(None)
        from strikesim.ui.screens.title import TitleScreen

        return Reset(TitleScreen(self.ctx))

    # --- layout ----------------------------------------------------------------------------
    def layout(self) -> None:
        ctx = self.ctx
        w, h = ctx.size
        m = ctx.space("xxl")
        gap = ctx.space("xl")
        pad = ctx.space("lg")
        top = m + ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize()
        top += ctx.space("lg")
        bh = self.start.preferred_height()
        footer = h - m - bh
        col = (w - 2 * m - gap) // 2
        label_h = ctx.font("caption").get_linesize() + ctx.space("sm")
        self.panels = [
            pygame.Rect(m, top, col, footer - ctx.space("lg") - top),
            pygame.Rect(m + col + gap, top, col, footer - ctx.space("lg") - top),
        ]
        for view, box in zip((self.background, self.brief), self.panels, strict=True):
            view.rect = pygame.Rect(
                box.x + pad,
                box.y + pad + label_h,
                box.width - 2 * pad,
                box.height - 2 * pad - label_h,
            )
        place_footer(ctx, footer, back=self.back, main=self.start, second=self.print)

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        m = ctx.space("xxl")
        party = self.spec.parties[self.side]
        step = "NEW GAME  ·  STEP 3 OF 3  ·  " if self.can_go_back else ""
        eyebrow = f"{step}{self.spec.title.upper()}"
        width = ctx.size[0] - 2 * m
        surface.blit(
            ctx.text("caption", ellipsize(ctx.font("caption"), eyebrow, width), "gold"), (m, m)
        )
        surface.blit(
            ctx.text("h1", f"Briefing — {party.short_name or party.name}", "text"),
            (m, m + ctx.font("caption").get_linesize()),
        )
        side_key = SIDES[self.side]
        labels = (
            ("PUBLIC BACKGROUND  ·  BOTH SIDES SEE THIS", "text_faint", None),
            (f"CONFIDENTIAL  ·  {party.name.upper()} ONLY", f"{side_key}_text", side_key),
        )
        pad = ctx.space("lg")
        for box, (label, colour, accent) in zip(self.panels, labels, strict=True):
            panel(surface, box, ctx.colour("surface"), ctx.colour("border"), ctx.radius("lg"), 1)
            if accent is not None:
                stripe = pygame.Rect(
                    box.x, box.y + ctx.radius("lg"), ctx.px(4), box.height - 2 * ctx.radius("lg")
                )
                panel(surface, stripe, ctx.colour(accent), None)
            text = ellipsize(ctx.font("caption"), label, box.width - 2 * pad)
            surface.blit(ctx.text("caption", text, colour), (box.x + pad, box.y + pad))
        if not self.start.enabled:
            note = ctx.text("small", self.start.tooltip, "warning")
            surface.blit(
                note,
                (
                    self.print.rect.x - ctx.space("lg") - note.get_width(),
                    self.start.rect.centery - note.get_height() // 2,
                ),
            )
