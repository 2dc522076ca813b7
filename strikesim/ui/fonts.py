"""Checking the theme's font files before the game uses them.

A damaged font file opens without complaint in pygame but fails (or crashes the process)
the first time text is measured, so each file is measured once at start-up; one that fails
is replaced by pygame's own default font and the player is told.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame

from strikesim.ui.theme import Theme


def default_font() -> Path:
    """The font file that ships inside pygame-ce."""
    return Path(pygame.__file__).parent / pygame.font.get_default_font()


def _usable(path: Path) -> bool:
    try:
        font = pygame.font.Font(path, 16)
        return font.size("Ag")[0] > 0 and font.render("Ag", True, (0, 0, 0)).get_width() > 0
    except (pygame.error, OSError, ValueError):
        return False


def usable_fonts(theme: Theme) -> tuple[Theme, str | None]:
    """``theme`` with every unusable font file replaced by pygame's default font, and a
    notice naming the files replaced (``None`` when all were fine)."""
    broken = sorted({p for p in theme.font_files.values() if not _usable(p)})
    if not broken:
        return theme, None
    fallback = default_font()
    fonts = {k: (fallback if p in broken else p) for k, p in theme.font_files.items()}
    names = ", ".join(p.name for p in broken)
    notice = f"Font file {names} could not be used; showing a plain font instead."
    return replace(theme, font_files=fonts), notice
