"""The look of the game as data: palette, type scale, spacing, loaded from ``assets/theme.json``.

``Theme`` is plain data (no pygame objects) so it can be loaded and checked without a window.
Colours are ``pygame.Color``-compatible RGBA tuples. Sizes in the file are pixels at the
design size (1280×720) and UI scale 1; :class:`strikesim.ui.context.UIContext` multiplies them
by the current scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strikesim.errors import ThemeError as ThemeError
from strikesim.ui.assets import asset_path, read_json_object

RGBA = tuple[int, int, int, int]
PALETTES = ("standard", "colorblind")


def parse_colour(text: str, where: str) -> RGBA:
    """``"#RRGGBB"`` or ``"#RRGGBBAA"`` -> RGBA tuple."""
    if not isinstance(text, str) or not text.startswith("#") or len(text) not in (7, 9):
        raise ThemeError(f"{where}: expected a colour like '#1A2B3C', got {text!r}")
    try:
        channels = [int(text[i : i + 2], 16) for i in range(1, len(text), 2)]
    except ValueError as exc:
        raise ThemeError(f"{where}: {text!r} is not a hex colour") from exc
    if len(channels) == 3:
        channels.append(255)
    return (channels[0], channels[1], channels[2], channels[3])


@dataclass(frozen=True)
class Palette:
    """Named colours plus an ordered list of chart series colours."""

    name: str
    colours: dict[str, RGBA]
    series: tuple[RGBA, ...]

    def __getitem__(self, key: str) -> RGBA:
        try:
            return self.colours[key]
        except KeyError:
            raise KeyError(f"palette {self.name!r} has no colour {key!r}") from None

    def side(self, side: str) -> RGBA:
        """Identity colour of ``"union"``, ``"studio"`` or ``"neutral"``."""
        return self[side if side in ("union", "studio") else "neutral"]


@dataclass(frozen=True)
class TypeStyle:
    """One step of the type scale: a font file key and a size in design pixels."""

    font: str
    size: int


@dataclass(frozen=True)
class Theme:
    """Everything in ``theme.json``; ``palette(colourblind)`` picks the active palette."""

    name: str
    design_size: tuple[int, int]
    font_files: dict[str, Path]
    type_scale: dict[str, TypeStyle]
    spacing: dict[str, int]
    radius: dict[str, int]
    line: dict[str, int]
    motion_ms: dict[str, int]
    palettes: dict[str, Palette]

    def palette(self, colourblind: bool) -> Palette:
        return self.palettes["colorblind" if colourblind else "standard"]


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ThemeError(f"theme.json: '{key}' must be a mapping")
    return value


def _ints(data: dict[str, Any], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for name, value in _section(data, key).items():
        if not isinstance(value, int) or value < 0:
            raise ThemeError(f"theme.json: {key}.{name} must be a non-negative integer")
        out[name] = value
    return out


def theme_from_data(data: dict[str, Any], base: Path) -> Theme:
    """Validate parsed ``theme.json`` data; font paths are relative to ``base``."""
    fonts: dict[str, Path] = {}
    for key, rel in _section(data, "fonts").items():
        path = base / str(rel)
        if not path.is_file():
            raise ThemeError(f"theme.json: fonts.{key}: font file {path} not found")
        fonts[key] = path
    scale: dict[str, TypeStyle] = {}
    for role, spec in _section(data, "type_scale").items():
        if not isinstance(spec, dict) or spec.get("font") not in fonts:
            raise ThemeError(f"theme.json: type_scale.{role}.font must be one of {sorted(fonts)}")
        size = spec.get("size")
        if not isinstance(size, int) or not 6 <= size <= 200:
            raise ThemeError(f"theme.json: type_scale.{role}.size must be an integer 6-200")
        scale[role] = TypeStyle(spec["font"], size)
    palettes: dict[str, Palette] = {}
    raw_palettes = _section(data, "palettes")
    for pname in PALETTES:
        raw = raw_palettes.get(pname)
        if not isinstance(raw, dict):
            raise ThemeError(f"theme.json: palettes.{pname} is missing")
        series_raw = raw.get("series", [])
        if not isinstance(series_raw, list) or len(series_raw) < 2:
            raise ThemeError(f"theme.json: palettes.{pname}.series needs at least 2 colours")
        colours = {
            k: parse_colour(v, f"palettes.{pname}.{k}") for k, v in raw.items() if k != "series"
        }
        series = tuple(
            parse_colour(c, f"palettes.{pname}.series[{i}]") for i, c in enumerate(series_raw)
        )
        palettes[pname] = Palette(pname, colours, series)
    if palettes["standard"].colours.keys() != palettes["colorblind"].colours.keys():
        missing = palettes["standard"].colours.keys() ^ palettes["colorblind"].colours.keys()
        raise ThemeError(f"theme.json: palettes disagree on colour names: {sorted(missing)}")
    design = data.get("design_size", [1280, 720])
    return Theme(
        name=str(data.get("name", "theme")),
        design_size=(int(design[0]), int(design[1])),
        font_files=fonts,
        type_scale=scale,
        spacing=_ints(data, "spacing"),
        radius=_ints(data, "radius"),
        line=_ints(data, "line"),
        motion_ms=_ints(data, "motion"),
        palettes=palettes,
    )


def load_theme(path: Path | None = None) -> Theme:
    """Load and validate ``assets/theme.json`` (or ``path``)."""
    path = path or asset_path("theme.json")
    data = read_json_object(path, ThemeError, file_name="theme file", subject="the theme")
    return theme_from_data(data, path.parent)
