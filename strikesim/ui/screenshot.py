"""Render screens headless to PNG files, for reviewing the look at real window sizes.

``render(factories, size, path)`` opens a hidden (dummy-driver) window of ``size``, shows the
first screen, pushes the rest (e.g. a dialog over the title), lets fades finish, optionally
replays synthetic events, and saves the frame. ``python -m strikesim.ui.screenshot --out DIR``
writes every foundation screen at 1280×720 and 1920×1080.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from strikesim.ui.context import ScreenFactory

SIZES = ((1280, 720), (1920, 1080))


def render(
    factories: Sequence[ScreenFactory],
    size: tuple[int, int],
    path: Path,
    *,
    events: Iterable[object] = (),
    settings: Mapping[str, object] | None = None,
) -> Path:
    """Save a PNG of ``factories[-1]`` over ``factories[:-1]`` at ``size`` to ``path``."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from strikesim.ui.app import create_app
    from strikesim.ui.transitions import ChangeSettings, Push

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(factories[0], size=size, settings_file=Path(tmp) / "settings.json")
        if settings:
            app.apply(ChangeSettings(app.ctx.settings.with_changes(**settings)))
        for factory in factories[1:]:
            app.apply(Push(factory(app.ctx)))
        for event in events:
            app.handle(event)  # type: ignore[arg-type]
        for _ in range(3):
            app.step([], 1000.0)
        app.draw()
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.window, str(path))
    return path


def foundation_shots() -> dict[str, list[ScreenFactory]]:
    """Name -> screen stack for every screen built on the foundation."""
    from strikesim.ui.screens.dialog import confirm
    from strikesim.ui.screens.gallery import GalleryScreen
    from strikesim.ui.screens.pause import PauseMenu
    from strikesim.ui.screens.settings_screen import SettingsScreen
    from strikesim.ui.screens.title import TitleScreen

    return {
        "title": [TitleScreen],
        "settings": [TitleScreen, SettingsScreen],
        "dialog": [
            TitleScreen,
            lambda c: confirm(
                c,
                "Leave StrikeSim?",
                "The picket line will still be here tomorrow.",
                yes="Quit",
                danger=True,
            ),
        ],
        "pause": [GalleryScreen, PauseMenu],
        "gallery": [GalleryScreen],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save PNG screenshots of the StrikeSim screens.")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    args = parser.parse_args(argv)
    for name, stack in foundation_shots().items():
        for w, h in SIZES:
            out = render(stack, (w, h), args.out / f"{name}-{w}x{h}.png")
            print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
