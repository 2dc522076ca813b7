"""Entering a game from the pre-game and load screens, and the data folder for briefs.

The in-game screens live in :mod:`strikesim.ui.screens.game`, which exports
``game_screen(ctx, session)``. Screens here reach it only through :func:`enter_game`, which
empties the stack (the game becomes the only screen; quitting it returns to the title) or,
if the game screens are missing from this build, explains that instead of crashing.
"""

from __future__ import annotations

from pathlib import Path

from strikesim.session import Session
from strikesim.ui.context import UIContext
from strikesim.ui.transitions import Reset, Transition


def enter_game(ctx: UIContext, session: Session, *, guide: bool = False) -> Transition:
    """Show ``session`` on the negotiation table as the only screen (``guide``: a new game,
    which offers the first-game guide until the player has seen it)."""
    from strikesim.ui.screens.game import game_screen  # (the table's package imports this one)

    return Reset(game_screen(ctx, session, guide=True) if guide else game_screen(ctx, session))


def data_dir() -> Path:
    """The user's StrikeSim data folder (the parent of the saves folder)."""
    from strikesim.saves import saves_dir

    return saves_dir().parent
