"""News feed: the dispute's happenings as trade-paper clippings, newest first.

Clippings are stacked in as many columns as fit (shortest column first). The feed scrolls
with the wheel, and with Left/Right (a line) or Page Up/Down (a page) while focused.
"""

from __future__ import annotations

import pygame

from strikesim.engine.spec import GameSpec
from strikesim.narrate import Happening, party_name, week_date
from strikesim.play.seat import GamePlay
from strikesim.ui.context import UIContext
from strikesim.ui.screens.game.base import GameScreen
from strikesim.ui.transitions import Pop, Transition
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.clipping import NewsClipping
from strikesim.ui.widgets.scrollable import ScrollableWidget


def masthead(spec: GameSpec, index: int) -> str:
    """The outlet credited for the ``index``-th happening of the game (stable as news arrives):
    the scenario's masthead, taking turns with its other outlets."""
    names = (spec.news_masthead, *spec.news_outlets)
    return names[index % len(names)]


def clippings(ctx: UIContext, play: GamePlay) -> list[NewsClipping]:
    """One clipping per happening, newest week first."""
    spec = play.spec
    out = []
    items: list[Happening] = [h for r in play.session.reports for h in r.happenings]
    for n, h in enumerate(reversed(items)):
        badge = (
            party_name(spec, 0 if h.favours == "union" else 1)
            if h.favours in ("union", "studio")
            else h.category
        )
        out.append(
            NewsClipping(
                ctx, h.headline, h.body, dateline=f"Week {h.week} · {week_date(spec, h.week)}",
                category=h.category, favours=h.favours, badge=badge,
                masthead=masthead(spec, len(items) - 1 - n),
            )
        )  # fmt: skip
    return out


class NewsFeed(ScrollableWidget):
    """A scrolling masonry of clippings."""

    scroll_keys_need_overflow = False

    def __init__(self, ctx: UIContext, items: list[NewsClipping]) -> None:
        super().__init__(ctx)
        self.items = items
        self.content_h = 0
        self._placed: list[pygame.Rect] = []
        self._layout_key: tuple[object, ...] | None = None
        self._images: dict[tuple[object, ...], pygame.Surface] = {}

    def _image(self, item: NewsClipping, size: tuple[int, int]) -> pygame.Surface:
        """The clipping drawn once into its own transparent layer (clippings never change;
        wrapping their text every frame would dominate the frame time)."""
        key = (id(item), size, self.ctx.scale, self.ctx.palette.name)
        image = self._images.get(key)
        if image is None:
            pad = self.ctx.px(6)  # room for the drop shadow
            image = pygame.Surface((size[0] + pad, size[1] + pad), pygame.SRCALPHA)
            item.rect = pygame.Rect((0, 0), size)
            item.draw(image)
            if len(self._images) > 256:
                self._images.clear()
            self._images[key] = image
        return image

    def place(self) -> None:
        key = (tuple(self.rect), self.ctx.scale, len(self.items))
        if key == self._layout_key:
            return
        self._layout_key = key
        ctx = self.ctx
        gap = ctx.space("lg")
        cols = max(1, min(3, (self.rect.width + gap) // (ctx.px(380) + gap)))
        cw = (self.rect.width - ctx.px(8) - gap * (cols - 1)) // cols
        heights = [0] * cols
        self._placed = []
        for item in self.items:
            c = heights.index(min(heights))
            h = item.measure(cw)
            self._placed.append(pygame.Rect(c * (cw + gap), heights[c], cw, h))
            heights[c] += h + gap
        self.content_h = max(heights) if heights else 0

    @property
    def overflow(self) -> int:
        self.place()
        return max(0, self.content_h - self.rect.height)

    def wheel_step(self) -> int:
        return self.ctx.px(60)

    def line_step(self) -> int:
        return self.ctx.px(60)

    def page_step(self) -> int:
        return max(self.ctx.px(60), self.rect.height - self.ctx.px(60))

    def draw(self, surface: pygame.Surface) -> None:
        self.place()
        self.clamp_scroll()
        previous = surface.get_clip()
        surface.set_clip(self.rect.clip(previous) if previous.width else self.rect)
        for item, r in zip(self.items, self._placed, strict=True):
            spot = r.move(self.rect.x, self.rect.y - self.scroll)
            if spot.bottom >= self.rect.y and spot.top <= self.rect.bottom:
                surface.blit(self._image(item, r.size), spot.topleft)
        surface.set_clip(previous)
        self.draw_scroll_bar(surface, min_height=24, colour="border_strong")
        if self.focused:
            self.draw_focus(surface)


class NewsScreen(GameScreen):
    help_topic = "news"
    title = "News"
    closes_on_back = True

    def static_key(self) -> tuple[object, ...] | None:
        return (self.play.revision,)

    def __init__(self, ctx: UIContext, play: GamePlay) -> None:
        super().__init__(ctx, play)
        self.feed = NewsFeed(ctx, clippings(ctx, play))
        self.back = Button(
            ctx, "Back to the table", lambda: Pop(None), variant="primary", hotkey="Esc"
        )
        self.set_widgets([self.feed, self.back], focus_first=True)

    def on_action(self, action: str) -> Transition | None:
        return Pop(None) if action == "news" else None

    def layout(self) -> None:
        ctx = self.ctx
        area = self.content_rect()
        self.head_y = area.y
        head = ctx.font("h2").get_linesize() + ctx.font("small").get_linesize() + ctx.space("lg")
        bh = self.back.preferred_height()
        bw = self.back.preferred_width() + ctx.px(20)
        self.back.rect = pygame.Rect(area.right - bw, area.y, bw, bh)
        self.feed.rect = pygame.Rect(area.x, area.y + head, area.width, area.bottom - area.y - head)

    def draw_body(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        x = self.content_rect().x
        surface.blit(ctx.text("h2", "The trade papers", "text"), (x, self.head_y))
        n = len(self.feed.items)
        sub = (
            f"{n} stories so far, newest first. Scroll with the wheel or Page Up / Page Down."
            if n
            else "Nothing in the papers yet: play a week."
        )
        surface.blit(
            ctx.text("small", sub, "text_muted"), (x, self.head_y + ctx.font("h2").get_linesize())
        )
