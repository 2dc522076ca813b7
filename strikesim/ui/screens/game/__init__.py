"""The in-game screens: negotiation table (the hub), pressure, news, dashboard, deal and
ratification, projection and debrief.

:func:`game_screen` is the entry point used by the briefing: it wraps a
:class:`~strikesim.session.Session` in the player's view and returns the table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from strikesim.play.seat import GamePlay
from strikesim.session import Session
from strikesim.ui.context import UIContext
from strikesim.ui.screen import Screen

if TYPE_CHECKING:
    from strikesim.campaign.run import CampaignRun


def game_screen(
    ctx: UIContext,
    session: Session,
    *,
    autosave: bool = True,
    saver: Callable[[Session], object] | None = None,
    guide: bool = False,
    campaign: CampaignRun | None = None,
) -> Screen:
    """The negotiation table for ``session``, played from its human seat.

    A finished session opens on its debrief instead; a hot-seat session (both sides human)
    on the hand-over screen of the side to decide first. Each played week is autosaved
    (to the game's own file, or by ``saver`` when given; see :class:`GamePlay`), and a
    finished game's record goes to the class folder when Settings names one. ``guide``
    offers the first-game guide (a new game, until the player has seen it). ``campaign``:
    the campaign whose stage ``session`` is (its debrief leads back to the campaign).
    """
    from strikesim.ui.screens.game.debrief import DebriefScreen
    from strikesim.ui.screens.game.table import TableScreen

    folder = ctx.settings.class_folder
    play = GamePlay(
        session,
        autosave=autosave,
        saver=saver,
        class_folder=Path(folder) if folder else None,
        campaign=campaign,
    )
    if session.is_over:
        return DebriefScreen(ctx, play)
    if play.hot_seat:
        from strikesim.ui.screens.game.handover import HandoverScreen

        return HandoverScreen(ctx, play, session.waiting_for()[0])
    return TableScreen(ctx, play, guide=guide)


__all__ = ["GamePlay", "game_screen"]
