"""Screen transitions: what a screen returns to change the screen stack.

Screens never call each other or the app. Their event and update handlers return one of
these values (or ``None`` for "stay"), and :class:`strikesim.ui.stack.ScreenStack` applies it.
Data travels forward inside the new screen and comes back as the ``result`` of a :class:`Pop`,
delivered to the ``on_result`` callback given with the :class:`Push` that opened the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from strikesim.ui.screen import Screen
    from strikesim.ui.settings import Settings


@dataclass(frozen=True)
class Push:
    """Open ``screen`` on top of the current one.

    ``on_result`` receives the ``result`` of the :class:`Pop` that later closes ``screen`` and
    may return a follow-up transition (for example, a confirmation dialog answering ``True``
    leads to ``Reset(TitleScreen(...))``).
    """

    screen: Screen
    on_result: Callable[[Any], Transition | None] | None = None


@dataclass(frozen=True)
class Pop:
    """Close the top screen, handing ``result`` to whoever pushed it."""

    result: Any = None


@dataclass(frozen=True)
class Replace:
    """Swap the top screen for ``screen`` (the pusher's ``on_result`` is kept for it)."""

    screen: Screen


@dataclass(frozen=True)
class Reset:
    """Empty the stack and show ``screen`` alone (e.g. "quit to title")."""

    screen: Screen


@dataclass(frozen=True)
class Quit:
    """Leave the game."""


@dataclass(frozen=True)
class ChangeSettings:
    """Apply and persist new settings (window size, full screen, scale, palette, motion)."""

    settings: Settings


Transition: TypeAlias = Push | Pop | Replace | Reset | Quit | ChangeSettings
"""Everything a screen may return from ``handle_event`` or ``update``."""

__all__ = ["ChangeSettings", "Pop", "Push", "Quit", "Replace", "Reset", "Transition"]
