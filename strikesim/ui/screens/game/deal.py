"""Deal and ratification: the tentative deal's terms, the members' vote, and the outcome.

Opened by the table when a week ends in a tentative deal or ends the dispute. While the deal
is out for ratification the player plays on to the vote (the table is closed meanwhile); the
result is read from the week's events. A rejected deal returns to the table; a finished
dispute goes on to the projection of the years ahead.
"""

from __future__ import annotations

import numpy as np
import pygame

from strikesim.engine import EventKind, Outcome, Phase
from strikesim.narrate import OUTCOME_TEXT, week_date
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
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
    help_topic = "deal"
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
                if play.play_through() is None:
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
        top = area.y + ctx.font("title").get_linesize() + ctx.font("body").get_linesize()
        top += ctx.space("xl")
        bottom = self.go.rect.y - ctx.space("lg")
        side_w = max(ctx.px(320), area.width * 2 // 5)
        self.terms_rect = pygame.Rect(
            area.x, top, area.width - side_w - ctx.space("lg"), bottom - top
        )
        self.members_rect = pygame.Rect(
            self.terms_rect.right + ctx.space("lg"), top, side_w, bottom - top
        )
        pad = ctx.space("lg")
        mh = self.support.preferred_height()
        x = self.members_rect.x + pad
        w = self.members_rect.width - 2 * pad
        y = self.members_rect.y + pad + ctx.font("caption").get_linesize() + ctx.space("sm")
        self.vote_y = y
        y += ctx.font("h1").get_linesize() + ctx.font("small").get_linesize() + ctx.space("lg")
        self.support.rect = pygame.Rect(x, y, w, mh)
        self.expect.rect = pygame.Rect(x, self.support.rect.bottom + ctx.space("lg"), w, mh)

    def expected_yes(self) -> float | None:
        """The members' yes share the scenario's vote formula gives today (the vote itself
        adds a little noise)."""
        from strikesim.analysis.objectives import final_namespace

        play = self.play
        if play.phase != Phase.RATIFICATION:
            return None
        ns = final_namespace(play.spec, play.session.state)
        try:
            value = float(
                np.asarray(play.spec.phases.ratification_yes(ns), dtype=np.float64).reshape(-1)[0]
            )
        except (ValueError, TypeError, KeyError, ArithmeticError):
            return None
        return min(1.0, max(0.0, value)) if np.isfinite(value) else None

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
        ctx = self.ctx
        area = self.area
        title, sub, colour = self.heading()
        surface.blit(
            ctx.text("title", ellipsize(ctx.font("title"), title, area.width), colour), area.topleft
        )
        if sub:
            img = ctx.text("body", ellipsize(ctx.font("body"), sub, area.width), "text_muted")
            surface.blit(img, (area.x, area.y + ctx.font("title").get_linesize()))
        self._terms(surface)
        self._members(surface)

    def _terms(self, surface: pygame.Surface) -> None:
        ctx, play = self.ctx, self.play
        r = self.terms_rect
        deal = deal_levels(play)
        y = self.section(surface, r, "The terms" if deal is not None else "No contract", "gold")
        pad = ctx.space("lg")
        x, width = r.x + pad, r.width - 2 * pad
        if deal is None:
            text = (
                "No contract was signed: the old contract stays in force."
                if play.is_over
                else "Both packages stay on the table; the old contract stays in force meanwhile."
            )
            for line in wrap_text(ctx.font("body"), text, width):
                surface.blit(ctx.text("body", line, "text"), (x, y))
                y += ctx.font("body").get_linesize()
            return
        label_w = width * 2 // 5
        old = play.spec.old_contract
        line_h = ctx.font("body").get_linesize()
        row_h = line_h + ctx.font("small").get_linesize() + ctx.space("sm")
        for j, issue in enumerate(play.spec.issues):
            label = ellipsize(ctx.font("label"), issue.label, label_w - ctx.space("md"))
            surface.blit(ctx.text("label", label, "text_muted"), (x, y + ctx.px(2)))
            term = ellipsize(ctx.font("body_strong"), issue.level_labels[deal[j]], width - label_w)
            surface.blit(ctx.text("body_strong", term, "text"), (x + label_w, y))
            if deal[j] != old[j]:
                was = ellipsize(
                    ctx.font("small"), f"was: {issue.level_labels[old[j]]}", width - label_w
                )
                surface.blit(ctx.text("small", was, "text_faint"), (x + label_w, y + line_h))
            y += row_h
        worth, cost = play.own_utility(deal), play.cost(deal)
        summary = f"Worth {worth:.2f} to you · costs the studios ${cost:,.0f}M a year"
        img = ctx.text(
            "body_strong",
            ellipsize(ctx.font("body_strong"), summary, width),
            f"{play.side_key}_text",
        )
        surface.blit(img, (x, max(y + ctx.space("sm"), r.bottom - pad - img.get_height())))

    def _members(self, surface: pygame.Surface) -> None:
        ctx, play = self.ctx, self.play
        r = self.members_rect
        self.section(surface, r, "The members", "union_text")
        pad = ctx.space("lg")
        x, width = r.x + pad, r.width - 2 * pad
        vote = last_vote(play)
        need = play.spec.phases.ratification_threshold
        expected = self.expected_yes()
        if expected is not None:
            big, colour = f"{expected:.0%}", "positive" if expected >= need else "negative"
            caption = f"expected to vote yes ({need:.0%} needed)"
        elif vote is not None:
            big, colour = f"{vote[0]:.0%}", "positive" if vote[1] else "negative"
            caption = f"voted yes in week {vote[2]} ({'ratified' if vote[1] else 'rejected'})"
        else:
            big, colour, caption = "—", "text_faint", "no ratification vote was held"
        img = ctx.text("h1", big, colour)
        surface.blit(img, (x, self.vote_y))
        cap = ctx.text("small", ellipsize(ctx.font("small"), caption, width), "text_muted")
        surface.blit(cap, (x, self.vote_y + img.get_height()))
        if self.support.visible:
            note = (
                "The line marks the yes share needed; the white mark on expectations is "
                "the deal's value to members."
            )
            ny = self.expect.rect.bottom + ctx.space("lg")
            for line in wrap_text(ctx.font("small"), note, width):
                surface.blit(ctx.text("small", line, "text_faint"), (x, ny))
                ny += ctx.font("small").get_linesize()
