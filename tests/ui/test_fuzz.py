"""Every screen survives seeded random input: 2,000 events per screen across the seeds
(20,000 with ``pytest -m slow``)."""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from strikesim.ui.app import create_app
from strikesim.ui.screenshot import foundation_shots
from strikesim.ui.transitions import Push, Reset

from .random_input import (
    NAVIGATION_KEYS,
    EventMix,
    button,
    key_press,
    malformed_click,
    motion,
    resize,
    wheel,
)

SEEDS = 4
SHORT, LONG = 500, 5000
LENGTHS = [pytest.param(SHORT, id="short"), pytest.param(LONG, id="long", marks=pytest.mark.slow)]
"""Events per seed: the short run is in every test run; ``pytest -m slow`` adds the long one."""
KEYS = [
    *NAVIGATION_KEYS,
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


random_event = EventMix(
    20,
    [
        (0.35, motion(lambda rng: rng.random() < 0.2)),
        (0.5, button(pygame.MOUSEBUTTONDOWN)),
        (0.65, button(pygame.MOUSEBUTTONUP)),
        (0.7, wheel),
        (0.97, key_press(KEYS, MODS)),
        (0.994, resize((2600, 1500))),
        (1.0, malformed_click),
    ],
)


@pytest.mark.parametrize("events", LENGTHS)
@pytest.mark.parametrize("name", list(foundation_shots()))
@pytest.mark.parametrize("seed", range(SEEDS))
def test_screen_survives_random_events(name: str, seed: int, events: int, tmp_path: Path) -> None:
    stack = foundation_shots()[name]
    app = create_app(stack[0], size=(1280, 720), settings_file=tmp_path / "s.json")

    def restart() -> None:
        app.stack.quit_requested = False
        app.apply(Reset(stack[0](app.ctx)))
        for factory in stack[1:]:
            app.apply(Push(factory(app.ctx)))

    restart()
    rng = random.Random(seed)
    for i in range(events):
        app.handle(random_event(rng, app.ctx.size))
        if app.stack.quit_requested or (app.ctx.settings.fullscreen and rng.random() < 0.05):
            restart()
        if i % 100 == 0:
            app.update(rng.choice([0.0, 16.0, 120.0]))
            app.draw()
    app.update(1000.0)
    app.draw()
