"""The side screen's text boxes: "Your game" (the game as chosen, in words), the wrapped
descriptions under the pickers and the veil over a control a campaign locks.

Kept apart from the screen's controls and layout so the wording can be read (and tested)
on its own; the screen reserves room for the longer of its two forms (against the
computer, hot seat) so switching between them moves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from strikesim.engine.spec import GameSpec
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel, with_alpha, wrap_text


@dataclass(frozen=True)
class Choice:
    """What the side screen has chosen so far."""

    side: int
    hot_seat: bool
    opponent_label: str
    opponent_is_builtin: bool
    level_label: str
    seed: int
    campaign: bool


def summary_lines(spec: GameSpec, choice: Choice) -> list[str]:
    """The chosen game in words: who leads whom, privacy in a hot seat, dates and seed."""
    mine, other = spec.parties[choice.side], spec.parties[1 - choice.side]
    if choice.hot_seat:
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
        first = (
            f"You lead {mine.name} against {other.short_name or other.name}, "
            f"played by the “{choice.opponent_label}” negotiator at "
            f"{choice.level_label.lower()} difficulty."
        )
        privacy = ""
    from strikesim.narrate import week_date

    start = week_date(spec, 0)
    when = f"Talks open {start}; t" if not start.startswith("Week") else "T"
    last = (
        f"{when}he contract expires in week {spec.phases.expiry_week}; the dispute lasts "
        f"at most {spec.phases.max_weeks} weeks. Seed {choice.seed}."
    )
    if choice.campaign and not choice.opponent_is_builtin:
        last += " Later disputes bring each scenario's own negotiator."
    return [line for line in (first, privacy, last) if line]


def wrapped(ctx: UIContext, paragraphs: list[str], width: int) -> list[str]:
    """``paragraphs`` wrapped in body type inside a box ``width`` wide (with its padding)."""
    pad = ctx.space("lg")
    lines: list[str] = []
    for para in paragraphs:
        lines += wrap_text(ctx.font("body"), para, width - 2 * pad)
    return lines


def box_height(ctx: UIContext, paragraphs: list[str], width: int) -> int:
    """Height of the box holding ``paragraphs`` at ``width``."""
    head = ctx.font("caption").get_linesize() + ctx.space("xs")
    body = len(wrapped(ctx, paragraphs, width)) * ctx.font("body").get_linesize()
    return 2 * ctx.space("lg") + head + body


def draw_box(
    ctx: UIContext, surface: pygame.Surface, area: pygame.Rect, paragraphs: list[str], above: int
) -> None:
    """The box at the bottom of ``area``; left out when it would reach above ``above``."""
    width = area.width
    box = pygame.Rect(area.x, 0, width, box_height(ctx, paragraphs, width))
    box.bottom = area.bottom
    if box.y < above:
        return  # the window is too small for it beside everything else
    pad = ctx.space("lg")
    lh = ctx.font("body").get_linesize()
    head = ctx.font("caption").get_linesize() + ctx.space("xs")
    panel(surface, box, ctx.colour("surface"), ctx.colour("border"), ctx.radius("lg"), 1)
    surface.blit(ctx.text("caption", "YOUR GAME", "gold"), (box.x + pad, box.y + pad))
    for i, line in enumerate(wrapped(ctx, paragraphs, width)):
        surface.blit(ctx.text("body", line, "text"), (box.x + pad, box.y + pad + head + i * lh))


def veil(ctx: UIContext, surface: pygame.Surface, rect: pygame.Rect, reason: str) -> None:
    """Dim a locked control and say why over it."""
    panel(surface, rect, with_alpha(ctx.colour("bg_top"), 225), None, ctx.radius("lg"))
    note = ctx.text("label", ellipsize(ctx.font("label"), reason, rect.width), "text_muted")
    surface.blit(note, note.get_rect(center=rect.center))


def draw_small_text(ctx: UIContext, surface: pygame.Surface, text: str, box: pygame.Rect) -> None:
    """``text`` in small muted type wrapped into ``box``, the last line cut with "…" (the
    opponent's and the difficulty's descriptions under their pickers)."""
    font = ctx.font("small")
    lh = font.get_linesize()
    lines = wrap_text(font, text, box.width)
    room = max(1, box.height // lh)
    if len(lines) > room:
        lines = [*lines[: room - 1], ellipsize(font, lines[room - 1] + " …", box.width)]
    for i, line in enumerate(lines):
        surface.blit(ctx.text("small", line, "text_muted"), (box.x, box.y + i * lh))
