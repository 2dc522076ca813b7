"""Mods on screen: cards marked as mods, broken mods listed, the mods folder in Settings,
the reload key on the briefing and the table, and the scenario's own news masthead."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from strikesim import catalogue
from strikesim.scenario import load_scenario
from strikesim.scenario.roots import user_mods_dir
from strikesim.ui.app import App, create_app
from strikesim.ui.context import UIContext
from strikesim.ui.launch import briefing_factory, game_routes
from strikesim.ui.screens.briefing import BriefingScreen
from strikesim.ui.screens.choose_scenario import ChooseScenarioScreen
from strikesim.ui.screens.dialog import Dialog
from strikesim.ui.screens.game.news import masthead
from strikesim.ui.screens.game.table import TableScreen
from strikesim.ui.screens.settings_screen import SettingsScreen

from .pregame_helpers import press

ROOT = Path(__file__).resolve().parents[2]
QUICK = ROOT / "scenarios" / "classroom-quick"


@pytest.fixture
def mods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "mods"
    folder.mkdir()
    monkeypatch.setenv("STRIKESIM_MODS", str(folder))
    catalogue.clear_cache()
    yield folder
    catalogue.clear_cache()


def add_mod(root: Path, new_id: str, *, broken: bool = False) -> Path:
    folder = root / new_id
    shutil.copytree(QUICK, folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8").replace("id: classroom-quick", f"id: {new_id}", 1)
    if broken:
        text = text.replace("title:", "titel:", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_scenario_screen_marks_mods_and_lists_broken_ones(ctx: UIContext, mods: Path) -> None:
    add_mod(mods, "good-mod")
    add_mod(mods, "bad-mod", broken=True)
    screen = ChooseScenarioScreen(ctx)
    cards = {e.id: c for e, c in zip(screen.entries, screen.cards, strict=True)}
    good = cards["good-mod"].info
    assert good.eyebrow.startswith("Mod · ") and good.eyebrow.endswith("good-mod")
    assert "Mod" in good.chips
    bad = cards["bad-mod"]
    assert not bad.can_focus and bad.info.eyebrow.startswith("Mod · ")
    assert "missing required key 'title'" in bad.info.warnings[0]
    assert cards["wga-2023"].info.eyebrow and "Mod" not in cards["wga-2023"].info.chips
    screen.ensure_layout()
    screen.draw(pygame.Surface(ctx.size))


def test_settings_show_the_mods_folder(ctx: UIContext) -> None:
    screen = SettingsScreen(ctx)
    screen.ensure_layout()
    surface = pygame.Surface(ctx.size)
    screen.draw(surface)
    from strikesim.ui.screens.settings_screen import mods_folder_text

    assert mods_folder_text() == str(user_mods_dir())


@pytest.fixture
def mod_app(tmp_path: Path, mods: Path) -> Iterator[tuple[App, Path]]:
    path = add_mod(mods, "live-mod")
    spec = load_scenario("live-mod")
    (tmp_path / "settings.json").write_text('{"guide_seen": true}', "utf-8")
    application = create_app(
        briefing_factory(spec, 0, "easy", 3),
        routes=game_routes(),
        size=(1280, 720),
        settings_file=tmp_path / "settings.json",
    )
    yield application, path
    pygame.display.quit()


def test_f5_on_the_briefing_reloads_the_file_and_shows_problems(
    mod_app: tuple[App, Path],
) -> None:
    app, path = mod_app
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title: "Classroom:', 'title: "Edited:', 1), encoding="utf-8")
    press(app, "f5")
    top = app.stack.top
    assert isinstance(top, BriefingScreen) and top.spec.title.startswith("Edited:")
    assert len(app.stack) == 1
    path.write_text(text.replace("max_weeks: 12", "max_weeks: twelve", 1), encoding="utf-8")
    press(app, "f5")
    dialog = app.stack.top
    assert isinstance(dialog, Dialog)
    assert dialog.heading_text == "The scenario file has problems"
    assert "phases.max_weeks" in dialog.text and "scenario.yaml:" in dialog.text
    press(app, "return")
    assert app.stack.top is top, "the briefing stays as it was"


def test_f5_on_the_table_restarts_week_0_with_the_new_file(mod_app: tuple[App, Path]) -> None:
    app, path = mod_app
    press(app, "return")  # start negotiating
    table = app.stack.top
    assert isinstance(table, TableScreen)
    press(app, "h")  # hold: one week passes
    assert table.play.session.week == 1
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("max_weeks: 12", "max_weeks: 14", 1), encoding="utf-8")
    press(app, "f5")
    fresh = app.stack.top
    assert isinstance(fresh, TableScreen) and fresh is not table
    assert fresh.play.session.week == 0
    assert fresh.play.session.spec.phases.max_weeks == 14
    assert fresh.play.session.seats == table.play.session.seats
    assert fresh.play.session.seed == table.play.session.seed


def test_news_uses_the_scenarios_masthead_and_outlets() -> None:
    spec = load_scenario(ROOT / "docs" / "examples" / "game-voices-2024")
    assert [masthead(spec, n) for n in range(4)] == [
        "THE PLAYER'S PRESS",
        "GAME INDUSTRY WEEKLY",
        "THE PIXEL LEDGER",
        "THE PLAYER'S PRESS",
    ]
    assert masthead(load_scenario("wga-2023"), 5) == "THE HOLLYWOOD LEDGER"
