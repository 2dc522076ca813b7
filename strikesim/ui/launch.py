"""Starting the game window: the title screen, or straight into a scenario's briefing.

:func:`start` is what the ``strikesim`` and ``strikesim play`` commands call. It registers
the routes the title and pause menus use (``new_game``, ``continue_game``, ``load_game``)
and opens the window (:func:`strikesim.ui.app.run`). "Continue" loads the newest save that
can be read, or says why there is none.
"""

from __future__ import annotations

from pathlib import Path

from strikesim.engine.spec import GameSpec
from strikesim.errors import UserInputError
from strikesim.records import Seat
from strikesim.ui.context import ScreenFactory, UIContext
from strikesim.ui.screen import Screen


def game_routes() -> dict[str, ScreenFactory]:
    """The screens the title and pause menus open by name."""
    from strikesim.ui.screens.choose_scenario import ChooseScenarioScreen
    from strikesim.ui.screens.load_game import LoadGameScreen, continue_game

    return {
        "new_game": ChooseScenarioScreen,
        "continue_game": continue_game,
        "load_game": LoadGameScreen,
    }


def side_index(side: int | str) -> int:
    """0 (union) or 1 (studio) from an index or a side name."""
    if side in (0, 1):
        return int(side)
    if side in ("union", "studio"):
        return 0 if side == "union" else 1
    raise UserInputError(f"side must be 'union' or 'studio', got {side!r}")


def briefing_factory(
    spec: GameSpec, side: int | str = 0, difficulty: str = "normal", seed: int = 0
) -> ScreenFactory:
    """A factory for the briefing of ``spec`` against its default opponent (``play``)."""
    from strikesim.ui.screens.briefing import BriefingScreen

    s = side_index(side)
    ai = Seat("ai", spec.default_negotiators[1 - s], difficulty)
    seats = (Seat("human"), ai) if s == 0 else (ai, Seat("human"))

    def make(ctx: UIContext) -> Screen:
        return BriefingScreen(ctx, spec, s, seats, seed, can_go_back=False)

    return make


def start(
    spec: GameSpec | None = None,
    side: int | str = 0,
    difficulty: str = "normal",
    seed: int = 0,
    *,
    settings_file: Path | None = None,
    size: tuple[int, int] | None = None,
    max_frames: int | None = None,
) -> int:
    """Open the game: the title screen, or with ``spec`` the briefing of that scenario.

    ``side`` is 0/"union" or 1/"studio"; the opponent is the scenario's default negotiator
    for the other side at ``difficulty``. Returns the exit code.
    """
    from strikesim.scenario.roots import ensure_user_mods_dir
    from strikesim.ui.app import run

    ensure_user_mods_dir()  # first run: the folder Settings points modders to
    first = briefing_factory(spec, side, difficulty, seed) if spec is not None else None
    return run(
        first, routes=game_routes(), settings_file=settings_file, size=size, max_frames=max_frames
    )
