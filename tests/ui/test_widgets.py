"""Widgets: value handling, keyboard actions, robustness to odd data and events."""

from __future__ import annotations

import itertools
import math

import pygame
import pytest

from strikesim.ui.audit import AUDIT
from strikesim.ui.context import UIContext
from strikesim.ui.draw import ellipsize, wrap_text
from strikesim.ui.widgets.button import Button
from strikesim.ui.widgets.chart import LineChart, Series
from strikesim.ui.widgets.chart_axes import nice_range
from strikesim.ui.widgets.option_picker import OptionPicker
from strikesim.ui.widgets.slider import Slider
from strikesim.ui.widgets.text_block import TextBlock
from strikesim.ui.widgets.utility_plot import PlaneMarker, UtilityPlot
from strikesim.units import compact


def surface(ctx: UIContext) -> pygame.Surface:
    return pygame.Surface(ctx.size)


def test_slider_snaps_clamps_and_reports(ctx: UIContext) -> None:
    seen: list[float] = []
    s = Slider(ctx, "Raise", 6, 18, 11.6, step=1, on_change=seen.append)
    assert s.value == 12
    s.handle_action("increase")
    s.handle_action("increase_big")
    assert s.value == 14 and seen == [13, 14]
    s.set_value(99)
    assert s.value == 18
    s.set_value(float("nan"))
    assert s.value == 6
    s.rect = pygame.Rect(100, 100, 400, s.preferred_height())
    track = s.track_rect()
    s.handle_event(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(track.right, track.centery), button=1)
    )
    assert s.value == 18
    with pytest.raises(ValueError, match="min < max"):
        Slider(ctx, "Bad", 5, 5, 5)


def test_fractional_steps_do_not_drift(ctx: UIContext) -> None:
    s = Slider(ctx, "Bonus", 0, 1, 0, step=0.1)
    for _ in range(7):
        s.handle_action("increase")
    assert s.value == 0.7


def test_option_picker_steps_and_clicks(ctx: UIContext) -> None:
    seen: list[int] = []
    p = OptionPicker(ctx, "AI", ["a", "b", "c", "d"], 1, on_change=seen.append)
    p.handle_action("decrease")
    p.handle_action("decrease")  # already at the first option: no change reported
    assert p.index == 0 and seen == [0]
    p.rect = pygame.Rect(0, 0, 400, p.preferred_height())
    third = p.segment_rects()[2]
    p.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=third.center, button=1))
    assert p.index == 2


def test_disabled_button_ignores_presses(ctx: UIContext) -> None:
    pressed: list[int] = []
    b = Button(ctx, "Go", lambda: pressed.append(1), enabled=False)
    b.rect = pygame.Rect(0, 0, 100, 40)
    b.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1))
    b.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(5, 5), button=1))
    assert b.handle_action("activate") is False and pressed == []


def test_button_click_needs_press_and_release_inside(ctx: UIContext) -> None:
    pressed: list[int] = []
    b = Button(ctx, "Go", lambda: pressed.append(1))
    b.rect = pygame.Rect(0, 0, 100, 40)
    b.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1))
    b.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(500, 5), button=1))
    assert pressed == []
    b.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1))
    b.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(6, 6), button=1))
    assert pressed == [1]


def test_nice_ranges_and_compact_numbers() -> None:
    lo, hi, ticks = nice_range(0.03, 0.97)
    assert lo <= 0.03 and hi >= 0.97 and ticks[0] == lo and ticks[-1] == hi
    assert all(math.isclose(b - a, ticks[1] - ticks[0]) for a, b in itertools.pairwise(ticks))
    assert nice_range(5, 5)[0] < 5 < nice_range(5, 5)[1]
    assert compact(20, "$M") == "$20M" and compact(5.5, "$M") == "$5.5M"
    assert compact(0.62, "share") == "62%" and compact(float("nan")) == "—"
    assert compact(12500) == "12k"


