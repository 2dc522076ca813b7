"""Test-wide settings: headless SDL, and a tmp user-data folder so tests never touch real saves."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(autouse=True)
def _private_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own user data folder (saves, mods) and no STRIKESIM_MODS."""
    if "STRIKESIM_DATA_DIR" not in os.environ:
        monkeypatch.setenv("STRIKESIM_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    monkeypatch.delenv("STRIKESIM_MODS", raising=False)
