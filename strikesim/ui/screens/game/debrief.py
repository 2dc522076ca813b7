"""Debrief: how good the deal was, how it was reached, and why things went as they did.

Left, the utility plane: every possible contract, the Pareto frontier, the Nash and
Kalai–Smorodinsky points for the disagreement point at the end of the game (what each side
would have had with no deal, given the costs it bore: :func:`strikesim.analysis.
end_disagreement_point`, docs/model.md §7), both sides' offer traces and the deal. Middle,
the score against the player's scenario objectives — each objective's value, target and
floor, credit, weight and points, then the result as contract value less the dispute's
cost, in utility and money — and each of the player's offers classified (DANS move kinds).
Right, what drove each variable over the whole run.
In a hot seat the debrief is read from one side at a time; a button turns it to the other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame

from strikesim.analysis import (
    MOVE_DESCRIPTIONS,
    bargaining_picture,
    classify_offer_trace,
    frontier_distance,
)
from strikesim.analysis.goals import objective_detail, result_text
from strikesim.analysis.objectives import score
from strikesim.engine import EventKind, Move
from strikesim.narrate import possessive
from strikesim.play.debrief_text import driver_block, history_text, load_history
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.screens.game.deal import deal_levels
from strikesim.ui.scroll import PageScroll
from strikesim.ui.transitions import Push, Replace, Reset, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.text_block import TextBlock
from strikesim.ui.widgets.utility_plot import PlaneMarker, Trace, UtilityPlot

CLOUD_POINTS = 2500
STACK_BELOW = 1000
"""Design pixels of width below which the debrief stacks its columns and scrolls."""
MIN_BELOW_SCORE = 150
"""Design pixels the moves (and history) need under the score in the column layout; with
less the debrief stacks and scrolls instead."""


class DebriefScreen(GameScreen):
    help_topic = "debrief"
    title = "Debrief"

    def static_key(self) -> tuple[object, ...] | None:
        return ()

    def __init__(self, ctx: UIContext, play: GamePlay, projection: object | None = None) -> None:
        super().__init__(ctx, play)
        self.head_y = self.sub_room = 0
        self.page_scroll = PageScroll(self._relayout)
        spec = play.spec
        picture = bargaining_picture(spec, play.end_disagreement_point())
        space, frontier, nash, ks = picture.space, picture.frontier, picture.nash, picture.ks
        d = (float(picture.d[0]), float(picture.d[1]))
        rng = np.random.default_rng(0)
        pick = rng.choice(space.size, size=min(CLOUD_POINTS, space.size), replace=False)
        cloud = [(float(u[0]), float(u[1])) for u in space.utility[pick]]
        traces = []
        for side in (0, 1):
            pts = [
                play.utilities(offer) for _w, who, offer in play.session.offer_trace if who == side
            ]
            if pts:
                traces.append(Trace(pts, f"{play.name(side)} offers", ("union", "studio")[side]))
        self.deal = deal_levels(play)
        # the deal comes first so its label gets the first choice of place
        self.deal_u = play.utilities(self.deal) if self.deal is not None else None
        markers = []
        if self.deal_u is not None:
            markers.append(PlaneMarker(self.deal_u, "Your deal", "gold", "star"))
        if nash is not None:
            markers.append(PlaneMarker(nash.utility, "Nash", "text", "diamond"))
        if ks is not None:
            markers.append(PlaneMarker(ks.utility, "KS", "text_muted", "diamond"))
        old = play.utilities(tuple(spec.old_contract))
        markers.append(PlaneMarker(old, "Old contract", "negative", "circle"))
        markers.append(PlaneMarker(d, "Walk-away", "text_faint", "circle"))
        self.distance = (
            float(frontier_distance(frontier, np.asarray(self.deal_u)))
            if self.deal_u is not None
            else None
        )
        self.plot = UtilityPlot(
            ctx, cloud=cloud, frontier=[(float(a), float(b)) for a, b in frontier.utility],
            traces=traces, markers=markers,
            x_label=f"{play.name(0)} utility", y_label=f"{play.name(1)} utility",
        )  # fmt: skip
        self.results = play.objectives()
        self.score = score(self.results)
        self.parts = play.result_parts()
        self.moves = TextBlock(ctx, self._moves_text(), role="small", colour="text")
        self.drivers = TextBlock(ctx, self._drivers_text(), role="small", colour="text")
        from strikesim.catalogue import scenario_folder

        history = load_history(scenario_folder(spec))
        self.history_title = str(history.get("title", "What happened")) if history else ""
        self.history = TextBlock(
            ctx, history_text(spec, history, self.deal) if history else "", role="small"
        )
        self.history.visible = history is not None
        self.done = Button(
            ctx,
            "Back to the title screen",
            self.finish,
            variant="primary",
            hotkey=ctx.keymap.label("game", "continue"),
        )
        self.turn = Button(ctx, f"{possessive(play.name(play.other))} debrief", self.show_other)
        self.turn.visible = play.hot_seat
        self.export = Button(ctx, "Export run", self.export_run)
        self.set_widgets(
            [self.plot, self.history, self.moves, self.drivers, self.export, self.turn, self.done]
        )
        self.focus.focus(self.done)

    def _relayout(self) -> None:
        self.layout()
        self.dirty = True

    def update(self, dt_ms: float) -> Transition | None:
        super().update(dt_ms)
        if self.play.guided:
            from strikesim.ui.screens.guide import GuideScreen, debrief_steps

            self.play.guided = False
            self.ensure_layout()
            return Push(GuideScreen(self.ctx, debrief_steps(self)))
        return None

    def show_other(self) -> Transition:
        """Hot seat: the same debrief read from the other side."""
        self.play.switch_to(self.play.other)
        return Replace(DebriefScreen(self.ctx, self.play))

    def export_run(self) -> Transition:
        """Write this game's run record for the teacher: into the class folder when one is
        set, else the data folder's ``runs``; a dialog says where (or why not)."""
        from strikesim.classroom.runs import export_run
        from strikesim.records import RecordError
        from strikesim.ui.screens.dialog import message
        from strikesim.ui.screens.handoff import data_dir

        folder = self.ctx.settings.class_folder
        target = Path(folder) if folder else data_dir() / "runs"
        try:
            path = export_run(self.play.session, target, self.play.slot)
        except (RecordError, OSError) as exc:
            return Push(message(self.ctx, "The run could not be exported", str(exc)))
        return Push(
            message(
                self.ctx,
                "Run exported",
                f"This game's record, {path.name}, is in the folder {path.parent}. The class "
                "report reads it (Classroom on the title screen, or 'strikesim report').",
            )
        )

    def finish(self) -> Transition:
        from strikesim.ui.screens.campaign_flow import after_stage
        from strikesim.ui.screens.title import TitleScreen

        # a campaign stage goes on to the campaign's progress screen
        return after_stage(self.ctx, self.play) or Reset(TitleScreen(self.ctx))

    def on_action(self, action: str) -> Transition | None:
        return self.finish() if action == "continue" else None

    def _moves_text(self) -> str:
        """Each of the player's offers with its move kind (against the side's previous
        offer, the opening offer for the first), then the other side's kinds counted."""
        play = self.play
        trace = play.session.offer_trace
        kinds = classify_offer_trace(play.spec, trace)
        lines = []
        counts: dict[str, int] = {}
        for (week, who, offer), kind in zip(trace, kinds, strict=True):
            if who == play.side:
                u = play.utilities(offer)
                lines.append(
                    f"Week {week}: {kind.label} — {MOVE_DESCRIPTIONS[kind]} "
                    f"(you {u[play.side]:.2f}, them {u[play.other]:.2f})"
                )
            else:
                counts[kind.label] = counts.get(kind.label, 0) + 1
        if not lines:
            lines.append("You made no offers of your own.")
        for report in play.session.reports:
            if report.decisions[play.side].move == Move.ACCEPT:
                text = f"Week {report.week}: you accepted the {play.name(play.other)} package"
                lines.append(text + self._vote_after(report.week) + ".")
        if counts:
            n = sum(counts.values())
            ordered = sorted(counts.items(), key=lambda t: -t[1])
            summary = ", ".join(f"{k} ×{c}" for k, c in ordered)
            lines += ["", f"{play.name(play.other)} made {n} offers: {summary}."]
        return "\n".join(lines)

    def _vote_after(self, week: int) -> str:
        """How the members' vote that followed an acceptance in ``week`` went ('' if none)."""
        for report in self.play.session.reports:
            if report.week <= week:
                continue
            for h in report.happenings:
                if h.kind == EventKind.RATIFICATION_VOTE:
                    verdict = "ratified it" if h.ref == 1 else "voted it down"
                    return f"; members {verdict} ({h.value:.0%} yes, week {h.week})"
        return ""

    def _drivers_text(self) -> str:
        play = self.play
        blocks = []
        for var in play.visible_variables:
            if var.owner not in (
                play.side_key,
                "public",
                "industry",
            ):
                continue
            r = play.run_drivers(var.id)
            if abs(r.end - r.start) < 1e-9 and not r.pushes:
                continue
            blocks.append(driver_block(r))
        return "\n\n".join(blocks) or "Nothing moved."

    def _stack(self, area: pygame.Rect, bh: int) -> None:
        """A narrow window: plot, score, history, moves and causes one under another,
        each as tall as its text, the page scrolling under the pinned buttons."""
        ctx = self.ctx
        page = self.page_scroll
        assert page is not None
        top = area.y + bh + ctx.space("md")
        page.viewport = pygame.Rect(0, top, ctx.size[0], ctx.size[1] - top)
        y = top - page.scroll
        self.head_y = y
        self.sub_room = area.width
        y += ctx.font("h2").get_linesize() + len(self._sub_lines(area.width)) * (
            ctx.font("small").get_linesize()
        )
        y += ctx.space("lg")
        side = min(area.width, ctx.px(460))
        self.plot.rect = pygame.Rect(area.x, y, side, side - ctx.px(14))
        y = self.plot.rect.bottom + ctx.space("xl")
        self.mid = pygame.Rect(area.x, y, area.width, 0)
        score_h = self.score_height()
        self.score_rect = pygame.Rect(area.x, y, area.width, score_h)
        y = self.score_rect.bottom
        cap = ctx.font("caption").get_linesize() + ctx.space("sm")
        self.right_col = pygame.Rect(area.x, y, area.width, 0)
        for block in (self.history, self.moves, self.drivers):
            if not block.visible:
                continue
            y += cap
            h = block.measure(area.width - ctx.px(10)) + ctx.px(4)
            block.rect = pygame.Rect(area.x, y, area.width, h)
            y += h + ctx.space("lg")
        page.end = y + page.scroll

    def _sub_lines(self, width: int) -> list[str]:
        return wrap_text(self.ctx.font("small"), self.subtitle(), width)

    def subtitle(self) -> str:
        play = self.play
        if self.deal_u is None:
            return "No deal was reached; the old contract stays in force."
        dist = (
            "on the Pareto frontier"
            if self.distance == 0
            else f"{self.distance:.3f} from the Pareto frontier"
        )
        u, s = self.deal_u
        return f"Your deal: {play.name(0)} {u:.2f}, {play.name(1)} {s:.2f} · {dist}"

    def score_lines(self) -> list[tuple[str, str, str]]:
        """The score's breakdown as (mark, text, colour) lines wrapped to the score column
        (never cut): per objective its label, then its value, target and floor, credit,
        weight and points; last the result as contract value less the dispute's cost."""
        ctx, play = self.ctx, self.play
        width = max(1, self.mid.width - ctx.px(18)) if hasattr(self, "mid") else 10**6
        font = ctx.font("small")
        out: list[tuple[str, str, str]] = []
        for res in self.results:
            mark = "✓" if res.met else "~" if res.credit > 0 else "✗"
            for k, line in enumerate(wrap_text(font, res.label, width, "objective")):
                out.append((mark if k == 0 else "", line, "text"))
            detail = objective_detail(play.spec, play.side, res, self.results)
            out += [("", line, "text_faint") for line in wrap_text(font, detail, width)]
        out += [
            ("", line, "text_muted") for line in wrap_text(font, result_text(self.parts), width)
        ]
        return out

    def score_height(self) -> int:
        ctx = self.ctx
        lines = len(self.score_lines())
        return (
            ctx.font("h1").get_linesize()
            + lines * ctx.font("small").get_linesize()
            + ctx.space("xl")
        )

    def layout(self) -> None:
        ctx = self.ctx
        area = self.content_rect()
        self.area = area
        self.head_y = area.y
        self.sub_room = 0
        head = ctx.font("h2").get_linesize() + ctx.font("small").get_linesize() + ctx.space("lg")
        body = pygame.Rect(area.x, area.y + head, area.width, area.height - head)
        bh = self.done.preferred_height()
        bw = self.done.preferred_width() + ctx.px(20)
        self.done.rect = pygame.Rect(area.right - bw, area.y, bw, bh)
        tw = self.turn.preferred_width() if self.turn.visible else 0
        self.turn.rect = pygame.Rect(self.done.rect.x - ctx.space("md") - tw, area.y, tw, bh)
        left = self.turn.rect.x if self.turn.visible else self.done.rect.x
        ew = self.export.preferred_width()
        self.export.rect = pygame.Rect(left - ctx.space("md") - ew, area.y, ew, bh)
        page = self.page_scroll
        assert page is not None
        page.pinned = [self.done, self.turn, self.export]
        if area.width < ctx.px(STACK_BELOW):
            self._stack(area, bh)
            return
        page.end = 0
        # the plot keeps a square plane plus its axis gutters (56 left, 56 below)
        plane = min(body.height - ctx.px(56), round(body.width * 0.4) - ctx.px(70))
        side = plane + ctx.px(70)
        self.plot.rect = pygame.Rect(body.x, body.y, side, plane + ctx.px(56))
        gap = ctx.space("xl")
        rest = body.width - side - 2 * gap
        col = rest // 2
        self.mid = pygame.Rect(self.plot.rect.right + gap, body.y, col, body.height)
        self.right_col = pygame.Rect(self.mid.right + gap, body.y, rest - col, body.height)
        score_h = self.score_height()
        if self.mid.height - score_h < ctx.px(MIN_BELOW_SCORE):
            self._stack(area, bh)  # the score leaves the moves too little room: scroll
            return
        self.score_rect = pygame.Rect(self.mid.x, self.mid.y, self.mid.width, score_h)
        cap = ctx.font("caption").get_linesize() + ctx.space("sm")
        below = pygame.Rect(
            self.mid.x,
            self.score_rect.bottom + cap,
            self.mid.width,
            self.mid.bottom - self.score_rect.bottom - cap,
        )
        if self.history.visible:
            half = (below.height - cap) // 2
            self.history.rect = pygame.Rect(below.x, below.y, below.width, half)
            below = pygame.Rect(
                below.x, below.y + half + cap, below.width, below.height - half - cap
            )
        self.moves.rect = below
        self.drivers.rect = pygame.Rect(
            self.right_col.x,
            self.right_col.y + cap,
            self.right_col.width,
            self.right_col.height - cap,
        )

    def draw_body(self, surface: pygame.Surface) -> None:
        ctx, play = self.ctx, self.play
        a = self.area
        heading = f"Debrief — {play.name(play.side)}" if play.hot_seat else "Debrief"
        surface.blit(ctx.text("h2", heading, "text"), (a.x, self.head_y))
        y = self.head_y + ctx.font("h2").get_linesize()
        if self.sub_room:
            for line in self._sub_lines(self.sub_room):
                surface.blit(ctx.text("small", line, "text_muted"), (a.x, y))
                y += ctx.font("small").get_linesize()
        else:
            buttons = min(self.export.rect.x, self.turn.rect.x, self.done.rect.x)
            room = buttons - a.x - ctx.space("lg")
            sub = ellipsize(ctx.font("small"), self.subtitle(), room)
            surface.blit(ctx.text("small", sub, "text_muted"), (a.x, y))
        r = self.score_rect
        y = r.y
        score = "—" if self.score != self.score else f"{self.score:.0f}"
        big = ctx.text("h1", f"Score {score} / 100", "gold")
        surface.blit(big, (r.x, y))
        y += ctx.font("h1").get_linesize()
        sl = ctx.font("small").get_linesize()
        marks = {"✓": "positive", "✗": "negative", "~": "warning"}
        for mark, line, colour in self.score_lines():
            if mark:
                surface.blit(ctx.text("small", mark, marks[mark]), (r.x, y))
            surface.blit(ctx.text("small", line, colour), (r.x + ctx.px(18), y))
            y += sl
        if self.history.visible:
            surface.blit(
                ctx.text("caption", self.history_title.upper(), "gold"),
                (
                    self.history.rect.x,
                    self.history.rect.y - ctx.font("caption").get_linesize() - ctx.space("xs"),
                ),
            )
        surface.blit(
            ctx.text("caption", "YOUR MOVES", "gold"),
            (
                self.moves.rect.x,
                self.moves.rect.y - ctx.font("caption").get_linesize() - ctx.space("xs"),
            ),
        )
        surface.blit(
            ctx.text("caption", "WHAT DROVE EACH VARIABLE", "gold"),
            (
                self.drivers.rect.x,
                self.drivers.rect.y - ctx.font("caption").get_linesize() - ctx.space("xs"),
            ),
        )
