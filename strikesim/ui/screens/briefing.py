"""New game, step 3: the briefing — public background beside the side's confidential brief.

Both texts come from the scenario folder (``background.md``, ``brief-<side>.md``) and are
shown with Markdown-lite formatting, each in its own scrollable column. "Print brief" writes
both as printable HTML pages (the class folder's ``print`` folder, or the user's data
folder) and says where; "Start negotiating" creates the session and opens the negotiation
table (asking the group's name first in a class).

In a hot seat (both seats human) the two players read this screen together, so it shows no
confidential brief: beside the background are both sides' public descriptions and opening
positions, and each player reads their own brief privately after the hand-over screen at
their first turn (:mod:`strikesim.ui.screens.game.private_brief`). "Print both briefs"
writes one page per side, to hand out, and the face-to-face scoring sheet.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from strikesim.catalogue import background_text, brief_text, public_sides_text
from strikesim.engine.spec import SIDES, GameSpec
from strikesim.records import RecordError, Seat, write_atomic
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel
from strikesim.ui.screen import Screen
from strikesim.ui.screens.dialog import message
from strikesim.ui.screens.footer import place_footer
from strikesim.ui.screens.handoff import data_dir, enter_game
from strikesim.ui.screens.markdown_view import MarkdownView
from strikesim.ui.transitions import Pop, Push, Replace, Reset, Transition
from strikesim.ui.widgets.button import Button


def print_folder(ctx: UIContext, spec: GameSpec) -> Path:
    """Where printable pages go: ``print/<scenario>`` in the class folder when one is set,
    else in the user's data folder."""
    base = Path(ctx.settings.class_folder) if ctx.settings.class_folder else data_dir()
    return base / "print" / spec.id


def print_briefs(spec: GameSpec, sides: tuple[int, ...], folder: Path) -> list[Path]:
    """Write the public background and ``sides``' confidential briefs as printable HTML pages
    (the very texts this screen shows; with both sides, also the face-to-face scoring
    sheet); returns the pages written.

    Raises :class:`~strikesim.records.RecordError` (a readable message) if they cannot be
    written.
    """
    from strikesim.classroom.printing import background_page, brief_page, scoring_sheet_page

    pages = {"background.html": background_page(spec)}
    for side in sides:
        pages[f"brief-{SIDES[side]}.html"] = brief_page(spec, side)
    if len(sides) == 2:
        pages["scoring-sheet.html"] = scoring_sheet_page(spec)
    out = []
    for name, text in pages.items():
        write_atomic(folder / name, text, shared=True)
        out.append(folder / name)
    return out


def column_inside(ctx: UIContext, box: pygame.Rect) -> pygame.Rect:
    """Where a text column's view goes inside its panel ``box``, under the label."""
    pad = ctx.space("lg")
    label_h = ctx.font("caption").get_linesize() + ctx.space("sm")
    return pygame.Rect(
        box.x + pad, box.y + pad + label_h, box.width - 2 * pad, box.height - 2 * pad - label_h
    )


def draw_column(
    ctx: UIContext,
    surface: pygame.Surface,
    box: pygame.Rect,
    label: str,
    colour: str,
    accent: str | None = None,
) -> None:
    """A text column's panel with its small caps ``label``; ``accent`` (a side's key)
    adds that side's stripe down the left edge, as on a confidential brief."""
    pad = ctx.space("lg")
    radius = ctx.radius("lg")
    panel(surface, box, ctx.colour("surface"), ctx.colour("border"), radius, 1)
    if accent is not None:
        stripe = pygame.Rect(box.x, box.y + radius, ctx.px(4), box.height - 2 * radius)
        panel(surface, stripe, ctx.colour(accent), None)
    text = ellipsize(ctx.font("caption"), label, box.width - 2 * pad)
    surface.blit(ctx.text("caption", text, colour), (box.x + pad, box.y + pad))


def confidential_label(spec: GameSpec, side: int) -> str:
    return f"CONFIDENTIAL  ·  {spec.parties[side].name.upper()} ONLY"


