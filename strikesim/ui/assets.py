"""Locating the shipped ``assets/`` folder from a checkout or from an installed wheel.

The wheel maps ``assets/`` to ``strikesim/assets`` (pyproject ``force-include``); a checkout
keeps it beside the package. Both are tried, in that order.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    """The folder holding fonts, ``theme.json`` and ``keymap.json``."""
    for candidate in (_PACKAGE_DIR / "assets", _PACKAGE_DIR.parent / "assets"):
        if (candidate / "theme.json").is_file():
            return candidate
    raise FileNotFoundError(
        "StrikeSim's assets folder (fonts, theme.json, keymap.json) was not found next to "
        f"the package at {_PACKAGE_DIR}; reinstall the game."
    )


def asset_path(*parts: str) -> Path:
    """Path of one shipped asset, e.g. ``asset_path("fonts", "Inter-Regular.otf")``."""
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing game asset: {path}")
    return path
