"""Shared set-up for the pre-game, load and save screen tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from strikesim.records import Seat
from strikesim.scenario import load_scenario
from strikesim.session import Session
from strikesim.ui.app import App, create_app
from strikesim.ui.launch import game_routes

from .conftest import key

QUICK = "classroom-quick"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def game_app(tmp_path: Path) -> Iterator[App]:
    application = create_app(
        routes=game_routes(), size=(1280, 720), settings_file=tmp_path / "settings.json"
    )
    yield application
    pygame.display.quit()


def press(app: App, *names: str) -> None:
    for name in names:
        mod = 0
        if name.startswith("shift+"):
            name, mod = name[6:], pygame.KMOD_SHIFT
        app.handle(key(name, mod))
        app.update(16.0)
        app.draw()


def typed(app: App, text: str) -> None:
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text=text))


def quick_session(side: int = 0, seed: int = 3) -> Session:
    spec = load_scenario(QUICK)
    ai = Seat("ai", spec.default_negotiators[1 - side], "easy")
    seats = (Seat("human"), ai) if side == 0 else (ai, Seat("human"))
    return Session(spec, seats, seed)
