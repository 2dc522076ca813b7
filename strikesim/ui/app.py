"""The game window and its one main loop: poll → handle → update → draw if dirty → flip.

``run()`` is the only entry point that touches the display. Everything (pygame, window,
fonts, theme, key bindings, settings) is set up inside it, never at import time. Global keys
(full screen, UI scale) and window events are handled here; everything else goes to the top
screen, whose returned transitions are applied by :class:`~strikesim.ui.stack.ScreenStack`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import pygame

from strikesim.ui.context import ScreenFactory, UIContext
from strikesim.ui.draw import panel, wrap_text
from strikesim.ui.fonts import usable_fonts
from strikesim.ui.keymap import load_keymap
from strikesim.ui.motion import Tween
from strikesim.ui.screen import Screen
from strikesim.ui.settings import (
    MAX_WINDOW,
    MIN_WINDOW,
    UI_SCALES,
    Settings,
    load_settings,
    save_settings,
)
from strikesim.ui.stack import ScreenStack
from strikesim.ui.theme import load_theme
from strikesim.ui.transitions import ChangeSettings, Pop, Push, Quit, Transition

FPS = 60
NOTICE_MS = 7000


def open_window(settings: Settings) -> pygame.Surface:
    """(Re)create the display for ``settings`` (windowed and resizable, or full screen)."""
    if settings.fullscreen:
        return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
    return pygame.display.set_mode(settings.window_size, pygame.RESIZABLE)


def clamp_size(size: tuple[int, int]) -> tuple[int, int]:
    return (
        max(MIN_WINDOW[0], min(MAX_WINDOW[0], int(size[0]))),
        max(MIN_WINDOW[1], min(MAX_WINDOW[1], int(size[1]))),
    )


class App:
    """Owns the window, the screen stack, screen-change fades and on-screen notices."""

    def __init__(
        self,
        ctx: UIContext,
        window: pygame.Surface,
        first: Screen,
        settings_file: Path | None = None,
    ) -> None:
        self.ctx = ctx
        self.window = window
        self.settings_file = settings_file
        self.stack = ScreenStack(first, self.change_settings)
        self._fade: Tween | None = None
        self._fade_from: pygame.Surface | None = None
        self._under: pygame.Surface | None = None
        self._notice: tuple[str, float] | None = None
        self._needs_draw = True

    # --- settings & window ------------------------------------------------------------
    def change_settings(self, settings: Settings) -> None:
        """Apply new settings (display mode, scale, palette) and save them."""
        old = self.ctx.settings
        if (settings.fullscreen, settings.window_size) != (old.fullscreen, old.window_size):
            self.window = open_window(settings)
        self.ctx.configure(settings, self.window.get_size())
        self._under = None
        self._needs_draw = True
        try:
            save_settings(settings, self.settings_file)
        except OSError as exc:
            self.ctx.notices.append(f"Settings could not be saved: {exc.strerror or exc}.")

    def resize(self, size: tuple[int, int]) -> None:
        size = clamp_size(size)
        if self.window.get_size() != size and not self.ctx.settings.fullscreen:
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.ctx.configure(self.ctx.settings, self.window.get_size())
        if not self.ctx.settings.fullscreen:
            self.ctx.settings = self.ctx.settings.with_changes(window_size=self.window.get_size())
        for screen in self.stack.screens:
            screen.on_resize(self.ctx.size)
        self._under = None
        self._needs_draw = True

    def _global_action(self, action: str) -> Transition | None:
        s = self.ctx.settings
        if action == "toggle_fullscreen":
            return ChangeSettings(s.with_changes(fullscreen=not s.fullscreen))
        if action in ("scale_up", "scale_down"):
            nearest = min(range(len(UI_SCALES)), key=lambda i: abs(UI_SCALES[i] - s.ui_scale))
            step = 1 if action == "scale_up" else -1
            index = max(0, min(len(UI_SCALES) - 1, nearest + step))
            return ChangeSettings(s.with_changes(ui_scale=UI_SCALES[index]))
        if action == "scale_reset":
            return ChangeSettings(s.with_changes(ui_scale=1.0))
        if action == "help":
            from strikesim.ui.screens.help import HelpScreen

            top = self.stack.top
            if isinstance(top, HelpScreen):
                return Pop(None)
            return Push(HelpScreen(self.ctx, top.help_topic, top.title))
        return None

    # --- one frame --------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        """Dispatch one event: window and global keys here, the rest to the top screen."""
        if event.type == pygame.QUIT:
            self.apply(Quit())
            return
        if event.type == pygame.VIDEORESIZE:
            size = getattr(event, "size", None)
            if isinstance(size, tuple | list) and len(size) == 2:
                self.resize((int(size[0]), int(size[1])))
            return
        if event.type in (pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED):
            if self.window.get_size() != self.ctx.size:
                self.resize(self.window.get_size())
            self._needs_draw = True
            return
        action = self.ctx.keymap.action(event, "global")
        if action is not None:
            self.apply(self._global_action(action))
            return
        self.apply(self.stack.top.handle_event(event))

    def apply(self, transition: Transition | None) -> None:
        if transition is None:
            return
        before = self.stack.screens
        self.stack.apply(transition)
        if self.stack.screens != before:
            self._start_fade()
        self._needs_draw = True

    def _start_fade(self) -> None:
        self._under = None
        duration = self.ctx.motion_ms("screen")
        if duration > 0 and not self.stack.quit_requested:
            self._fade_from = self.window.copy()
            self._fade = Tween(duration)

    def update(self, dt_ms: float) -> None:
        self.apply(self.stack.top.update(dt_ms))
        if self._fade is not None:
            self._fade.advance(dt_ms)
            self._needs_draw = True
        if self.ctx.notices and self._notice is None:
            self._notice = (self.ctx.notices.pop(0), NOTICE_MS)
            self._needs_draw = True
        if self._notice is not None:
            text, left = self._notice
            self._notice = (text, left - dt_ms) if left - dt_ms > 0 else None
            if self._notice is None:
                self._needs_draw = True

    def draw(self) -> bool:
        """Draw if anything changed; returns True when the frame was redrawn."""
        visible = self.stack.visible()
        if not (self._needs_draw or any(s.dirty for s in visible)):
            return False
        if len(visible) > 1:
            if self._under is None or self._under.get_size() != self.window.get_size():
                for screen in visible[:-1]:
                    screen.draw(self.window)
                self._under = self.window.copy()
            else:
                self.window.blit(self._under, (0, 0))
        visible[-1].draw(self.window)
        if self._fade is not None and self._fade_from is not None:
            if self._fade.done:
                self._fade = self._fade_from = None
            else:
                self._fade_from.set_alpha(round(255 * (1.0 - self._fade.progress)))
                self.window.blit(self._fade_from, (0, 0))
        self._draw_notice()
        self._needs_draw = False
        return True

    def _draw_notice(self) -> None:
        if self._notice is None:
            return
        ctx = self.ctx
        pad = ctx.space("lg")
        box, lines = self.notice_layout(self._notice[0])
        line_h = ctx.font("body").get_linesize()
        panel(self.window, box, ctx.colour("surface_alt"), ctx.colour("warning"), ctx.radius())
        for i, line in enumerate(lines):
            self.window.blit(
                ctx.text("body", line, "text"), (box.x + pad, box.y + pad + i * line_h)
            )

    def notice_layout(self, text: str) -> tuple[pygame.Rect, list[str]]:
        """The notice's box and lines: as wide as it can be where it covers no control
        (narrower and taller when only a narrow gap is free)."""
        ctx = self.ctx
        pad = ctx.space("lg")
        line_h = ctx.font("body").get_linesize()
        best: tuple[int, pygame.Rect, list[str]] | None = None
        for design_w in (640, 480, 360, 280):
            width = min(ctx.size[0] - 2 * pad, ctx.px(design_w))
            lines = wrap_text(ctx.font("body"), text, width - 2 * pad)
            box, covered = self.notice_spot(pygame.Rect(0, 0, width, len(lines) * line_h + 2 * pad))
            if best is None or covered < best[0]:
                best = (covered, box, lines)
            if covered == 0:
                break
        assert best is not None
        return best[1], best[2]

    def notice_spot(self, box: pygame.Rect) -> tuple[pygame.Rect, int]:
        """Where a notice of ``box``'s size covers no control of the top screen: the first
        free spot of bottom, top, middle and the corners (else the one covering least),
        with the area of controls it covers there."""
        w, h = self.ctx.size
        pad = self.ctx.space("lg")
        controls = [
            x.rect for x in self.stack.top.widgets if x.visible and x.focusable and x.rect.width > 0
        ]
        spots = []
        for anchor, at in (
            ("midbottom", (w // 2, h - pad)),
            ("midtop", (w // 2, pad)),
            ("center", (w // 2, h // 2)),
            ("bottomleft", (pad, h - pad)),
            ("bottomright", (w - pad, h - pad)),
            ("topleft", (pad, pad)),
            ("topright", (w - pad, pad)),
        ):
            spot = box.copy()
            setattr(spot, anchor, at)
            covered = sum(spot.clip(r).width * spot.clip(r).height for r in controls)
            if covered == 0:
                return spot, 0
            spots.append((covered, spot))
        covered, spot = min(spots, key=lambda t: t[0])
        return spot, covered

    def step(self, events: Iterable[pygame.event.Event], dt_ms: float) -> bool:
        """One frame; returns False once the game should end."""
        for event in events:
            self.handle(event)
            if self.stack.quit_requested:
                return False
        self.update(dt_ms)
        if self.stack.quit_requested:
            return False
        if self.draw():
            pygame.display.flip()
        caption = f"StrikeSim — {self.stack.top.title}" if self.stack.top.title else "StrikeSim"
        if pygame.display.get_caption()[0] != caption:
            pygame.display.set_caption(caption)
        return True

    def loop(self, max_frames: int | None = None) -> None:
        clock = pygame.time.Clock()
        frames = 0
        dt = 0.0
        while self.step(pygame.event.get(), dt):
            frames += 1
            if max_frames is not None and frames >= max_frames:
                break
            dt = float(clock.tick(FPS))


def create_app(
    first: ScreenFactory | None = None,
    *,
    routes: Mapping[str, ScreenFactory] | None = None,
    settings_file: Path | None = None,
    size: tuple[int, int] | None = None,
) -> App:
    """Initialise pygame, load settings/theme/keys, open the window and build the first screen."""
    pygame.display.init()
    pygame.font.init()
    settings, message = load_settings(settings_file)
    if size is not None:
        settings = settings.with_changes(window_size=clamp_size(size), fullscreen=False)
    theme, font_notice = usable_fonts(load_theme())
    key_problems: list[str] = []
    keymap = load_keymap(problems=key_problems)
    window = open_window(settings)
    pygame.key.set_repeat(350, 40)
    ctx = UIContext(
        theme,
        keymap,
        settings,
        window.get_size(),
        routes=dict(routes or {}),
        settings_file=settings_file,
    )
    for notice in (message, font_notice):
        if notice:
            ctx.notices.append(notice)
    if key_problems:
        listed = "; ".join(key_problems[:3]) + (" …" if len(key_problems) > 3 else "")
        ctx.notices.append(f"Some key bindings could not be used and were left out ({listed}).")
    if first is None:
        from strikesim.ui.screens.title import TitleScreen

        first = TitleScreen
    return App(ctx, window, first(ctx), settings_file)


def run(
    first: ScreenFactory | None = None,
    *,
    routes: Mapping[str, ScreenFactory] | None = None,
    settings_file: Path | None = None,
    size: tuple[int, int] | None = None,
    max_frames: int | None = None,
) -> int:
    """Open the game window on ``first`` (default: the title screen) and play until Quit.

    ``routes`` maps names used by screens (``"new_game"``, ``"continue_game"``,
    ``"load_game"``) to screen factories. Returns the process exit code (0).
    """
    app = create_app(first, routes=routes, settings_file=settings_file, size=size)
    try:
        app.loop(max_frames)
    finally:
        with contextlib.suppress(OSError):
            save_settings(app.ctx.settings, settings_file)
        pygame.quit()
    return 0
