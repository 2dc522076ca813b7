"""Settings: window size, full screen, UI scale, colour-blind-safe palette, reduced motion.

Every change applies at once (returned from ``update`` as :class:`ChangeSettings`, which the
app applies and saves), so the player sees the effect; "Done" or Escape closes the panel and
"Defaults" restores the defaults.
"""

from __future__ import annotations

import pygame

from strikesim.ui.context import UIContext
from strikesim.ui.screens.modal import ModalScreen
from strikesim.ui.scroll import PageScroll
from strikesim.ui.settings import UI_SCALES, WINDOW_SIZES, Settings, settings_path
from strikesim.ui.transitions import ChangeSettings, Pop, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.option_picker import OptionPicker


def mods_folder_text() -> str:
    """The per-user mods folder, as Settings shows it."""
    from strikesim.scenario.roots import user_mods_dir

    return str(user_mods_dir())


class SettingsScreen(ModalScreen):
    help_topic = "settings"
    key_context = "settings"
    title = "Settings"
    panel_size = (640, 560)

    def __init__(self, ctx: UIContext) -> None:
        super().__init__(ctx)
        self._pending: Settings | None = None
        s = ctx.settings
        sizes = list(WINDOW_SIZES)
        if s.window_size not in sizes:
            sizes.append(s.window_size)
        self.sizes = sizes
        self.size_picker = OptionPicker(
            ctx,
            "Window size",
            [f"{w}×{h}" for w, h in sizes],
            sizes.index(s.window_size),
            on_change=lambda i: self._change(window_size=self.sizes[i]),
        )
        self.fullscreen = OptionPicker(
            ctx,
            "Full screen",
            ["Off", "On"],
            int(s.fullscreen),
            on_change=lambda i: self._change(fullscreen=bool(i)),
        )
        nearest = min(range(len(UI_SCALES)), key=lambda i: abs(UI_SCALES[i] - s.ui_scale))
        self.scale = OptionPicker(
            ctx,
            "Text and interface size",
            [f"{round(v * 100)}%" for v in UI_SCALES],
            nearest,
            on_change=lambda i: self._change(ui_scale=UI_SCALES[i]),
        )
        self.palette = OptionPicker(
            ctx,
            "Colours",
            ["Standard", "Colour-blind safe"],
            int(s.colourblind_palette),
            on_change=lambda i: self._change(colourblind_palette=bool(i)),
        )
        self.motion = OptionPicker(
            ctx,
            "Motion",
            ["Full", "Reduced"],
            int(s.reduced_motion),
            on_change=lambda i: self._change(reduced_motion=bool(i)),
        )
        self.confirm = OptionPicker(
            ctx,
            "Ask before Accept, Walk out and quitting",
            ["Yes, with the forecast", "No"],
            int(not s.confirm_moves),
            on_change=lambda i: self._change(confirm_moves=not i),
        )
        self.guide = OptionPicker(
            ctx,
            "First-game guide",
            ["Show it next game", "Seen"],
            int(s.guide_seen),
            on_change=lambda i: self._change(guide_seen=bool(i)),
        )
        self.pickers = [
            self.size_picker,
            self.fullscreen,
            self.scale,
            self.palette,
            self.motion,
            self.confirm,
            self.guide,
        ]
        self.defaults = Button(ctx, "Defaults", self._defaults)
        self.done = Button(ctx, "Done", lambda: Pop(None), variant="primary", hotkey="Esc")
        self.set_widgets([*self.pickers, self.defaults, self.done], focus_first=True)
        self._heading_y = self._note_y = 0
        self.page_scroll = PageScroll(self._relayout)

    def _change(self, **changes: object) -> None:
        base = self._pending or self.ctx.settings
        self._pending = base.with_changes(**changes)

    def _defaults(self) -> Transition | None:
        d = Settings()
        self.size_picker.index = self.sizes.index(d.window_size)
        self.fullscreen.index = 0
        self.scale.index = UI_SCALES.index(1.0)
        self.palette.index = 0
        self.motion.index = 0
        self.confirm.index = 0
        kept = self.ctx.settings
        d = d.with_changes(guide_seen=kept.guide_seen, class_folder=kept.class_folder)
        return ChangeSettings(d)

    def update(self, dt_ms: float) -> Transition | None:
        super().update(dt_ms)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            if pending != self.ctx.settings:
                return ChangeSettings(pending)
        return None

    def layout(self) -> None:
        ctx = self.ctx
        pad = ctx.space("xl")
        rows = sum(p.preferred_height() for p in self.pickers) + len(self.pickers) * ctx.space("md")
        button_h = self.done.preferred_height()
        height = pad + ctx.font("h1").get_linesize() + ctx.space("lg") + rows + ctx.space("lg")
        height += 2 * ctx.font("small").get_linesize() + ctx.space("lg") + button_h + pad
        self.panel_size = (640, round(height / ctx.scale) + 1)
        super().layout()
        page = self.page_scroll
        assert page is not None
        by = self.panel.bottom - pad - button_h
        page.viewport = pygame.Rect(
            self.panel.x, self.panel.y, self.panel.width, by - ctx.space("sm") - self.panel.y
        )
        off = page.scroll
        x = self.panel.x + pad
        width = self.panel.width - 2 * pad
        self._heading_y = self.panel.y + pad - off
        y = self._heading_y + ctx.font("h1").get_linesize() + ctx.space("lg")
        for p in self.pickers:
            p.rect = pygame.Rect(x, y, width, p.preferred_height())
            y += p.preferred_height() + ctx.space("md")
        self._note_y = y + ctx.space("xs")
        page.end = self._note_y + ctx.font("small").get_linesize() + ctx.space("sm") + off
        page.pinned = [self.defaults, self.done]
        dw = max(self.done.preferred_width(), ctx.px(120))
        self.done.rect = pygame.Rect(self.panel.right - pad - dw, by, dw, button_h)
        fw = max(self.defaults.preferred_width(), ctx.px(120))
        self.defaults.rect = pygame.Rect(self.done.rect.x - ctx.space("md") - fw, by, fw, button_h)

    def _relayout(self) -> None:
        self.layout()
        self.dirty = True

    def draw_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        self.heading(surface, "Settings", self._heading_y)
        note = f"Saved automatically to {ctx.settings_file or settings_path()}"
        from strikesim.ui.draw import ellipsize

        width = self.panel.width - 2 * ctx.space("xl")
        mods = f"Mods folder (your own scenarios): {mods_folder_text()}"
        for n, line in enumerate((note, mods)):
            text = ellipsize(ctx.font("small"), line, width)
            y = self._note_y + n * ctx.font("small").get_linesize()
            surface.blit(ctx.text("small", text, "text_faint"), (self.panel.x + ctx.space("xl"), y))
        if self.ctx.settings.fullscreen:
            hint = ctx.text("small", "Window size applies when full screen is off.", "text_faint")
            surface.blit(
                hint,
                (self.panel.right - ctx.space("xl") - hint.get_width(), self.size_picker.rect.y),
            )
