"""The launcher: routes, the ``play`` entry into a briefing, and the signatures commands use."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pygame
import pytest

from strikesim.records import Seat
from strikesim.scenario import load_scenario
from strikesim.ui import launch
from strikesim.ui.app import create_app
from strikesim.ui.screens.briefing import BriefingScreen
from strikesim.ui.screens.choose_scenario import ChooseScenarioScreen
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.load_game import LoadGameScreen
from strikesim.ui.screens.title import TitleScreen

from .conftest import key


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_start_signature_matches_the_commands() -> None:
    params = inspect.signature(launch.start).parameters
    assert list(params)[:4] == ["spec", "side", "difficulty", "seed"]
    assert params["spec"].default is None and params["side"].default == 0
    assert params["difficulty"].default == "normal" and params["seed"].default == 0


def test_routes_lead_to_the_pregame_and_load_screens(tmp_path: Path) -> None:
    routes = launch.game_routes()
    assert set(routes) == {"new_game", "continue_game", "load_game"}
    app = create_app(routes=routes, size=(1280, 720), settings_file=tmp_path / "s.json")
    try:
        title = app.stack.top
        assert isinstance(title, TitleScreen)
        assert all(title.buttons[name].enabled for name in routes)
        app.handle(key("l"))
        assert isinstance(app.stack.top, LoadGameScreen)
        app.handle(key("escape"))
        app.handle(key("c"))
        top = app.stack.top
        assert isinstance(top, Dialog) and "no saved games" in top.text.lower()
        app.handle(key("escape"))
        app.handle(key("n"))
        assert isinstance(app.stack.top, ChooseScenarioScreen)
    finally:
        pygame.display.quit()


def test_play_starts_at_the_briefing_with_the_default_opponent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def fake_run(first: Any, **kwargs: Any) -> int:
        seen["first"], seen["routes"] = first, kwargs["routes"]
        return 0

    monkeypatch.setattr("strikesim.ui.app.run", fake_run)
    spec = load_scenario("classroom-quick")
    assert launch.start(spec=spec, side=1, difficulty="hard", seed=9) == 0
    app = create_app(
        seen["first"], routes=seen["routes"], size=(1280, 720), settings_file=tmp_path / "s.json"
    )
    try:
        briefing = app.stack.top
        assert isinstance(briefing, BriefingScreen)
        assert briefing.side == 1 and briefing.seed == 9
        assert briefing.seats == (Seat("ai", spec.default_negotiators[0], "hard"), Seat("human"))
        assert briefing.back.label == "Title screen"
        app.handle(key("escape"))
        assert isinstance(app.stack.top, TitleScreen) and len(app.stack) == 1
    finally:
        pygame.display.quit()


def test_side_names_and_bad_sides() -> None:
    assert launch.side_index("studio") == 1 and launch.side_index(0) == 0
    with pytest.raises(ValueError, match="union"):
        launch.side_index("press")


def test_start_opens_and_closes_the_window(tmp_path: Path) -> None:
    assert launch.start(settings_file=tmp_path / "s.json", size=(1280, 720), max_frames=2) == 0
