"""A scrollable view of a Markdown-lite document (see :mod:`markdown_lite`), in theme styles.

The document is laid out once per (text, width, scale, palette) onto one tall surface, then
blitted with the scroll offset each frame, so drawing stays cheap. Scrolling: mouse wheel
over the view, and ``increase``/``decrease`` (a line) or ``increase_big``/``decrease_big``
(a page) while it has keyboard focus. It takes focus only when the text overflows.
"""

from __future__ import annotations

import pygame

from strikesim.markdown_lite import Block, Span, parse
from strikesim.ui.context import UIContext
from strikesim.ui.draw import panel
from strikesim.ui.widgets.scrollable import ScrollableWidget

# heading level -> (type role, colour)
_HEADINGS = {1: ("h2", "gold"), 2: ("h3", "text"), 3: ("body_strong", "gold")}


def _role(span: Span, base: str) -> str:
    if span.bold and base in ("body", "small"):
        return "body_strong" if base == "body" else "label"
    return base


class _Writer:
    """Lays out styled words on a target surface (or only measures when ``surface`` is None)."""

    def __init__(self, ctx: UIContext, surface: pygame.Surface | None) -> None:
        self.ctx = ctx
        self.surface = surface

    def spans(self, spans: list[Span], x: int, y: int, width: int, base: str, colour: str) -> int:
        """Wrap ``spans`` into ``width`` starting at (x, y); returns the y below the text."""
        ctx = self.ctx
        line_h = round(ctx.font(base).get_linesize() * 1.2)
        space = ctx.font(base).size(" ")[0]
        cx = x
        first_on_line = True
        for span in spans:
            role = _role(span, base)
            font = ctx.font(role)
            col = "text_muted" if span.italic and not span.bold else colour
            leading = span.text[:1].isspace()
            for n, word in enumerate(span.text.split()):
                w = font.size(word)[0]
                gap = 0 if first_on_line or (n == 0 and not leading) else space
                if not first_on_line and cx + gap + w > x + width:
                    cx, y, gap = x, y + line_h, 0
                if self.surface is not None:
                    self.surface.blit(ctx.text(role, word, col), (cx + gap, y))
                cx += gap + w
                first_on_line = False
            if span.text[-1:].isspace():
                cx += space if not first_on_line else 0
        return y + (0 if first_on_line and not spans else line_h)


