"""Headless pygame for UI tests: dummy video/audio drivers before pygame is imported."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from strikesim.ui.app import App, create_app
from strikesim.ui.context import UIContext


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    """An app on the title screen with settings in a temporary folder."""
    application = create_app(size=(1280, 720), settings_file=tmp_path / "settings.json")
    yield application
    pygame.display.quit()


@pytest.fixture
def ctx(app: App) -> UIContext:
    return app.ctx


def key(name: str, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=mod, unicode="")


def click(pos: tuple[int, int]) -> list[pygame.event.Event]:
    return [
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1),
    ]
