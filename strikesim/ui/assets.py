"""Paths of shipped assets (fonts, theme, key bindings).

The folder itself is found by the one shared lookup,
:func:`strikesim.scenario.resources.resource_path`, which works from a checkout
and from an installed wheel.
"""

from __future__ import annotations

from pathlib import Path

from strikesim.scenario.resources import resource_path


def assets_dir() -> Path:
    """The folder holding fonts, ``theme.json`` and ``keymap.json``."""
    return resource_path("assets")


def asset_path(*parts: str) -> Path:
    """Path of one shipped asset, e.g. ``asset_path("fonts", "Inter-Regular.otf")``."""
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing game asset: {path}; reinstall StrikeSim")
    return path
