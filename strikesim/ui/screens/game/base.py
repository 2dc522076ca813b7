"""Shared behaviour of the in-game screens: the HUD, the pause menu, hotkeys and panels.

Every in-game screen holds the same :class:`~strikesim.play.seat.GamePlay`;
Escape opens the pause menu whose choice (save, load, quit to title, quit) is acted on here;
saving opens the named-save dialog (:mod:`strikesim.ui.screens.save_game`).
Sub-screens (pressure, news, dashboard) close with Escape instead.
"""

from __future__ import annotations

import re

import pygame

from strikesim.play.seat import GamePlay
from strikesim.records import RecordError
from strikesim.ui.audit import AUDIT
from strikesim.ui.context import UIContext
from strikesim.ui.draw import panel
from strikesim.ui.screen import Screen
from strikesim.ui.screens.game.hud import draw_hud, hud_height
from strikesim.ui.screens.pause import PauseChoice, PauseMenu
from strikesim.ui.scroll import ScrollView
from strikesim.ui.transitions import Pop, Push, Quit, Reset, Transition


class GameScreen(Screen):
    """Base for in-game screens; subclasses call ``content_rect()`` in ``layout``."""

    key_context = "game"
    #: Sub-screens close on Escape; the hub screens open the pause menu instead.
    closes_on_back = False

    def __init__(self, ctx: UIContext, play: GamePlay) -> None:
        super().__init__(ctx)
        self.play = play
        self.hud_reserved = 0
        self.hud_rows = 1
        """2 when a narrow window puts the screen's bar buttons on a second row."""
        self._static: pygame.Surface | None = None
        self._static_key: tuple[object, ...] | None = None

    def content_rect(self) -> pygame.Rect:
        """The area below the HUD, inside the page margins."""
        ctx = self.ctx
        m = ctx.space("xl")
        top = hud_height(ctx, self.hud_rows) + ctx.space("lg")
        return pygame.Rect(m, top, ctx.size[0] - 2 * m, ctx.size[1] - top - ctx.space("lg"))

    def static_key(self) -> tuple[object, ...] | None:
        """What the background, bar and body depend on; while it is unchanged they are
        blitted from a cached layer and only the widgets are drawn (None: no caching)."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        self.ensure_layout()
        key = self.static_key()
        if key is None:
            self.draw_background(surface)
            self.draw_content(surface)
            self.draw_widgets(surface)
            self.dirty = False
            return
        scroll = self.page_scroll.scroll if self.page_scroll is not None else 0
        look = (self.ctx.size, self.ctx.scale, self.ctx.palette.name)
        key = (*key, *look, self.hud_reserved, self.hud_rows, scroll)
        if (
            self._static is None
            or AUDIT.enabled
            or self._static_key != key
            or self._static.get_size() != surface.get_size()
        ):
            layer = pygame.Surface(surface.get_size(), 0, surface)  # same pixel format
            self.draw_background(layer)
            self.draw_content(layer)
            self._static, self._static_key = layer, key
        surface.blit(self._static, (0, 0))
        self.draw_widgets(surface)
        self.dirty = False

    def draw_widgets(self, surface: pygame.Surface) -> None:
        """Draw the widgets over the cached layer; those in the screen's scrolled ``view``
        are clipped to its viewport (grown a little for focus rings)."""
        view = self.scroll_target()
        page = self.page_scroll
        pinned = page.pinned if page is not None and page.active else None
        items = view.items if isinstance(view, ScrollView) else []
        if pinned is not None:
            items = [w for w in self.widgets if w not in pinned]
        clip = view.viewport.inflate(2 * self.ctx.px(6), 2 * self.ctx.px(6)) if view else None
        for w in self.widgets:
            if not w.visible:
                continue
            if clip is not None and w in items:
                if w.rect.colliderect(clip):
                    previous = surface.get_clip()
                    surface.set_clip(clip.clip(previous))
                    w.draw(surface)
                    surface.set_clip(previous)
            else:
                w.draw(surface)
        if page is not None and page.active:
            self.draw_page_hint(surface, page)

    def handle_event(self, event: pygame.event.Event) -> Transition | None:
        view = self.scroll_target()
        if isinstance(view, ScrollView):
            return view.handle_event(self, event, super().handle_event)
        return super().handle_event(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        draw_hud(surface, self.ctx, self.play, self.hud_reserved, self.hud_rows)
        page = self.page_scroll
        if page is not None and page.active:
            previous = surface.get_clip()
            surface.set_clip(page.viewport.clip(previous))
            self.draw_body(surface)
            surface.set_clip(previous)
        else:
            self.draw_body(surface)

    def draw_body(self, surface: pygame.Surface) -> None:
        """Screen content below the HUD (override)."""

    def section(
        self, surface: pygame.Surface, rect: pygame.Rect, heading: str, colour: str = "text_muted"
    ) -> int:
        """A panel with a small caps heading; returns the y below the heading."""
        ctx = self.ctx
        panel(surface, rect, ctx.colour("surface"), ctx.colour("border"), ctx.radius("lg"), 1)
        pad = ctx.space("lg")
        img = ctx.text("caption", heading.upper(), colour)
        surface.blit(img, (rect.x + pad, rect.y + pad))
        return rect.y + pad + img.get_height() + ctx.space("sm")

    # --- pause ------------------------------------------------------------------------
    def on_back(self) -> Transition | None:
        if self.closes_on_back:
            return Pop(None)
        return self.open_pause()

    def open_pause(self) -> Transition:
        return Push(
            PauseMenu(
                self.ctx, can_load=self.ctx.has_route("load_game"), subtitle=self.play.spec.title
            ),
            on_result=self.on_pause_choice,
        )

    def on_pause_choice(self, choice: object) -> Transition | None:
        # in a campaign stage, saving (or leaving for the title) saves the campaign
        saved = choice in (PauseChoice.SAVE, PauseChoice.QUIT_TO_TITLE) and self.save_campaign()
        if choice == PauseChoice.SAVE and not saved:
            from strikesim.ui.screens.save_game import SaveGameScreen

            return Push(SaveGameScreen(self.ctx, self.play.session))
        if choice == PauseChoice.SAVE:
            return None
        if choice == PauseChoice.LOAD:
            return self.ctx.route("load_game")
        if choice == PauseChoice.QUIT_TO_TITLE:
            from strikesim.ui.screens.title import TitleScreen

            return Reset(TitleScreen(self.ctx))
        if choice == PauseChoice.QUIT:
            return Quit()
        return None

    def save_campaign(self) -> bool:
        """In a campaign stage, save the campaign (not a plain game, which would replay
        without the carried starting values); False outside a campaign."""
        from strikesim.ui.screens.campaign_flow import save_campaign

        run = self.play.campaign
        if run is None:
            return False
        path = save_campaign(self.ctx, run)
        if path is not None:
            self.ctx.notices.append(f"Campaign saved ({path.parent}).")
        return True

    def save_now(self) -> None:
        """Save to a named slot ``<scenario>-week-<n>`` and tell the player where."""
        from strikesim.saves import save_game

        s = self.play.session
        name = re.sub(
            r"[^a-z0-9-]+", "-", f"{s.spec.id}-{self.play.side_key}-week-{s.week}".lower()
        )
        try:
            path = save_game(s, name)
        except (RecordError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.ctx.notices.append(f"The game could not be saved: {reason}.")
            return
        self.ctx.notices.append(f"Saved as “{name}” ({path.parent}).")
        self.dirty = True
