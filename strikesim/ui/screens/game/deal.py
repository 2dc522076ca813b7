"""Deal and ratification: the tentative deal's terms, the members' vote, and the outcome.

Opened by the table when a week ends in a tentative deal or ends the dispute. While the deal
is out for ratification the player plays on to the vote (the table is closed meanwhile); the
result is read from the week's events. A rejected deal returns to the table; a finished
dispute goes on to the projection of the years ahead.
"""

from __future__ import annotations

import pygame

from strikesim.engine import EventKind, Move, Outcome, Phase
from strikesim.narrate import OUTCOME_TEXT, week_date
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.screens.game.play import GamePlay
from strikesim.ui.transitions import Pop, Replace, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.meter import Meter


def deal_levels(play: GamePlay) -> tuple[int, ...] | None:
    """The deal on the table: tentative during ratification, the contract once settled."""
    state = play.session.state
    if play.phase == Phase.RATIFICATION and int(state.tentative[0, 0]) >= 0:
        return tuple(int(x) for x in state.tentative[0])
    if play.outcome in (
        Outcome.DEAL_RATIFIED,
        Outcome.UNION_CAPITULATED,
        Outcome.STUDIO_CAPITULATED,
    ):
        return tuple(int(x) for x in state.contract[0])
    return None


def last_vote(play: GamePlay) -> tuple[float, bool, int] | None:
    """(yes share, passed, week) of the most recent ratification vote."""
    for report in reversed(play.session.reports):
        for h in report.happenings:
            if h.kind == EventKind.RATIFICATION_VOTE:
                return h.value, h.ref == 1, h.week
    return None


