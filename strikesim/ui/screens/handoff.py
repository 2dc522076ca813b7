"""Entering a game from the pre-game and load screens, and the data folder for briefs.

The in-game screens live in :mod:`strikesim.ui.screens.game`, which exports
``game_screen(ctx, session)``. Screens here reach it only through :func:`enter_game`, which
empties the stack (the game becomes the only screen; quitting it returns to the title) or,
if the game screens are missing from this build, explains that instead of crashing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from strikesim.session import Session
from strikesim.ui.context import UIContext
from strikesim.ui.transitions import Push, Reset, Transition


def game_factory() -> Callable[..., Any] | None:
    """``game_screen`` from the game package, or None when it is not available."""
    try:
        module = importlib.import_module("strikesim.ui.screens.game")
    except ImportError:
        return None
    factory = getattr(module, "game_screen", None)
    return factory if callable(factory) else None


def enter_game(ctx: UIContext, session: Session, *, guide: bool = False) -> Transition:
    """Show ``session`` on the negotiation table as the only screen (``guide``: a new game,
    which offers the first-game guide until the player has seen it)."""
    factory = game_factory()
    if factory is None:
        from strikesim.ui.screens.dialog import message

        return Push(
            message(
                ctx,
                "The table is not ready",
                "This build of StrikeSim has no negotiation table screens; "
                "play headless with 'strikesim run' instead.",
            )
        )
    return Reset(factory(ctx, session, guide=True) if guide else factory(ctx, session))


def data_dir() -> Path:
    """The user's StrikeSim data folder (the parent of the saves folder)."""
    from strikesim.saves import saves_dir

    return saves_dir().parent
