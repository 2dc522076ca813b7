"""Classroom (from the title screen): the teacher's guide beside the class's tools.

Left, the guide (``docs/teaching.md``) with a notes-and-answer-key section for every
scenario installed, mods included. Right: pick a scenario to print its pack (printable HTML
pages) or to record a deal reached face to face; the class folder (every finished game's
record is copied there) and this session's group name; and the class report built from the
class folder, written next to the runs as ``class-report.html``.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from strikesim.catalogue import scenario_entries
from strikesim.engine.spec import GameSpec
from strikesim.records import RecordError
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.screens.briefing import column_inside, draw_column, print_folder
from strikesim.ui.screens.dialog import message
from strikesim.ui.screens.fields import Stepper, TextEntryScreen, TextField
from strikesim.ui.screens.footer import page_rows, place_footer
from strikesim.ui.screens.markdown_view import MarkdownView
from strikesim.ui.scroll import PageScroll
from strikesim.ui.settings import MAX_FOLDER
from strikesim.ui.transitions import ChangeSettings, Pop, Push, Transition
from strikesim.ui.widgets.button import Button

REPORT_FILE = "class-report.html"
FIRST_SCENARIO = "classroom-quick"


class ClassroomScreen(TextEntryScreen):
    help_topic = "classroom"
    title = "Classroom"

    def __init__(self, ctx: UIContext) -> None:
        super().__init__(ctx)
        from strikesim.classroom.guide import guide_with_scenarios

        specs = [e.spec for e in scenario_entries() if e.spec is not None]
        # the 45-minute plan's scenario first, as in the first-game guide
        self.specs: list[GameSpec] = sorted(specs, key=lambda s: s.id != FIRST_SCENARIO)
        self.guide = MarkdownView(ctx, guide_with_scenarios(self.specs))
        titles = [s.title for s in self.specs] or ["(no scenario loads)"]
        self.scenario = Stepper(ctx, "Scenario", titles, 0)
        has = bool(self.specs)
        self.print = Button(ctx, "Print pack", self.print_pack, enabled=has)
        self.record = Button(ctx, "Record a deal", self.record_deal, enabled=has)
        self.folder = TextField(
            ctx, "Class folder (receives every finished game)", ctx.settings.class_folder,
            max_length=MAX_FOLDER, placeholder="e.g. /shared/class-3b (empty: none)",
            on_change=self._folder_changed,
        )  # fmt: skip
        self.group = TextField(
            ctx, "Group name (this session)", ctx.group, max_length=40,
            placeholder="asked at the first game when a class folder is set",
            on_change=self._group_changed,
        )  # fmt: skip
        self.report = Button(ctx, "Class report", self.class_report, variant="primary")
        self.back = Button(ctx, "Back", lambda: Pop(None), hotkey="Esc")
        self._pending: str | None = None
        self.page_scroll = PageScroll(self._relayout)
        self.set_widgets(
            [
                self.guide,
                self.scenario,
                self.print,
                self.record,
                self.folder,
                self.group,
                self.back,
                self.report,
            ]
        )
        self.focus.focus(self.scenario)

    # --- fields -----------------------------------------------------------------------------
    def text_fields(self) -> list[TextField]:
        return [self.folder, self.group]

    def _folder_changed(self, text: str) -> None:
        self._pending = text.strip()

    def _group_changed(self, text: str) -> None:
        from strikesim.classroom.runs import clean_group

        self.ctx.group = clean_group(text)

    def update(self, dt_ms: float) -> Transition | None:
        super().update(dt_ms)
        if self._pending is not None:
            folder, self._pending = self._pending, None
            if folder != self.ctx.settings.class_folder:
                self.dirty = True
                return ChangeSettings(self.ctx.settings.with_changes(class_folder=folder))
        return None

    @property
    def spec(self) -> GameSpec:
        return self.specs[self.scenario.index]

    def class_folder(self) -> Path | None:
        text = self.ctx.settings.class_folder
        return Path(text).expanduser() if text else None

    # --- actions ----------------------------------------------------------------------------
    def print_pack(self) -> Transition:
        from strikesim.classroom.printing import write_pack

        folder = print_folder(self.ctx, self.spec)
        try:
            write_pack(self.spec, folder)
        except RecordError as exc:
            return Push(message(self.ctx, "The pack could not be written", str(exc)))
        return Push(
            message(
                self.ctx,
                "Pack ready to print",
                f"In {folder}: index.html, the background, both confidential briefs, a "
                "scoring sheet for face-to-face play and the answer key (for you only). "
                "Open them in a web browser and print.",
            )
        )

    def record_deal(self) -> Transition:
        from strikesim.ui.screens.record_deal import RecordDealScreen

        return Push(RecordDealScreen(self.ctx, self.spec))

    def class_report(self) -> Transition:
        from strikesim.classroom.report import class_report
        from strikesim.classroom.runs import collect_runs
        from strikesim.records import write_atomic

        folder = self.class_folder()
        if folder is None:
            return Push(message(self.ctx, "No class folder", "Type the class folder first: "
                                "the report reads every run in it."))  # fmt: skip
        runs, problems = collect_runs([folder])
        if not runs:
            why = problems[0] if problems else "it holds no run files yet"
            return Push(message(self.ctx, "No runs to report on", f"{folder}: {why}"))
        target = folder / REPORT_FILE
        try:
            write_atomic(target, class_report(runs, problems), shared=True)
        except RecordError as exc:
            return Push(message(self.ctx, "The report could not be written", str(exc)))
        skipped = f" {len(problems)} file(s) could not be read." if problems else ""
        return Push(
            message(
                self.ctx,
                "Class report ready",
                f"{len(runs)} run(s) in {target}. Open it in a web browser to project it.{skipped}",
            )
        )

    # --- layout -----------------------------------------------------------------------------
    def _relayout(self) -> None:
        self.layout()
        self.dirty = True

    def _tools_height(self, width: int) -> int:
        """The tools panel's height at ``width`` (its widgets, status note and padding)."""
        ctx = self.ctx
        pad = ctx.space("lg")
        label_h = ctx.font("caption").get_linesize() + ctx.space("sm")
        inner_w = width - 2 * pad
        lines = len(wrap_text(ctx.font("small"), self.status_text(), inner_w))
        h = self.scenario.preferred_height() + ctx.space("md") + self.print.preferred_height()
        h += ctx.space("xl") + self.folder.preferred_height() + self.group.preferred_height()
        h += 2 * ctx.space("md") + lines * ctx.font("small").get_linesize()
        return h + 2 * pad + label_h

    def layout(self) -> None:
        """Guide and tools side by side; on a small window or at a large text size, the
        tools above the guide and the page scrolls under the pinned buttons."""
        ctx = self.ctx
        w, _h = ctx.size
        m, gap = ctx.space("xxl"), ctx.space("xl")
        top, footer = page_rows(ctx, self.report)
        body_h = footer - ctx.space("lg") - top
        right_w = min(ctx.px(460), (w - 2 * m - gap) // 2)
        page = self.page_scroll
        assert page is not None
        page.pinned = [self.back, self.report]
        if self._tools_height(right_w) <= body_h and w - 2 * m - gap - right_w >= ctx.px(360):
            page.viewport = pygame.Rect(0, 0, w, footer - ctx.space("md"))
            page.end = page.scroll = 0
            self.title_y = m
            self.guide_box = pygame.Rect(m, top, w - 2 * m - gap - right_w, body_h)
            self.tools_box = pygame.Rect(self.guide_box.right + gap, top, right_w, body_h)
        else:
            page.viewport = pygame.Rect(0, 0, w, footer - ctx.space("md"))
            self.title_y = m - page.scroll
            y = top - page.scroll
            self.tools_box = pygame.Rect(m, y, w - 2 * m, self._tools_height(w - 2 * m))
            y = self.tools_box.bottom + gap
            guide_h = max(ctx.px(240), page.viewport.height - 2 * m)
            self.guide_box = pygame.Rect(m, y, w - 2 * m, guide_h)
            page.end = self.guide_box.bottom + ctx.space("lg") + page.scroll
        self.guide.rect = column_inside(ctx, self.guide_box)
        inner = column_inside(ctx, self.tools_box)
        y = inner.y
        self.scenario.rect = pygame.Rect(inner.x, y, inner.width, self.scenario.preferred_height())
        y = self.scenario.rect.bottom + ctx.space("md")
        bh = self.print.preferred_height()
        half = (inner.width - ctx.space("md")) // 2
        self.print.rect = pygame.Rect(inner.x, y, half, bh)
        self.record.rect = pygame.Rect(inner.right - half, y, half, bh)
        y += bh + ctx.space("xl")
        for field in (self.folder, self.group):
            field.rect = pygame.Rect(inner.x, y, inner.width, field.preferred_height())
            y = field.rect.bottom + ctx.space("md")
        self.status_y = y
        self.status_w = inner.width
        place_footer(ctx, footer, back=self.back, main=self.report)

    def status_text(self) -> str:
        folder = self.ctx.settings.class_folder
        if not folder:
            return ("No class folder: each game is saved in its own file in the saves folder; "
                    "the debrief's Export run writes a copy to hand in.")  # fmt: skip
        note = "" if Path(folder).expanduser().is_dir() else " (it will be created)"
        return (f"Finished games are copied to the class folder{note}; Class report reads "
                "them all.")  # fmt: skip

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        m = ctx.space("xxl")
        width = ctx.size[0] - 2 * m
        eyebrow = ellipsize(ctx.font("caption"), "FOR TEACHERS AND CLASSES", width)
        surface.blit(ctx.text("caption", eyebrow, "gold"), (m, m))
        surface.blit(
            ctx.text("h1", "Classroom", "text"), (m, m + ctx.font("caption").get_linesize())
        )
        draw_column(ctx, surface, self.guide_box, "TEACHER'S GUIDE", "text_faint")
        draw_column(ctx, surface, self.tools_box, "FOR THIS CLASS", "text_faint")
        y = self.status_y
        for line in wrap_text(ctx.font("small"), self.status_text(), self.status_w):
            surface.blit(ctx.text("small", line, "text_muted"), (self.folder.rect.x, y))
            y += ctx.font("small").get_linesize()
