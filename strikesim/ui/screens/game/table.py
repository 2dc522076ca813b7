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

from strikesim.analysis.goals import money
from strikesim.engine import Move, Phase
from strikesim.engine.spec import GameSpec
from strikesim.play.forecast import forecast_text
from strikesim.play.seat import GamePlay
from strikesim.records import Seat
from strikesim.ui.context import UIContext
from strikesim.ui.draw import blit_aligned, ellipsize, panel, wrap_text
from strikesim.ui.motion import Tween
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.screens.game.hud import hud_height
from strikesim.ui.screens.game.issue_controls import IssueControl, make_control, sync_controls
from strikesim.ui.screens.game.preview import OfferPreview
from strikesim.ui.screens.game.preview_view import draw_preview
from strikesim.ui.screens.game.table_layout import layout_table, legal_label
from strikesim.ui.screens.game.table_moves import (
    accept_question,
    hold_until_change,
    other_week_text,
    runway_text,
    walk_out_question,
    wants_question,
)
from strikesim.ui.scroll import ScrollView
from strikesim.ui.transitions import Push, Replace, Transition
from strikesim.ui.widgets.base import Widget
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.meter import Meter
from strikesim.ui.widgets.text_block import TextBlock


def goals_line(play: GamePlay, key: str) -> str:
    """Where the player stands on their objectives this week, in one line: the score if
    the other side's offer or the draft were settled now, and the dispute's cost so far."""
    theirs = play.other_offer()
    draft = play.standing(play.draft)
    parts = []
    if theirs is not None:
        parts.append(f"Your score if you accept their offer now: {play.standing(theirs).score:.0f}")
    parts.append(f"{'with' if parts else 'Your score with'} your draft: {draft.score:.0f}")
    cost = draft.parts
    spent = f"{cost.cost:.2f}" if cost.stake <= 0 else money(cost.cost_money)
    hint = f" ({key}: goals)" if key else ""
    return " · ".join(parts) + f" · the dispute has cost you {spent}{hint}"


SHORT_LABELS = {
    Move.OFFER: "Counter",
    Move.ACCEPT: "Accept",
    Move.HOLD: "Hold",
    Move.WALK_OUT: "Walk out",
    "hold_on": "Until news",
}
"""Move labels used when the full ones do not fit the row (large UI scale)."""
HOLD_ON_LABEL = "Hold until news"
MOVES = (
    (Move.OFFER, "counter", "Send counter-offer", "primary"),
    (Move.ACCEPT, "accept", "Accept their offer", "secondary"),
    (Move.HOLD, "hold", "Hold", "secondary"),
    (Move.WALK_OUT, "walk_out", "Walk out", "danger"),
)