def layout(ctx: UIContext, blocks: list[Block], width: int, surface: pygame.Surface | None) -> int:
    """Draw ``blocks`` into ``width`` (measure only when ``surface`` is None); returns height."""
    out = _Writer(ctx, surface)
    y = 0
    gap = ctx.space("md")
    for n, b in enumerate(blocks):
        if b.kind == "heading":
            role, colour = _HEADINGS.get(b.level, ("body_strong", "text"))
            if n:
                y += ctx.space("md")
            y = out.spans(b.spans, 0, y, width, role, colour) + ctx.space("xs")
        elif b.kind in ("bullet", "number"):
            indent = ctx.px(22) * (b.level + 1)
            if surface is not None:
                mark = b.marker or "•"
                img = ctx.text("body_strong", mark, "gold")
                surface.blit(img, (indent - ctx.space("sm") - img.get_width(), y))
            y = out.spans(b.spans, indent, y, width - indent, "body", "text") + ctx.space("xs")
            if n + 1 >= len(blocks) or blocks[n + 1].kind not in ("bullet", "number"):
                y += gap - ctx.space("xs")
        elif b.kind == "quote":
            bar = ctx.px(3)
            top = y
            y = out.spans(
                b.spans,
                bar + ctx.space("md"),
                y,
                width - bar - ctx.space("md"),
                "body",
                "text_muted",
            )
            if surface is not None:
                panel(surface, pygame.Rect(0, top, bar, y - top), ctx.colour("gold_dim"), None)
            y += gap
        elif b.kind == "rule":
            if surface is not None:
                pygame.draw.line(
                    surface, ctx.colour("border"), (0, y + gap // 2), (width, y + gap // 2)
                )
            y += gap
        elif b.kind == "table":
            y = _table(ctx, out, b.rows, width, y) + gap
        else:
            y = out.spans(b.spans, 0, y, width, "body", "text") + gap
    return y


def _table(ctx: UIContext, out: _Writer, rows: list[list[list[Span]]], width: int, y: int) -> int:
    cols = len(rows[0])
    pad = ctx.space("sm")
    font = ctx.font("small")
    natural = [
        max(font.size(" ".join(s.text for s in row[c]))[0] for row in rows) + 2 * pad
        for c in range(cols)
    ]
    widths = [min(n, width // cols) for n in natural]
    spare = width - sum(widths)
    wanting = [max(0, n - w) for n, w in zip(natural, widths, strict=True)]
    if spare > 0 and sum(wanting) > 0:
        share = min(1.0, spare / sum(wanting))
        widths = [w + int(d * share) for w, d in zip(widths, wanting, strict=True)]
    widths[-1] = max(1, width - sum(widths[:-1]))
    measure = _Writer(ctx, None)
    for r, row in enumerate(rows):
        heights = [
            measure.spans(row[c], 0, 0, widths[c] - 2 * pad, "small", "text") for c in range(cols)
        ]
        h = max(heights) + 2 * pad
        if out.surface is not None:
            fill = ctx.colour("surface_alt") if r == 0 else None
            panel(out.surface, pygame.Rect(0, y, width, h), fill, None)
            x = 0
            for c in range(cols):
                colour = "gold" if r == 0 else "text"
                out.spans(row[c], x + pad, y + pad, widths[c] - 2 * pad, "small", colour)
                x += widths[c]
            pygame.draw.line(out.surface, ctx.colour("border"), (0, y + h - 1), (width, y + h - 1))
        y += h
    return y


class MarkdownView(ScrollableWidget):
    """Shows a Markdown-lite ``text`` inside ``rect``, scrollable when it overflows."""

    def __init__(self, ctx: UIContext, text: str) -> None:
        super().__init__(ctx)
        self.text = text
        self.blocks = parse(text)
        self._page: pygame.Surface | None = None
        self._key: tuple[object, ...] | None = None

    @property
    def focusable(self) -> bool:  # type: ignore[override]
        return self.overflow > 0

    def page(self) -> pygame.Surface:
        """The whole document rendered at the current width (cached)."""
        width = max(1, self.rect.width - self.ctx.px(14))
        key = (width, self.ctx.scale, self.ctx.palette.name, self.text)
        if self._page is None or key != self._key:
            height = max(1, layout(self.ctx, self.blocks, width, None))
            page = pygame.Surface((width, height), pygame.SRCALPHA)
            layout(self.ctx, self.blocks, width, page)
            self._page, self._key = page, key
        return self._page

    @property
    def overflow(self) -> int:
        if self.rect.width <= 0 or self.rect.height <= 0:
            return 0
        return max(0, self.page().get_height() - self.rect.height)

    def line_height(self) -> int:
        return round(self.ctx.font("body").get_linesize() * 1.2)

    def wheel_step(self) -> int:
        return 3 * self.line_height()

    def line_step(self) -> int:
        return self.line_height()

    def page_step(self) -> int:
        return max(self.line_height(), self.rect.height - 2 * self.line_height())

    def draw(self, surface: pygame.Surface) -> None:
        if self.rect.width <= 0 or self.rect.height <= 0:
            return
        page = self.page()
        self.clamp_scroll()
        area = pygame.Rect(0, self.scroll, page.get_width(), self.rect.height)
        surface.blit(page, self.rect.topleft, area)
        colour = "gold_dim" if self.focused else "border_strong"
        self.draw_scroll_bar(surface, min_height=24, colour=colour, track=True)
        self.draw_focus(surface)