class BriefingScreen(Screen):
    """Background and brief for ``side`` of ``spec``; starts the game with ``seats``/``seed``."""

    help_topic = "briefing"

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
        self.hot_seat = all(seat.is_human for seat in seats)
        self.background = MarkdownView(ctx, background_text(spec))
        self.brief = MarkdownView(
            ctx, public_sides_text(spec, side) if self.hot_seat else brief_text(spec, side)
        )
        self.back = Button(
            ctx, "Back" if can_go_back else "Title screen", self.on_back, hotkey="Esc"
        )
        label = "Print both briefs" if self.hot_seat else "Print brief"
        self.print = Button(ctx, label, self.print_brief)
        self.start = Button(ctx, "Start negotiating", self.begin, variant="primary")
        self.printed: tuple[Path, ...] = ()
        self.set_widgets([self.background, self.brief, self.back, self.print, self.start])
        self.focus.focus(self.start)

    # --- actions ---------------------------------------------------------------------------
    def print_brief(self) -> Transition | None:
        sides = (self.side, 1 - self.side) if self.hot_seat else (self.side,)
        folder = print_folder(self.ctx, self.spec)
        try:
            self.printed = tuple(print_briefs(self.spec, sides, folder))
        except RecordError as exc:
            return Push(message(self.ctx, "The briefs could not be saved", str(exc)))
        if self.hot_seat:
            title = "Briefs ready to print"
            text = (
                f"In {folder}: the background (background.html) for both players, each side's "
                "confidential brief (brief-union.html, brief-studio.html) and a scoring sheet. "
                "Open them in a web browser and print; hand each player only their own brief."
            )
        else:
            title = "Brief ready to print"
            text = (
                f"In {folder}: the background (background.html) and your confidential brief "
                f"(brief-{SIDES[self.side]}.html). Open them in a web browser to read or print."
            )
        return Push(message(self.ctx, title, text))

    def begin(self) -> Transition | None:
        """Start the game; in a class (a class folder is set) the group's name comes first,
        once per session."""
        if self.ctx.settings.class_folder and not self.ctx.group:
            from strikesim.ui.screens.group_name import GroupNameScreen

            return Push(
                GroupNameScreen(self.ctx), on_result=lambda name: self.begin() if name else None
            )
        from strikesim.classroom.runs import with_group
        from strikesim.session import Session

        try:
            session = Session(self.spec, self.seats, self.seed)
        except ValueError as exc:
            return Push(message(self.ctx, "This game cannot start", str(exc)))
        session.record = with_group(session.record, self.ctx.group)
        return enter_game(self.ctx, session, guide=True)

    # --- the modder's reload key ------------------------------------------------------------
    def _contexts(self) -> tuple[str, ...]:
        return (*super()._contexts(), "reload")

    def on_action(self, action: str) -> Transition | None:
        if action == "reload_scenario":
            return self.reload()
        return super().on_action(action)

    def reload(self) -> Transition | None:
        """Read the scenario file again and show its briefing (its problems, if any)."""
        from strikesim.ui.screens.reload import reload_transition

        def restart(spec: GameSpec, seats: tuple[Seat, Seat]) -> Transition:
            return Replace(
                BriefingScreen(
                    self.ctx, spec, self.side, seats, self.seed,
                    campaign=self.campaign, can_go_back=self.can_go_back,
                )
            )  # fmt: skip

        return reload_transition(
            self.ctx, self.spec, self.seats, restart, in_campaign=self.campaign is not None
        )

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
        top = m + ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize()
        top += ctx.space("lg")
        bh = self.start.preferred_height()
        footer = h - m - bh
        col = (w - 2 * m - gap) // 2
        self.panels = [
            pygame.Rect(m, top, col, footer - ctx.space("lg") - top),
            pygame.Rect(m + col + gap, top, col, footer - ctx.space("lg") - top),
        ]
        for view, box in zip((self.background, self.brief), self.panels, strict=True):
            view.rect = column_inside(ctx, box)
        place_footer(ctx, footer, back=self.back, main=self.start, second=self.print)

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        m = ctx.space("xxl")
        party = self.spec.parties[self.side]
        other = self.spec.parties[1 - self.side]
        step = "NEW GAME  ·  STEP 3 OF 3  ·  " if self.can_go_back else ""
        eyebrow = f"{step}{self.spec.title.upper()}"
        width = ctx.size[0] - 2 * m
        surface.blit(
            ctx.text("caption", ellipsize(ctx.font("caption"), eyebrow, width), "gold"), (m, m)
        )
        who = party.short_name or party.name
        if self.hot_seat:
            who += f" and {other.short_name or other.name}"
        heading = ellipsize(ctx.font("h1"), f"Briefing — {who}", width)
        surface.blit(ctx.text("h1", heading, "text"), (m, m + ctx.font("caption").get_linesize()))
        side_key = SIDES[self.side]
        background = ("PUBLIC BACKGROUND  ·  BOTH SIDES SEE THIS", "text_faint", None)
        right: tuple[str, str, str | None]
        if self.hot_seat:
            right = ("THE TWO SIDES  ·  BOTH PLAYERS SEE THIS", "text_faint", None)
        else:
            right = (confidential_label(self.spec, self.side), f"{side_key}_text", side_key)
        for box, (label, colour, accent) in zip(self.panels, (background, right), strict=True):
            draw_column(ctx, surface, box, label, colour, accent)
        if not self.start.enabled:
            note = ctx.text("small", self.start.tooltip, "warning")
            surface.blit(
                note,
                (
                    self.print.rect.x - ctx.space("lg") - note.get_width(),
                    self.start.rect.centery - note.get_height() // 2,
                ),
            )
