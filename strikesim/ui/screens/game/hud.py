"""The in-game top bar: week counter in marquee gold, date, phase, and both parties.

Drawn by every in-game screen above its own content. The party of the player is marked
"you"; each party appears in its identity colour. Pure drawing: no widgets, no state.
"""

from __future__ import annotations

import pygame

from strikesim.engine import Phase
from strikesim.narrate import week_date
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, panel

PHASE_LABEL = {
    Phase.TALKS: "Talks",
    Phase.STRIKE: "On strike",
    Phase.RATIFICATION: "Ratification vote",
    Phase.ENDED: "Dispute over",
}


def hud_height(ctx: UIContext, rows: int = 1) -> int:
    """The bar's height: one row, or two when a narrow screen puts its buttons below."""
    return rows * (ctx.font("h1").get_linesize() + 2 * ctx.space("sm"))


def phase_text(play: GamePlay) -> str:
    """Phase label plus the fact that matters most in it (strike length, vote week …)."""
    obs = play.observation()
    phase, week, expiry = play.phase, obs.week, obs.expiry_week
    text = PHASE_LABEL[phase]
    if phase == Phase.STRIKE:
        text += f" · week {int(obs.strike_weeks[0]) + 1} of the strike"
    elif phase == Phase.TALKS and week < expiry:
        left = expiry - week
        text += f" · contract expires in {left} week{'s' if left != 1 else ''}"
    elif phase == Phase.RATIFICATION and int(obs.ratify_week[0]) >= 0:
        text += f" · members vote in week {int(obs.ratify_week[0])}"
    suspended = int(obs.talks_suspended_until[0])
    if suspended > week and phase in (Phase.TALKS, Phase.STRIKE):
        text += f" · talks suspended until week {suspended}"
    return text


def _party_layouts(ctx: UIContext, play: GamePlay) -> list[list[tuple[str, pygame.Surface]]]:
    """The parties' names, longest form first: both with "vs", then only the player's."""
    full: list[tuple[str, pygame.Surface]] = []
    for side in (0, 1):
        key = ("union", "studio")[side]
        name = play.name(side) + ("  (you)" if side == play.side else "")
        if side == 1:
            full.append(("", ctx.text("caption", "VS", "text_faint")))
        full.append((key, ctx.text("body_strong", name, f"{key}_text")))
    mine = play.side_key
    own = [(mine, ctx.text("body_strong", f"{play.name(play.side)} (you)", f"{mine}_text"))]
    return [full, own]


def draw_hud(
    surface: pygame.Surface,
    ctx: UIContext,
    play: GamePlay,
    right_reserved: int = 0,
    rows: int = 1,
) -> pygame.Rect:
    """Draw the bar across the top; ``right_reserved`` pixels at the right of its first row
    are left free for the screen's own buttons (with two ``rows`` the buttons have the
    second row to themselves). Returns the bar's rect."""
    w = ctx.size[0]
    whole = pygame.Rect(0, 0, w, hud_height(ctx, rows))
    panel(surface, whole, ctx.colour("surface"), None)
    pygame.draw.line(
        surface, ctx.colour("gold_dim"), whole.bottomleft, (whole.right, whole.bottom), 1
    )
    bar = pygame.Rect(0, 0, w, hud_height(ctx))
    if rows > 1:
        right_reserved = 0
    pad = ctx.space("xl")
    x = pad
    week = ctx.text("h1", f"WEEK {play.session.week}", "gold")
    blit_aligned(surface, week, pygame.Rect(x, bar.y, week.get_width(), bar.height), "left")
    x += week.get_width() + ctx.space("lg")
    line_h = ctx.font("label").get_linesize()
    top = bar.centery - line_h
    date = ctx.text("label", week_date(play.spec, play.session.week), "text")
    surface.blit(date, (x, top))
    phase_colour = "studio_text" if play.phase == Phase.STRIKE else "text_muted"
    own = _party_layouts(ctx, play)[1][0][1].get_width() + ctx.px(10) + ctx.space("sm")
    limit = max(ctx.px(120), w - right_reserved - x - 2 * ctx.space("xl") - own)
    phase = ctx.text("small", ellipsize(ctx.font("small"), phase_text(play), limit), phase_colour)
    surface.blit(phase, (x, top + line_h))
    x += max(date.get_width(), phase.get_width()) + ctx.space("xl")
    right = w - right_reserved - pad
    dot = ctx.px(10)
    gap = ctx.space("sm")
    for items in _party_layouts(ctx, play):
        total = sum(img.get_width() + (dot + gap if key else 0) for key, img in items)
        total += ctx.space("lg") * (len(items) - 1)
        if right - total >= x:
            break
    else:
        items, total = [], 0
    if items:
        cx = right - total
        for key, img in items:
            if key:
                spot = pygame.Rect(cx, 0, dot, dot)
                spot.centery = bar.centery
                panel(surface, spot, ctx.colour(key), None, dot // 2)
                cx += dot + gap
            blit_aligned(surface, img, pygame.Rect(cx, bar.y, img.get_width(), bar.height), "left")
            cx += img.get_width() + ctx.space("lg")
    return whole
