"""Colour for everyone: text contrast over the whole theme, and chart colours that stay
apart under protanopia, deuteranopia and tritanopia, in both palettes."""

from __future__ import annotations

import itertools

import pytest

from strikesim.ui.colour_check import contrast, distance, simulate
from strikesim.ui.context import UIContext
from strikesim.ui.screens.game.projection import CASES
from strikesim.ui.settings import Settings
from strikesim.ui.theme import Palette, load_theme
from strikesim.ui.widgets.chart_style import DASHES, MARKERS, label_colour

TEXT = (
    "text", "text_muted", "text_faint", "text_disabled", "gold", "gold_bright", "union_text",
    "studio_text", "positive", "negative", "warning", "neutral", "focus",
)  # fmt: skip
"""Palette colours used for text of any size."""
LARGE_TEXT = ("union", "studio")
"""Colours used only for large text (the preview's big percentage) and lines."""
GROUNDS = ("bg_top", "bg_bottom", "surface", "surface_alt")
KINDS = (None, "protan", "deutan", "tritan")
MIN_DELTA_E = 15.0
"""Smallest CIE76 difference between two series drawn together, for every kind of vision
(lines also differ by dash and marker, so this is a floor, not the only cue)."""
PALETTES = [load_theme().palette(False), load_theme().palette(True)]


def _named(p: Palette, name: str) -> tuple[int, ...]:
    return p.series[int(name[7:])] if name.startswith("series:") else p[name]


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_all_text_reads_at_4_5_to_1_and_large_text_at_3_to_1(palette: Palette) -> None:
    low = [
        (fg, bg, round(contrast(palette[fg], palette[bg]), 2))
        for fg in TEXT
        for bg in GROUNDS
        if contrast(palette[fg], palette[bg]) < 4.5
    ]
    low += [
        (fg, bg, round(contrast(palette[fg], palette[bg]), 2))
        for fg in LARGE_TEXT
        for bg in GROUNDS
        if contrast(palette[fg], palette[bg]) < 3.0
    ]
    for fg, bg in (("ink", "paper"), ("ink_muted", "paper"), ("on_gold", "gold")):
        if contrast(palette[fg], palette[bg]) < 4.5:
            low.append((fg, bg, round(contrast(palette[fg], palette[bg]), 2)))
    assert not low, f"text below its contrast minimum: {low}"


@pytest.mark.parametrize("colourblind", [False, True])
def test_series_names_are_drawn_readable(ctx: UIContext, colourblind: bool) -> None:
    ctx.configure(Settings(colourblind_palette=colourblind), ctx.size)
    for i in range(len(ctx.palette.series)):
        for ground in GROUNDS:
            assert contrast(label_colour(ctx, f"series:{i}"), ctx.colour(ground)) >= 4.5


def _sets(p: Palette) -> dict[str, list[tuple[str, tuple[int, ...]]]]:
    """The colours drawn together: the projection's cases, a dashboard chart's four
    lines, and the two sides."""
    return {
        "projection": [(label, _named(p, colour)) for _id, label, colour, _d in CASES],
        "dashboard": [(f"series:{i}", p.series[i]) for i in range(2, 6)],
        "sides": [("union", p["union"]), ("studio", p["studio"])],
    }


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_chart_colours_stay_apart_for_every_kind_of_colour_vision(palette: Palette) -> None:
    close = []
    for name, colours in _sets(palette).items():
        for (a, ca), (b, cb) in itertools.combinations(colours, 2):
            for kind in KINDS:
                d = distance(ca, cb, kind)
                if d < MIN_DELTA_E:
                    close.append((name, a, b, kind or "normal", round(d, 1)))
    assert not close, f"colours too close: {close}"


def test_the_checks_can_fail() -> None:
    # red and green, told apart by normal vision, merge for a deuteranope
    red, green = (200, 60, 40), (90, 130, 40)
    assert distance(red, green) > MIN_DELTA_E > distance(red, green, "deutan")
    assert simulate((255, 255, 255), "tritan") == (255, 255, 255)
    assert contrast((0x6C, 0x78, 0x92), (0x1A, 0x24, 0x36)) < 4.5  # the old faint text
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)


def test_series_differ_by_dash_and_marker_too() -> None:
    styles = {(DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)]) for i in range(8)}
    assert len(styles) == 8 and len(set(MARKERS)) == len(MARKERS)
