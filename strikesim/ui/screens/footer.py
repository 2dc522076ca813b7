"""The footer row of the full-page screens: Back at the left, the main action at the right.

Used by the side choice, briefing, campaign and campaign-end screens so their footers line
up: every button is as tall as the main one, at least as wide as its label needs, and at
least 140 (Back), ``main_min`` and 160 (the optional second action) design pixels wide.
"""

from __future__ import annotations

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.widgets.button import Button


def page_rows(ctx: UIContext, main: Button) -> tuple[int, int]:
    """``(top, footer)``: where a full page's body starts, under the eyebrow and the title,
    and where its footer row (as tall as ``main``) starts."""
    m = ctx.space("xxl")
    top = m + ctx.font("caption").get_linesize() + ctx.font("h1").get_linesize() + ctx.space("lg")
    return top, ctx.size[1] - m - main.preferred_height()


def place_footer(
    ctx: UIContext,
    y: int,
    *,
    back: Button,
    main: Button,
    main_min: int = 240,
    second: Button | None = None,
) -> None:
    """Place the row at ``y`` inside the page margins; ``second`` goes left of ``main``."""
    m = ctx.space("xxl")
    bh = main.preferred_height()
    bw = max(back.preferred_width(), ctx.px(140))
    back.rect = pygame.Rect(m, y, bw, bh)
    mw = max(main.preferred_width(), ctx.px(main_min))
    main.rect = pygame.Rect(ctx.size[0] - m - mw, y, mw, bh)
    if second is not None:
        sw = max(second.preferred_width(), ctx.px(160))
        second.rect = pygame.Rect(main.rect.x - ctx.space("md") - sw, y, sw, bh)
