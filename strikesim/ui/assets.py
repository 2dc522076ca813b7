"""Paths of shipped assets (fonts, theme, key bindings) and reading their JSON files.

The folder itself is found by the one shared lookup,
:func:`strikesim.scenario.resources.resource_path`, which works from a checkout
and from an installed wheel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def read_json_object(
    path: Path, error: type[Exception], *, file_name: str, subject: str
) -> dict[str, Any]:
    """The JSON object in ``path``, or ``error`` saying why not.

    ``file_name`` names the file in "cannot read ..." (e.g. "theme file"), ``subject`` what
    must be an object (e.g. "the theme").
    """
    from strikesim.files import FileProblem, load_json

    try:
        data = load_json(path, 1024 * 1024)
    except FileProblem as exc:
        raise error(f"cannot read {file_name} {path}: {exc.reason}") from None
    if not isinstance(data, dict):
        raise error(f"{path}: {subject} must be a JSON object")
    return data
