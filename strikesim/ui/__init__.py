"""The pygame front end: app loop, screen stack, screens, widgets, charts and theme.

This is the only package that imports pygame. Importing it has no side effects beyond
hiding pygame's start-up banner; the window and fonts are created inside :func:`run`.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

__all__ = ["run"]


def run(*args: object, **kwargs: object) -> int:
    """Open the game window (see :func:`strikesim.ui.app.run`)."""
    from strikesim.ui.app import run as _run

    return _run(*args, **kwargs)  # type: ignore[arg-type]
