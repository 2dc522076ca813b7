"""In-game screens: they survive seeded random input, and each piece does what it shows.

The random-input test drives every in-game screen of a real wga-2023 game with seeded
random key presses, clicks, drags, wheel turns, resizes and malformed events; weeks are
played, offers sent, screens opened and closed as the keys fall. Whenever the screen under
test is no longer on the stack (the game moved on to another screen) a fresh one is built.

Each screen gets 12,000 events rather than 20,000: key presses play real weeks through the
engine and the AI, so 20,000 took 7–11 s per screen on a quiet two-core machine, and there
are nine screens; 12,000 keeps each near 5 s.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from strikesim.engine import Move, Phase
from strikesim.play.seat import GamePlay
from strikesim.ui.screen import Screen
from strikesim.ui.screens.game.dashboard import DashboardScreen
from strikesim.ui.screens.game.deal import DealScreen
from strikesim.ui.screens.game.debrief import DebriefScreen
from strikesim.ui.screens.game.goals import GoalsScreen
from strikesim.ui.screens.game.news import NewsScreen
from strikesim.ui.screens.game.pressure import PressureScreen
from strikesim.ui.screens.game.private_brief import PrivateBriefScreen
from strikesim.ui.screens.game.projection import (
    CASES,
    CHARTS,
    ProjectionData,
    ProjectionScreen,
    _in_sentence,
    compute,
)
from strikesim.ui.screens.game.table import TableScreen
from strikesim.ui.transitions import Reset
from strikesim.ui.widgets.slider import Slider

from .game_helpers import click, fast_preview, key, make_app, make_play
from .random_input import EventMix, button, malformed_click, motion, press_key, resize, wheel

SHORT, LONG = 2_000, 20_000
LENGTHS = [pytest.param(SHORT, id="short"), pytest.param(LONG, id="long", marks=pytest.mark.slow)]
"""Events per screen: the short run is in every test run; ``pytest -m slow`` adds the long
one (the same seeded stream, ten times further)."""
NAV_KEYS = [
    "tab", "return", "space", "escape", "left", "right", "up", "down", "page up", "page down",
    "p", "n", "d", "g", "r", "s", "t", "q", "y", "l", "f11", "=", "-",
]  # fmt: skip
WEEK_KEYS = ["a", "o", "h", "w", "c"]
"""Keys that play a week (each costs a real engine step and AI decision, so they are drawn
less often than the navigation keys)."""
MODS = [0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL]


_ENDED: dict[int, GamePlay] = {}


def _ended_play(side: int) -> GamePlay:
    """A finished game (accepting the other side's package from week 8 on). The screens
    after the end never change the session, so one game serves every restart."""
    if side not in _ENDED:
        play = make_play(side, 0, seed=2)
        while not play.is_over:
            legal = play.legal_moves()
            play.play(Move.ACCEPT if Move.ACCEPT in legal and play.session.week >= 8 else Move.HOLD)
        _ENDED[side] = play
    return _ENDED[side]


def _hot_seat_play() -> GamePlay:
    from strikesim.records import Seat
    from strikesim.session import Session

    from .game_helpers import wga

    return GamePlay(Session(wga(), (Seat("human"), Seat("human")), 3), autosave=False)


_PROJECTED: dict[int, ProjectionData] = {}


def _projection(ctx: Any) -> ProjectionScreen:
    play = _ended_play(0)
    if 0 not in _PROJECTED:
        _PROJECTED[0] = compute(play)
    return ProjectionScreen(ctx, play, _PROJECTED[0])


def _ratification_play() -> GamePlay:
    play = make_play(1, 2, seed=4)
    play.play(Move.ACCEPT)
    assert play.phase == Phase.RATIFICATION
    return play


SCREENS: dict[str, Callable[[Any], Screen]] = {
    "table": lambda ctx: TableScreen(ctx, (p := make_play(0, 6)), fast_preview(p)),
    "table_studio": lambda ctx: TableScreen(ctx, (p := make_play(1, 2)), fast_preview(p)),
    "table_hot_seat": lambda ctx: TableScreen(ctx, (p := _hot_seat_play()), fast_preview(p)),
    "private_brief": lambda ctx: PrivateBriefScreen(ctx, _hot_seat_play()),
    "pressure": lambda ctx: PressureScreen(ctx, make_play(0, 7)),
    "news": lambda ctx: NewsScreen(ctx, make_play(0, 12)),
    "dashboard": lambda ctx: DashboardScreen(ctx, make_play(1, 12)),
    "goals": lambda ctx: GoalsScreen(ctx, make_play(0, 12)),
    "deal": lambda ctx: DealScreen(ctx, _ratification_play()),
    "projection": _projection,
    "debrief": lambda ctx: DebriefScreen(ctx, _ended_play(1)),
}


def _week_or_nav_key(rng: random.Random, pos: tuple[int, int]) -> pygame.event.Event:
    name = rng.choice(WEEK_KEYS) if rng.random() < 0.06 else rng.choice(NAV_KEYS)
    return press_key(name, rng.choice(MODS))


def _mix(drag: bool) -> EventMix:
    return EventMix(
        20,
        [
            (0.35, motion(lambda rng: int(drag))),
            (0.47, button(pygame.MOUSEBUTTONDOWN, lambda rng: rng.choice([1, 1, 1, 2, 3, 4]))),
            (0.6, button(pygame.MOUSEBUTTONUP, lambda rng: rng.choice([1, 1, 3]))),
            (0.66, wheel),
            (0.985, _week_or_nav_key),
            (0.99, resize((2400, 1400))),
            (1.0, malformed_click),
        ],
    )


_MIXES = {False: _mix(False), True: _mix(True)}


def random_event(rng: random.Random, size: tuple[int, int], drag: bool) -> pygame.event.Event:
    """Random input; mouse motion holds the left button while ``drag``."""
    return _MIXES[drag](rng, size)


@pytest.mark.parametrize("events", LENGTHS)
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_survives_random_events(
    name: str, events: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRIKESIM_DATA_DIR", str(tmp_path / "data"))
    factory = SCREENS[name]
    app = make_app(tmp_path, factory)
    target = type(app.stack.top)
    rng = random.Random(name)
    restarts = 0
    drag = False
    for i in range(events):
        event = random_event(rng, app.ctx.size, drag)
        if event.type == pygame.MOUSEBUTTONDOWN:
            drag = True
        elif event.type == pygame.MOUSEBUTTONUP:
            drag = False
        app.handle(event)
        gone = not any(isinstance(s, target) for s in app.stack.screens)
        if app.stack.quit_requested or gone or app.ctx.settings.fullscreen:
            restarts += 1
            app.stack.quit_requested = False
            if app.ctx.settings.fullscreen:
                app.change_settings(app.ctx.settings.with_changes(fullscreen=False))
            app.apply(Reset(factory(app.ctx)))
        if i % 100 == 0:
            app.update(rng.choice([0.0, 16.0, 120.0, 400.0]))
            app.draw()
    app.update(1000.0)
    app.draw()
    assert restarts < events // 10


# --- the table ----------------------------------------------------------------------------


def test_table_controls_edit_the_draft_and_the_worth(tmp_path: Path) -> None:
    play = make_play(0, 2)
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, fast_preview(play)))
    table = app.stack.top
    assert isinstance(table, TableScreen)
    app.draw()
    before = list(play.draft)
    own_before = table.meter_own.value
    slider = table.controls[0]
    table.focus.focus(slider)
    app.handle(key("left"))
    assert play.draft[0] == before[0] - 1
    assert table.meter_own.value == pytest.approx(play.own_utility(play.draft))
    assert table.meter_own.value < own_before
    # clicking the left end of the slider's track picks the lowest level
    track = slider.track_rect()
    click(app, (track.x, track.centery))
    assert play.draft[0] == 0
    assert play.cost(play.draft) == pytest.approx(
        sum(i.cost[lv] for i, lv in zip(play.spec.issues, play.draft, strict=True))
    )
    app.handle(key("r"))
    assert play.draft == list(play.starting_draft())


def test_table_marks_the_other_sides_offer(tmp_path: Path) -> None:
    play = make_play(0, 3)
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, fast_preview(play)))
    table = app.stack.top
    assert isinstance(table, TableScreen)
    theirs = play.other_offer()
    assert theirs is not None
    for j, control in enumerate(table.controls):
        marker = next(m for m in control.markers if m.colour == "studio")
        expected = (
            play.spec.issues[j].values[theirs[j]] if isinstance(control, Slider) else theirs[j]
        )
        assert marker.value == pytest.approx(expected)


def test_preview_is_debounced_and_computed_from_the_engine(tmp_path: Path) -> None:
    play = make_play(0, 2)
    calls: list[tuple[int, ...]] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(tuple(int(x) for x in args[3]))
        from .game_helpers import cheap_preview

        return cheap_preview(*args, **kwargs)

    from strikesim.ui.screens.game.preview import OfferPreview

    preview = OfferPreview(play, spy)
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, preview))
    table = app.stack.top
    app.update(1.0)
    assert len(calls) == 1
    table.focus.focus(table.controls[0])
    for _ in range(5):
        app.handle(key("left"))
        app.update(10.0)
    assert len(calls) == 1  # still settling
    app.update(500.0)
    assert len(calls) == 2 and calls[-1] == tuple(play.draft)
    result = preview.current()
    assert result is not None and result.accept_chance is not None
    assert 0.0 <= result.accept_chance <= 1.0
    assert result.spreads and all(
        len(s.median) == len(s.low) == len(s.high) for s in result.spreads
    )
    assert all(
        lo <= mid + 1e-9 and mid <= hi + 1e-9
        for s in result.spreads
        for lo, mid, hi in zip(s.low, s.median, s.high, strict=True)
    )


def test_illegal_move_shows_the_rules_message(tmp_path: Path) -> None:
    play = make_play(1, 0)
    play.session.state.offers[0, 0] = -1  # no union offer on the table to accept
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, fast_preview(play)))
    week = play.session.week
    assert isinstance(app.stack.top, TableScreen)
    app.stack.top.make_move(Move.ACCEPT)
    assert play.session.week == week
    assert "no offer on the table" in play.last_error
    app.draw()


def test_pressure_toggles_go_into_the_weeks_decision(tmp_path: Path) -> None:
    play = make_play(0, 0)
    app = make_app(tmp_path, lambda ctx: TableScreen(ctx, play, fast_preview(play)))
    app.handle(key("p"))
    screen = app.stack.top
    assert isinstance(screen, PressureScreen)
    available = [t for t in screen.toggles if t.available]
    assert available, "the union has actions available before the strike"
    click(app, available[0].rect.center)
    assert play.pressure == {available[0].action.id}
    unavailable = [t for t in screen.toggles if not t.available]
    if unavailable:
        screen.focus.focus(unavailable[0])
        app.handle(key("return"))
        assert unavailable[0].action.id not in play.pressure
        assert "not available" in play.last_error
    app.handle(key("escape"))
    assert isinstance(app.stack.top, TableScreen)
    app.handle(key("h"))
    assert available[0].action.id in play.session.reports[-1].decisions[0].pressure
    assert play.pressure == set()


def test_news_lists_every_happening_newest_first(tmp_path: Path) -> None:
    play = make_play(0, 10)
    app = make_app(tmp_path, lambda ctx: NewsScreen(ctx, play))
    screen = app.stack.top
    assert isinstance(screen, NewsScreen)
    happenings = [h for r in play.session.reports for h in r.happenings]
    assert len(screen.feed.items) == len(happenings) > 0
    assert screen.feed.items[0].headline == happenings[-1].headline
    app.draw()
    screen.feed.handle_action("increase_big")
    assert screen.feed.scroll > 0 or screen.feed.overflow == 0


def test_dashboard_charts_every_visible_variable_with_drivers(tmp_path: Path) -> None:
    play = make_play(0, 9)
    app = make_app(tmp_path, lambda ctx: DashboardScreen(ctx, play))
    screen = app.stack.top
    assert isinstance(screen, DashboardScreen)
    charted: set[str] = set()
    for tab in screen.tab_buttons:
        screen.show(tab)
        app.draw()
        for chart in screen.charts:
            for s in chart.series:
                charted.add(s.id)
                assert len(s.ys) == len(play.session.history)
    visible = {v.id for v in play.spec.variables if v.visible_to[0]}
    assert charted == visible
    lines = screen.explain("strike_fund", 8)
    assert isinstance(lines, list)


def test_ratification_then_projection_then_debrief(tmp_path: Path) -> None:
    play = _ratification_play()
    app = make_app(tmp_path, lambda ctx: DealScreen(ctx, play))
    app.handle(key("c"))
    assert play.phase != Phase.RATIFICATION
    if play.is_over:
        app.handle(key("c"))
        assert isinstance(app.stack.top, ProjectionScreen)
        app.handle(key("c"))
        assert isinstance(app.stack.top, DebriefScreen)
        assert app.stack.top.results


@pytest.mark.parametrize("reduced", [False, True])
def test_projection_animates_unless_motion_is_reduced(reduced: bool, tmp_path: Path) -> None:
    play = _ended_play(0)
    app = make_app(tmp_path, lambda ctx: ProjectionScreen(ctx, play, _projection_data()))
    app.change_settings(app.ctx.settings.with_changes(reduced_motion=reduced))
    screen = ProjectionScreen(app.ctx, play, _projection_data())
    app.apply(Reset(screen))
    years = screen.years
    assert years >= 1

    def shown_points() -> int:
        deal = next(s for s in screen.charts[0].series if s.id == "deal")
        return sum(1 for v in deal.ys if v == v)

    if reduced:
        assert screen.shown == years and shown_points() == years + 1
    else:
        assert screen.shown == 0 and shown_points() == 1
        app.update(200.0)
        assert 1 <= shown_points() < years + 1
        for _ in range(years * 2):
            app.update(200.0)
        assert shown_points() == years + 1
    app.draw()


def _projection_data() -> ProjectionData:
    play = _ended_play(0)
    if 0 not in _PROJECTED:
        _PROJECTED[0] = compute(play)
    return _PROJECTED[0]


def test_dashboard_strip_explains_the_week_under_the_cursor(tmp_path: Path) -> None:
    play = make_play(0, 9)
    app = make_app(tmp_path, lambda ctx: DashboardScreen(ctx, play))
    screen = app.stack.top
    assert isinstance(screen, DashboardScreen)
    app.draw()
    heading, _lines = screen.breakdown()
    assert heading == "WHAT DROVE THIS"
    chart = screen.charts[0]
    screen.focus.focus(chart)
    app.handle(key("left"))  # the cursor appears on the last week, then moves back one
    app.handle(key("left"))
    assert chart.cursor is not None
    week = int(chart.xs[chart.cursor])
    heading, lines = screen.breakdown()
    assert heading.endswith(f"WEEK {week}")
    j = play.spec.var_index[chart.series[0].id]
    delta = play.session.history[week][j] - play.session.history[week - 1][j]
    assert lines[0][0].startswith(chart.series[0].label)
    assert ("−" if delta < 0 else "+") in lines[0][0].split(":")[0]
    app.draw()


def test_coinciding_projection_series_are_drawn_once_and_said_to_coincide(
    tmp_path: Path,
) -> None:
    play = _ended_play(0)
    app = make_app(tmp_path, lambda ctx: ProjectionScreen(ctx, play, _projection_data()))
    app.change_settings(app.ctx.settings.with_changes(reduced_motion=True))
    screen = ProjectionScreen(app.ctx, play, _projection_data())
    data = screen.data.projections

    for chart, (name, _, _) in zip(screen.charts, CHARTS, strict=True):
        ids = [s.id for s in chart.series]
        assert len(ids) == len(set(ids)) and "deal" in ids  # the player's deal always shows
        for s in chart.series:  # every drawn line differs from every other drawn line
            for t in chart.series:
                if s.id < t.id:
                    gap = np.abs(data[s.id].mean[name][0] - data[t.id].mean[name][0]).max()
                    assert gap > 0
        drawn = {s.id for s in chart.series}
        hidden = [c for c, _, _, _ in CASES if c in data and c not in drawn]
        labels = " ".join(s.label for s in chart.series)
        for case in hidden:  # a hidden case is named in the label of the line it coincides with
            label = next(lab for c, lab, _, _ in CASES if c == case)
            assert f"{_in_sentence(label)}" in labels and "(= " in labels
