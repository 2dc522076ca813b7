"""The campaign's progress: the road of stages, the next stage's intro, the ledger.

Shown before each stage's briefing and after each stage's debrief. Left, the stages as a
path: those played with their outcome, the current one lit, and the ones the first branches
lead to, dimmed (later results may choose other branches). Right, the last stage's result
(after a debrief) and the next stage's intro, and below it the ledger as a table with what
the last stage changed. "Read the briefing" opens the next stage; after the last stage the
button leads to :class:`~strikesim.ui.screens.campaign_end.DecadeScreen`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from strikesim.campaign.ledger import shown_entry
from strikesim.campaign.run import CampaignRun, StageResult
from strikesim.engine import Outcome
from strikesim.scenario import ScenarioError
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, panel, wrap_text
from strikesim.ui.screen import Screen
from strikesim.ui.screens.campaign_flow import CampaignBriefing, save_campaign
from strikesim.ui.screens.dialog import message
from strikesim.ui.screens.footer import page_rows, place_footer
from strikesim.ui.screens.markdown_view import MarkdownView
from strikesim.ui.transitions import Push, Reset, Transition
from strikesim.ui.widgets.button import Button

__all__ = ["CampaignScreen", "RoadStep", "outcome_short", "road"]

OUTCOME_SHORT = {
    Outcome.DEAL_RATIFIED: "Deal ratified",
    Outcome.UNION_CAPITULATED: "The union gave in",
    Outcome.STUDIO_CAPITULATED: "The studios gave in",
    Outcome.DEADLINE: "No contract",
}


def outcome_short(result: StageResult) -> str:
    """``"Deal ratified · week 26 · 19 weeks on strike"``."""
    weeks = result.strike_weeks
    strike = "no strike" if weeks == 0 else f"{weeks} week{'s' if weeks != 1 else ''} on strike"
    return f"{OUTCOME_SHORT.get(result.outcome, 'Ended')} · week {result.end_week} · {strike}"


@dataclass(frozen=True)
class RoadStep:
    """One stop on the drawn path; ``state`` is ``done``, ``current`` or ``ahead``."""

    label: str
    detail: str
    state: str


def road(run: CampaignRun) -> list[RoadStep]:
    """The stages played, the current one, and those the first branches lead to next."""
    stages = run.campaign.stages
    steps = [RoadStep(stages[r.stage_id].label, outcome_short(r), "done") for r in run.results]
    current = run.current
    seen: set[str] = set()
    state = "current"
    while current is not None and current not in seen:
        seen.add(current)
        stage = stages[current]
        detail = "Next" if state == "current" else "Possible, if the results lead here"
        steps.append(RoadStep(stage.label, detail, state))
        state = "ahead"
        current = stage.next[0].stage if stage.next else None
    return steps


class CampaignScreen(Screen):
    """Progress of ``run``; ``last`` is the stage just finished (None before the first)."""

    title = "Campaign"

    def __init__(
        self, ctx: UIContext, run: CampaignRun, *, last: StageResult | None = None
    ) -> None:
        super().__init__(ctx)
        self.run = run
        self.last = last
        self.steps = road(run)
        self.story = MarkdownView(ctx, self._story())
        over = run.is_over
        self.back = Button(
            ctx,
            "Title screen",
            self.to_title,
            hotkey="Esc",
            tooltip="Your campaign is saved; pick it up again later.",
        )
        self.save = Button(ctx, "Save campaign", self.save_now)
        self.go = Button(
            ctx,
            "How the decade ended" if over else "Read the briefing",
            self.proceed,
            variant="primary",
        )
        self.set_widgets([self.story, self.back, self.save, self.go])
        self.focus.focus(self.go)

    # --- text ------------------------------------------------------------------------------
    def _story(self) -> str:
        run, parts = self.run, []
        if self.last is not None:
            label = run.campaign.stages[self.last.stage_id].label
            parts.append(f"### Result: {label}\n\n{outcome_short(self.last)}.")
        stage = run.stage
        if stage is not None:
            parts.append(f"### Next: {stage.label}\n\n{run.intro() or stage.scenario_title}")
        else:
            parts.append("### The campaign is over\n\nSee how the decade ended.")
        return "\n\n".join(parts)

    # --- actions ---------------------------------------------------------------------------
    def proceed(self) -> Transition | None:
        if self.run.is_over:
            from strikesim.ui.screens.campaign_end import DecadeScreen

            return Push(DecadeScreen(self.ctx, self.run))
        try:
            spec = self.run.stage_spec()
        except ScenarioError as exc:
            return Push(message(self.ctx, "This stage cannot start", str(exc)))
        return Push(CampaignBriefing(self.ctx, self.run, spec))

    def save_now(self) -> Transition | None:
        path = save_campaign(self.ctx, self.run)
        if path is not None:
            self.ctx.notices.append(f"Campaign saved ({path.parent}).")
        return None

    def to_title(self) -> Transition:
        from strikesim.ui.screens.title import TitleScreen

        save_campaign(self.ctx, self.run)
        return Reset(TitleScreen(self.ctx))

    def on_back(self) -> Transition | None:
        return self.to_title()

    # --- layout ----------------------------------------------------------------------------
    def layout(self) -> None:
        ctx = self.ctx
        w = ctx.size[0]
        m, gap, pad = ctx.space("xxl"), ctx.space("xl"), ctx.space("lg")
        top, footer = page_rows(ctx, self.go)
        body_h = footer - ctx.space("lg") - top
        left_w = max(ctx.px(300), round((w - 2 * m - gap) * 0.36))
        self.road_rect = pygame.Rect(m, top, left_w, body_h)
        right = pygame.Rect(m + left_w + gap, top, w - 2 * m - left_w - gap, body_h)
        # the story takes what it needs, at most 42% of the column; the ledger the rest
        self.story.rect = pygame.Rect(right.x + pad, right.y + pad, right.width - 2 * pad, 1)
        need = self.story.page().get_height() + 2 * pad
        story_h = max(min(need, round(body_h * 0.42)), ctx.px(96))
        self.story_rect = pygame.Rect(right.x, right.y, right.width, story_h)
        self.ledger_rect = pygame.Rect(
            right.x, right.y + story_h + gap, right.width, body_h - story_h - gap
        )
        self.story.rect = self.story_rect.inflate(-2 * pad, -2 * pad)
        place_footer(ctx, footer, back=self.back, main=self.go, second=self.save)

    # --- drawing ---------------------------------------------------------------------------
    def draw_content(self, surface: pygame.Surface) -> None:
        ctx, run = self.ctx, self.run
        m = ctx.space("xxl")
        total = len(self.steps)
        if run.is_over:
            eyebrow = f"CAMPAIGN  ·  ALL {len(run.results)} STAGES PLAYED"
        else:
            eyebrow = f"CAMPAIGN  ·  STAGE {run.position + 1} OF {total}"
        surface.blit(ctx.text("caption", eyebrow, "gold"), (m, m))
        title = ellipsize(ctx.font("h1"), run.campaign.title, ctx.size[0] - 2 * m)
        surface.blit(ctx.text("h1", title, "text"), (m, m + ctx.font("caption").get_linesize()))
        self._draw_road(surface)
        panel(
            surface,
            self.story_rect,
            ctx.colour("surface"),
            ctx.colour("border"),
            ctx.radius("lg"),
            1,
        )
        self._draw_ledger(surface)

    def _box(self, surface: pygame.Surface, rect: pygame.Rect, heading: str) -> int:
        ctx = self.ctx
        panel(surface, rect, ctx.colour("surface"), ctx.colour("border"), ctx.radius("lg"), 1)
        pad = ctx.space("lg")
        surface.blit(ctx.text("caption", heading, "text_muted"), (rect.x + pad, rect.y + pad))
        return rect.y + pad + ctx.font("caption").get_linesize() + ctx.space("md")

    def _draw_road(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        rect = self.road_rect
        y0 = self._box(surface, rect, "THE ROAD")
        pad = ctx.space("lg")
        font = ctx.font("body_strong")
        label_h, detail_h = font.get_linesize(), ctx.font("small").get_linesize()
        dot = ctx.px(7)
        x_dot = rect.x + pad + dot
        x_text = x_dot + dot + ctx.space("md")
        width = rect.right - pad - x_text
        room = rect.bottom - pad - y0
        n = max(1, len(self.steps))
        two_lines = n * (2 * label_h + detail_h + ctx.space("lg")) <= room
        labels = [self._label_lines(s.label, width, two_lines) for s in self.steps]
        heights = [len(ls) * label_h + detail_h + ctx.space("lg") for ls in labels]
        spare = max(0, room - sum(heights)) // n
        heights = [hh + min(spare, ctx.space("lg")) for hh in heights]
        tops = [y0 + sum(heights[:k]) for k in range(len(heights))]
        centres = [t + label_h // 2 for t in tops]
        if len(centres) > 1:
            pygame.draw.line(
                surface,
                ctx.colour("border_strong"),
                (x_dot, centres[0]),
                (x_dot, centres[-1]),
                max(1, ctx.px(2)),
            )
        colours = {
            "done": ("positive", "text", "text_muted"),
            "current": ("gold", "gold", "text"),
            "ahead": ("border_strong", "text_faint", "text_faint"),
        }
        for step, top, cy, lines in zip(self.steps, tops, centres, labels, strict=True):
            dot_c, label_c, detail_c = colours[step.state]
            if step.state == "current":
                pygame.draw.circle(surface, ctx.colour("gold_dim"), (x_dot, cy), dot + ctx.px(4))
            pygame.draw.circle(surface, ctx.colour("bg_bottom"), (x_dot, cy), dot)
            filled = step.state != "ahead"
            pygame.draw.circle(
                surface,
                ctx.colour(dot_c),
                (x_dot, cy),
                dot if filled else dot - 1,
                0 if filled else max(1, ctx.px(2)),
            )
            y = top
            for line in lines:
                surface.blit(ctx.text("body_strong", line, label_c), (x_text, y))
                y += label_h
            detail = ellipsize(ctx.font("small"), step.detail, width)
            surface.blit(ctx.text("small", detail, detail_c), (x_text, y))

    def _label_lines(self, label: str, width: int, two_lines: bool) -> list[str]:
        """A stage label in one line, or two when there is room (the rest ellipsized)."""
        font = self.ctx.font("body_strong")
        if not two_lines:
            return [ellipsize(font, label, width)]
        lines = wrap_text(font, label, width)
        if len(lines) <= 2:
            return lines
        return [lines[0], ellipsize(font, " ".join(lines[1:]), width)]

    def _ledger_rows(self, room: int) -> list[tuple[str, float, float | None]]:
        """Ledger entries ``(name, value, value before the last stage or None)`` to show in
        ``room`` cells: all in file order when they fit, else the changed ones first."""
        before = self.last.ledger_before if self.last is not None else {}
        items = [
            (k, v, before[k] if k in before and before[k] != v else None)
            for k, v in self.run.ledger.items()
        ]
        if len(items) <= room:
            return items
        changed = [i for i in items if i[2] is not None]
        return (changed + [i for i in items if i[2] is None])[: max(0, room - 1)]

    def _draw_ledger(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        rect = self.ledger_rect
        heading = "THE LEDGER" + ("  ·  CHANGED BY THIS STAGE IN GOLD" if self.last else "")
        y0 = self._box(surface, rect, ellipsize(ctx.font("caption"), heading, rect.width))
        pad, col_gap = ctx.space("lg"), ctx.space("xl")
        inner = rect.width - 2 * pad
        line = ctx.font("small").get_linesize() + ctx.space("xs")
        rows_fit = max(1, (rect.bottom - pad - y0) // line)
        widest = max(1, min(3, (inner + col_gap) // (ctx.px(210) + col_gap)))
        cols = min(widest, max(1, -(-len(self.run.ledger) // rows_fit)))  # fewest that fit
        shown = self._ledger_rows(rows_fit * cols)
        truncated = len(shown) < len(self.run.ledger)
        rows = rows_fit if truncated else max(1, -(-len(shown) // cols))
        col_w = (inner - (cols - 1) * col_gap) // cols
        with_old = col_w >= ctx.px(300)
        for k, (name, value, old_value) in enumerate(shown):
            col, row = divmod(k, rows)
            x = rect.x + pad + col * (col_w + col_gap)
            y = y0 + row * line
            changed = old_value is not None
            label_text, value_text = shown_entry(self.run.campaign, name, value)
            num = ctx.text("number", value_text, "gold" if changed else "text")
            right = x + col_w - num.get_width()
            surface.blit(num, (right, y))
            if old_value is not None and with_old:
                old_text = shown_entry(self.run.campaign, name, old_value)[1]
                old = ctx.text("number", f"{old_text} → ", "text_faint")
                right -= old.get_width()
                surface.blit(old, (right, y))
            label = ellipsize(ctx.font("small"), label_text, right - x - ctx.space("sm"))
            surface.blit(ctx.text("small", label, "text" if changed else "text_muted"), (x, y))
        hidden = len(self.run.ledger) - len(shown)
        if hidden > 0:
            col, row = divmod(len(shown), rows)
            x = rect.x + pad + col * (col_w + col_gap)
            more = f"… and {hidden} more"
            text = ellipsize(ctx.font("small"), more, col_w)
            surface.blit(ctx.text("small", text, "text_faint"), (x, y0 + row * line))
