"""Seeded random input for the UI fuzz tests: mixes of mouse, wheel, key, text and resize events.

An :class:`EventMix` draws a position (up to ``margin`` pixels outside the window), then a
roll in [0, 1) that picks the first kind whose upper bound is above it; each kind is a
builder ``(rng, pos) -> Event``. Builders draw from the same ``rng`` in a fixed order, so a
seed always gives the same events.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import pygame

Pos = tuple[int, int]
Builder = Callable[[random.Random, Pos], pygame.event.Event]


class EventMix:
    """``kinds``: (upper bound of the roll, builder) in increasing order; the last builder
    also takes every roll above the last bound."""

    def __init__(self, margin: int, kinds: Sequence[tuple[float, Builder]]) -> None:
        self.margin = margin
        self.kinds = list(kinds)

    def __call__(self, rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
        w, h = size
        m = self.margin
        pos = (rng.randint(-m, w + m), rng.randint(-m, h + m))
        roll = rng.random()
        for bound, build in self.kinds:
            if roll < bound:
                return build(rng, pos)
        return self.kinds[-1][1](rng, pos)


NAVIGATION_KEYS = [
    "tab",
    "return",
    "space",
    "escape",
    "left",
    "right",
    "up",
    "down",
    "page up",
    "page down",
]
"""Keys every screen's random input presses (focus, activation, scrolling)."""


def motion(held: Callable[[random.Random], int] = lambda rng: 0) -> Builder:
    """Mouse motion; ``held(rng)`` is the state of the left button."""
    return lambda rng, pos: pygame.event.Event(
        pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(held(rng), 0, 0)
    )


def _any_button(rng: random.Random) -> int:
    return rng.randint(1, 5)


def button(kind: int, which: Callable[[random.Random], int] = _any_button) -> Builder:
    """``MOUSEBUTTONDOWN`` or ``MOUSEBUTTONUP`` of button ``which(rng)`` (default 1–5)."""
    return lambda rng, pos: pygame.event.Event(kind, pos=pos, button=which(rng))


def wheel(rng: random.Random, pos: Pos) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 2]), flipped=False)


def key_press(keys: Sequence[str], mods: Sequence[int]) -> Builder:
    """A key from ``keys`` with a modifier from ``mods``."""
    return lambda rng, pos: press_key(rng.choice(keys), rng.choice(mods))


def press_key(name: str, mod: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=mod, unicode="")


def text_input(texts: Sequence[str]) -> Builder:
    return lambda rng, pos: pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(texts))


def resize(largest: tuple[int, int]) -> Builder:
    """A window resize to a random size from 300×200 up to ``largest``."""
    return lambda rng, pos: pygame.event.Event(
        pygame.VIDEORESIZE, size=(rng.randint(300, largest[0]), rng.randint(200, largest[1]))
    )


def malformed_click(rng: random.Random, pos: Pos) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN)  # no position, no button