def test_chart_survives_gaps_and_hover(ctx: UIContext) -> None:
    xs = list(range(10))
    ys = [1.0, 2.0, float("nan"), 4.0, float("inf"), 5, 6, 7, 8, 9]
    band = ([y - 1 for y in range(10)], [y + 1 for y in range(10)])
    c = LineChart(
        ctx,
        xs,
        [Series("a", "A", ys, "union", band=band)],
        title="T",
        y_unit="$M",
        explain=lambda sid, i: [f"{sid} at {i}"],
    )
    c.rect = pygame.Rect(0, 0, 600, 300)
    surf = surface(ctx)
    c.draw(surf)
    plot = c.plot_rect()
    assert c.handle_event(
        pygame.event.Event(pygame.MOUSEMOTION, pos=plot.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    assert c.cursor is not None
    c.draw(surf)
    c.set_data([0, 1], [Series("a", "A", [1.0, 2.0])])
    c.draw(surf)
    with pytest.raises(ValueError, match="2 values for 3"):
        c.set_data([0, 1, 2], [Series("a", "A", [1.0, 2.0])])
    empty = LineChart(ctx, [], [])
    empty.rect = pygame.Rect(0, 0, 600, 300)
    empty.draw(surf)
    empty.handle_action("increase")


def test_utility_plot_hover_finds_marker(ctx: UIContext) -> None:
    p = UtilityPlot(ctx, frontier=[(0, 1), (1, 0)], markers=[PlaneMarker((0.5, 0.5), "Nash")])
    p.rect = pygame.Rect(0, 0, 500, 500)
    p.draw(surface(ctx))
    x, y = p.to_screen((0.5, 0.5))
    p.handle_event(
        pygame.event.Event(pygame.MOUSEMOTION, pos=(x + 2, y), rel=(0, 0), buttons=(0, 0, 0))
    )
    assert p.hover is not None and p.hover[0] == "Nash"
    p.draw(surface(ctx))


def test_wrapping_and_scrolling_text(ctx: UIContext) -> None:
    font = ctx.font("body")
    lines = wrap_text(font, "one two three four five six seven eight nine ten\n\nnext", 120)
    assert all(font.size(line)[0] <= 120 for line in lines) and "" in lines
    assert font.size(ellipsize(font, "x" * 200, 80))[0] <= 80
    t = TextBlock(ctx, "word " * 400)
    t.rect = pygame.Rect(0, 0, 300, 100)
    assert t.focusable and t.overflow > 0
    t.handle_action("increase_big")
    assert t.scroll > 0
    t.draw(surface(ctx))


EXTREMES = (0.0, 5e-324, 1e16, 1e46, -1e46, 1e300, 1.7e308, -1.7e308)


@pytest.mark.parametrize("unit", ["", "$M", "%"])
def test_chart_draws_extreme_values_within_its_box(ctx: UIContext, unit: str) -> None:
    surf = surface(ctx)
    for a in EXTREMES:
        for b in EXTREMES:
            c = LineChart(
                ctx,
                [0, 1],
                [
                    Series("a", "A", [a, b], band=([a, b], [b, a])),
                    Series("b", "B", [b, a], dashed=True),
                ],
                y_unit=unit,
            )
            c.rect = pygame.Rect(0, 0, 600, 300)
            c.draw(surf)
            plot = c.plot_rect()
            c.handle_event(
                pygame.event.Event(
                    pygame.MOUSEMOTION, pos=plot.center, rel=(0, 0), buttons=(0, 0, 0)
                )
            )
            c.draw(surf)
            ylo, yhi, ticks = c._y_bounds()
            assert ylo < yhi and len(ticks) >= 2
            for y in (a, b):
                _sx, sy = c.to_screen(plot, 1, y, ylo, yhi)
                assert plot.y - plot.height <= sy <= plot.bottom + plot.height


def test_compact_keeps_huge_numbers_short() -> None:
    assert compact(1.5e40) == "1.5e40"
    assert compact(-2.3e17, "$M") == "-$2.3e17M"
    assert compact(1.2e12) == "1.2T"
    assert all(len(compact(v)) <= 8 for v in EXTREMES)


def test_a_focused_card_lifts_to_show_its_whole_summary(ctx: UIContext) -> None:
    from strikesim.ui.widgets.card import Card, CardInfo

    info = CardInfo("Title", "word " * 120, eyebrow="EYEBROW", chips=("EASY",))
    card = Card(ctx, info, lambda: None)
    card.rect = pygame.Rect(100, 100, 380, 250)
    bounds = pygame.Rect(0, 80, 1280, 560)
    assert card.lifted_rect(bounds) is None, "only an active card lifts"
    card.focused = True
    lifted = card.lifted_rect(bounds)
    assert lifted is not None and lifted.height == card.full_height() > card.rect.height
    assert bounds.contains(lifted) and lifted.x == card.rect.x
    AUDIT.reset()
    AUDIT.enabled = True
    try:
        card.rect = lifted
        card.draw(surface(ctx))
        assert AUDIT.elisions == [], "the lifted card shows its summary whole"
    finally:
        AUDIT.enabled = False
        AUDIT.reset()
    card.rect = pygame.Rect(100, 100, 380, 1000)
    assert card.lifted_rect(bounds) is None, "a card that fits stays as it is"


def test_a_meter_label_steps_down_then_wraps_but_is_never_cut(ctx: UIContext) -> None:
    from strikesim.ui.widgets.meter import Meter

    m = Meter(ctx, "Members' ratification sentiment (yes share) " * 2, 0.4)
    one_line = Meter(ctx, "Short", 0.4).preferred_height(300)
    assert m.preferred_height(300) > one_line
    m.rect = pygame.Rect(0, 0, 300, m.preferred_height(300))
    AUDIT.reset()
    AUDIT.enabled = True
    try:
        m.draw(surface(ctx))
        assert AUDIT.elisions == []
    finally:
        AUDIT.enabled = False
