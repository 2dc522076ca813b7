"""Where the negotiation table puts things, at any window size and text size.

Wide windows (at least :data:`WIDE` design pixels across at the current scale) get two
columns: the package on the left (its issue rows in one or two columns, scrolling when they
do not fit) with the moves along its bottom, and what the draft is worth, the preview and the
other side's last move on the right. Narrow windows (small, or a large text size) stack
everything in one scrolling column above the moves, which stay pinned at the bottom. Every
issue row says the other side's offer in words under the control, so it is visible in both.
Nothing is shortened: rows grow to the height their text needs (``height_for``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from strikesim.engine import Move
from strikesim.ui.screens.game.hud import hud_height

if TYPE_CHECKING:
    from strikesim.ui.screens.game.table import TableScreen
    from strikesim.ui.widgets.base import Widget

WIDE = 1000
"""Design pixels of window width needed for the two-column table."""
COLUMN = 300
"""Design pixels an issue row needs to sit beside another one."""


def place_nav(screen: TableScreen, rows: int) -> None:
    """Pressure, news and dashboard at the right end of the top bar (of its second row
    when it has two)."""
    ctx = screen.ctx
    screen.hud_rows = rows
    bar_h = hud_height(ctx)
    top = bar_h * (rows - 1)
    x = ctx.size[0] - ctx.space("xl")
    for b in reversed(list(screen.nav.values())):
        bh = min(bar_h - 2 * ctx.space("sm"), b.preferred_height())
        bw = b.preferred_width()
        x -= bw
        b.rect = pygame.Rect(x, top + (bar_h - bh) // 2, bw, bh)
        x -= ctx.space("xs")
    screen.hud_reserved = ctx.size[0] - x


def place_moves(screen: TableScreen, box: pygame.Rect) -> int:
    """The moves along the bottom of ``box``: full labels in one row when they fit, else
    short ones, else two rows. Returns the top of the moves."""
    from strikesim.ui.screens.game.table import HOLD_ON_LABEL, MOVES, SHORT_LABELS

    ctx = screen.ctx
    gap = ctx.space("sm")
    buttons = screen.move_buttons
    cells = [*buttons.values(), screen.hold_on]
    for move, _action, label, _variant in MOVES:
        buttons[move].label = label
    screen.hold_on.label = HOLD_ON_LABEL
    n = len(cells)

    def needed(per_row: int) -> int:
        return max(
            sum(b.preferred_width() for b in cells[r : r + per_row]) + gap * (per_row - 1)
            for r in range(0, n, per_row)
        )

    per_row = n
    if needed(n) > box.width:
        for move, button in buttons.items():
            button.label = SHORT_LABELS[move]
        screen.hold_on.label = SHORT_LABELS["hold_on"]
        if needed(n) > box.width:
            per_row = (n + 1) // 2
    bh = max(b.preferred_height() for b in cells)
    rows = (n + per_row - 1) // per_row
    top = box.bottom - rows * bh - (rows - 1) * gap
    for r in range(rows):
        row = cells[r * per_row : (r + 1) * per_row]
        widths = [max(b.preferred_width(), ctx.px(72)) for b in row]
        free = box.width - gap * (len(row) - 1)
        scale = free / sum(widths)
        x = box.x
        for b, bw in zip(row, widths, strict=True):
            b.rect = pygame.Rect(x, top + r * (bh + gap), int(bw * scale), bh)
            x += b.rect.width + gap
    return top


def place_rows(screen: TableScreen, x: int, y: int, width: int) -> int:
    """Issue rows from ``(x, y)`` in one or two columns of ``width``; returns the bottom."""
    ctx = screen.ctx
    controls = screen.controls
    gap = ctx.space("xl")
    cols = 2 if width >= 2 * ctx.px(COLUMN) + gap and len(controls) > 1 else 1
    cw = (width - gap * (cols - 1)) // cols
    row_gap = ctx.space("lg")
    for k in range(0, len(controls), cols):
        row = controls[k : k + cols]
        h = max(c.height_for(cw) for c in row)
        for i, c in enumerate(row):
            c.rect = pygame.Rect(x + i * (cw + gap), y, cw, c.height_for(cw))
        y += h + row_gap
    return y - row_gap


def layout_table(screen: TableScreen) -> None:
    ctx = screen.ctx
    wide = ctx.size[0] - 2 * ctx.space("xl") >= ctx.px(WIDE)
    place_nav(screen, 1 if wide else 2)
    area = screen.content_rect()
    pad = ctx.space("lg")
    screen.wide = wide
    if wide:
        left_w = round(area.width * 0.6)
        screen.left = pygame.Rect(area.x, area.y, left_w, area.height)
        right = pygame.Rect(
            screen.left.right + pad, area.y, area.right - screen.left.right - pad, area.height
        )
        moves_box = screen.left.inflate(-2 * pad, -2 * pad)
    else:
        screen.left = pygame.Rect(area)
        right = pygame.Rect(area)
        moves_box = pygame.Rect(area.x, area.y, area.width, area.height)
    moves_top = place_moves(screen, moves_box)
    screen.error_y = moves_top - ctx.font("small").get_linesize() - ctx.space("sm")
    head = ctx.font("caption").get_linesize() + ctx.space("sm") + pad
    inner_x = screen.left.x + pad
    inner_w = screen.left.width - 2 * pad
    rb = screen.reset_button
    rb.rect = pygame.Rect(
        screen.left.right - pad - rb.preferred_width(),
        screen.left.y + pad - ctx.space("sm") // 2 - ctx.space("xs"),
        rb.preferred_width(),
        ctx.font("label").get_linesize() + ctx.space("sm"),
    )
    view = screen.view
    rows_top = screen.left.y + head
    if wide:
        view.viewport = pygame.Rect(
            screen.left.x, rows_top, screen.left.width, screen.error_y - ctx.space("sm") - rows_top
        )
        place_rows(screen, inner_x, rows_top, inner_w)
        _place_right(screen, right, scrolled=False)
        items: list[Widget] = list(screen.controls)
    else:
        view.viewport = pygame.Rect(
            area.x, area.y, area.width, screen.error_y - ctx.space("sm") - area.y
        )
        bottom = place_rows(screen, inner_x, rows_top, inner_w)
        screen.left = pygame.Rect(area.x, area.y, area.width, bottom + pad - area.y)
        below = pygame.Rect(area.x, screen.left.bottom + ctx.space("md"), area.width, 0)
        _place_right(screen, below, scrolled=True)
        items = [*screen.controls, screen.meter_own, screen.meter_other, screen.explain]
    view.items = items
    view.positions = [pygame.Rect(w.rect) for w in items]
    view.scroll_to(view.scroll)
    view.place()


def _place_right(screen: TableScreen, box: pygame.Rect, *, scrolled: bool) -> None:
    """What the draft is worth, the preview and the last move, top to bottom in ``box``
    (``scrolled``: stacked below the rows, each as tall as it needs)."""
    ctx = screen.ctx
    pad = ctx.space("lg")
    gap = ctx.space("md")
    inner_x, inner_w = box.x + pad, box.width - 2 * pad
    own_h = screen.meter_own.preferred_height(inner_w)
    other_h = screen.meter_other.preferred_height(inner_w)
    my = box.y + pad + ctx.font("caption").get_linesize() + ctx.space("sm")
    screen.meter_own.rect = pygame.Rect(inner_x, my, inner_w, own_h)
    screen.meter_other.rect = pygame.Rect(inner_x, my + own_h + ctx.space("sm"), inner_w, other_h)
    screen.cost_y = screen.meter_other.rect.bottom + ctx.space("sm")
    cost_lines = max(1, len(screen.worth_lines(inner_w)))
    worth_bottom = screen.cost_y + cost_lines * ctx.font("small").get_linesize() + pad
    screen.worth = pygame.Rect(box.x, box.y, box.width, worth_bottom - box.y)
    caption = ctx.font("caption").get_linesize() + ctx.space("sm")
    if scrolled:
        preview_h = ctx.px(330)
        screen.preview_rect = pygame.Rect(box.x, screen.worth.bottom + gap, box.width, preview_h)
        ty = screen.preview_rect.bottom + gap + pad + caption
        text_h = max(ctx.px(40), screen.explain.measure(inner_w - ctx.px(10)))
        screen.explain.rect = pygame.Rect(inner_x, ty, inner_w, text_h)
        last_y = screen.preview_rect.bottom + gap
        screen.last = pygame.Rect(box.x, last_y, box.width, ty + text_h + pad - last_y)
        return
    explain_h = max(ctx.px(96), round(box.height * 0.22))
    screen.last = pygame.Rect(box.x, box.bottom - explain_h, box.width, explain_h)
    ty = screen.last.y + pad + caption
    screen.explain.rect = pygame.Rect(inner_x, ty, inner_w, screen.last.bottom - pad - ty)
    screen.preview_rect = pygame.Rect(
        box.x, screen.worth.bottom + gap, box.width, screen.last.y - gap - screen.worth.bottom - gap
    )


def legal_label(screen: TableScreen) -> str:
    return (
        "Your package"
        if Move.OFFER in screen.play.legal_moves()
        else "Your package (no offers this week)"
    )
