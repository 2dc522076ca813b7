"""The pygame_gui theme, generated from ``theme.json`` so both look systems agree.

pygame_gui widgets (used for long scrolling rich text) take their colours, fonts, corner
radii and padding from this dictionary; nothing is left at pygame_gui's default grey.
``assets/gui_theme.json`` is this output for the standard palette at scale 1 (paths relative
to ``assets/``), kept for modders; a test checks it matches. Regenerate it with
``python -m strikesim.ui.gui_theme``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pygame_gui

from strikesim.ui.context import UIContext
from strikesim.ui.theme import RGBA, Palette, Theme


def _hex(c: RGBA) -> str:
    return (
        "#{:02X}{:02X}{:02X}".format(*c[:3])
        if c[3] == 255
        else "#{:02X}{:02X}{:02X}{:02X}".format(*c)
    )


def _font(theme: Theme, size: int, base: Path | None) -> dict[str, str]:
    def path(key: str) -> str:
        p = theme.font_files[key]
        return str(p.relative_to(base)) if base is not None else str(p)

    return {
        "name": "inter",
        "size": str(size),
        "regular_path": path("body"),
        "bold_path": path("body_bold"),
        "italic_path": path("body"),
        "bold_italic_path": path("body_bold"),
    }


def gui_theme(
    theme: Theme, palette: Palette, scale: float = 1.0, base: Path | None = None
) -> dict[str, Any]:
    """pygame_gui theme data for ``palette`` at UI ``scale``; font paths absolute unless
    ``base`` is given (then relative to it)."""
    p = palette
    body = max(8, round(theme.type_scale["body"].size * scale))
    radius = str(max(1, round(theme.radius["md"] * scale)))
    colours = {
        "normal_bg": _hex(p["surface"]),
        "hovered_bg": _hex(p["surface_hover"]),
        "disabled_bg": _hex(p["surface"]),
        "selected_bg": _hex(p["surface_pressed"]),
        "active_bg": _hex(p["surface_pressed"]),
        "dark_bg": _hex(p["surface"]),
        "normal_text": _hex(p["text"]),
        "hovered_text": _hex(p["gold_bright"]),
        "selected_text": _hex(p["gold"]),
        "disabled_text": _hex(p["text_disabled"]),
        "active_text": _hex(p["gold"]),
        "normal_border": _hex(p["border"]),
        "hovered_border": _hex(p["border_strong"]),
        "disabled_border": _hex(p["border"]),
        "selected_border": _hex(p["gold"]),
        "active_border": _hex(p["gold"]),
        "link_text": _hex(p["union_text"]),
        "link_hover": _hex(p["gold_bright"]),
        "link_selected": _hex(p["gold"]),
        "text_cursor": _hex(p["gold"]),
        "filled_bar": _hex(p["gold"]),
        "unfilled_bar": _hex(p["surface_alt"]),
    }
    pad = max(1, round(theme.spacing["lg"] * scale))
    return {
        "defaults": {
            "colours": colours,
            "font": _font(theme, body, base),
            "misc": {
                "shape": "rounded_rectangle",
                "shape_corner_radius": radius,
                "border_width": "1",
                "shadow_width": "0",
            },
        },
        "text_box": {
            "colours": {"dark_bg": _hex(p["surface"]), "normal_border": _hex(p["border"])},
            "font": _font(theme, body, base),
            "misc": {"padding": f"{pad},{pad}", "border_width": "1", "shadow_width": "0"},
        },
        "vertical_scroll_bar": {
            "colours": {
                "dark_bg": _hex(p["surface"]),
                "normal_bg": _hex(p["border_strong"]),
                "hovered_bg": _hex(p["gold_dim"]),
            },
            "misc": {
                "shape": "rounded_rectangle",
                "shape_corner_radius": "3",
                "border_width": "0",
                "shadow_width": "0",
            },
        },
        "vertical_scroll_bar.button": {
            "colours": {
                "normal_bg": _hex(p["surface_alt"]),
                "hovered_bg": _hex(p["surface_hover"]),
                "normal_text": _hex(p["text_muted"]),
            },
            "misc": {"border_width": "0", "shadow_width": "0"},
        },
    }


def make_manager(ctx: UIContext) -> pygame_gui.UIManager:
    """A pygame_gui manager for the window, themed for the current palette and scale, with
    the bold/italic faces pygame_gui's rich text needs already loaded."""
    theme = gui_theme(ctx.theme, ctx.palette, ctx.scale)
    manager = pygame_gui.UIManager(ctx.size, theme, enable_live_theme_updates=False)
    size = int(theme["text_box"]["font"]["size"])
    manager.preload_fonts(
        [
            {"name": "inter", "point_size": size, "style": style, "antialiased": "1"}
            for style in ("bold", "italic", "bold_italic")
        ]
    )
    return manager


def main() -> int:
    from strikesim.ui.assets import assets_dir
    from strikesim.ui.theme import load_theme

    theme = load_theme()
    base = assets_dir()
    data = gui_theme(theme, theme.palette(False), 1.0, base)
    out = base / "gui_theme.json"
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
