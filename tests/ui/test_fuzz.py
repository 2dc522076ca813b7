"""Every screen survives seeded random input: 20,000 events per screen across the seeds."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pygame
import pytest

from strikesim.ui.app import create_app
from strikesim.ui.screenshot import foundation_shots
from strikesim.ui.transitions import Push, Reset

SEEDS = 4
EVENTS_PER_SEED = 5000
KEYS = [
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
    "f11",
    "=",
    "-",
    "0",
    "a",
    "n",
    "c",
    "l",
    "s",
    "q",
    "y",
    "r",
    "o",
    "t",
    "backspace",
    "keypad enter",
]
MODS = [0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT]


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    w, h = size
    pos = (rng.randint(-20, w + 20), rng.randint(-20, h + 20))
    roll = rng.random()
    if roll < 0.35:
        return pygame.event.Event(
            pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(rng.random() < 0.2, 0, 0)
        )
    if roll < 0.5:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.randint(1, 5))
    if roll < 0.65:
        return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=rng.randint(1, 5))
    if roll < 0.7:
        return pygame.event.Event(
            pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 2]), flipped=False
        )
    if roll < 0.97:
        return pygame.event.Event(
            pygame.KEYDOWN,
            key=pygame.key.key_code(rng.choice(KEYS)),
            mod=rng.choice(MODS),
            unicode="",
        )
    if roll < 0.994:
        return pygame.event.Event(
            pygame.VIDEORESIZE, size=(rng.randint(300, 2600), rng.randint(200, 1500))
        )
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN)  # malformed: no pos, no button


@pytest.mark.parametrize("name", list(foundation_shots()))
@pytest.mark.parametrize("seed", range(SEEDS))
def test_screen_survives_random_events(name: str, seed: int, tmp_path: Path) -> None:
    stack = foundation_shots()[name]
    app = create_app(stack[0], size=(1280, 720), settings_file=tmp_path / "s.json")

    def restart() -> None:
        app.stack.quit_requested = False
        app.apply(Reset(stack[0](app.ctx)))
        for factory in stack[1:]:
            app.apply(Push(factory(app.ctx)))

    restart()
    rng = random.Random(seed)
    start = time.perf_counter()
    for i in range(EVENTS_PER_SEED):
        app.handle(random_event(rng, app.ctx.size))
        if app.stack.quit_requested or (app.ctx.settings.fullscreen and rng.random() < 0.05):
            restart()
        if i % 100 == 0:
            app.update(rng.choice([0.0, 16.0, 120.0]))
            app.draw()
    app.update(1000.0)
    app.draw()
    assert time.perf_counter() - start < 30
