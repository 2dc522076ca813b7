"""The screenshot tour writes one PNG per screen, in a data folder of its own."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from strikesim.ui.tour import SHOTS, take_screenshots

SHORT = (
    "title", "scenario", "side", "briefing", "table", "pause", "save", "load", "confirm",
    "side_hot_seat", "briefing_hot_seat", "handover", "private_brief",
)  # fmt: skip


def test_short_tour_writes_one_png_per_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "data"
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(mine))
    out = tmp_path / "shots"
    paths = take_screenshots(out, (1280, 720), scenario="classroom-quick", only=SHORT)
    names = [p.stem.split("-", 1)[1].rsplit("-", 1)[0] for p in paths]
    assert names == list(SHORT)
    for path in paths:
        assert path.parent == out and path.name.endswith("-1280x720.png")
        image = pygame.image.load(str(path))
        assert image.get_size() == (1280, 720)
        # a real picture, not an empty frame: many distinct colours
        colours = {image.get_at((x, y))[:3] for x in range(0, 1280, 37) for y in range(0, 720, 23)}
        assert len(colours) > 8, path.name
    assert os.environ["STRIKESIM_DATA_DIR"] == str(mine)
    assert not mine.exists(), "the tour must not write into the player's data folder"


def test_unknown_shot_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown shots"):
        take_screenshots(tmp_path, (1280, 720), only=("title", "lobby"))
    assert "debrief" in SHOTS
