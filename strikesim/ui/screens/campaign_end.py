"""The end of a campaign: the epilogues that hold, the summary table, the road taken.

Left, every epilogue whose condition held on the final ledger, in file order (scrollable).
Right, the campaign's summary table and, below it, each stage played with its outcome.
"""

from __future__ import annotations

import pygame

from strikesim.campaign.run import CampaignRun
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel
from strikesim.ui.screen import Screen
from strikesim.ui.screens.campaign import outcome_short
from strikesim.ui.screens.footer import page_rows, place_footer
from strikesim.ui.screens.markdown_view import MarkdownView
from strikesim.ui.transitions import Pop, Reset, Transition
from strikesim.ui.widgets.button import Button

__all__ = ["DecadeScreen", "epilogue_markdown"]


def epilogue_markdown(run: CampaignRun) -> str:
    """The epilogues as Markdown-lite: a heading and a paragraph each."""
    parts = [f"### {title}\n\n{text}" for title, text in run.epilogues()]
    return "\n\n".join(parts) or "The campaign ends without a closing word."


class DecadeScreen(Screen):
    """How ``run`` (a finished campaign) ended."""

    title = "How the decade ended"

    def __init__(self, ctx: UIContext, run: CampaignRun) -> None:
        super().__init__(ctx)
        self.run = run
        self.rows = run.summary()
        self.story = MarkdownView(ctx, epilogue_markdown(run))
        self.back = Button(ctx, "Back", lambda: Pop(None), hotkey="Esc")
        self.done = Button(ctx, "Title screen", self.to_title, variant="primary")
        self.set_widgets([self.story, self.back, self.done])
        self.focus.focus(self.done)

    def to_title(self) -> Transition:
        from strikesim.ui.screens.title import TitleScreen

        return Reset(TitleScreen(self.ctx))

    def on_back(self) -> Transition | None:
        return Pop(None)

    def layout(self) -> None:
        ctx = self.ctx
        w = ctx.size[0]
        m, gap, pad = ctx.space("xxl"), ctx.space("xl"), ctx.space("lg")
        top, footer = page_rows(ctx, self.done)
        body_h = footer - ctx.space("lg") - top
        left_w = round((w - 2 * m - gap) * 0.55)
        self.left = pygame.Rect(m, top, left_w, body_h)
        right = pygame.Rect(m + left_w + gap, top, w - 2 * m - left_w - gap, body_h)
        head = ctx.font("caption").get_linesize() + ctx.space("md")
        line = ctx.font("small").get_linesize() + ctx.space("xs")
        table_h = min(2 * pad + head + len(self.rows) * line, round(body_h * 0.68))
        one_stage = ctx.font("label").get_linesize() + ctx.font("small").get_linesize()
        if body_h - table_h - gap < 2 * pad + head + one_stage:
            table_h = body_h  # no room for the road: the summary takes the column
        self.table_rect = pygame.Rect(right.x, right.y, right.width, table_h)
        self.road_rect = pygame.Rect(
            right.x, right.y + table_h + gap, right.width, max(0, body_h - table_h - gap)
        )
        self.story.rect = self.left.inflate(-2 * pad, -2 * pad)
        place_footer(ctx, footer, back=self.back, main=self.done, main_min=200)

    def _box(self, surface: pygame.Surface, rect: pygame.Rect, heading: str) -> int:
        ctx = self.ctx
        panel(surface, rect, ctx.colour("surface"), ctx.colour("border"), ctx.radius("lg"), 1)
        pad = ctx.space("lg")
        if heading:
            surface.blit(ctx.text("caption", heading, "text_muted"), (rect.x + pad, rect.y + pad))
            return rect.y + pad + ctx.font("caption").get_linesize() + ctx.space("md")
        return rect.y + pad

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx, run = self.ctx, self.run
        m = ctx.space("xxl")
        surface.blit(
            ctx.text("caption", f"CAMPAIGN COMPLETE  ·  {run.campaign.title.upper()}", "gold"),
            (m, m),
        )
        surface.blit(
            ctx.text("h1", "How it ended", "text"), (m, m + ctx.font("caption").get_linesize())
        )
        self._box(surface, self.left, "")
        self._draw_table(surface)
        self._draw_stages(surface)

    def _draw_table(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        rect = self.table_rect
        y = self._box(surface, rect, "THE SUMMARY")
        pad = ctx.space("lg")
        line = ctx.font("small").get_linesize() + ctx.space("xs")
        inner = rect.width - 2 * pad
        room = max(1, (rect.bottom - pad + ctx.space("xs") - y) // line)
        shown = self.rows if len(self.rows) <= room else self.rows[: room - 1]
        for k, (label, value) in enumerate(shown):
            if k % 2 == 1:
                stripe = pygame.Rect(rect.x + pad // 2, y - ctx.px(1), rect.width - pad, line)
                panel(surface, stripe, ctx.colour("surface_alt"), None, ctx.radius("sm"))
            num = ctx.text("number", value, "gold")
            surface.blit(num, (rect.right - pad - num.get_width(), y))
            text = ellipsize(ctx.font("small"), label, inner - num.get_width() - ctx.space("md"))
            surface.blit(ctx.text("small", text, "text"), (rect.x + pad, y))
            y += line
        if len(shown) < len(self.rows):
            more = f"… and {len(self.rows) - len(shown)} more rows (a larger window shows all)"
            text = ellipsize(ctx.font("small"), more, inner)
            surface.blit(ctx.text("small", text, "text_faint"), (rect.x + pad, y))

    def _draw_stages(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        rect = self.road_rect
        if rect.height <= 0:
            return
        y = self._box(surface, rect, "THE ROAD TAKEN")
        pad = ctx.space("lg")
        width = rect.width - 2 * pad
        label_h = ctx.font("label").get_linesize()
        detail_h = ctx.font("small").get_linesize()
        for result in self.run.results:
            if y + label_h + detail_h > rect.bottom - pad:
                break
            label = self.run.campaign.stages[result.stage_id].label
            surface.blit(
                ctx.text("label", ellipsize(ctx.font("label"), label, width), "text"),
                (rect.x + pad, y),
            )
            detail = ellipsize(ctx.font("small"), outcome_short(result), width)
            surface.blit(ctx.text("small", detail, "text_muted"), (rect.x + pad, y + label_h))
            y += label_h + detail_h + ctx.space("sm")