class DealScreen(GameScreen):
    title = "Deal"

    def static_key(self) -> tuple[object, ...] | None:
        return (self.play.revision, self.play.session.week)

    def __init__(self, ctx: UIContext, play: GamePlay) -> None:
        super().__init__(ctx, play)
        key = ctx.keymap.label("game", "continue")
        self.go = Button(ctx, "", self.proceed, variant="primary", hotkey=key)
        self.support = Meter(
            ctx, "Members' ratification sentiment (yes share)", 0.0, colour="union"
        )
        self.expect = Meter(
            ctx, "What members expect (utility)", 0.0, colour="neutral", fmt=lambda v: f"{v:.2f}"
        )
        self.set_widgets([self.go, self.support, self.expect], focus_first=True)
        self.refresh()

    def refresh(self) -> None:
        play = self.play
        values = play.session.values()
        self.support.value = values.get("ratification_sentiment", float("nan"))
        self.support.threshold = play.spec.phases.ratification_threshold
        self.expect.value = values.get("member_expectation", float("nan"))
        deal = deal_levels(play)
        if deal is not None:
            self.expect.compare = play.utilities(deal)[0]
        self.support.visible = self.expect.visible = play.phase == Phase.RATIFICATION
        if play.is_over:
            self.go.label = "See the years ahead"
        elif play.phase == Phase.RATIFICATION:
            self.go.label = "Play on to the vote"
        else:
            self.go.label = "Back to the table"
        self.dirty = True

    def proceed(self) -> Transition | None:
        play = self.play
        if play.is_over:
            from strikesim.ui.screens.game.projection import ProjectionScreen

            return Replace(ProjectionScreen(self.ctx, play))
        if play.phase == Phase.RATIFICATION:
            while play.phase == Phase.RATIFICATION and not play.is_over:
                if play.play(Move.HOLD) is None:
                    break
            self.refresh()
            return None
        return Pop(None)

    def on_action(self, action: str) -> Transition | None:
        return self.proceed() if action == "continue" else None

    def layout(self) -> None:
        ctx = self.ctx
        area = self.content_rect()
        self.area = area
        bh = self.go.preferred_height()
        bw = max(self.go.preferred_width(), ctx.px(260))
        self.go.rect = pygame.Rect(area.right - bw, area.bottom - bh, bw, bh)
        mw = min(ctx.px(420), area.width // 3)
        mh = self.support.preferred_height()
        x = area.right - mw
        y = area.y + ctx.font("title").get_linesize() + ctx.space("xl")
        self.support.rect = pygame.Rect(x, y + ctx.px(40), mw, mh)
        self.expect.rect = pygame.Rect(x, self.support.rect.bottom + ctx.space("lg"), mw, mh)

    def heading(self) -> tuple[str, str, str]:
        """(title, subtitle, colour) for the current state of the deal."""
        play = self.play
        vote = last_vote(play)
        if play.is_over:
            text = OUTCOME_TEXT.get(play.outcome, "The dispute is over")
            colour = "gold" if play.outcome == Outcome.DEAL_RATIFIED else "warning"
            end = int(play.session.state.end_week[0])
            sub = f"Ended in week {end} ({week_date(play.spec, end)})"
            if vote is not None and vote[1]:
                sub += f" · members voted {vote[0]:.0%} yes"
            return text, sub, colour
        if play.phase == Phase.RATIFICATION:
            week = int(play.session.state.ratify_week[0])
            return (
                "Tentative agreement",
                f"The members vote in week {week} ({week_date(play.spec, week)}); "
                f"{play.spec.phases.ratification_threshold:.0%} yes is needed",
                "gold",
            )
        if vote is not None and not vote[1]:
            return (
                "The members voted the deal down",
                f"{vote[0]:.0%} yes in week {vote[2]}: back to the table",
                "negative",
            )
        return "Back to the table", "", "text"

    def draw_body(self, surface: pygame.Surface) -> None:
        ctx, play = self.ctx, self.play
        area = self.area
        title, sub, colour = self.heading()
        surface.blit(
            ctx.text("title", ellipsize(ctx.font("title"), title, area.width), colour), area.topleft
        )
        y = area.y + ctx.font("title").get_linesize()
        if sub:
            surface.blit(
                ctx.text("body", ellipsize(ctx.font("body"), sub, area.width), "text_muted"),
                (area.x, y),
            )
        y += ctx.font("body").get_linesize() + ctx.space("xl")
        deal = deal_levels(play)
        table_w = (
            (self.support.rect.x - area.x - ctx.space("xl"))
            if self.support.visible
            else area.width * 2 // 3
        )
        if deal is None:
            text = (
                "No contract was signed: the old contract stays in force."
                if play.is_over
                else "Both packages stay on the table; the old contract stays in force meanwhile."
            )
            surface.blit(ctx.text("body", text, "text"), (area.x, y))
            return
        surface.blit(ctx.text("caption", "THE TERMS", "gold"), (area.x, y))
        y += ctx.font("caption").get_linesize() + ctx.space("sm")
        label_w = table_w * 2 // 5
        old = play.spec.old_contract
        line_h = ctx.font("body").get_linesize()
        for j, issue in enumerate(play.spec.issues):
            surface.blit(
                ctx.text(
                    "label",
                    ellipsize(ctx.font("label"), issue.label, label_w - ctx.space("md")),
                    "text_muted",
                ),
                (area.x, y + ctx.px(2)),
            )
            term = ellipsize(
                ctx.font("body_strong"), issue.level_labels[deal[j]], table_w - label_w
            )
            surface.blit(ctx.text("body_strong", term, "text"), (area.x + label_w, y))
            if deal[j] != old[j]:
                was = ellipsize(
                    ctx.font("small"), f"was: {issue.level_labels[old[j]]}", table_w - label_w
                )
                surface.blit(ctx.text("small", was, "text_faint"), (area.x + label_w, y + line_h))
            y += line_h + ctx.font("small").get_linesize() + ctx.space("sm")
        own = play.own_utility(deal)
        cost = play.cost(deal)
        y += ctx.space("md")
        summary = f"Worth {own:.2f} to you · costs the studios ${cost:,.0f}M a year"
        surface.blit(ctx.text("body", summary, f"{play.side_key}_text"), (area.x, y))
        if self.support.visible:
            cap = ctx.text("caption", "THE MEMBERS", "text_muted")
            surface.blit(cap, (self.support.rect.x, self.support.rect.y - ctx.px(28)))
            note = (
                "The line marks the yes share needed; the white mark on expectations is "
                "the deal's value to members."
            )
            from strikesim.ui.draw import wrap_text

            ny = self.expect.rect.bottom + ctx.space("lg")
            for line in wrap_text(ctx.font("small"), note, self.expect.rect.width):
                surface.blit(ctx.text("small", line, "text_faint"), (self.expect.rect.x, ny))
                ny += ctx.font("small").get_linesize()
