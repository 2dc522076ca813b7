"""Theme and key bindings are consistent and loadable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from strikesim.ui.context import UIContext
from strikesim.ui.keymap import KeymapError, keymap_from_data, parse_binding
from strikesim.ui.theme import load_theme


def test_theme_fonts_load_and_palettes_agree(ctx: UIContext) -> None:
    theme = load_theme()
    for path in theme.font_files.values():
        assert pygame.font.Font(path, 20).size("StrikeSim")[0] > 0
    std, cb = theme.palette(False), theme.palette(True)
    assert std.colours.keys() == cb.colours.keys()
    assert std.side("union") != std.side("studio") and cb.side("union") != cb.side("studio")
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    for pal in (std, cb):
        for side in ("union", "studio"):
            assert "#{:02X}{:02X}{:02X}".format(*pal[side][:3]) in okabe_ito


def test_bindings_distinguish_modifiers(ctx: UIContext) -> None:
    km = ctx.keymap
    tab = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0)
    shift_tab = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=pygame.KMOD_LSHIFT)
    num_lock_tab = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=pygame.KMOD_NUM)
    assert km.action(tab, "navigation") == "focus_next"
    assert km.action(shift_tab, "navigation") == "focus_prev"
    assert km.action(num_lock_tab, "navigation") == "focus_next"
    assert km.label("title", "new_game") == "N"
    assert parse_binding("ctrl+keypad +").mods == ("ctrl",)


def test_bad_bindings_are_reported(ctx: UIContext) -> None:
    with pytest.raises(KeymapError, match="unknown key 'nokey'"):
        keymap_from_data({"nav": {"go": ["nokey"]}})
    with pytest.raises(KeymapError, match="unknown modifier 'hyper'"):
        keymap_from_data({"nav": {"go": ["hyper+a"]}})


def test_importing_the_ui_starts_nothing() -> None:
    code = (
        "import pygame, strikesim.ui.app, strikesim.ui.screens.title, strikesim.ui.screenshot;"
        "print(pygame.display.get_init(), pygame.font.get_init())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_damaged_font_falls_back_to_a_plain_font_with_a_notice(
    ctx: UIContext, tmp_path: Path
) -> None:
    from dataclasses import replace

    from strikesim.ui.fonts import default_font, usable_fonts

    broken = tmp_path / "Broken.otf"
    broken.write_bytes(b"not a font")
    fonts = dict(ctx.theme.font_files)
    first = next(iter(fonts))
    fonts[first] = broken
    theme, notice = usable_fonts(replace(ctx.theme, font_files=fonts))
    assert theme.font_files[first] == default_font()
    assert notice is not None and "Broken.otf" in notice
    assert pygame.font.Font(theme.font_files[first], 16).size("Ag")[0] > 0
    assert usable_fonts(ctx.theme) == (ctx.theme, None)


def test_bad_key_bindings_are_left_out_and_named(ctx: UIContext) -> None:
    problems: list[str] = []
    keymap = keymap_from_data(
        {"nav": {"go": ["nokey", "return"], "back": "escape"}, "other": 3}, problems
    )
    assert [b.text for b in keymap.actions("nav")["go"]] == ["return"]
    assert len(problems) == 3 and "unknown key 'nokey'" in problems[0]
