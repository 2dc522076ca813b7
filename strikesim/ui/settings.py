"""Player settings saved between runs as JSON in the platform's user config folder.

Writes are atomic (temporary file in the same folder, fsync, ``os.replace``), so a crash
mid-write leaves the previous file intact. A missing file gives the defaults silently; an
unreadable or invalid one gives the defaults (or keeps the valid fields) plus a message for
the player, never an exception.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

SETTINGS_VERSION = 1
MIN_WINDOW = (960, 540)
MAX_WINDOW = (7680, 4320)
UI_SCALES = (0.75, 0.85, 1.0, 1.15, 1.3, 1.5, 1.75)
WINDOW_SIZES = ((1280, 720), (1600, 900), (1920, 1080), (2560, 1440))
MAX_FOLDER = 1024
"""Longest class folder path kept."""


@dataclass(frozen=True)
class Settings:
    """What the player can change. ``window_size`` is the windowed size in pixels."""

    window_size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    ui_scale: float = 1.0
    colourblind_palette: bool = False
    reduced_motion: bool = False
    confirm_moves: bool = True
    """Ask before Accept and Walk out (with the members' forecast) and before quitting a
    game; off for quick play."""
    guide_seen: bool = False
    """The first-game guide has been shown (Settings can show it again)."""
    class_folder: str = ""
    """A folder (e.g. on a shared drive) that receives every finished game's run record;
    "" for none. Set in the Classroom screen."""

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def settings_path() -> Path:
    """``<user config dir>/strikesim/settings.json``."""
    return platformdirs.user_config_path("strikesim", appauthor=False) / "settings.json"


def _validated(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from a parsed file; each bad field falls back to its default with a problem."""
    defaults = Settings()
    problems: list[str] = []
    fields: dict[str, Any] = {}
    size = data.get("window_size", list(defaults.window_size))
    if (
        isinstance(size, list)
        and len(size) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in size)
        and MIN_WINDOW[0] <= size[0] <= MAX_WINDOW[0]
        and MIN_WINDOW[1] <= size[1] <= MAX_WINDOW[1]
    ):
        fields["window_size"] = (size[0], size[1])
    else:
        problems.append(f"window_size {size!r} is not a size between 960x540 and 7680x4320")
    for name in (
        "fullscreen",
        "colourblind_palette",
        "reduced_motion",
        "confirm_moves",
        "guide_seen",
    ):
        value = data.get(name, getattr(defaults, name))
        if isinstance(value, bool):
            fields[name] = value
        else:
            problems.append(f"{name} {value!r} is not true/false")
    folder = data.get("class_folder", defaults.class_folder)
    if isinstance(folder, str) and len(folder) <= MAX_FOLDER and "\x00" not in folder:
        fields["class_folder"] = folder
    else:
        problems.append("class_folder is not a folder path")
    scale = data.get("ui_scale", defaults.ui_scale)
    if isinstance(scale, int | float) and not isinstance(scale, bool) and 0.5 <= scale <= 2.5:
        fields["ui_scale"] = float(scale)
    else:
        problems.append(f"ui_scale {scale!r} is not a number between 0.5 and 2.5")
    return replace(defaults, **fields), problems


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Read settings; returns ``(settings, message)`` where ``message`` explains any fallback."""
    path = path or settings_path()
    from strikesim.files import FileProblem, parse_json, read_capped

    try:
        raw = read_capped(path, 64 * 1024)
    except FileProblem as exc:
        if exc.reason == "no such file":
            return Settings(), None
        return Settings(), f"Could not read settings ({exc.reason}); using defaults."
    try:
        data = parse_json(raw)
    except ValueError as exc:
        return Settings(), f"The settings file {path} is damaged ({exc}); using default settings."
    if not isinstance(data, dict):
        return Settings(), f"The settings file {path} is not a JSON object; using default settings."
    settings, problems = _validated(data)
    if problems:
        return settings, "Some settings were invalid and were reset: " + "; ".join(problems) + "."
    return settings, None


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically (raises ``OSError`` if the folder is not writable)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": SETTINGS_VERSION, **asdict(settings)}
    data["window_size"] = list(settings.window_size)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
