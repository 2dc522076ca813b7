"""Deal and ratification: the tentative deal's terms, the members' vote, and the outcome.

Opened by the table when a week ends in a tentative deal or ends the dispute. While the deal
is out for ratification the player plays on to the vote (the table is closed meanwhile); the
result is read from the week's events. A rejected deal returns to the table; a finished
dispute goes on to the projection of the years ahead.
"""

from __future__ import annotations

import pygame

from strikesim.engine import EventKind, Outcome, Phase
from strikesim.engine.spec import UNION
from strikesim.narrate import OUTCOME_TEXT, week_date
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import wrap_text
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.scroll import PageScroll
from strikesim.ui.transitions import Pop, Replace, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.meter import Meter


def deal_levels(play: GamePlay) -> tuple[int, ...] | None:
    """The deal on the table: tentative during ratification, the contract once settled."""
    return play.deal_levels()


def last_vote(play: GamePlay) -> tuple[float, bool, int] | None:
    """(yes share, passed, week) of the most recent ratification vote."""
    for report in reversed(play.session.reports):
        for h in report.happenings:
            if h.kind == EventKind.RATIFICATION_VOTE:
                return h.value, h.ref == 1, h.week
    return None


MEMBERS_NOTE = (
    "The line marks the yes share needed; the white mark on expectations is "
    "the deal's value to members."
)


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
        self.page_scroll = PageScroll(self._relayout)
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
        # the members' mood is the union's to know: the studio's player sees the vote only
        self.support.visible = self.expect.visible = (
            play.phase == Phase.RATIFICATION and play.side == UNION
        )
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

    def _relayout(self) -> None:
        self.layout()
        self.dirty = True

    def layout(self) -> None:
        """Terms and members side by side, or stacked on a narrow window; the page scrolls
        above the pinned button when it is taller than the window."""
        ctx = self.ctx
        page = self.page_scroll
        assert page is not None
        area = self.content_rect()
        self.area = area
        bh = self.go.preferred_height()
        bw = max(self.go.preferred_width(), ctx.px(260))
        self.go.rect = pygame.Rect(area.right - bw, area.bottom - bh, bw, bh)
        page.pinned = [self.go]
        page.viewport = pygame.Rect(
            0, area.y, ctx.size[0], self.go.rect.y - ctx.space("sm") - area.y
        )
        off = page.scroll
        title, sub, _colour = self.heading()
        top = (
            area.y
            - off
            + len(self._wrap("title", title, area.width)) * ctx.font("title").get_linesize()
        )
        top += len(self._wrap("body", sub, area.width)) * ctx.font("body").get_linesize()
        top += ctx.space("xl")
        pad = ctx.space("lg")
        side_w = max(ctx.px(320), area.width * 2 // 5)
        stacked = area.width - side_w - ctx.space("lg") < ctx.px(420)
        terms_w = area.width if stacked else area.width - side_w - ctx.space("lg")
        terms_h = self._terms_height(terms_w - 2 * pad)
        members_w = area.width if stacked else side_w
        members_h = self._members_height(members_w - 2 * pad)
        fill = self.go.rect.y - ctx.space("lg") - top
        if not stacked:
            terms_h = members_h = max(terms_h, members_h, fill)
        self.terms_rect = pygame.Rect(area.x, top, terms_w, terms_h)
        if stacked:
            my = self.terms_rect.bottom + ctx.space("lg")
            self.members_rect = pygame.Rect(area.x, my, members_w, members_h)
        else:
            mx = self.terms_rect.right + ctx.space("lg")
            self.members_rect = pygame.Rect(mx, top, members_w, members_h)
        page.end = self.members_rect.bottom + off + ctx.space("lg")
        x = self.members_rect.x + pad
        w = self.members_rect.width - 2 * pad
        mh = max(self.support.preferred_height(w), self.expect.preferred_height(w))
        y = self.members_rect.y + pad + ctx.font("caption").get_linesize() + ctx.space("sm")
        self.vote_y = y
        y += ctx.font("h1").get_linesize() + ctx.font("small").get_linesize() + ctx.space("lg")
        self.support.rect = pygame.Rect(x, y, w, mh)
        self.expect.rect = pygame.Rect(x, self.support.rect.bottom + ctx.space("lg"), w, mh)

    def _wrap(self, role: str, text: str, width: int) -> list[str]:
        return wrap_text(self.ctx.font(role), text, width) if text else []

    def _term_rows(self, width: int) -> list[tuple[list[str], list[str], list[str]]]:
        """Per issue: (label lines, term lines, 'was' lines); labels sit beside the terms
        when there is room, else above them (label_w = 0 then)."""
        play = self.play
        deal = deal_levels(play)
        if deal is None:
            return []
        label_w = self._label_w(width)
        term_w = width - label_w
        old = play.spec.old_contract
        rows = []
        for j, issue in enumerate(play.spec.issues):
            label = self._wrap(
                "label", issue.label, label_w - self.ctx.space("md") if label_w else width
            )
            term = self._wrap("body_strong", issue.level_labels[deal[j]], term_w)
            was = (
                self._wrap("small", f"was: {issue.level_labels[old[j]]}", term_w)
                if deal[j] != old[j]
                else []
            )
            rows.append((label, term, was))
        return rows

    def _label_w(self, width: int) -> int:
        return width * 2 // 5 if width >= self.ctx.px(420) else 0

    def _row_height(self, row: tuple[list[str], list[str], list[str]], width: int) -> int:
        ctx = self.ctx
        label, term, was = row
        lh = len(label) * ctx.font("label").get_linesize()
        th = (
            len(term) * ctx.font("body_strong").get_linesize()
            + len(was) * ctx.font("small").get_linesize()
        )
        body = max(lh, th) if self._label_w(width) else lh + th
        return body + ctx.space("sm")

    def _summary(self) -> str:
        deal = deal_levels(self.play)
        if deal is None:
            return ""
        worth, cost = self.play.own_utility(deal), self.play.cost(deal)
        return f"Worth {worth:.2f} to you · costs the studios ${cost:,.0f}M a year"

    def _terms_height(self, width: int) -> int:
        ctx = self.ctx
        pad = ctx.space("lg")
        h = 2 * pad + ctx.font("caption").get_linesize() + ctx.space("sm")
        rows = self._term_rows(width)
        if not rows:
            return h + 3 * ctx.font("body").get_linesize()
        h += sum(self._row_height(r, width) for r in rows)
        summary = self._wrap("body_strong", self._summary(), width)
        return h + ctx.space("sm") + len(summary) * ctx.font("body_strong").get_linesize()

    def _members_height(self, width: int) -> int:
        ctx = self.ctx
        pad = ctx.space("lg")
        h = 2 * pad + ctx.font("caption").get_linesize() + ctx.space("sm")
        h += ctx.font("h1").get_linesize() + 2 * ctx.font("small").get_linesize()
        if self.play.phase == Phase.RATIFICATION and self.play.side == UNION:
            mh = max(self.support.preferred_height(width), self.expect.preferred_height(width))
            h += 2 * (mh + ctx.space("lg"))
            h += len(self._wrap("small", MEMBERS_NOTE, width)) * ctx.font("small").get_linesize()
        return h

    def expected_yes(self) -> float | None:
        """The members' yes share the scenario's vote formula gives today (the vote itself
        adds a little noise)."""
        play = self.play  # (None for the studio: see GamePlay.members_yes)
        return play.members_yes() if play.phase == Phase.RATIFICATION else None

    def heading(self) -> tuple[str, str, str]:
        """(title, subtitle, colour) for the current state of the deal."""
        play = self.play
        vote = last_vote(play)
        if play.is_over:
            text = OUTCOME_TEXT.get(play.outcome, "The dispute is over")
            colour = "gold" if play.outcome == Outcome.DEAL_RATIFIED else "warning"
            end = play.end_week
            sub = f"Ended in week {end} ({week_date(play.spec, end)})"
            if vote is not None and vote[1]:
                sub += f" · members voted {vote[0]:.0%} yes"
            return text, sub, colour
        if play.phase == Phase.RATIFICATION:
            week = play.ratify_week
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
        y = area.y - (self.page_scroll.scroll if self.page_scroll is not None else 0)
        for line in self._wrap("title", title, area.width):
            surface.blit(ctx.text("title", line, colour), (area.x, y))
            y += ctx.font("title").get_linesize()
        for line in self._wrap("body", sub, area.width):
            surface.blit(ctx.text("body", line, "text_muted"), (area.x, y))
            y += ctx.font("body").get_linesize()
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
        label_w = self._label_w(width)
        for row in self._term_rows(width):
            label, term, was = row
            ly = y
            for line in label:
                surface.blit(ctx.text("label", line, "text_muted"), (x, ly + ctx.px(2)))
                ly += ctx.font("label").get_linesize()
            ty = y if label_w else ly
            for line in term:
                surface.blit(ctx.text("body_strong", line, "text"), (x + label_w, ty))
                ty += ctx.font("body_strong").get_linesize()
            for line in was:
                surface.blit(ctx.text("small", line, "text_faint"), (x + label_w, ty))
                ty += ctx.font("small").get_linesize()
            y += self._row_height(row, width)
        y += ctx.space("sm")
        for line in self._wrap("body_strong", self._summary(), width):
            surface.blit(ctx.text("body_strong", line, f"{play.side_key}_text"), (x, y))
            y += ctx.font("body_strong").get_linesize()

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
        elif play.phase == Phase.RATIFICATION:
            big, colour = "?", "text_faint"
            caption = f"the members vote soon ({need:.0%} needed); how they lean is theirs to know"
        else:
            big, colour, caption = "—", "text_faint", "no ratification vote was held"
        img = ctx.text("h1", big, colour)
        surface.blit(img, (x, self.vote_y))
        cy = self.vote_y + img.get_height()
        for line in self._wrap("small", caption, width)[:2]:
            surface.blit(ctx.text("small", line, "text_muted"), (x, cy))
            cy += ctx.font("small").get_linesize()
        if self.support.visible:
            note = MEMBERS_NOTE
            ny = self.expect.rect.bottom + ctx.space("lg")
            for line in wrap_text(ctx.font("small"), note, width):
                surface.blit(ctx.text("small", line, "text_faint"), (x, ny))
                ny += ctx.font("small").get_linesize()
