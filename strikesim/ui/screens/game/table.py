"""The negotiation table: the hub of a game.

Left: one control per contract issue (a slider for ranges, an option picker for options)
holding the player's draft, with the other side's standing offer marked on the control and
written beside it; below, the week's moves (counter-offer, accept, hold, walk out). Right:
what the draft is worth (own utility, the other side's estimated utility, its yearly cost to
the studio), the preview of the other side's answer and of the next eight weeks, and the
other side's explanation of its last move. Pressure, news and dashboard open from the bar.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from strikesim.engine import Move, Phase
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize
from strikesim.ui.motion import Tween
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.screens.game.hud import hud_height
from strikesim.ui.screens.game.issue_controls import (
    IssueControl,
    draw_their_offer,
    make_control,
    sync_controls,
)
from strikesim.ui.screens.game.play import GamePlay
from strikesim.ui.screens.game.preview import OfferPreview
from strikesim.ui.screens.game.preview_view import draw_preview
from strikesim.ui.transitions import Push, Replace, Transition
from strikesim.ui.widgets.base import Widget
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.meter import Meter
from strikesim.ui.widgets.text_block import TextBlock

SHORT_LABELS = {
    Move.OFFER: "Counter",
    Move.ACCEPT: "Accept",
    Move.HOLD: "Hold",
    Move.WALK_OUT: "Walk out",
}
"""Move labels used when the full ones do not fit the row (large UI scale)."""
MOVES = (
    (Move.OFFER, "counter", "Send counter-offer", "primary"),
    (Move.ACCEPT, "accept", "Accept their offer", "secondary"),
    (Move.HOLD, "hold", "Hold", "secondary"),
    (Move.WALK_OUT, "walk_out", "Walk out", "danger"),
)


class TableScreen(GameScreen):
    title = "Negotiation table"

    def __init__(self, ctx: UIContext, play: GamePlay, preview: OfferPreview | None = None) -> None:
        super().__init__(ctx, play)
        self.preview = preview or OfferPreview(play)
        self.controls: list[IssueControl] = [
            make_control(ctx, issue, play.draft[j], play.side_key, partial(self._changed, j))
            for j, issue in enumerate(play.spec.issues)
        ]
        key = ctx.keymap.label
        self.move_buttons: dict[Move, Button] = {
            move: Button(ctx, label, self._mover(move), variant=variant, hotkey=key("game", action))
            for move, action, label, variant in MOVES
        }
        for b in self.move_buttons.values():
            b.audit_kind = "move"
        self.nav = {
            name: Button(
                ctx,
                name.capitalize(),
                partial(self.open, name),
                variant="ghost",
                hotkey=key("game", name),
            )
            for name in ("pressure", "news", "dashboard")
        }
        self.reset_button = Button(
            ctx,
            "Reset draft",
            self._reset,
            hotkey=key("game", "reset_draft"),
            variant="ghost",
            role="label",
        )
        other = play.other_key
        self.meter_own = Meter(
            ctx, "Your draft, for you", 0.0, colour=play.side_key, fmt=lambda v: f"{v:.2f}"
        )
        self.meter_other = Meter(
            ctx,
            f"For {play.name(play.other)} (estimated)",
            0.0,
            colour=other,
            fmt=lambda v: f"{v:.2f}",
        )
        self.explain = TextBlock(ctx, "", role="small", colour="text")
        self.week_glow: Tween | None = None
        widgets: list[Widget] = [
            *self.controls,
            self.reset_button,
            *self.move_buttons.values(),
            *self.nav.values(),
            self.meter_own,
            self.meter_other,
            self.explain,
        ]
        self.set_widgets(widgets, focus_first=True)
        self.refresh()
        self.preview.request(immediate=True)

    # --- controls ---------------------------------------------------------------------
    def _changed(self, issue: int, level: int) -> None:
        self.play.set_level(issue, level)
        self.preview.request()
        self._refresh_meters()

    # --- actions ----------------------------------------------------------------------
    def _mover(self, move: Move) -> Callable[[], Transition | None]:
        return lambda: self.make_move(move)

    def make_move(self, move: Move) -> Transition | None:
        play = self.play
        report = play.play(move)
        self.dirty = True
        if report is None:
            return self._handover()
        if play.save_error:
            self.ctx.notices.append(play.save_error)
        if self.ctx.motion_ms("week") > 0:
            self.week_glow = Tween(self.ctx.motion_ms("week"))
        self.refresh()
        self.preview.request(immediate=False)
        if play.is_over or play.phase == Phase.RATIFICATION:
            from strikesim.ui.screens.game.deal import DealScreen

            return Push(DealScreen(self.ctx, play), on_result=self._after_deal)
        return self._handover()

    def _handover(self) -> Transition | None:
        """Hot seat: pass the controls when the other person is to decide."""
        if self.play.handover_to is None:
            return None
        from strikesim.ui.screens.game.handover import HandoverScreen

        return Replace(HandoverScreen(self.ctx, self.play, self.play.handover_to))

    def _after_deal(self, result: object) -> Transition | None:
        self.refresh()
        self.preview.request(immediate=True)
        return self._handover()

    def _reset(self) -> Transition | None:
        self.play.reset_draft()
        self.refresh()
        self.preview.request()
        return None

    def open(self, name: str) -> Transition | None:
        from strikesim.ui.screens.game.dashboard import DashboardScreen
        from strikesim.ui.screens.game.news import NewsScreen
        from strikesim.ui.screens.game.pressure import PressureScreen

        factories = {"pressure": PressureScreen, "news": NewsScreen, "dashboard": DashboardScreen}
        return Push(
            factories[name](self.ctx, self.play), on_result=lambda _r: self._after_deal(None)
        )

    def on_action(self, action: str) -> Transition | None:
        for move, name, _label, _variant in MOVES:
            if action == name:
                button = self.move_buttons[move]
                self.focus.focus(button) if button.enabled else None
                return self.make_move(move)
        if action in self.nav:
            return self.open(action)
        if action == "reset_draft":
            return self._reset()
        return None

    # --- state -> widgets -------------------------------------------------------------
    def refresh(self) -> None:
        play = self.play
        legal = set(play.legal_moves())
        for move, button in self.move_buttons.items():
            button.enabled = move in legal
        picked = len(play.pressure)
        self.nav["pressure"].label = f"Pressure ({picked})" if picked else "Pressure"
        for c in self.controls:
            c.enabled = Move.OFFER in legal
        sync_controls(self.play, self.controls)
        self._refresh_meters()
        lines = [play.last_move_text()]
        if play.last_explanation():
            lines.append(f"“{play.last_explanation()}”")
        if play.session.reports:
            news = [
                h.headline
                for h in play.session.reports[-1].happenings
                if h.kind.name == "SCENARIO_EVENT"
            ]
            if news:
                lines.append("In the news: " + "; ".join(news[:2]) + ".")
        self.explain.set_text("\n".join(lines))
        self.dirty = True

    def _refresh_meters(self) -> None:
        play = self.play
        self.meter_own.value = play.own_utility(play.draft)
        est = play.estimated_other_utility(play.draft)
        self.meter_other.value = est if est is not None else float("nan")
        self.meter_other.fmt = (
            (lambda v: f"{v:.2f}") if est is not None else (lambda v: "no offers yet")
        )
        seen = len({offer for _w, who, offer in play.session.offer_trace if who == play.other})
        seen = max(seen, 1 if play.other_offer() is not None else 0)
        self.meter_other.label = (
            f"For {play.name(play.other)} (estimated from {seen} offer{'s' if seen != 1 else ''})"
        )
        self.dirty = True

    def update(self, dt_ms: float) -> Transition | None:
        super().update(dt_ms)
        if self.preview.update(dt_ms):
            self.dirty = True
        if self.week_glow is not None:
            self.week_glow.advance(dt_ms)
            self.dirty = True
            if self.week_glow.done:
                self.week_glow = None
        return None

    # --- layout -----------------------------------------------------------------------
    def layout(self) -> None:
        ctx = self.ctx
        w = ctx.size[0]
        pad = ctx.space("lg")
        # navigation buttons live in the top bar, right-aligned
        bar_h = hud_height(ctx)
        x = w - ctx.space("xl")
        bh = min(bar_h - 2 * ctx.space("sm"), self.move_buttons[Move.HOLD].preferred_height())
        for b in reversed(list(self.nav.values())):
            bw = b.preferred_width()
            x -= bw
            b.rect = pygame.Rect(x, (bar_h - bh) // 2, bw, bh)
            x -= ctx.space("xs")
        self.hud_reserved = w - x
        area = self.content_rect()
        left_w = round(area.width * 0.6)
        self.left = pygame.Rect(area.x, area.y, left_w, area.height)
        self.right = pygame.Rect(
            self.left.right + ctx.space("lg"),
            area.y,
            area.right - self.left.right - ctx.space("lg"),
            area.height,
        )
        # moves along the bottom of the left panel
        bh = self.move_buttons[Move.HOLD].preferred_height()
        by = self.left.bottom - pad - bh
        room = self.left.width - 2 * pad - ctx.space("sm") * 3
        for move, _action, label, _variant in MOVES:
            self.move_buttons[move].label = label
        # full labels unless squeezing them would eat into the text (not just the padding)
        if sum(b.preferred_width() for b in self.move_buttons.values()) > room * 1.08:
            for move, button in self.move_buttons.items():
                button.label = SHORT_LABELS[move]
        widths = [max(b.preferred_width(), ctx.px(96)) for b in self.move_buttons.values()]
        scale = room / sum(widths)  # shrink to fit, or share out the spare width
        bx = self.left.x + pad
        for b, bw in zip(self.move_buttons.values(), widths, strict=True):
            b.rect = pygame.Rect(bx, by, int(bw * scale), bh)
            bx += b.rect.width + ctx.space("sm")
        self.error_y = by - ctx.font("small").get_linesize() - ctx.space("sm")
        # issue rows
        head = ctx.font("caption").get_linesize() + ctx.space("sm") + pad
        self.rows_top = self.left.y + head
        rows_bottom = self.error_y - ctx.space("sm")
        n = max(1, len(self.controls))
        room_h = rows_bottom - self.rows_top
        # a slider's value labels sit below its preferred height: leave them room
        needed = max((c.preferred_height() for c in self.controls), default=0) + ctx.px(14)
        self.two_columns = n > 1 and room_h // n < needed
        inner_w = self.left.width - 2 * pad
        if self.two_columns:
            # too little height for one issue per row: two columns, the other side's
            # offer stays visible as the markers on each control
            per_col = (n + 1) // 2
            row_h = room_h // per_col
            self.their_w = 0
            cw = (inner_w - ctx.space("xl")) // 2
            for k, c in enumerate(self.controls):
                col, row = divmod(k, per_col)
                ch = min(row_h - ctx.space("sm"), c.preferred_height())
                x = self.left.x + pad + col * (cw + ctx.space("xl"))
                c.rect = pygame.Rect(x, self.rows_top + row * row_h, cw, ch)
        else:
            row_h = room_h // n
            self.their_w = min(ctx.px(230), round(inner_w * 0.32))
            cw = inner_w - self.their_w - ctx.space("lg")
            for k, c in enumerate(self.controls):
                ch = min(row_h - ctx.space("sm"), c.preferred_height())
                c.rect = pygame.Rect(self.left.x + pad, self.rows_top + k * row_h, cw, ch)
        self.row_h = row_h
        rb = self.reset_button
        rw = rb.preferred_width()
        rh = ctx.font("label").get_linesize() + ctx.space("sm")
        # "reset draft" at the right end of the controls, on the heading's line
        right_end = self.left.right - pad if self.two_columns else self.left.x + pad + cw
        rb.rect = pygame.Rect(
            right_end - rw, self.left.y + pad - ctx.space("sm") // 2 - ctx.space("xs"), rw, rh
        )
        # right column: worth, preview, last move
        ry = self.right.y
        worth_h = ctx.px(150)
        self.worth = pygame.Rect(self.right.x, ry, self.right.width, worth_h)
        inner_x = self.worth.x + pad
        inner_w = self.worth.width - 2 * pad
        my = self.worth.y + pad + ctx.font("caption").get_linesize() + ctx.space("sm")
        mh = self.meter_own.preferred_height()
        self.meter_own.rect = pygame.Rect(inner_x, my, inner_w, mh)
        self.meter_other.rect = pygame.Rect(inner_x, my + mh + ctx.space("sm"), inner_w, mh)
        self.cost_y = self.meter_other.rect.bottom + ctx.space("sm")
        explain_h = max(ctx.px(96), round(area.height * 0.22))
        self.last = pygame.Rect(
            self.right.x, self.right.bottom - explain_h, self.right.width, explain_h
        )
        ty = self.last.y + pad + ctx.font("caption").get_linesize() + ctx.space("sm")
        self.explain.rect = pygame.Rect(
            self.last.x + pad, ty, self.last.width - 2 * pad, self.last.bottom - pad - ty
        )
        gap = ctx.space("md")
        self.preview_rect = pygame.Rect(
            self.right.x,
            self.worth.bottom + gap,
            self.right.width,
            self.last.y - gap - self.worth.bottom - gap,
        )

    # --- drawing ----------------------------------------------------------------------
    def static_key(self) -> tuple[object, ...] | None:
        if self.week_glow is not None:
            return None
        p = self.play
        preview = self.preview
        return (
            p.revision,
            p.session.week,
            p.last_error,
            len(p.pressure),
            id(preview.current()),
            preview.error,
        )

    def draw_content(self, surface: pygame.Surface) -> None:
        super().draw_content(surface)
        if self.week_glow is not None:
            from strikesim.ui.draw import with_alpha

            glow = pygame.Surface((self.ctx.px(160), hud_height(self.ctx)), pygame.SRCALPHA)
            glow.fill(
                with_alpha(self.ctx.colour("gold"), round(90 * (1 - self.week_glow.progress)))
            )
            surface.blit(glow, (0, 0))

    def draw_body(self, surface: pygame.Surface) -> None:
        ctx, play = self.ctx, self.play
        pad = ctx.space("lg")
        self.section(
            surface,
            self.left,
            "Your package"
            if Move.OFFER in play.legal_moves()
            else "Your package (no offers this week)",
            "gold",
        )
        font = ctx.font("small")
        if not self.two_columns:
            col_x = self.left.right - pad - self.their_w
            draw_their_offer(surface, ctx, play, col_x, self.rows_top, self.row_h, self.their_w)
        if play.last_error:
            msg = ellipsize(font, play.last_error, self.left.width - 2 * pad)
            surface.blit(ctx.text("small", msg, "negative"), (self.left.x + pad, self.error_y))
        elif play.pressure:
            names = [
                play.spec.actions[play.spec.action_index[a]].label for a in sorted(play.pressure)
            ]
            msg = ellipsize(
                font, "This week's pressure: " + ", ".join(names), self.left.width - 2 * pad
            )
            surface.blit(ctx.text("small", msg, "gold"), (self.left.x + pad, self.error_y))
        self._draw_worth(surface)
        draw_preview(surface, ctx, self.preview_rect, play, self.preview, self.section)
        self.section(
            surface, self.last, f"{play.name(play.other)} · last move", f"{play.other_key}_text"
        )

    def _draw_worth(self, surface: pygame.Surface) -> None:
        ctx, play = self.ctx, self.play
        self.section(surface, self.worth, "What your draft is worth")
        pad = ctx.space("lg")
        x = self.worth.x + pad
        cost = play.cost(play.draft)
        parts = [f"Costs the studios ${cost:,.0f}M a year"]
        theirs = play.other_offer()
        if theirs is not None:
            parts.append(f"their offer gives you {play.own_utility(theirs):.2f}")
        text = ellipsize(ctx.font("small"), " · ".join(parts), self.worth.width - 2 * pad)
        surface.blit(ctx.text("small", text, "text_muted"), (x, self.cost_y))