class TableScreen(GameScreen):
    help_topic = "table"
    title = "Negotiation table"

    def __init__(
        self,
        ctx: UIContext,
        play: GamePlay,
        preview: OfferPreview | None = None,
        *,
        guide: bool = False,
    ) -> None:
        super().__init__(ctx, play)
        self.guide_due = guide
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
        self.hold_on = Button(
            ctx,
            HOLD_ON_LABEL,
            self.hold_until_change,
            hotkey=key("game", "hold_on"),
            tooltip="Hold week after week until there is news, an offer or a vote",
        )
        for b in [*self.move_buttons.values(), self.hold_on]:
            b.audit_kind = "move"
        self.nav = {
            name: Button(
                ctx,
                name.capitalize(),
                partial(self.open, name),
                variant="ghost",
                hotkey=key("game", name),
            )
            for name in ("goals", "pressure", "news", "dashboard")
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
        self.view = ScrollView([], wheel_step=40)
        self.wide = True
        self.left = self.worth = self.preview_rect = self.last = pygame.Rect(0, 0, 0, 0)
        self.error_y = self.cost_y = 0
        widgets: list[Widget] = [
            *self.controls,
            self.reset_button,
            *self.move_buttons.values(),
            self.hold_on,
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
        return lambda: self.request_move(move)

    def request_move(self, move: Move) -> Transition | None:
        """A move from its button or key: Accept and Walk out ask first (unless the
        player turned the questions off)."""
        if not wants_question(move, self.ctx) or move not in self.play.legal_moves():
            return self.make_move(move)
        ask = accept_question if move == Move.ACCEPT else walk_out_question
        return Push(
            ask(self.ctx, self.play),
            on_result=lambda yes: self.make_move(move) if yes is True else None,
        )

    def hold_until_change(self) -> Transition | None:
        """Hold through quiet weeks, stopping at any news, offer or vote."""
        if not self.hold_on.enabled:
            return None
        weeks, report = hold_until_change(self.play)
        if weeks > 1:
            self.ctx.notices.append(f"Held for {weeks} weeks; something changed.")
        return self._after_move(report is not None)

    def make_move(self, move: Move) -> Transition | None:
        report = self.play.play(move)
        return self._after_move(report is not None)

    def _after_move(self, played: bool) -> Transition | None:
        play = self.play
        self.dirty = True
        if not played:
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
        from strikesim.ui.screens.game.goals import GoalsScreen
        from strikesim.ui.screens.game.news import NewsScreen
        from strikesim.ui.screens.game.pressure import PressureScreen

        factories = {
            "pressure": PressureScreen,
            "news": NewsScreen,
            "dashboard": DashboardScreen,
            "goals": GoalsScreen,
        }
        return Push(
            factories[name](self.ctx, self.play), on_result=lambda _r: self._after_deal(None)
        )

    def on_action(self, action: str) -> Transition | None:
        for move, name, _label, _variant in MOVES:
            if action == name:
                button = self.move_buttons[move]
                self.focus.focus(button) if button.enabled else None
                return self.request_move(move)
        if action == "hold_on":
            return self.hold_until_change()
        if action in self.nav:
            return self.open(action)
        if action == "reset_draft":
            return self._reset()
        if action == "reload_scenario":
            return self.reload()
        return None

    def _contexts(self) -> tuple[str, ...]:
        return (*super()._contexts(), "reload")

    def reload(self) -> Transition | None:
        """The modder's reload key: read the scenario file again, restart at week 0."""
        from strikesim.session import Session
        from strikesim.ui.screens.handoff import enter_game
        from strikesim.ui.screens.reload import reload_transition

        session = self.play.session

        def restart(spec: GameSpec, seats: tuple[Seat, Seat]) -> Transition:
            return enter_game(self.ctx, Session(spec, seats, session.seed))

        return reload_transition(
            self.ctx, session.spec, session.seats, restart, in_campaign=self.play.saver is not None
        )

    # --- state -> widgets -------------------------------------------------------------
    def refresh(self) -> None:
        play = self.play
        legal = set(play.legal_moves())
        for move, button in self.move_buttons.items():
            button.enabled = move in legal
        picked = len(play.pressure)
        self.nav["pressure"].label = f"Pressure ({picked})" if picked else "Pressure"
        self.hold_on.enabled = Move.HOLD in legal and not play.hot_seat
        for c in self.controls:
            c.enabled = Move.OFFER in legal
        sync_controls(self.play, self.controls)
        self._layout_key = None  # the notes under the controls may need other heights
        self._refresh_meters()
        self.explain.set_text(other_week_text(play))
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
        if self.guide_due:
            self.guide_due = False
            if not self.ctx.settings.guide_seen and not self.play.hot_seat:
                return self._guide()
        if self.preview.update(dt_ms):
            self.dirty = True
        if self.week_glow is not None:
            self.week_glow.advance(dt_ms)
            self.dirty = True
            if self.week_glow.done:
                self.week_glow = None
        return None

    def _guide(self) -> Transition:
        from strikesim.ui.screens.guide import GuideScreen, table_steps
        from strikesim.ui.transitions import ChangeSettings

        self.ensure_layout()

        def finished(result: object) -> Transition:
            self.play.guided = result == "done"
            return ChangeSettings(self.ctx.settings.with_changes(guide_seen=True))

        return Push(GuideScreen(self.ctx, table_steps(self)), on_result=finished)

    # --- layout -----------------------------------------------------------------------
    def layout(self) -> None:
        layout_table(self)

    def shifted(self, rect: pygame.Rect) -> pygame.Rect:
        """``rect`` as drawn: moved up by the scroll when the whole page scrolls."""
        return rect if self.wide else rect.move(0, -self.view.scroll)

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
            self.view.scroll,
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
        previous = surface.get_clip()
        if not self.wide:
            surface.set_clip(self.view.viewport.clip(previous))
        self.section(surface, self.shifted(self.left), legal_label(self), "gold")
        self._draw_worth(surface)
        draw_preview(
            surface, ctx, self.shifted(self.preview_rect), play, self.preview, self.section
        )
        self.section(
            surface,
            self.shifted(self.last),
            f"{play.name(play.other)} · last move",
            f"{play.other_key}_text",
        )
        surface.set_clip(previous)
        if self.view.has_more_below() or self.view.scroll > 0:
            hint = (
                "More below · scroll or Tab" if self.view.has_more_below() else "Scroll up for more"
            )
            img = ctx.text("caption", hint.upper(), "text")
            pill = img.get_rect().inflate(ctx.space("md"), ctx.space("xs"))
            pill.bottomright = (self.view.viewport.right - pad, self.view.viewport.bottom)
            panel(surface, pill, ctx.colour("surface_pressed"), ctx.colour("border_strong"), 4)
            blit_aligned(surface, img, pill)
        font = ctx.font("small")
        message, colour = "", "gold"
        if play.last_error:
            message, colour = play.last_error, "negative"
        elif play.pressure:
            names = [
                play.spec.actions[play.spec.action_index[a]].label for a in sorted(play.pressure)
            ]
            message = "This week's pressure: " + ", ".join(names)
        if message:
            msg = ellipsize(font, message, self.left.width - 2 * pad)
            surface.blit(ctx.text("small", msg, colour), (self.left.x + pad, self.error_y))

    def worth_lines(self, width: int) -> list[tuple[str, str]]:
        """Cost, the members' forecast for the packages, the money runway: wrapped."""
        play = self.play
        parts = [f"Costs the studios ${play.cost(play.draft):,.0f}M a year"]
        theirs = play.other_offer()
        if theirs is not None:
            parts.append(f"their offer gives you {play.own_utility(theirs):.2f}")
        out: list[tuple[str, str]] = [(" · ".join(parts), "text_muted")]
        out.append((goals_line(play, self.ctx.keymap.label("game", "goals")), "text"))
        forecast = forecast_text(play, theirs, "their offer")
        if forecast:
            out.append((forecast, "text_muted"))
        warning = runway_text(play)
        if warning is not None:
            out.append(warning)
        font = self.ctx.font("small")
        return [(line, colour) for text, colour in out for line in wrap_text(font, text, width)]

    def _draw_worth(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        worth = self.shifted(self.worth)
        self.section(surface, worth, "What your draft is worth")
        pad = ctx.space("lg")
        y = self.cost_y + worth.y - self.worth.y
        for line, colour in self.worth_lines(self.worth.width - 2 * pad):
            surface.blit(ctx.text("small", line, colour), (worth.x + pad, y))
            y += ctx.font("small").get_linesize()
